// The app's editor, runs and replay stores, and hooks to read them from components.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { EditorState, EditorStore } from './editor';
import type { ReplayState, ReplayStore } from './replay';
import type { RunsState, RunsStore } from './runs';

export const EditorContext = createContext<EditorStore | null>(null);

export function useEditor<T>(select: (s: EditorState) => T): T {
  const store = useContext(EditorContext);
  if (!store) throw new Error('useEditor outside EditorContext');
  return useStore(store, select);
}

export function useEditorStore(): EditorStore {
  const store = useContext(EditorContext);
  if (!store) throw new Error('useEditorStore outside EditorContext');
  return store;
}

export const ReplayContext = createContext<ReplayStore | null>(null);

/** The replay of the shown run (step, playing, speed, presentation). */
export function useReplay<T>(select: (s: ReplayState) => T): T {
  return useStore(useReplayStore(), select);
}

export function useReplayStore(): ReplayStore {
  const store = useContext(ReplayContext);
  if (!store) throw new Error('useReplay outside ReplayContext');
  return store;
}

export const RunsContext = createContext<RunsStore | null>(null);

/** The run on show and the plan tests' report (execution state, apart from the documents). */
export function useRuns<T>(select: (s: RunsState) => T): T {
  return useStore(useRunsStore(), select);
}

export function useRunsStore(): RunsStore {
  const store = useContext(RunsContext);
  if (!store) throw new Error('useRuns outside RunsContext');
  return store;
}
