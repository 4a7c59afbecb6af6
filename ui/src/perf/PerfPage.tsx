// The canvas performance page: Planwright's own canvas on a generated plan of ?n= applets,
// honouring the React Flow baseline harness's in-page contract. Edits stay in the page (the
// harness measures rendering; in the app a move reaches the engine once, on drop).
import { useCallback, useMemo, useRef, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import type { EditOp, Plan } from '../ipc/bindings';
import { generatePlan } from '../plan/generate';
import { PlanCanvas, type CanvasControls } from '../features/canvas/PlanCanvas';
import { config, counters, setCanvasControls } from './contract';
import { ReadyProbe } from './ReadyProbe';

export function PerfPage() {
  const [plan, setPlan] = useState<Plan>(() => {
    const p = generatePlan(config.n);
    if (!config.edges) p.connections = [];
    config.e = p.connections.length;
    return p;
  });
  const [selection, setSelection] = useState<string[]>([]);
  const controls = useRef<CanvasControls | null>(null);
  setCanvasControls(controls);
  const catalog = useMemo(() => new Map(), []);
  const findings = useMemo(() => [], []);
  const onEdit = useCallback((op: EditOp) => {
    if (op.op !== 'move') return;
    const at = new Map(op.moves.map((m) => [m.id, m.position]));
    setPlan((p) => ({ ...p, applets: p.applets.map((a) => (at.has(a.id) ? { ...a, position: at.get(a.id)! } : a)) }));
  }, []);
  return (
    <div className="perf-page">
      <ReactFlowProvider>
        <PlanCanvas plan={plan} findings={findings} catalog={catalog} selection={selection} onEdit={onEdit} onSelect={setSelection} controls={controls} counters={counters} fit={config.view === 'fit'} minimap={config.minimap}>
          <ReadyProbe expected={plan.applets.length} links={plan.connections.length} minimap={config.minimap} />
        </PlanCanvas>
      </ReactFlowProvider>
    </div>
  );
}
