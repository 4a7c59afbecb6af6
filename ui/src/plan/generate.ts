// A generated Unattended plan of N applets on a near-square grid with 1.5·N connections,
// the same shape as the React Flow peer baseline (260 × 170 px pitch, 2–4 exits per applet),
// for the performance page and tests.
import { NEW_PLAN_SETTINGS, type Applet, type AppletKind, type Connection, type Plan } from '../ipc/bindings';

export const COL_SPACING = 260;
export const ROW_SPACING = 170;

function rule(exit: string, value: string) {
  return { exit, source: 'CLID', data_type: 'Text', operator: 'Equals', value };
}

const SHAPES: { kind: AppletKind; properties: Record<string, unknown>; exits: string[] }[] = [
  { kind: 'DataConnector', properties: { url: 'https://crm.example.com/$(CLID)' }, exits: ['Next', 'Interface Failure'] },
  { kind: 'DataRouter', properties: { rules: [rule('Match', '1')] }, exits: ['Match', 'Default'] },
  { kind: 'SendEmail', properties: { to: ['ops@example.com'], subject: 'Hi' }, exits: ['Next', 'Failure'] },
  { kind: 'DataRouter', properties: { rules: [rule('Gold', 'g'), rule('Silver', 's'), rule('Bronze', 'b')] }, exits: ['Gold', 'Silver', 'Bronze', 'Default'] },
  { kind: 'LoopCounter', properties: { max_runs: 3 }, exits: ['Next Applet', 'Next Applet After Maximum Runs'] },
  { kind: 'DataRouter', properties: { rules: [rule('Vip', 'v'), rule('New', 'n')] }, exits: ['Vip', 'New', 'Default'] },
];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generatePlan(n: number): Plan {
  const cols = Math.ceil(Math.sqrt(n));
  const rand = mulberry32(0x5eed + n);
  const applets: Applet[] = [];
  for (let i = 0; i < n; i++) {
    const s = SHAPES[i % SHAPES.length];
    applets.push({
      id: `a${i}`,
      label: `${s.kind} ${i}`,
      kind: s.kind,
      position: { x: (i % cols) * COL_SPACING, y: Math.floor(i / cols) * ROW_SPACING },
      properties: s.properties,
      exits: s.exits,
      live_only: false,
    });
  }
  const connections: Connection[] = [];
  for (let i = 0; i < n; i++) {
    const count = i % 2 === 0 ? 1 : 2;
    for (let k = 0; k < count && k < applets[i].exits.length; k++) {
      const dx = rand() < 0.85 ? 1 + Math.floor(rand() * 2) : -1;
      const dy = Math.floor(rand() * 3) - 1;
      let j = i + dx + dy * cols;
      if (j < 0 || j >= n || j === i) j = (i + 1) % n;
      connections.push({ from: applets[i].id, exit: applets[i].exits[k], to: applets[j].id });
    }
  }
  return {
    ...NEW_PLAN_SETTINGS,
    id: `generated-${n}`,
    name: `Generated ${n}`,
    plan_type: 'Unattended',
    description: `${n} generated applets`,
    start: 'a0',
    applets,
    connections,
  };
}
