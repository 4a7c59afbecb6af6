// The in-page performance contract of the React Flow peer baseline harness
// (shared/perf/reactflow-baseline: window.__ready, __readyDetail, __whenReady, __frames,
// __pickDragPoint, __pickPanPoint, __counters, __config, __scripted, __runAuto), written
// for Planwright's canvas so both pages run through the same harness.
import type { CanvasControls, PerfCounters } from '../features/canvas/PlanCanvas';

export interface ReadyDetail {
  readyMs: number;
  nodesInitializedMs: number;
  completeFrameMs: number;
  domNodes: number;
  domEdges: number;
  miniNodes: number;
  zoom: number;
}

export interface FrameStats {
  frames: number;
  durationMs: number;
  fps: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
  over33: number;
}

type Point = { x: number; y: number; target: string };

const params = new URLSearchParams(location.search);
export const config = {
  n: Math.max(1, Math.min(50000, Number(params.get('n') ?? 2000) || 2000)),
  e: 0,
  view: params.get('view') === '1' ? '1' : 'fit',
  auto: params.get('auto') === '1',
  gestureMs: Number(params.get('ms') ?? 2000) || 2000,
  minimap: params.get('minimap') !== '0',
  edges: params.get('edges') !== '0',
};
export const counters: PerfCounters = { positionChanges: 0, viewportChanges: 0 };

let resolveReady!: (d: ReadyDetail) => void;
export const whenReady = new Promise<ReadyDetail>((r) => (resolveReady = r));

declare global {
  interface Window {
    __ready?: number;
    __readyDetail?: ReadyDetail;
    __whenReady?: Promise<ReadyDetail>;
    __counters?: PerfCounters;
    __config?: unknown;
    __frames?: { start: () => void; stop: () => Promise<FrameStats & { intervals: number[] }> };
    __frameStats?: (i: number[]) => FrameStats;
    __pickDragPoint?: () => Point;
    __pickPanPoint?: () => Point;
    __scripted?: (kind: 'drag' | 'pan', ms: number) => Promise<unknown>;
    __runAuto?: () => Promise<unknown>;
    webkit?: { messageHandlers?: Record<string, { postMessage: (m: unknown) => void }> };
  }
}

export function markReady(detail: ReadyDetail): void {
  if (window.__ready !== undefined) return;
  window.__readyDetail = detail;
  window.__ready = detail.readyMs;
  resolveReady(detail);
}

export function frameStats(intervals: number[]): FrameStats {
  const sorted = [...intervals].sort((a, b) => a - b);
  const pct = (p: number) => (sorted.length ? sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] : NaN);
  const sum = intervals.reduce((a, b) => a + b, 0);
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    frames: intervals.length,
    durationMs: r(sum),
    fps: r(sum > 0 ? (intervals.length * 1000) / sum : 0),
    p50: r(pct(0.5)),
    p95: r(pct(0.95)),
    max: r(sorted.length ? sorted[sorted.length - 1] : NaN),
    mean: r(intervals.length ? sum / intervals.length : NaN),
    over33: intervals.filter((x) => x > 33.4).length,
  };
}

/** Frame intervals between rAF callbacks; stop() counts the interval up to the next frame. */
export function frameRecorder() {
  let raf = 0;
  let prev = -1;
  let intervals: number[] = [];
  const tick = (t: number) => {
    if (prev >= 0) intervals.push(t - prev);
    prev = t;
    raf = requestAnimationFrame(tick);
  };
  return {
    start() {
      cancelAnimationFrame(raf);
      prev = -1;
      intervals = [];
      raf = requestAnimationFrame(tick);
    },
    stop(): Promise<FrameStats & { intervals: number[] }> {
      cancelAnimationFrame(raf);
      return new Promise((resolve) =>
        requestAnimationFrame((t) => {
          if (prev >= 0) intervals.push(t - prev);
          resolve({ ...frameStats(intervals), intervals });
        }),
      );
    },
  };
}

const dragOffset = (t: number) => {
  const th = (2 * Math.PI * t) / 1000;
  return { dx: 100 * Math.sin(th), dy: 100 * (1 - Math.cos(th)) };
};
const panOffset = (t: number) => {
  const th = (2 * Math.PI * t) / 2000;
  return { dx: 250 * Math.sin(th), dy: 120 * Math.sin(2 * th) };
};

let canvas: { current: CanvasControls | null } | null = null;

/** The canvas whose applets the drag gesture picks from (the page's PlanCanvas controls). */
export function setCanvasControls(controls: { current: CanvasControls | null }): void {
  canvas = controls;
}

/**
 * The centre of the title of the applet nearest the viewport centre. Zoomed far out the
 * canvas mounts only the applet under the pointer, so it is found from the canvas's geometry;
 * a pointer moving there (a real one, or `scripted`'s first move) mounts it before the press.
 */
export function pickDragPoint(): Point {
  const cx = window.innerWidth / 2;
  const cy = window.innerHeight / 2;
  const near = canvas?.current?.appletNear(cx, cy);
  if (near) return { x: near.x, y: near.y, target: near.id };
  let best: { el: Element; d: number } | null = null;
  for (const el of document.querySelectorAll('.react-flow__node')) {
    const r = el.getBoundingClientRect();
    const d = Math.hypot(r.left + r.width / 2 - cx, r.top + r.height / 2 - cy);
    if (!best || d < best.d) best = { el, d };
  }
  if (!best) throw new Error('no node in DOM');
  const r = (best.el.querySelector('.applet__title') ?? best.el).getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2, target: best.el.getAttribute('data-id') ?? '?' };
}

/** Waits until the applet under a point is in the DOM (the canvas mounts it on hover). */
async function pressable(p: Point): Promise<void> {
  for (let i = 0; i < 30; i++) {
    const hit = document.elementFromPoint(p.x, p.y);
    if (hit?.closest('.react-flow__node') && !hit.closest('.react-flow__handle')) return;
    await nextFrame();
  }
  throw new Error(`drag point ${p.x},${p.y} misses the node`);
}

/** A point of the empty pane near the viewport centre. */
export function pickPanPoint(): Point {
  const cx = window.innerWidth / 2;
  const cy = window.innerHeight / 2;
  for (let radius = 0; radius < 300; radius += 4) {
    const steps = Math.max(1, Math.round(radius / 2));
    for (let s = 0; s < steps; s++) {
      const a = (2 * Math.PI * s) / steps;
      const x = Math.round(cx + radius * Math.cos(a));
      const y = Math.round(cy + radius * Math.sin(a));
      const hit = document.elementFromPoint(x, y);
      if (hit && hit.classList.contains('react-flow__pane')) return { x, y, target: 'pane' };
    }
  }
  throw new Error('no empty pane point near the centre');
}

function fire(type: string, x: number, y: number, buttons: number): void {
  const target = document.elementFromPoint(x, y) ?? document.body;
  const init = { bubbles: true, cancelable: true, composed: true, view: window, clientX: x, clientY: y, screenX: x, screenY: y, button: 0, buttons };
  target.dispatchEvent(new PointerEvent(`pointer${type}`, { ...init, pointerId: 1, pointerType: 'mouse', isPrimary: true }));
  target.dispatchEvent(new MouseEvent(`mouse${type}`, init));
}

const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(r));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A drag of an applet or a pan of the pane, one synthetic move per animation frame. */
export async function scripted(kind: 'drag' | 'pan', durationMs: number) {
  const start = kind === 'drag' ? pickDragPoint() : pickPanPoint();
  if (kind === 'drag') {
    // A hand moves over the applet before pressing.
    fire('move', start.x, start.y, 0);
    await pressable(start);
  }
  const path = kind === 'drag' ? dragOffset : panOffset;
  const before = { ...counters };
  fire('down', start.x, start.y, 1);
  const intervals: number[] = [];
  let moves = 0;
  const t0 = await nextFrame();
  let prev = t0;
  for (;;) {
    const t = await nextFrame();
    intervals.push(t - prev);
    prev = t;
    const { dx, dy } = path(t - t0);
    fire('move', start.x + dx, start.y + dy, 1);
    moves++;
    if (t - t0 >= durationMs) break;
  }
  const end = path(prev - t0);
  fire('up', start.x + end.dx, start.y + end.dy, 0);
  await nextFrame();
  return {
    kind,
    input: 'scripted',
    frames: frameStats(intervals),
    moves,
    positionChanges: counters.positionChanges - before.positionChanges,
    viewportChanges: counters.viewportChanges - before.viewportChanges,
    start,
  };
}

export async function runAuto() {
  const ready = await whenReady;
  await sleep(500);
  const rec = frameRecorder();
  rec.start();
  await sleep(1000);
  const { intervals: _i, ...idle } = await rec.stop();
  const drag = await scripted('drag', config.gestureMs);
  await sleep(300);
  const pan = await scripted('pan', config.gestureMs);
  return { userAgent: navigator.userAgent, n: config.n, e: config.e, view: config.view, viewport: { width: window.innerWidth, height: window.innerHeight, dpr: window.devicePixelRatio }, ready, idle, drag, pan };
}

export function installContract(): void {
  window.__config = config;
  window.__counters = counters;
  window.__frames = frameRecorder();
  window.__frameStats = frameStats;
  window.__pickDragPoint = pickDragPoint;
  window.__pickPanPoint = pickPanPoint;
  window.__scripted = scripted;
  window.__runAuto = runAuto;
  window.__whenReady = whenReady;
  if (config.auto) {
    runAuto().then(
      (r) => report({ ok: true, result: r }),
      (e: unknown) => report({ ok: false, error: String(e instanceof Error ? (e.stack ?? e.message) : e) }),
    );
  }
}

function report(payload: unknown): void {
  const json = JSON.stringify(payload);
  console.log(`RFB_RESULT ${json}`);
  window.webkit?.messageHandlers?.rfb?.postMessage(json);
}
