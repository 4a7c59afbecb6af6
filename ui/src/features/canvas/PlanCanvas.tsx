// The plan canvas: a view of the engine's plan. Dragging, selecting and panning are local;
// every change of the plan (add, wire, move on drop, delete) is sent as an edit.
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  Controls,
  ReactFlow,
  useReactFlow,
  useStoreApi,
  applyNodeChanges,
  type Connection,
  type FinalConnectionState,
  type NodeChange,
  type OnMove,
} from '@xyflow/react';
import type { AppletKind, CatalogEntry, EditOp, Diagnostic, Plan } from '../../ipc/bindings';
import { connectionToOp, edgeKey, exitOfHandle, movesOf, toNodes, ENTRY_HANDLE, type AppletNode, type CanvasOverlay, type CurrentStep } from '../../plan/mapping';
import { distanceToCurve, edgeCurve } from '../../plan/geometry';
import type { Heat } from '../../plan/heat';
import AppletNodeView from './AppletNode';
import { EdgeLayer, linkEnds } from './EdgeLayer';
import { edgeModelOf, EMPTY_EDGES, type EdgeModel } from '../../plan/edges';
import { MiniMapCanvas } from './MiniMapCanvas';
import { FAR_ZOOM, fitIsFar, lod, setFar, useFar } from './lod';
import { appletAt, area, boundsOf, fitViewport, grow, idsIn, inside, mountedNodes, viewRect, type Rect } from './mounted';

const nodeTypes = { applet: AppletNodeView };
export const DRAG_TYPE = 'application/x-planwright-kind';

export interface CanvasControls {
  fit(): void;
  /** Centres applet `id` (at `zoom`, else at least 0.8); false while it is not on the canvas yet. */
  focus(id: string, zoom?: number): boolean;
  centre(): { x: number; y: number };
  selectedLink(): { from: string; exit: string } | null;
  clearLink(): void;
  /** The applet nearest a screen point (mounted or not), and the screen point of its title. */
  appletNear(x: number, y: number): { id: string; x: number; y: number } | null;
}

export interface PerfCounters {
  positionChanges: number;
  viewportChanges: number;
}

export interface PlanCanvasProps {
  plan: Plan;
  findings: Diagnostic[];
  catalog: Map<string, CatalogEntry>;
  selection: string[];
  traced?: { applets: Set<string>; links: Set<string> };
  /** The step a replay shows: its applet ringed, the exit it took drawn apart. */
  current?: CurrentStep;
  /** Presentation: nothing can be moved, wired or selected. */
  readOnly?: boolean;
  /** A comparison with a version, and the exits no test takes. */
  overlay?: CanvasOverlay;
  /** A batch's heatmap of this plan. */
  heat?: Heat;
  onEdit(op: EditOp): unknown;
  onSelect(ids: string[]): void;
  controls?: React.RefObject<CanvasControls | null>;
  counters?: PerfCounters;
  fit?: boolean;
  minimap?: boolean;
  children?: ReactNode;
}

/** The canvas; memoized, so a change of the document that leaves its props alone (a revision,
 *  the unsaved mark) does not re-render it. */
export const PlanCanvas = memo(function PlanCanvas(props: PlanCanvasProps) {
  const { plan, findings, catalog, selection, traced, current, overlay, heat, onEdit, onSelect, controls, counters, readOnly } = props;
  const rf = useReactFlow();
  const store = useStoreApi();
  const [nodes, setNodes] = useState<AppletNode[]>([]);
  const nodesRef = useRef(nodes);
  nodesRef.current = nodes;
  const selectionRef = useRef(selection);
  selectionRef.current = selection;
  const far = useFar();
  // Decide the level of detail before the first render, from the plan's extent.
  useState(() => setFar((props.fit ?? true) && fitIsFar(plan, window.innerWidth * 0.6, window.innerHeight * 0.7)));
  const [panning, setPanning] = useState(false);
  const [moving, setMoving] = useState(false);
  const [selectedLink, setSelectedLink] = useState<string | null>(null);
  const redraw = useRef<(() => void) | null>(null);
  // What React Flow mounts (see ./mounted): the applet under the pointer when zoomed far out,
  // and the region around the view otherwise.
  const [hovered, setHovered] = useState<string | null>(null);
  const [region, setRegion] = useState<Rect | null>(null);
  const regionRef = useRef<Rect | null>(null);
  const [fitted, setFitted] = useState(false);
  const shown = useMemo(() => mountedNodes(nodes, far, region, hovered), [nodes, far, region, hovered]);

  // Plan → nodes, keeping the objects of unchanged applets.
  useEffect(() => {
    setNodes((prev) => toNodes({ plan, catalog, findings, selected: new Set(selectionRef.current), traced: traced?.applets, current, overlay }, prev));
  }, [plan, catalog, findings, traced, current, overlay]);

  // Selection from outside (diagnostics, Applet List, created applets) → nodes.
  useEffect(() => {
    const sel = new Set(selection);
    setNodes((ns) => (ns.some((n) => !!n.selected !== sel.has(n.id)) ? ns.map((n) => (!!n.selected !== sel.has(n.id) ? { ...n, selected: sel.has(n.id) } : n)) : ns));
  }, [selection]);

  const edgeModel = useRef<EdgeModel>(EMPTY_EDGES);
  useMemo(() => {
    edgeModel.current = edgeModelOf({ plan, findings, selectedLink, traced, current, heat });
    redraw.current?.();
  }, [plan, findings, selectedLink, traced, current, heat]);

  // The region around the view whose applets are mounted: moved only when the view leaves it.
  // The first region is the view alone, so the first frame mounts only what it shows; the
  // margin for panning is added once that frame is painted.
  const margin = useRef(0);
  const updateRegion = useCallback(
    (force = false) => {
      const { transform, width, height } = store.getState();
      if (!width || !height) return;
      const view = viewRect(transform, width, height);
      // Kept while the view stays inside it and is not much smaller (zooming in makes it so).
      const r = regionRef.current;
      if (!force && r && inside(view, r) && area(r) <= 8 * area(grow(view, margin.current))) return;
      regionRef.current = grow(view, margin.current);
      setRegion(regionRef.current);
    },
    [store],
  );
  useEffect(() => {
    if (!fitted) return;
    const t = setTimeout(() => {
      margin.current = 0.5;
      updateRegion(true);
    }, 250);
    return () => clearTimeout(t);
  }, [fitted, updateRegion]);
  useEffect(() => store.subscribe((s, p) => (s.transform !== p.transform || s.width !== p.width || s.height !== p.height) && updateRegion()), [store, updateRegion]);

  // Fit from the plan's geometry (React Flow's fitView only knows the mounted applets).
  const fitNow = useCallback((): boolean => {
    const { width, height } = store.getState();
    if (!width || !height) return false;
    const bounds = boundsOf(plan.applets);
    const vp = bounds ? fitViewport(bounds, width, height) : { x: 40, y: 40, zoom: 1 };
    setFar(vp.zoom < FAR_ZOOM);
    void rf.setViewport(vp);
    updateRegion();
    return true;
  }, [store, plan, rf, updateRegion]);
  const fitNowRef = useRef(fitNow);
  fitNowRef.current = fitNow;
  useEffect(() => {
    if (!(props.fit ?? true)) {
      updateRegion();
      setFitted(true);
      return;
    }
    if (fitNowRef.current()) return setFitted(true);
    // The pane's size is known once React Flow has measured it.
    const unsubscribe = store.subscribe((s) => {
      if (s.width && s.height && fitNowRef.current()) {
        unsubscribe();
        setFitted(true);
      }
    });
    return unsubscribe;
    // Fit once, when the canvas opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Zoomed far out, the applet under the pointer (or next to it) is mounted before a press.
  const onPaneMouseMove = useCallback(
    (e: React.MouseEvent) => {
      if (!lod.getState().far || e.buttons) return;
      const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const hit = appletAt(nodesRef.current, p, 12 / rf.getZoom());
      const id = hit && hit.selectable !== false ? hit.id : null;
      setHovered((h) => (h === id ? h : id));
    },
    [rf],
  );

  // A selection box also takes the applets that are not mounted (zoomed far out).
  const boxStart = useRef<{ x: number; y: number } | null>(null);
  const onSelectionStart = useCallback((e: React.MouseEvent) => (boxStart.current = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY })), [rf]);
  const onSelectionEnd = useCallback(
    (e: React.MouseEvent) => {
      const a = boxStart.current;
      boxStart.current = null;
      if (!a || !lod.getState().far) return;
      const b = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const ids = idsIn(nodesRef.current, { x0: Math.min(a.x, b.x), y0: Math.min(a.y, b.y), x1: Math.max(a.x, b.x), y1: Math.max(a.y, b.y) });
      if (ids.length) requestAnimationFrame(() => onSelect(ids));
    },
    [rf, onSelect],
  );

  // Position changes while dragging are applied at most once per animation frame.
  const pending = useRef(new Map<string, NodeChange<AppletNode>>());
  const raf = useRef(0);
  const selectTimer = useRef(0);
  const onNodesChange = useCallback(
    (changes: NodeChange<AppletNode>[]) => {
      const now: NodeChange<AppletNode>[] = [];
      for (const c of changes) {
        if (c.type === 'position' && c.dragging) pending.current.set(c.id, c);
        else if (c.type !== 'remove') now.push(c);
      }
      if (now.length) setNodes((ns) => applyNodeChanges(now, ns));
      if (now.some((c) => c.type === 'select')) {
        cancelAnimationFrame(selectTimer.current);
        selectTimer.current = requestAnimationFrame(() => onSelect(nodesRef.current.filter((n) => n.selected).map((n) => n.id)));
      }
      if (pending.current.size && !raf.current) {
        raf.current = requestAnimationFrame(() => {
          raf.current = 0;
          const batch = [...pending.current.values()];
          pending.current.clear();
          if (counters) counters.positionChanges += batch.length;
          setNodes((ns) => applyNodeChanges(batch, ns));
        });
      }
    },
    [counters, onSelect],
  );

  const onNodeDragStop = useCallback(() => {
    // Flush the last frame's moves, then send the moves to the engine.
    requestAnimationFrame(() => {
      const moves = movesOf(nodesRef.current, plan);
      if (moves.length) onEdit({ op: 'move', moves });
    });
  }, [plan, onEdit]);

  const onConnect = useCallback(
    (c: Connection) => {
      const op = connectionToOp(c);
      if (op) onEdit(op);
    },
    [onEdit],
  );

  // Dropping a wire anywhere on an applet (not only on its entry handle) connects to it.
  const onConnectEnd = useCallback(
    (e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromHandle || state.fromHandle.type !== 'source') return;
      const point = 'changedTouches' in e ? e.changedTouches[0] : e;
      const hit = document.elementFromPoint(point.clientX, point.clientY)?.closest('.react-flow__node');
      const to = hit?.getAttribute('data-id');
      const exit = exitOfHandle(state.fromHandle.id);
      if (to && exit !== null && state.fromNode) onEdit({ op: 'connect', from: state.fromNode.id, exit, to });
    },
    [onEdit],
  );

  const isValidConnection = useCallback(
    (c: Connection | { sourceHandle?: string | null; targetHandle?: string | null }) => exitOfHandle(c.sourceHandle) !== null && c.targetHandle === ENTRY_HANDLE,
    [],
  );

  const onMove: OnMove = useCallback(
    (_e, vp) => {
      if (counters) counters.viewportChanges++;
      setFar(vp.zoom < FAR_ZOOM);
    },
    [counters],
  );

  // While panning, the viewport gets its own compositing layer: WebKitGTK then moves it
  // instead of repainting every applet each frame (it costs more while dragging, so only then).
  // Not when zoomed far out: a layer of the whole plan at that scale costs seconds to create.
  // Zoomed far out the canvas paints the applets, so their transparent DOM boxes are hidden
  // while the view moves (nothing to walk and paint per frame).
  const onMoveStart = useCallback((e: unknown) => {
    if (!e) return;
    if (lod.getState().far) setMoving(true);
    else setPanning(true);
  }, []);
  const onMoveEnd = useCallback(() => {
    setPanning(false);
    setMoving(false);
  }, []);

  const onDrop = useCallback(
    (e: React.DragEvent) => {
      const kind = e.dataTransfer.getData(DRAG_TYPE) as AppletKind;
      if (!kind) return;
      e.preventDefault();
      const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      onEdit({ op: 'add_applet', kind, position: { x: Math.round(p.x), y: Math.round(p.y) } });
    },
    [rf, onEdit],
  );

  const onDragOver = useCallback((e: React.DragEvent) => {
    if (e.dataTransfer.types.includes(DRAG_TYPE)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  // A click on the empty pane selects the nearest edge within a few pixels.
  const onPaneClick = useCallback(
    (e: React.MouseEvent) => {
      const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const zoom = rf.getZoom();
      const { nodeLookup } = store.getState();
      const positionOf = (id: string) => nodeLookup.get(id)?.internals.positionAbsolute ?? edgeModel.current.positions.get(id);
      let best: { key: string; d: number } | null = null;
      const tolerance = (6 / zoom) ** 2;
      for (const link of edgeModel.current.links) {
        const ends = linkEnds(link, edgeModel.current, positionOf);
        if (!ends) continue;
        if (p.x < Math.min(ends.a.x, ends.b.x) - 60 || p.x > Math.max(ends.a.x, ends.b.x) + 60) continue;
        const d = distanceToCurve(p, edgeCurve(ends.a, ends.b));
        if (d < tolerance && (!best || d < best.d)) best = { key: edgeKey(link.from, link.exit), d };
      }
      setSelectedLink(best?.key ?? null);
      onSelect([]);
    },
    [rf, store, onSelect],
  );

  useEffect(() => {
    if (!controls) return;
    controls.current = {
      fit: () => void fitNowRef.current(),
      focus: (id, zoom) => {
        const p = store.getState().nodeLookup.get(id)?.internals.positionAbsolute ?? edgeModel.current.positions.get(id);
        if (p) void rf.setCenter(p.x + 100, p.y + 40, { zoom: zoom ?? Math.max(rf.getZoom(), 0.8) });
        return !!p;
      },
      centre: () => {
        const { width, height } = store.getState();
        const r = document.querySelector('.react-flow')?.getBoundingClientRect();
        return rf.screenToFlowPosition({ x: (r?.left ?? 0) + width / 2, y: (r?.top ?? 0) + height / 2 });
      },
      selectedLink: () => {
        if (!selectedLink) return null;
        const [from, exit] = selectedLink.split('\u0000');
        return { from, exit };
      },
      clearLink: () => setSelectedLink(null),
      appletNear: (x, y) => {
        const hit = appletAt(nodesRef.current.filter((n) => n.selectable !== false), rf.screenToFlowPosition({ x, y }), Infinity);
        if (!hit) return null;
        const title = rf.flowToScreenPosition({ x: hit.position.x + 100, y: hit.position.y + 20 });
        return { id: hit.id, x: title.x, y: title.y };
      },
    };
  }, [controls, rf, store, selectedLink]);

  return (
    <div className={`canvas${far ? ' canvas--far' : ''}${panning ? ' canvas--panning' : ''}${moving ? ' canvas--moving' : ''}`} data-fitted={fitted ? '1' : '0'} data-mounted={shown.length} onDrop={onDrop} onDragOver={onDragOver}>
      <ReactFlow<AppletNode>
        nodes={shown}
        edges={[]}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onMove={onMove}
        onMoveStart={onMoveStart}
        onMoveEnd={onMoveEnd}
        onPaneClick={onPaneClick}
        onPaneMouseMove={onPaneMouseMove}
        onSelectionStart={onSelectionStart}
        onSelectionEnd={onSelectionEnd}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable={!readOnly}
        defaultViewport={{ x: 40, y: 40, zoom: 1 }}
        minZoom={0.05}
        maxZoom={2}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        connectionRadius={30}
        proOptions={{ hideAttribution: true }}
      >
        <EdgeLayer model={edgeModel} redrawRef={redraw} />
        <Controls showInteractive={false} position="bottom-left" />
        {props.minimap !== false && <MiniMapCanvas model={edgeModel} version={plan} planId={plan.id} />}
        {props.children}
      </ReactFlow>
    </div>
  );
});
