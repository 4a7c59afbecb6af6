// The app's editor store, and a hook to read it from components.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { EditorState, EditorStore } from './editor';

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
