"""Benchmarks of the real Tauri window (not a test: it prints figures and writes JSON).

Measures, in the page, with performance.now():
- the round trip of edits (move, rename, set properties) through the editor store and the
  engine, against a no-op command (`settings`) measured in the same run, on the generated
  2,000- and 100-applet plans;
- the longest requestAnimationFrame interval while the engine opens, validates, saves and
  simulates the 2,000-applet plan (the window keeps painting when commands run off the main
  thread).

Needs the app built with the UI's test hooks (VITE_TEST_HOOKS=1), which expose the store:
    (cd ui && VITE_TEST_HOOKS=1 npm run build)
    cargo build --release -p planwright-desktop --features custom-protocol
    scripts/bench-window.sh            # starts Xvfb and tauri-driver, runs this file

Environment: APP, WORKSPACE (with perf-2000 and perf-100 plans), BENCH_OUT, tauri-driver on
127.0.0.1:4444.
"""

import json
import os
import sys

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.support.ui import WebDriverWait

APP = os.environ["APP"]
WORKSPACE = os.environ["WORKSPACE"]
OUT = os.environ.get("BENCH_OUT", "/tmp/planwright-bench-window.json")
N = int(os.environ.get("BENCH_N", "60"))

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
  const out = { plan, applets: s().doc.plan.applets.length, diagnostics: s().doc.diagnostics.length };
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
  simulate: async () => { await s().simulate({ clid: '+447700900123', dialed_number: '+448001234567', language: 'en-GB', outcome: '', start: '2026-01-05T10:00:00+00:00', connectors: '', live: '' }); },
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


def main():
    options = ArgOptions()
    options.set_capability("browserName", "wry")
    options.set_capability("tauri:options", {"application": APP, "args": [WORKSPACE]})
    d = webdriver.Remote(command_executor=os.environ.get("BENCH_DRIVER", "http://127.0.0.1:4444"), options=options)
    results = {"round_trips": [], "painting": []}
    try:
        WebDriverWait(d, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".plan-open"))
        WebDriverWait(d, 30).until(lambda d: d.execute_script("return !!(window.__planwright && window.__planwright.store)"))
        d.set_script_timeout(300)
        for plan in ["perf-100", "perf-2000"]:
            r = d.execute_async_script(ROUND_TRIPS, plan, N)
            results["round_trips"].append(r)
            print(json.dumps(r))
        for what in ["command_open", "command_save", "open", "validate", "save", "simulate"]:
            r = d.execute_async_script(PAINTING, what, "perf-2000")
            results["painting"].append(r)
            print(json.dumps(r))
    finally:
        d.quit()
    with open(OUT, "w") as f:
        json.dump(results, f, indent=2)
    print("written", OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
