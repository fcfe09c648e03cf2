/**
 * Questions main asks the renderer and whose answers come back on a reply channel
 * (IPC has no main → renderer invoke): each request gets an id, the reply with that id resolves it.
 * Pending requests resolve with `null` on timeout and when the page goes away, so main never waits
 * forever for a crashed or reloaded editor.
 *
 * Plain Node module: no 'electron' import.
 */
import type { TimerHandle } from '../files/autosave';

export interface RendererRequests<T> {
  /** Sends a request (via `send(requestId)`) and resolves with the reply, or null. */
  request(timeoutMs?: number): Promise<T | null>;
  /** A reply arrived; unknown or late ids are ignored. */
  reply(requestId: number, value: T | null): void;
  /** The page is gone: every pending request resolves with null. */
  cancelAll(): void;
  readonly pendingCount: number;
}

export interface RendererRequestsOptions {
  /** Delivers the request to the renderer; returns false when there is no page to ask. */
  send(requestId: number): boolean;
  setTimer?: (fn: () => void, ms: number) => TimerHandle;
  clearTimer?: (handle: TimerHandle) => void;
}

export function createRendererRequests<T>(opts: RendererRequestsOptions): RendererRequests<T> {
  const setTimer = opts.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((h: TimerHandle) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const pending = new Map<number, { resolve: (v: T | null) => void; timer: TimerHandle | undefined }>();
  let nextId = 1;

  const settle = (id: number, value: T | null) => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    if (entry.timer !== undefined) clearTimer(entry.timer);
    entry.resolve(value);
  };

  return {
    request(timeoutMs) {
      const id = nextId++;
      return new Promise<T | null>((resolve) => {
        const timer = timeoutMs === undefined ? undefined : setTimer(() => settle(id, null), timeoutMs);
        pending.set(id, { resolve, timer });
        let sent = false;
        try {
          sent = opts.send(id);
        } catch {
          sent = false;
        }
        if (!sent) settle(id, null);
      });
    },
    reply(requestId, value) {
      settle(requestId, value);
    },
    cancelAll() {
      for (const id of [...pending.keys()]) settle(id, null);
    },
    get pendingCount() {
      return pending.size;
    },
  };
}
