"""Crash test of the window: kill -9 of the desktop app while it saves the generated
2,000-applet plan. Each run starts the app, edits the plan (its description), asks the engine
to save, and kills the app a random few milliseconds later. The file on disk must then be the
old text or the new one, never torn; the next start of the app must load it (and remove the
dead save's temp file). Prints "N of N old-or-new" and exits 1 on any torn file.

Environment: APP, WORKSPACE (with perf-2000), tauri-driver on 127.0.0.1:4444, DISPLAY.
CRASH_RUNS (default 8) runs.
"""

import json
import os
import random
import signal
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.support.ui import WebDriverWait

APP = os.environ["APP"]
WORKSPACE = os.environ["WORKSPACE"]
RUNS = int(os.environ.get("CRASH_RUNS", "8"))
PLAN = "perf-2000"
PATH = os.path.join(WORKSPACE, PLAN + ".json")


def session():
    options = ArgOptions()
    options.set_capability("browserName", "wry")
    options.set_capability("tauri:options", {"application": APP, "args": [WORKSPACE]})
    d = webdriver.Remote(command_executor=f"http://127.0.0.1:{os.environ.get('E2E_DRIVER_PORT', '4444')}", options=options)
    WebDriverWait(d, 30).until(lambda d: d.execute_script("return !!(window.__planwright && window.__planwright.store && window.__planwright.store.getState().workspace)"))
    return d


def app_pids():
    out = subprocess.run(["pgrep", "-f", APP], capture_output=True, text=True).stdout.split()
    return [int(p) for p in out]


def temp_files():
    return [n for n in os.listdir(WORKSPACE) if n.startswith(".planwright-tmp-")]


def main():
    rng = random.Random(9)
    good = 0
    newer = 0
    for run in range(RUNS):
        with open(PATH, "rb") as f:
            old = f.read()
        d = session()
        d.set_script_timeout(60)
        d.execute_async_script(
            "const [plan, text, done] = arguments; const s = window.__planwright.store.getState();"
            "s.openPlan(plan).then(() => window.__planwright.store.getState().edit({op: 'set_description', description: text})).then(() => done(true));",
            PLAN,
            f"crash run {run}",
        )
        pids = app_pids()
        delay = rng.uniform(0.0, 0.06)
        # Ask for the save and kill the app while the engine writes the file.
        d.execute_script("window.__planwright.store.getState().save(); return true")
        time.sleep(delay)
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        try:
            d.quit()
        except Exception:
            pass
        with open(PATH, "rb") as f:
            now = f.read()
        ok = now == old
        if not ok:
            try:
                ok = json.loads(now)["description"] == f"crash run {run}"
                newer += ok
            except ValueError:
                ok = False
        good += ok
        print(f"  run {run}: killed {delay * 1000:.0f} ms after the save; file {'old' if now == old else 'new' if ok else 'TORN'}; temp files left {len(temp_files())}")
    # The next start loads the plan and removes the dead saves' temp files.
    d = session()
    problems = d.execute_script("return window.__planwright.store.getState().workspace.problems.map(p => p.file + ': ' + p.message)")
    opened = d.execute_async_script(
        "const [plan, done] = arguments; const s = window.__planwright.store;"
        "s.getState().openPlan(plan).then(() => done(s.getState().doc ? s.getState().doc.plan.applets.length : -1));",
        PLAN,
    )
    d.quit()
    print(f"{good} of {RUNS} old-or-new ({newer} new); reopened with {opened} applets; problems {problems}; temp files left {len(temp_files())}")
    failed = good != RUNS or opened != 2000 or any(PLAN in p for p in problems) or temp_files()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
