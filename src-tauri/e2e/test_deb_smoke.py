"""Smoke test of the INSTALLED desktop app (scripts/test-deb.sh, after `apt-get install` of the
.deb): starts /usr/bin/planwright-desktop with no folder argument, as the desktop menu does,
through tauri-driver and WebKitWebDriver, and checks what a user sees on the first start:

- the window opens on the user's workspace, $HOME/.local/share/planwright/plans, seeded from
  the installed samples (/usr/share/planwright/plans): the plan directory lists exactly the
  sample plans, and the files on disk are the samples' bytes;
- opening a sample plan shows its applets on the canvas;
- the app users run carries no test hooks (`window.__planwright` is not there);
- a second start leaves the user's files alone (an edited file stays edited).

The app takes HOME from tauri-driver's environment: test-deb.sh points it at a temp folder.
Each step prints PASS or FAIL; the run ends with "N passed, M failed". Screenshots go to
$E2E_SHOTS/deb-*.png (via ImageMagick's `import`).

Environment: APP (/usr/bin/planwright-desktop), SAMPLES (/usr/share/planwright/plans),
APP_HOME (the HOME tauri-driver was started with), E2E_SHOTS, DISPLAY, and tauri-driver on
127.0.0.1:$E2E_DRIVER_PORT.
"""

import glob
import json
import os
import subprocess
import sys
import time

from selenium import webdriver
from steps import run_steps
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.support.ui import WebDriverWait

APP = os.environ.get("APP", "/usr/bin/planwright-desktop")
SAMPLES = os.environ.get("SAMPLES", "/usr/share/planwright/plans")
HOME = os.environ["APP_HOME"]
SHOTS = os.environ.get("E2E_SHOTS", "/tmp/planwright-shots")
WORKSPACE = os.path.join(HOME, ".local/share/planwright/plans")
STORE = os.path.join(HOME, ".local/share/planwright/runs.sqlite3")
PLAN = "voice-orders"
EXISTED_BEFORE = None
os.makedirs(SHOTS, exist_ok=True)


def sample_plans():
    """The sample plans' ids and names, read from the installed files (not from the app)."""
    plans = {}
    for path in glob.glob(os.path.join(SAMPLES, "*.json")):
        with open(path) as f:
            doc = json.load(f)
        if isinstance(doc, dict) and "applets" in doc and "id" in doc:
            plans[doc["id"]] = doc
    return plans


def files_under(root):
    out = {}
    for folder, _, names in os.walk(root):
        for n in names:
            p = os.path.join(folder, n)
            with open(p, "rb") as f:
                out[os.path.relpath(p, root)] = f.read()
    return out


class Window:
    def __init__(self):
        options = ArgOptions()
        options.set_capability("browserName", "wry")
        # No "args": the menu starts the app with no folder.
        options.set_capability("tauri:options", {"application": APP})
        port = os.environ.get("E2E_DRIVER_PORT", "4444")
        self.d = webdriver.Remote(command_executor=f"http://127.0.0.1:{port}", options=options)
        self.wait = WebDriverWait(self.d, 30, poll_frequency=0.1, ignored_exceptions=[NoSuchElementException, StaleElementReferenceException])

    def quit(self):
        try:
            self.d.quit()
        except Exception:
            pass

    def listed_plans(self):
        """The plan directory's entries: id → the file it shows (the button's data-file)."""
        self.wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".plan-list .plan-open[data-plan]"))
        return self.d.execute_script(
            "return Object.fromEntries([...document.querySelectorAll('.plan-list .plan-open[data-plan]')].map(b => [b.dataset.plan, b.dataset.file]))"
        )

    def shot(self, name):
        path = os.path.join(SHOTS, f"deb-{name}.png")
        self.d.execute_async_script("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()))")
        subprocess.run(["import", "-window", "root", path], check=True)
        return path


def step_first_start_seeds_the_users_workspace(w):
    assert not EXISTED_BEFORE, f"{WORKSPACE} existed before the first start"
    samples = sample_plans()
    assert samples, f"no sample plans in {SAMPLES}"
    listed = w.listed_plans()
    assert set(listed) == set(samples), f"listed {sorted(listed)}, samples {sorted(samples)}"
    for plan_id, file in listed.items():
        assert os.path.realpath(file).startswith(os.path.realpath(WORKSPACE) + os.sep), f"{plan_id} comes from {file}, not {WORKSPACE}"
    assert files_under(WORKSPACE) == files_under(SAMPLES), "the seeded workspace differs from the installed samples"
    names = w.d.execute_script("return [...document.querySelectorAll('.plan-list .plan-name')].map(n => n.textContent)")
    assert sorted(names) == sorted(p["name"] for p in samples.values()), names
    assert os.path.exists(STORE), f"no run store at {STORE}"
    w.shot("directory")


def step_no_test_hooks_in_the_installed_app(w):
    hooks = w.d.execute_script("return ['__planwright', '__scripted', '__counters', '__edgeLayerMs'].filter(k => k in window)")
    assert hooks == [], f"test hooks in the installed app: {hooks}"


def step_opening_a_sample_shows_its_applets(w):
    plan = sample_plans()[PLAN]
    w.d.find_element(By.CSS_SELECTOR, f'.plan-open[data-plan="{PLAN}"]').click()
    w.wait.until(lambda d: plan["name"] in d.find_element(By.ID, "doc-title").text)
    ids = sorted(a["id"] for a in plan["applets"])
    shown = lambda: sorted(w.d.execute_script("return [...document.querySelectorAll('.react-flow__node[data-id]')].map(n => n.dataset.id)"))
    w.wait.until(lambda d: shown() == ids)
    labels = w.d.execute_script("return [...document.querySelectorAll('.react-flow__node .applet__title')].map(t => t.textContent.trim())")
    for a in plan["applets"]:
        assert any(a["label"] in t for t in labels), f"{a['id']} ({a['label']}) is not on the canvas: {labels}"
    # The applets are painted: each has a size on screen.
    sizes = w.d.execute_script("return [...document.querySelectorAll('.react-flow__node[data-id]')].map(n => { const r = n.getBoundingClientRect(); return r.width * r.height; })")
    assert all(s > 0 for s in sizes), sizes
    assert "current" in w.d.find_element(By.CSS_SELECTOR, f'.plan-open[data-plan="{PLAN}"]').find_element(By.XPATH, "..").get_attribute("class")
    w.shot(PLAN)


def step_second_start_keeps_the_users_files(w):
    """Run last: edits a seeded file on disk, starts the app again, and finds the edit kept."""
    path = os.path.join(WORKSPACE, "chat-support.json")
    with open(path) as f:
        doc = json.load(f)
    doc["name"] = "My chat support"
    with open(path, "w") as f:
        f.write(json.dumps(doc, indent=2, sort_keys=True) + "\n")
    os.remove(os.path.join(WORKSPACE, "order-follow-up.json"))
    w.quit()
    again = Window()
    try:
        listed = again.listed_plans()
        assert "order-follow-up" not in listed, "a deleted sample came back"
        names = again.d.execute_script("return [...document.querySelectorAll('.plan-list .plan-name')].map(n => n.textContent)")
        assert "My chat support" in names, names
        with open(path) as f:
            assert json.load(f)["name"] == "My chat support"
    finally:
        again.quit()


STEPS = [
    step_first_start_seeds_the_users_workspace,
    step_no_test_hooks_in_the_installed_app,
    step_opening_a_sample_shows_its_applets,
    step_second_start_keeps_the_users_files,
]


def main():
    global EXISTED_BEFORE
    EXISTED_BEFORE = os.path.exists(WORKSPACE) or os.path.exists(STORE)
    w = Window()
    try:
        passed, failed = run_steps(STEPS, w)
    finally:
        w.quit()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
