"""Runs the steps of an end-to-end test on the real window: each step in order, a line PASS or
FAIL with its time, the traceback and a screenshot of the window when one fails, and a summary
at the end (the last lines a CI log keeps).

When the window itself is gone during a step (the app or its web process exited: the WebDriver
session is invalid), the failure says so with the tail of the app's own output, a new window is
started on the same workspace, and that step runs once more in it. The run still reports the
lost window, loudly, in its summary; a step that fails again fails the run."""

import os
import time
import traceback

from selenium.common.exceptions import InvalidSessionIdException, NoSuchWindowException, WebDriverException


def window_alive(window):
    try:
        window.d.execute_script("return 1")
        return True
    except WebDriverException:
        return False


def app_log_tail(lines=30):
    path = os.environ.get("E2E_APP_LOG")
    if not path or not os.path.exists(path):
        return "(no app log)"
    with open(path, errors="replace") as f:
        return "".join(f.readlines()[-lines:]) or "(the app printed nothing)"


def run_steps(steps, window, only=None, stop_on_fail=False, restart=None):
    """Runs `steps` (functions of `window`) and answers (passed, failed). `only` is a comma
    list of parts of step names; `window.shot(name)` saves a screenshot; `restart()` answers a
    new window when the old one is gone."""
    passed = failed = 0
    failures, lost = [], []
    for step in steps:
        if only and not any(o in step.__name__ for o in only.split(",")):
            continue
        name = step.__name__.removeprefix("step_")
        for attempt in (1, 2):
            t0 = time.time()
            try:
                step(window)
                passed += 1
                again = " (again, in a new window)" if attempt == 2 else ""
                print(f"PASS {name}{again} ({time.time() - t0:.1f}s)", flush=True)
                break
            except Exception as error:
                dead = isinstance(error, (InvalidSessionIdException, NoSuchWindowException)) or not window_alive(window)
                print(f"FAIL {name}" + (" (the window is gone)" if dead else ""), flush=True)
                traceback.print_exc()
                if dead:
                    print("--- the app's output (last lines)\n" + app_log_tail(), flush=True)
                    lost.append(name)
                    if restart is not None and attempt == 1:
                        window = restart()
                        print(f"a new window was started; {name} runs once more", flush=True)
                        continue
                else:
                    try:
                        window.shot("fail-" + name)
                    except Exception:
                        pass
                failed += 1
                failures.append(name)
                break
        if stop_on_fail and failures:
            break
    if lost:
        print(f"THE WINDOW WAS LOST during: {', '.join(lost)}", flush=True)
    if failures:
        print(f"failed steps: {', '.join(failures)}", flush=True)
    return passed, failed
