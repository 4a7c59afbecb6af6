// The typed client of the Tauri commands, generated from the one declaration of the command
// set (commands.ts). Every call goes through `call`, which turns the `{code, message}` the shell
// rejects with into an IpcError the UI can branch on by code; a job's events arrive through a
// Tauri channel.
import { Channel, invoke } from '@tauri-apps/api/core';
import type { ApiError, JobEvent } from './bindings';
import { commands, type Commands } from './commands';

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

function job<T>(cmd: string, onEvent: (e: JobEvent) => void, args?: Record<string, unknown>): Promise<T> {
  const channel = new Channel<JobEvent>();
  channel.onmessage = onEvent;
  return call<T>(cmd, { ...args, onEvent: channel });
}

/** Anything a command (or the window's own code) threw, as the engine's `{code, message}`. */
export function problemOf(e: unknown): ApiError {
  if (e instanceof IpcError) return { code: e.code, message: e.message };
  if (isApiError(e)) return { code: e.code, message: e.message };
  return { code: 'ipc-failed', message: e instanceof Error ? e.message : String(e) };
}

/** What went wrong, in words: the message of `problemOf`. */
export function messageOf(e: unknown): string {
  return problemOf(e).message;
}

/** The same, in one line for a status or an alert: `code: message`. */
export function errorText(e: unknown): string {
  const p = problemOf(e);
  return `${p.code}: ${p.message}`;
}

export const api: Commands = commands(call, job);

export type Api = Commands;
