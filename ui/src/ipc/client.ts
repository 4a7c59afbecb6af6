// The typed client of the Tauri commands. Every call goes through `call`, which turns the
// `{code, message}` the shell rejects with into an IpcError the UI can branch on by code.
import { invoke } from '@tauri-apps/api/core';
import type {
  AccountSettings,
  ApiError,
  CatalogEntry,
  ChannelKind,
  DocState,
  EditOp,
  FileStamp,
  OpenedPlan,
  PlanKind,
  PlanListItem,
  PlanView,
  RouteControl,
  Saved,
  SimRequest,
  SimRun,
  WorkspaceView,
} from './bindings';

export class IpcError extends Error {
  readonly code: string;
  constructor(e: ApiError) {
    super(e.message);
    this.code = e.code;
  }
}

function isApiError(e: unknown): e is ApiError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw isApiError(e) ? new IpcError(e) : new IpcError({ code: 'ipc-failed', message: String(e) });
  }
}

export const api = {
  workspace: () => call<WorkspaceView>('workspace'),
  openWorkspace: (root: string) => call<WorkspaceView>('open_workspace', { root }),
  reloadWorkspace: () => call<WorkspaceView>('reload_workspace'),
  catalog: () => call<CatalogEntry[]>('catalog'),
  openPlan: (id: string) => call<OpenedPlan>('open_plan', { id }),
  checkPlan: (plan: PlanView) => call<DocState>('check_plan', { plan }),
  applyEdit: (plan: PlanView, op: EditOp) => call<DocState>('apply_edit', { plan, op }),
  savePlan: (plan: PlanView) => call<Saved>('save_plan', { plan }),
  fileStamp: (id: string) => call<FileStamp>('file_stamp', { id }),
  createPlan: (name: string, planType: PlanKind, channel: ChannelKind | null) =>
    call<PlanListItem>('create_plan', { name, planType, channel }),
  renamePlan: (id: string, name: string) => call<PlanListItem>('rename_plan', { id, name }),
  duplicatePlan: (id: string) => call<PlanListItem>('duplicate_plan', { id }),
  planReferrers: (id: string) => call<string[]>('plan_referrers', { id }),
  deletePlan: (id: string) => call<WorkspaceView>('delete_plan', { id }),
  routeControl: (id: string) => call<RouteControl>('route_control', { id }),
  settings: () => call<AccountSettings>('settings'),
  setProvisioned: (on: boolean) => call<AccountSettings>('set_provisioned', { on }),
  simulate: (plan: PlanView, request: SimRequest) => call<SimRun>('simulate', { plan, request }),
};

export type Api = typeof api;
