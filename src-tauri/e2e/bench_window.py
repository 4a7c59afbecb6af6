"""Benchmarks of the real Tauri window (not a test: it prints figures and writes JSON).

Measures, in the page, with performance.now():
- the round trip of edits (move, rename, set properties) through the editor store and the
  engine, against a no-op command (`settings`) measured in the same run, on the generated
  2,000- and 100-applet plans;
- the longest requestAnimationFrame interval while the engine opens, validates, saves and
  simulates the 2,000-applet plan (the window keeps painting when commands run off the main
  thread);
- from a committed edit to the first painted frame that shows it (issue 23): a rename
  (Enter in the label field), the end of a drag (the move edit), Delete and Undo, on an applet
  in view, on the 2,000- and 100-applet plans and a sample of a few applets;
- batch what-if: a 100,000-interaction batch of the sample distribution scenario on
  voice-orders through the Batch tab's store (the longest frame interval while it runs, its
  time in the page and in the engine) against `planwright batch` of the same N, scenario and
  seed run as a process before and after it (BENCH_CLI); and the time from a batch's answer
  to the first frame with its heatmap on the 2,000-applet plan.

Needs the app built with the UI's test hooks (VITE_TEST_HOOKS=1), which expose the store:
    (cd ui && VITE_TEST_HOOKS=1 npm run build)
    cargo build --release -p planwright-desktop --features custom-protocol
    scripts/bench-window.sh            # starts Xvfb and tauri-driver, runs this file

Environment: APP, WORKSPACE (with perf-2000 and perf-100 plans), BENCH_OUT, tauri-driver on
127.0.0.1:4444.
"""

import json
import os
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.support.ui import WebDriverWait

APP = os.environ["APP"]
WORKSPACE = os.environ["WORKSPACE"]
OUT = os.environ.get("BENCH_OUT", "/tmp/planwright-bench-window.json")
N = int(os.environ.get("BENCH_N", "60"))
CLI = os.environ.get("BENCH_CLI")
BATCH_N = int(os.environ.get("BENCH_BATCH_N", "100000"))
SCENARIO = "voice-orders-distribution.json"
# BENCH_ONLY=commit,search,memory (any of them): only those figures; all by default.
ONLY = {k for k in os.environ.get("BENCH_ONLY", "").split(",") if k}


def want(figure):
    return not ONLY or figure in ONLY


SEARCH_QUERIES = ["DataRouter 1999", "a1500", "crm.example"]
# The empty window the memory is compared with (built by scripts/bench-window.sh), and how
# long each window settles before it is measured.
EMPTY_APP = os.environ.get("BENCH_EMPTY_APP")
MEMORY_SETTLE_S = 8
COMMIT_N = int(os.environ.get("BENCH_COMMIT_N", "20"))
# A sample plan of a few applets.
COMMIT_SAMPLE = "order-follow-up"

ROUND_TRIPS = """
const [plan, n, done] = arguments;
const store = window.__planwright.store;
const invoke = window.__TAURI_INTERNALS__.invoke;
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return +s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))].toFixed(2); };
const stats = (xs) => ({ n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), max: +Math.max(...xs).toFixed(2) });
(async () => {
  await store.getState().openPlan(plan);
  await new Promise((r) => setTimeout(r, 1000));
  const s = () => store.getState();
  const connector = s().doc.plan.applets.find((a) => a.kind === 'DataConnector');
  const router = s().doc.plan.applets.find((a) => a.kind === 'DataRouter');
  out = { plan, applets: s().doc.plan.applets.length, diagnostics: s().doc.diagnostics.length };
  const time = async (f) => { const xs = []; for (let i = 0; i < n; i++) { const t = performance.now(); await f(i); xs.push(performance.now() - t); } return stats(xs); };
  // The command round trip: the edit sent with its base revision, the engine's answer parsed.
  let rev = s().doc.revision;
  const edit = async (op) => { const c = await invoke('apply_edit', { plan, baseRevision: rev, op }); rev = c.revision; };
  const url = (i) => ({ ...connector.properties, url: `https://crm.example.com/$(CLID)?v=${i}` });
  out.noop = await time(() => invoke('settings'));
  out.command_move = await time((i) => edit({ op: 'move', moves: [{ id: connector.id, position: { x: connector.position.x + (i % 2 ? 30 : 0), y: connector.position.y } }] }));
  out.command_rename = await time((i) => edit({ op: 'rename', id: router.id, label: `Router renamed ${i}` }));
  out.command_set_properties = await time((i) => edit({ op: 'set_properties', id: connector.id, properties: url(i) }));
  out.noop_again = await time(() => invoke('settings'));
  // Edit to projection: through the store (queue, change applied, React's synchronous work).
  await s().closePlan(plan);
  await s().openPlan(plan);
  await new Promise((r) => setTimeout(r, 1000));
  out.store_move = await time((i) => s().edit({ op: 'move', moves: [{ id: connector.id, position: { x: connector.position.x + (i % 2 ? 30 : 0), y: connector.position.y } }] }));
  out.store_rename = await time((i) => s().edit({ op: 'rename', id: router.id, label: `Router renamed again ${i}` }));
  out.store_set_properties = await time((i) => s().edit({ op: 'set_properties', id: connector.id, properties: url(i + 1000) }));
  for (const k of Object.keys(out)) if (k.startsWith('command_') || k.startsWith('store_')) out[k].ratio_p50_to_noop = +(out[k].p50 / Math.max(out.noop.p50, out.noop_again.p50)).toFixed(2);
  return out;
})().then(done, (e) => done({ error: String(e) }));
"""

# From the call that commits an edit (what Enter, the end of a drag, Delete or Undo call) to the
# first frame painted after the window shows it: a MutationObserver sees when the DOM shows it
# ("shown"), and the time is taken in a task queued from the next frame's callback, which runs
# once that frame is painted. "floor" is the same wait with nothing to show: the window's own
# frame, which no edit can beat.
COMMIT_PAINT = """
const [plan, n, done] = arguments;
const store = window.__planwright.store;
const s = () => store.getState();
const pct = (xs, p) => { const t = [...xs].sort((a, b) => a - b); return +t[Math.min(t.length - 1, Math.floor(p / 100 * t.length))].toFixed(1); };
const stats = (xs) => ({ n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), max: +Math.max(...xs).toFixed(1) });
// When the DOM first shows it (a MutationObserver checks after each change), and then the
// first frame painted after that.
const painted = (what, shown, k) => new Promise((res, rej) => {
  const t0 = performance.now();
  let mo = null;
  const timer = setTimeout(() => { mo?.disconnect(); rej(new Error(`${what} not shown in 5 s`)); }, 5000);
  const paint = () => {
    mo?.disconnect();
    clearTimeout(timer);
    if (k) out.shown[k].push(performance.now() - t0);
    requestAnimationFrame(() => setTimeout(() => res(performance.now()), 0));
  };
  if (shown()) return paint();
  mo = new MutationObserver(() => { if (shown()) paint(); });
  mo.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
});
const settle = () => new Promise((r) => setTimeout(r, 60));
// Each run opens the plan as saved and closes it after, and its labels are its own.
let out = null;
const tag = Math.random().toString(36).slice(2, 7);
(async () => {
  await s().closePlan(plan);
  await s().openPlan(plan);
  await new Promise((r) => setTimeout(r, 1000));
  // An applet in view, at the zoom one edits at: the middle applet of the plan, focused.
  const applets = s().doc.plan.applets;
  const id = applets[Math.floor(applets.length / 2)].id;
  s().focusApplet(id);
  await new Promise((r) => setTimeout(r, 1000));
  const node = () => document.querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
  out = { plan, applets: s().doc.plan.applets.length, applet: id, zoom: +(document.querySelector('.react-flow__viewport')?.style.transform.match(/scale\(([0-9.]+)\)/)?.[1] ?? 0), floor: [], rename: [], drag_end: [], delete: [], undo: [], answered: { rename: [], drag_end: [], delete: [], undo: [] }, engine: { rename: [], drag_end: [], delete: [], undo: [] }, shown: { rename: [], drag_end: [], delete: [], undo: [] } };
  // When the engine's answer came back (the command's round trip), and when it was applied to
  // the store and rendered (the store's promise settles after React's synchronous render).
  const api = window.__planwright.api;
  const calls = { applyEdit: api.applyEdit, undo: api.undo };
  let engine = null;
  for (const [name, call] of Object.entries(calls)) api[name] = (...a) => { const p = call(...a); if (engine) { const [k, t] = engine; engine = null; p.then(() => out.engine[k].push(performance.now() - t)); } return p; };
  const answered = (k, t, p) => { engine = [k, t]; return p.then(() => out.answered[k].push(performance.now() - t)); };
  for (let i = 0; i < n; i++) {
    // The floor: from now to the next painted frame, with nothing to show.
    let t0 = performance.now();
    out.floor.push((await painted('nothing', () => true)) - t0);
    await settle();
    const label = `Renamed ${tag} ${i}.`;
    let t = performance.now();
    answered('rename', t, s().edit({ op: 'rename', id, label }));
    out.rename.push((await painted('rename', () => node()?.textContent.includes(label), 'rename')) - t);
    await settle();
    const a = s().doc.plan.applets.find((x) => x.id === id);
    const x = a.position.x + (i % 2 ? -40 : 40);
    t = performance.now();
    answered('drag_end', t, s().edit({ op: 'move', moves: [{ id, position: { x, y: a.position.y } }] }));
    out.drag_end.push((await painted('drag end', () => (node()?.style.transform ?? '').includes(`translate(${x}px`), 'drag_end')) - t);
    await settle();
    // Selected first, as a user does before pressing Delete (the Applet Manager it opens asks the
    // engine what its fields offer; a user's pause lets that answer come first).
    s().select([id]);
    await new Promise((r) => setTimeout(r, 400));
    t = performance.now();
    answered('delete', t, s().deleteSelection());
    out.delete.push((await painted('delete', () => !node(), 'delete')) - t);
    await settle();
    t = performance.now();
    answered('undo', t, s().undo());
    out.undo.push((await painted('undo', () => !!node(), 'undo')) - t);
    await settle();
  }
  out.floor = stats(out.floor);
  for (const k of ['rename', 'drag_end', 'delete', 'undo']) (out[k] = stats(out[k])), (out.answered[k] = stats(out.answered[k])), (out.shown[k] = stats(out.shown[k])), (out.engine[k] = stats(out.engine[k]));
  Object.assign(api, calls);
  await s().closePlan(plan);
  return out;
})().then(done, (e) => done({ error: String(e) }));
"""

# Search (issue 23): from a keystroke in the search box (the input event a key makes) to the
# first frame painted after its results are shown, on the workspace with the 2,000-applet plan
# open; a key every 150 ms, as one types. "engine": the search command's answer back in the page.
SEARCH_PAINT = """
const [plan, queries, done] = arguments;
const s = () => window.__planwright.store.getState();
const search = window.__planwright.search;
const api = window.__planwright.api;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (xs, p) => { const t = [...xs].sort((a, b) => a - b); return +t[Math.min(t.length - 1, Math.floor(p / 100 * t.length))].toFixed(1); };
const stats = (xs) => ({ n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), max: +Math.max(...xs).toFixed(1) });
(async () => {
  await s().closePlan(plan);
  await s().openPlan(plan);
  await sleep(1000);
  search.getState().show();
  await sleep(300);
  const input = document.getElementById('search-input');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const call = api.search;
  let t = 0;
  const engine = [], painted = [], hits = [];
  api.search = (...a) => { const p = call(...a); const t0 = t; p.then(() => engine.push(performance.now() - t0)); return p; };
  const type = (text) => new Promise((res, rej) => {
    const timer = setTimeout(() => (un(), rej(new Error(`no results for '${text}' in 5 s`))), 5000);
    const un = search.subscribe((st) => {
      if (st.query !== text) return;
      un();
      clearTimeout(timer);
      requestAnimationFrame(() => setTimeout(() => res(st.hits.length), 0));
    });
    t = performance.now();
    setValue.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  try {
    for (const q of queries)
      for (let i = 1; i <= q.length; i++) {
        const t0 = performance.now();
        hits.push(await type(q.slice(0, i)));
        painted.push(performance.now() - t0);
        await sleep(150);
      }
  } finally {
    api.search = call;
    search.getState().close();
  }
  return { plan, applets: s().doc.plan.applets.length, keystrokes: painted.length, painted: stats(painted), engine: stats(engine), hits_last: hits[hits.length - 1] };
})().then(done, (e) => done({ error: String(e) }));
"""

# Runs `work` while an rAF loop records the longest interval between two frames.
PAINTING = """
const [what, plan, done] = arguments;
const store = window.__planwright.store;
const s = () => store.getState();
const invoke = window.__TAURI_INTERNALS__.invoke;
const work = {
  command_open: async () => { await invoke('close_plan', { plan }); await invoke('open_plan', { id: plan }); },
  command_save: async () => { await invoke('save', { plan }); },
  open: async () => { await s().closePlan(plan); await s().openPlan(plan); },
  validate: async () => {
    const d = s().doc;
    const c = d.plan.applets.find((a) => a.kind === 'DataConnector');
    await s().edit({ op: 'set_properties', id: c.id, properties: { ...c.properties, url: 'https://crm.example.com/$(CLID)?paint' } });
  },
  save: async () => { await s().save(); },
  simulate: async () => { await window.__planwright.runs.getState().simulate({ scenario: await invoke('parse_scenario', { text: '{}' }) }); },
}[what];
let last = performance.now(), longest = 0, frames = 0, running = true;
const tick = (t) => { longest = Math.max(longest, t - last); last = t; frames++; if (running) requestAnimationFrame(tick); };
requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
(async () => {
  await new Promise((r) => setTimeout(r, 100));
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 100));
  running = false;
  return { what, ms: +ms.toFixed(1), longest_frame_interval_ms: +longest.toFixed(1), frames };
})().then(done, (e) => done({ error: String(e) }));
"""

# A batch through the Batch tab's store while an rAF loop records the longest frame interval;
# then, for a heatmap, the time from the answer to the first frame that painted it.
BATCH = """
const [plan, request, done] = arguments;
const p = window.__planwright;
const s = () => p.store.getState();
let last = performance.now(), running = false, intervals = [];
const tick = (t) => { if (running) intervals.push(t - last); last = t; requestAnimationFrame(tick); };
requestAnimationFrame(tick);
(async () => {
  if (s().doc?.plan.id !== plan) await s().openPlan(plan);
  await new Promise((r) => setTimeout(r, 1500));
  // Only the frames while the batch runs count (not the plan's opening).
  last = performance.now();
  running = true;
  const t0 = performance.now();
  const view = await p.batches.getState().run(plan, request);
  const ms = performance.now() - t0;
  running = false;
  if (!view) return { error: JSON.stringify(p.batches.getState().problem) };
  for (let i = 0; i < 100 && !p.heatPaintedAt; i++) await new Promise((r) => setTimeout(r, 20));
  const sorted = [...intervals].sort((a, b) => a - b);
  return { plan, n: request.n, completed: view.completed, page_ms: +ms.toFixed(1), engine_ms: view.elapsed_ms, threads: view.threads,
           longest_frame_interval_ms: +(sorted[sorted.length - 1] ?? 0).toFixed(1), p95_frame_interval_ms: +(sorted[Math.floor(sorted.length * 0.95)] ?? 0).toFixed(1),
           frames: sorted.length, heat_ms: p.heatPaintedAt ? +(p.heatPaintedAt - p.heatRequestedAt).toFixed(1) : null };
})().then(done, (e) => done({ error: String(e) }));
"""


def cli_batch(n):
    """`planwright batch` of the same plan, scenario, N and seed as a process: its wall time
    and the batch's own elapsed time."""
    t = time.perf_counter()
    out = subprocess.run(
        [CLI, "batch", "voice-orders", "--plans", WORKSPACE, "--scenario", os.path.join(WORKSPACE, "scenarios", SCENARIO), "-n", str(n), "--seed", "1",
         "--quiet", "--format", "json", "--db", os.path.join(os.path.dirname(WORKSPACE), "cli-bench.sqlite")],
        check=True, capture_output=True, text=True,
    ).stdout
    wall = (time.perf_counter() - t) * 1000
    return {"process_ms": round(wall, 1), "batch_ms": round(json.loads(out)["elapsed_s"] * 1000, 1)}


def _children():
    kids = {}
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            with open(f"/proc/{p}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        kids.setdefault(ppid, []).append(int(p))
    return kids


def mapping_kind(path, exe):
    """What a mapping of /proc/PID/smaps holds, by its path: where a process's memory goes."""
    if not path:
        return "anonymous (malloc arenas, JS and GC heaps, mmaps)"
    if path == "[heap]":
        return "[heap] (brk malloc)"
    if path.startswith("[stack"):
        return "stacks"
    if path.startswith("["):
        return "kernel ([vvar], [vdso], ...)"
    if path == exe:
        return "the program's own file"
    if "/memfd:" in path or path.startswith("/dev/shm") or path.startswith("/SYSV"):
        return "shared buffers (memfd, shm)"
    name = os.path.basename(path)
    if name.startswith(("libwebkit2gtk", "libjavascriptcoregtk", "libWPE")):
        return "WebKitGTK and JavaScriptCore libraries"
    if ".so" in name:
        return "other shared libraries (GTK, GLib, ICU, ...)"
    return "other files (fonts, locale, icons, caches)"


def pss_by_mapping(pid):
    """One process's PSS in MB, per kind of mapping (see mapping_kind), from /proc/PID/smaps."""
    out, kind = {}, None
    try:
        exe = os.path.realpath(f"/proc/{pid}/exe")
        with open(f"/proc/{pid}/smaps") as f:
            for line in f:
                head = line.split()
                if head and not head[0].endswith(":"):
                    kind = mapping_kind(" ".join(head[5:]) if len(head) > 5 else "", exe)
                elif head and head[0] == "Pss:" and kind:
                    out[kind] = out.get(kind, 0) + int(head[1])
    except OSError:
        return {}
    return {k: round(v / 1024, 1) for k, v in sorted(out.items(), key=lambda kv: -kv[1]) if v >= 512}


def tree_pss_mb(root):
    """The proportional set size (shared pages split between their users) of a process and its
    descendants (WebKitGTK's web and network processes), in MB; and each process's PSS by
    kind of mapping, to say where it goes."""
    kids, todo, each, where = _children(), [root], {}, {}
    while todo:
        pid = todo.pop()
        todo.extend(kids.get(pid, []))
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                kb = sum(int(line.split()[1]) for line in f if line.startswith("Pss:"))
            with open(f"/proc/{pid}/comm") as f:
                name = f.read().strip()
        except OSError:
            continue
        each[name] = round(each.get(name, 0) + kb / 1024, 1)
        where[name] = pss_by_mapping(pid)
    return {"pss_mb": round(sum(each.values()), 1), "processes": each, "by_mapping": where}


def pid_of(exe):
    """The running process whose executable is `exe`."""
    want = os.path.realpath(exe)
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                if os.path.realpath(f"/proc/{p}/exe") == want:
                    return int(p)
            except OSError:
                continue
    raise RuntimeError(f"no process runs {exe}")


def empty_window_pss():
    """An empty Tauri 2 window built alike (src-tauri/examples/empty_window.rs), measured the
    same way after the same settling time."""
    proc = subprocess.Popen([EMPTY_APP], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(MEMORY_SETTLE_S)
        return tree_pss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(10)


MEMORY_OPEN = """
const [plan, done] = arguments;
const s = window.__planwright.store.getState();
s.openPlan(plan).then(() => done(window.__planwright.store.getState().doc?.plan.applets.length ?? 0), (e) => done({ error: String(e) }));
"""

# Searches the open plan once, so the engine builds and keeps its search index; answers the hits.
MEMORY_SEARCH = """
const [query, done] = arguments;
window.__TAURI_INTERNALS__.invoke('search', { query }).then((hits) => done(hits.length), (e) => done({ error: String(e) }));
"""


def main():
    options = ArgOptions()
    options.set_capability("browserName", "wry")
    options.set_capability("tauri:options", {"application": APP, "args": [WORKSPACE]})
    d = webdriver.Remote(command_executor=os.environ.get("BENCH_DRIVER", "http://127.0.0.1:4444"), options=options)
    results = {"round_trips": [], "painting": [], "commit_to_paint": [], "search": []}
    try:
        WebDriverWait(d, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".plan-open"))
        WebDriverWait(d, 30).until(lambda d: d.execute_script("return !!(window.__planwright && window.__planwright.store)"))
        d.set_script_timeout(300)
        if EMPTY_APP and want("memory"):
            # Memory (issue 23): the app idle (its workspace loaded, no plan open), then with
            # the 2,000-applet plan open, beside an empty Tauri 2 window built alike.
            app = pid_of(APP)
            time.sleep(MEMORY_SETTLE_S)
            mem = results["memory"] = {"idle": tree_pss_mb(app)}
            mem["applets_open"] = d.execute_async_script(MEMORY_OPEN, "perf-2000")
            time.sleep(MEMORY_SETTLE_S)
            mem["open_2000"] = tree_pss_mb(app)
            # The same with the plan's search index built (an open document keeps it).
            mem["search_hits"] = d.execute_async_script(MEMORY_SEARCH, "a1")
            time.sleep(MEMORY_SETTLE_S)
            mem["searched_2000"] = tree_pss_mb(app)
            mem["empty_window"] = empty_window_pss()
            for k in ["idle", "open_2000", "searched_2000"]:
                mem[f"ratio_{k}_to_empty"] = round(mem[k]["pss_mb"] / mem["empty_window"]["pss_mb"], 2)
            print(json.dumps(mem))
        for _ in range(3 if want("search") else 0):
            r = d.execute_async_script(SEARCH_PAINT, "perf-2000", SEARCH_QUERIES)
            results["search"].append(r)
            print(json.dumps(r))
        for plan in ["perf-100", "perf-2000"] if want("round_trips") else []:
            r = d.execute_async_script(ROUND_TRIPS, plan, N)
            results["round_trips"].append(r)
            print(json.dumps(r))
        for plan in [COMMIT_SAMPLE, "perf-100", "perf-2000"] if want("commit") else []:
            for _ in range(3):
                r = d.execute_async_script(COMMIT_PAINT, plan, COMMIT_N)
                results["commit_to_paint"].append(r)
                print(json.dumps(r))
        for what in [] if not want("painting") else ["command_open", "command_save", "open", "validate", "save", "simulate"]:
            r = d.execute_async_script(PAINTING, what, "perf-2000")
            results["painting"].append(r)
            print(json.dumps(r))
        if CLI and want("batch"):
            batches = results["batch"] = {"cli_before": [], "app": [], "cli_after": []}
            for _ in range(3):
                batches["cli_before"].append(cli_batch(BATCH_N))
            for _ in range(3):
                r = d.execute_async_script(BATCH, "voice-orders", {"scenario": SCENARIO, "n": BATCH_N, "seed": 1})
                batches["app"].append(r)
                print(json.dumps(r))
            for _ in range(3):
                batches["cli_after"].append(cli_batch(BATCH_N))
            med = lambda xs: sorted(xs)[len(xs) // 2]
            cli = med([c["process_ms"] for c in batches["cli_before"] + batches["cli_after"]])
            cli_batch_ms = med([c["batch_ms"] for c in batches["cli_before"] + batches["cli_after"]])
            app = med([a["page_ms"] for a in batches["app"]])
            app_engine = med([a["engine_ms"] for a in batches["app"]])
            batches["ratio_app_page_to_cli_process"] = round(app / cli, 2)
            batches["ratio_app_engine_to_cli_batch"] = round(app_engine / cli_batch_ms, 2)
            print(json.dumps({k: v for k, v in batches.items() if k.startswith("ratio")}), "cli process", cli, "ms; cli batch", cli_batch_ms, "ms; app page", app, "ms; app engine", app_engine, "ms")
            long = d.execute_async_script(BATCH, "voice-orders", {"scenario": SCENARIO, "n": 10 * BATCH_N, "seed": 1})
            batches["app_long"] = long
            print(json.dumps(long))
            heat = results["heat_2000"] = []
            for _ in range(3):
                r = d.execute_async_script(BATCH, "perf-2000", {"scenario": "", "n": 10000, "seed": 1})
                heat.append(r)
                print(json.dumps(r))
    finally:
        d.quit()
    with open(OUT, "w") as f:
        json.dump(results, f, indent=2)
    print("written", OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
