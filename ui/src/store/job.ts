// What the stores of long jobs share (the Batch and Day tabs): a job's progress as the window
// shows it, from the job's events, and an error as the window shows it, by code.
export { problemOf } from '../ipc/client';
import type { JobEvent } from '../ipc/bindings';

export interface JobProgress {
  id: number;
  phase: string;
  done: number;
  total: number;
}

/** A job's events as progress: started (with the expected total), then each report. */
export function progressOf(onProgress: (p: JobProgress) => void, total: number): (e: JobEvent) => void {
  return (e) => {
    if (e.event === 'started') onProgress({ id: e.job, phase: 'started', done: 0, total });
    else if (e.event === 'progress') onProgress({ id: e.job, phase: e.phase, done: e.done, total: e.total });
  };
}
