"""Runs the steps of an end-to-end test on the real window: each step in order, a line PASS or
FAIL with its time, the traceback and a screenshot of the window when one fails."""

import os
import time
import traceback


def run_steps(steps, window, only=None, stop_on_fail=False):
    """Runs `steps` (functions of `window`) and answers (passed, failed). `only` is a comma
    list of parts of step names; `window.shot(name)` saves a screenshot."""
    passed = failed = 0
    for step in steps:
        if only and not any(o in step.__name__ for o in only.split(",")):
            continue
        name = step.__name__.removeprefix("step_")
        t0 = time.time()
        try:
            step(window)
            passed += 1
            print(f"PASS {name} ({time.time() - t0:.1f}s)", flush=True)
        except Exception:
            failed += 1
            print(f"FAIL {name}", flush=True)
            traceback.print_exc()
            try:
                window.shot("fail-" + name)
            except Exception:
                pass
            if stop_on_fail:
                break
    return passed, failed
