#!/usr/bin/python3
"""The runs and the report of scripts/bench-canvas.sh (run that script: it builds the pages
first).

Runs the React Flow baseline's WebKitGTK harness (measure_webkitgtk.py, scripted input) on
plain React Flow and on Planwright's canvas benchmark page, at 100 and 2,000 applets, in two
passes in opposite order (baseline first, then Planwright first, each with N in the opposite
order too), and prints per pass and view the medians and the ratios against plain React Flow
at 100 nodes measured in the same pass. Ratios above 1.0 are marked: Planwright at 2,000
applets is meant to be no slower than plain React Flow at 100.
"""
import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time

PAGES = ("baseline", "planwright")
NS = (100, 2000)
METRICS = (
    ("ready", lambda s: s["readyMs"]),
    ("drag p50", lambda s: s["drag"]["p50"]),
    ("drag p95", lambda s: s["drag"]["p95"]),
    ("pan p50", lambda s: s["pan"]["p50"]),
    ("pan p95", lambda s: s["pan"]["p95"]),
)
# The ratios printed: (label, numerator, denominator); the first two are the ones the issue
# asks for, the third shows the gain over plain React Flow of the same size.
RATIOS = (
    ("Planwright@2000 ÷ baseline@100", ("planwright", 2000), ("baseline", 100)),
    ("Planwright@100 ÷ baseline@100", ("planwright", 100), ("baseline", 100)),
    ("Planwright@2000 ÷ baseline@2000", ("planwright", 2000), ("baseline", 2000)),
)
LABEL = {"baseline": "baseline", "planwright": "Planwright"}
FLAG = "  <-- ratio > 1.0"


def key(page, n, view):
    return f"{page}@{n}/{view}"


class BusyWatch:
    """Polls the busy file during a pass: if it ever exists, the pass does not count."""

    def __init__(self, path):
        self.path, self.seen, self._stop = path, False, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.wait(2):
            if os.path.exists(self.path):
                self.seen = True

    def __enter__(self):
        self.seen = os.path.exists(self.path)
        self._thread.start()
        return self

    def __exit__(self, *_):
        self._stop.set()
        self._thread.join()
        self.seen = self.seen or os.path.exists(self.path)


def wait_quiet(busy_file, max_load):
    said = False
    while True:
        load = os.getloadavg()[0]
        busy = os.path.exists(busy_file)
        if not busy and load < max_load:
            return
        if not said:
            print(f"bench-canvas: waiting for a quiet machine (load {load:.2f}, {busy_file} "
                  f"{'exists' if busy else 'absent'}); polling every 30 s", flush=True)
            said = True
        time.sleep(30)


def run_harness(a, page, ns, out_path, log):
    dist = a.baseline_dist if page == "baseline" else a.planwright_dist
    cmd = [
        "/usr/bin/python3", os.path.join(a.harness, "measure_webkitgtk.py"),
        "--ns", ",".join(str(n) for n in ns), "--views", ",".join(a.views),
        "--inputs", "scripted", "--repeat", str(a.repeats), "--ms", str(a.ms),
        "--dist", dist, "--display", a.display, "--out", out_path,
    ]
    print(f"  {LABEL[page]} N={','.join(map(str, ns))}: {' '.join(cmd[1:])}", flush=True)
    log.write(f"$ {' '.join(cmd)}\n")
    log.flush()
    p = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=a.harness)
    if p.returncode != 0 or not os.path.exists(out_path):
        raise RuntimeError(f"the harness failed on {page} (exit {p.returncode}); see {log.name}")
    d = json.load(open(out_path))
    if d.get("errors"):
        raise RuntimeError(f"the harness reported errors on {page}: {d['errors']}")
    return d


def fmt_value(x):
    return f"{x:.0f}" if isinstance(x, (int, float)) else "—"


def above_one(x):
    """A ratio above 1.0 as printed (1.004 reads 1.00 and is not marked)."""
    return x is not None and round(x, 2) > 1.0


def fmt_ratio(x):
    return f"{x:.2f}×" + (" !" if above_one(x) else "") if isinstance(x, (int, float)) else "—"


def ratios_of(summary, view):
    out = {}
    for label, num, den in RATIOS:
        a, b = summary.get(key(*num, view)), summary.get(key(*den, view))
        if a and b:
            out[label] = {m: round(f(a) / f(b), 3) if f(b) else None for m, f in METRICS}
    return out


def table(rows, first="ready"):
    """rows: [(label, [cells], flagged)] -> Markdown-ish table lines."""
    head = ["", first, *[m for m, _ in METRICS[1:]]]
    width = [max(len(head[0]), *(len(r[0]) for r in rows))] + [
        max(9, len(h), *(len(r[1][i]) for r in rows)) for i, h in enumerate(head[1:])]
    line = lambda cells: "| " + " | ".join(  # noqa: E731
        c.ljust(width[0]) if i == 0 else c.rjust(width[i]) for i, c in enumerate(cells)) + " |"
    out = [line(head), "|" + "|".join(("-" * (w + 2)) if i == 0 else ("-" * (w + 1) + ":")
                                      for i, w in enumerate(width)) + "|"]
    for label, cells, flagged in rows:
        out.append(line([label, *cells]) + (FLAG if flagged else ""))
    return out


def pass_table(summary, ratios, view):
    rows = []
    for page in PAGES:
        for n in NS:
            s = summary.get(key(page, n, view))
            if s:
                rows.append((f"{LABEL[page]}@{n}", [fmt_value(f(s)) for _, f in METRICS], False))
    for label, r in ratios.items():
        vals = [r[m] for m, _ in METRICS]
        rows.append((label, [fmt_ratio(v) for v in vals],
                     label != RATIOS[2][0] and any(above_one(v) for v in vals)))
    return table(rows)


def span(xs, f):
    xs = [x for x in xs if isinstance(x, (int, float))]
    if not xs:
        return "—"
    lo, hi = f(min(xs)), f(max(xs))
    return lo if lo == hi else f"{lo}–{hi}"


def combined_table(passes, view):
    """The issue's table: per row, the range over the passes."""
    rows = []
    for page, n in (("baseline", 100), ("planwright", 2000), ("baseline", 2000), ("planwright", 100)):
        vals = [[f(p["summary"][key(page, n, view)]) for p in passes if key(page, n, view) in p["summary"]]
                for _, f in METRICS]
        rows.append((f"{LABEL[page]}@{n}", [span(v, lambda x: f"{x:.0f}") for v in vals], False))
    for label, _, _ in RATIOS:
        vals = [[p["ratios"][view][label][m] for p in passes if label in p["ratios"].get(view, {})]
                for m, _ in METRICS]
        flagged = label != RATIOS[2][0] and any(above_one(x) for v in vals for x in v)
        rows.append((label, [span(v, lambda x: f"{x:.2f}") + ("×" if v else "")
                             + (" !" if any(above_one(x) for x in v) else "") for v in vals], flagged))
    return table(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--harness", help="the built copy of shared/perf/reactflow-baseline")
    ap.add_argument("--baseline-dist")
    ap.add_argument("--planwright-dist")
    ap.add_argument("--display", default=":95")
    ap.add_argument("--default-out")
    ap.add_argument("--out", help="where the JSON of the run goes")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--views", default="fit,1")
    ap.add_argument("--ms", type=int, default=2000)
    ap.add_argument("--wait-quiet", action="store_true")
    ap.add_argument("--max-load", type=float, default=1.0)
    ap.add_argument("--wait-quiet-only", action="store_true", help="only wait for a quiet machine")
    ap.add_argument("--window-json", action="append", default=[],
                    help="the real window's figures of one run (e2e step performance_2000_applets)")
    a = ap.parse_args()
    busy_file = os.environ.get("BENCH_BUSY_FILE", "/tmp/planwright-cpu-busy")
    if a.wait_quiet_only:
        wait_quiet(busy_file, a.max_load)
        return 0
    if not (a.harness and a.baseline_dist and a.planwright_dist and a.default_out):
        ap.error("--harness, --baseline-dist, --planwright-dist and --default-out are needed")
    a.views = [v for v in a.views.split(",") if v]
    if not set(a.views) <= {"fit", "1"} or a.repeats < 1:
        ap.error("--views takes fit and/or 1; --repeats at least 1")
    out_dir = os.path.abspath(a.out or a.default_out)

    work = tempfile.mkdtemp(prefix="bench-canvas.")
    log = open(os.path.join(work, "harness.log"), "w")
    orders = [
        [("baseline", NS), ("planwright", NS)],
        [("planwright", NS[::-1]), ("baseline", NS[::-1])],
    ]
    passes, harness_meta = [], {}
    started = None
    try:
        for i, order in enumerate(orders, 1):
            while True:
                if a.wait_quiet:
                    wait_quiet(busy_file, a.max_load)
                load_before = os.getloadavg()[0]
                started = started or time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
                print(f"bench-canvas: pass {i} of 2 ({' then '.join(LABEL[p] for p, _ in order)}), "
                      f"load {load_before:.2f}", flush=True)
                files, summary = {}, {}
                t0 = time.time()
                with BusyWatch(busy_file) as watch:
                    for page, ns in order:
                        name = f"pass{i}-{page}.json"
                        d = run_harness(a, page, ns, os.path.join(work, name), log)
                        files[page] = name
                        harness_meta = {k: d.get(k) for k in ("webkitgtkVersion", "userAgent", "hardwareAccelerationPolicy",
                                                               "viewport", "versions", "gestureMs", "repeats", "notes")}
                        for s in d["summary"]:
                            summary[key(page, s["n"], s["view"])] = s
                if watch.seen and a.wait_quiet:
                    print(f"bench-canvas: {busy_file} appeared during pass {i}; it is discarded and run again",
                          flush=True)
                    continue
                break
            p = {
                "pass": i,
                "order": [f"{LABEL[page]}@{n}" for page, ns in order for n in ns],
                "seconds": round(time.time() - t0),
                "loadBefore": round(load_before, 2),
                "loadAfter": round(os.getloadavg()[0], 2),
                "busyFileSeen": watch.seen,
                "files": files,
                "summary": summary,
                "ratios": {view: ratios_of(summary, view) for view in a.views},
            }
            passes.append(p)
            for view in a.views:
                print(f"\npass {i} ({' → '.join(p['order'])}), view {view}, WebKitGTK "
                      f"{harness_meta.get('webkitgtkVersion')}, scripted input, medians of {a.repeats}, ms:")
                print("\n".join(pass_table(summary, p["ratios"][view], view)))
            if load_before >= a.max_load or watch.seen:
                print(f"\nNOTE: the machine was busy during pass {i} (load {load_before:.2f} before it"
                      f"{', busy file seen' if watch.seen else ''}): its figures are for debugging only.")
            print(flush=True)
    except (RuntimeError, KeyboardInterrupt) as e:
        print(f"bench-canvas: {e}", file=sys.stderr)
        print(f"bench-canvas: harness log kept in {log.name}", file=sys.stderr)
        return 1
    finally:
        log.close()

    previous = None
    prev_path = os.path.join(out_dir, "bench-canvas.json")
    if os.path.exists(prev_path):
        try:
            previous = json.load(open(prev_path))
        except ValueError:
            previous = None

    print("=" * 100)
    print(f"Both passes (range over the 2 passes), WebKitGTK {harness_meta.get('webkitgtkVersion')}, "
          f"scripted input, medians of {a.repeats}, ms. '!' marks a ratio above 1.0.")
    for view in a.views:
        print(f"\nview {view}:")
        print("\n".join(combined_table(passes, view)))
    window = window_summary(a.window_json)
    if window:
        print(f"\nThe real window (release build, WebDriver, e2e step performance_2000_applets, 2,000 applets, "
              f"median of {window['runs']} run(s)); ratios against baseline@100 of the view (mean of the passes):")
        rows = []
        for view, name in (("fit", "fit"), ("1", "zoom1")):
            w = window[name]
            rows.append((f"window@2000 {'fit' if view == 'fit' else 'zoom 1'}",
                         [fmt_value(window["first_paint_ms"]) if view == "fit" else "",
                          *(fmt_value(w[g][q]) for g in ("drag", "pan") for q in ("p50", "p95"))], False))
            base = [p["summary"][key("baseline", 100, view)] for p in passes if key("baseline", 100, view) in p["summary"]]
            if base:
                mean = {m: sum(f(b) for b in base) / len(base) for m, f in METRICS}
                vals = [None, *(w[g][q] / mean[f"{g} {q}"] for g in ("drag", "pan") for q in ("p50", "p95"))]
                rows.append(("  ÷ baseline@100", [fmt_ratio(v) if v is not None else "" for v in vals],
                             any(above_one(v) for v in vals)))
        print("\n".join(table(rows, first="first paint")))
        print("(first paint: click on the plan → first frame after its applets are measured)")

    if previous and previous.get("passes"):
        print(f"\nAgainst the previous run in {prev_path} ({previous.get('date')}), "
              f"Planwright@2000 ÷ baseline@100, mean of its passes → this run:")
        label = RATIOS[0][0]
        for view in a.views:
            def mean(ps):
                rs = [p["ratios"].get(view, {}).get(label) for p in ps]
                rs = [r for r in rs if r]
                return {m: sum(r[m] for r in rs) / len(rs) for m, _ in METRICS} if rs else None
            old, new = mean(previous["passes"]), mean(passes)
            if old and new:
                print(f"  view {view}: " + ", ".join(f"{m} {old[m]:.2f} → {new[m]:.2f}" for m, _ in METRICS))

    os.makedirs(out_dir, exist_ok=True)
    for p in passes:
        for name in p["files"].values():
            shutil.copy(os.path.join(work, name), os.path.join(out_dir, name))
    shutil.copy(os.path.join(work, "harness.log"), os.path.join(out_dir, "harness.log"))
    for i, path in enumerate(a.window_json, 1):
        shutil.copy(path, os.path.join(out_dir, f"window-{i}.json"))
    result = {
        "what": "scripts/bench-canvas.sh: plain React Flow (baseline) and Planwright's canvas benchmark page "
                "through the baseline's WebKitGTK harness, back to back, two passes in opposite order",
        "date": started,
        "args": {"repeats": a.repeats, "views": a.views, "gestureMs": a.ms, "waitQuiet": a.wait_quiet},
        "machine": {
            "cpus": os.cpu_count(),
            "cpuModel": cpu_model(),
            "os": os_release(),
            "node": subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip(),
        },
        "commit": git_commit(),
        "harness": harness_meta,
        "passes": passes,
        "window": window,
    }
    with open(prev_path, "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    shutil.rmtree(work, ignore_errors=True)
    print(f"\nwrote {prev_path} (and each pass's harness output beside it)")
    return 0


def window_summary(paths):
    """Medians over the window runs of first paint and the drag and pan frame intervals."""
    runs = [json.load(open(p)) for p in paths]
    if not runs:
        return None

    def med(xs):
        xs = sorted(xs)
        m = len(xs) // 2
        return xs[m] if len(xs) % 2 else (xs[m - 1] + xs[m]) / 2

    out = {"runs": len(runs), "first_paint_ms": med([r["first_paint_ms"] for r in runs]),
           "ipc_open_ms": med([r["ipc_open_ms"] for r in runs]),
           "zoom1_zoom": runs[0]["zoom1"]["zoom"]}
    for name in ("fit", "zoom1"):
        out[name] = {g: {q: med([r[name][g]["frames"][q] for r in runs]) for q in ("p50", "p95", "max")}
                     for g in ("drag", "pan")}
    out["each"] = [{"first_paint_ms": r["first_paint_ms"],
                    **{f"{name} {g} {q}": r[name][g]["frames"][q] for name in ("fit", "zoom1")
                       for g in ("drag", "pan") for q in ("p50", "p95")}} for r in runs]
    return out


def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.machine()


def os_release():
    try:
        for line in open("/etc/os-release"):
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return platform.platform()


def git_commit():
    r = subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True)
    return r.stdout.strip() or None


if __name__ == "__main__":
    sys.exit(main())
