// Auto-layout: a layered (Sugiyama) layout from dagre, left to right along the exits.
import dagre from '@dagrejs/dagre';
import type { AppletMove, Plan } from '../ipc/bindings';
import { NODE_WIDTH, nodeHeight } from './geometry';

export function autoLayout(plan: Plan): AppletMove[] {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 30, ranksep: 90, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const a of plan.applets) g.setNode(a.id, { width: NODE_WIDTH, height: nodeHeight(a.exits.length) });
  for (const c of plan.connections) if (g.hasNode(c.from) && g.hasNode(c.to)) g.setEdge(c.from, c.to, {}, c.exit);
  dagre.layout(g);
  return plan.applets.map((a) => {
    const n = g.node(a.id);
    return { id: a.id, position: { x: Math.round(n.x - n.width / 2), y: Math.round(n.y - n.height / 2) } };
  });
}
