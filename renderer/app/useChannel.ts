import { useSyncExternalStore } from 'react';
import type { Channel } from './emitter';
import type { EditorStore } from './editorStore';

function subscribeTo(store: EditorStore, channels: readonly Channel[]) {
  return (cb: () => void) => {
    const offs = channels.map((c) => store.on(c, cb));
    return () => offs.forEach((off) => off());
  };
}

/** Re-render when any of the store's channels changes; returns a combined version number. */
export function useChannels(store: EditorStore, ...channels: Channel[]): number {
  return useSyncExternalStore(subscribeTo(store, channels), () => channels.reduce((acc, c) => acc * 31 + store.emitter.version(c), 7));
}

/**
 * Re-render only when `select` gives another value after one of the channels changed: chrome that
 * shows a few facts of the document (undo labels, the save state) skips the amount edits that do
 * not change them. `select` must return a primitive (compared with Object.is).
 */
export function useStoreValue<T extends string | number | boolean | null>(store: EditorStore, channels: readonly Channel[], select: () => T): T {
  return useSyncExternalStore(subscribeTo(store, channels), select);
}
