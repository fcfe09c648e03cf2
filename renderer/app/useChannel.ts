import { useSyncExternalStore } from 'react';
import type { Channel } from './emitter';
import type { EditorStore } from './editorStore';

/** Re-render when any of the store's channels changes; returns a combined version number. */
export function useChannels(store: EditorStore, ...channels: Channel[]): number {
  return useSyncExternalStore(
    (cb) => {
      const offs = channels.map((c) => store.on(c, cb));
      return () => offs.forEach((off) => off());
    },
    () => channels.reduce((acc, c) => acc * 31 + store.emitter.version(c), 7),
  );
}
