// Small plans and findings for the unit tests of plan/ (not part of the app's bundle: only tests
// import it).
import { NEW_PLAN_SETTINGS, type Diagnostic, type Plan } from '../ipc/bindings';

/** A router `r` wired by its Default exit to an email `e`. */
export function twoAppletPlan(): Plan {
  return {
    ...NEW_PLAN_SETTINGS,
    id: 'p',
    name: 'P',
    plan_type: 'Unattended',
    start: 'r',
    applets: [
      { id: 'r', label: 'Router', kind: 'DataRouter', position: { x: 0, y: 0 }, properties: {}, exits: ['Vip', 'Default'], live_only: false },
      { id: 'e', label: 'Email', kind: 'SendEmail', position: { x: 300, y: 0 }, properties: {}, exits: ['Next', 'Failure'], live_only: false },
    ],
    connections: [{ from: 'r', exit: 'Default', to: 'e' }],
  };
}

export const finding = (applet: string, exit: string | null, severity: Diagnostic['severity']): Diagnostic => ({ severity, code: 'x', applet, exit, field: null, data_source: null, message: '', hint: '' });
