// The plan as an outline a keyboard or a screen reader can walk: each applet, its exits, and
// where each exit leads. Pure helpers; the engine's plan and findings are the input.
import type { Diagnostic, Plan } from '../../ipc/bindings';

export interface OutlineExit {
  exit: string;
  /** The applet it leads to, or null (the run ends there). */
  to: string | null;
  toLabel: string | null;
  problems: Diagnostic[];
}

export interface OutlineApplet {
  id: string;
  label: string;
  kind: string;
  liveOnly: boolean;
  start: boolean;
  problems: Diagnostic[];
  exits: OutlineExit[];
}

/** The applets in the order a call meets them: the initial applet, then breadth first along the
 *  exits (in each applet's exit order), then the applets nothing reaches, by label. */
export function outlineOf(plan: Plan, findings: readonly Diagnostic[], displayName: (kind: string) => string = (k) => k): OutlineApplet[] {
  const byId = new Map(plan.applets.map((a) => [a.id, a]));
  const targets = new Map(plan.connections.map((c) => [`${c.from}\u0000${c.exit}`, c.to]));
  const order: string[] = [];
  const seen = new Set<string>();
  const queue = plan.start && byId.has(plan.start) ? [plan.start] : [];
  while (queue.length) {
    const id = queue.shift() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    order.push(id);
    for (const exit of byId.get(id)?.exits ?? []) {
      const to = targets.get(`${id}\u0000${exit}`);
      if (to && byId.has(to) && !seen.has(to)) queue.push(to);
    }
  }
  const rest = plan.applets.filter((a) => !seen.has(a.id)).sort((a, b) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
  order.push(...rest.map((a) => a.id));
  return order.map((id) => {
    const a = byId.get(id)!;
    return {
      id,
      label: a.label,
      kind: displayName(a.kind),
      liveOnly: a.live_only,
      start: plan.start === id,
      problems: findings.filter((f) => f.applet === id && !f.exit),
      exits: a.exits.map((exit) => {
        const to = targets.get(`${id}\u0000${exit}`) ?? null;
        return { exit, to, toLabel: to ? (byId.get(to)?.label ?? to) : null, problems: findings.filter((f) => f.applet === id && f.exit === exit) };
      }),
    };
  });
}

/** A row of the tree as shown: an applet (level 1) or one of its exits (level 2). */
export interface Row {
  key: string;
  level: 1 | 2;
  applet: string;
  exit?: string;
}

export const appletKey = (id: string) => `a:${id}`;
export const exitKey = (id: string, exit: string) => `e:${id}:${exit}`;

/** The rows shown: every applet, and the exits of the expanded ones. */
export function rowsOf(outline: readonly OutlineApplet[], expanded: ReadonlySet<string>): Row[] {
  const rows: Row[] = [];
  for (const a of outline) {
    rows.push({ key: appletKey(a.id), level: 1, applet: a.id });
    if (expanded.has(a.id)) for (const e of a.exits) rows.push({ key: exitKey(a.id, e.exit), level: 2, applet: a.id, exit: e.exit });
  }
  return rows;
}

/** What a key does on row `at` (the tree pattern of WAI-ARIA): the row to focus, and an applet to
 *  expand or collapse; null for a key the tree does not handle. Enter on an exit goes to the
 *  applet it leads to. */
export function keyOn(
  key: string,
  rows: readonly Row[],
  at: number,
  outline: readonly OutlineApplet[],
  expanded: ReadonlySet<string>,
): { focus: string; expand?: string; collapse?: string } | null {
  const row = rows[at];
  if (!row) return null;
  const to = (i: number) => rows[Math.max(0, Math.min(rows.length - 1, i))].key;
  switch (key) {
    case 'ArrowDown':
      return { focus: to(at + 1) };
    case 'ArrowUp':
      return { focus: to(at - 1) };
    case 'Home':
      return { focus: to(0) };
    case 'End':
      return { focus: to(rows.length - 1) };
    case 'ArrowRight':
      if (row.level === 1 && !expanded.has(row.applet)) return { focus: row.key, expand: row.applet };
      if (row.level === 1) return { focus: rows[at + 1]?.level === 2 ? rows[at + 1].key : row.key };
      return { focus: row.key };
    case 'ArrowLeft':
      if (row.level === 2) return { focus: appletKey(row.applet) };
      return expanded.has(row.applet) ? { focus: row.key, collapse: row.applet } : { focus: row.key };
    case 'Enter': {
      if (row.level === 1) return { focus: row.key };
      const target = outline.find((a) => a.id === row.applet)?.exits.find((e) => e.exit === row.exit)?.to;
      return { focus: target ? appletKey(target) : row.key };
    }
    default:
      return null;
  }
}
