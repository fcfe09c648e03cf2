/**
 * Autosave timing: runs `save` every `intervalMs` and on demand (`trigger`, e.g. on window blur),
 * only when `isDirty()` says there are changes since the last autosave, never two at once.
 * A failed save is reported through `onError` and retried on the next tick (the document is still
 * dirty). Timers are injected so tests do not sleep.
 *
 * `isDirty` means "changed since the last autosave" (the caller's `save` clears it), which is not
 * the same as "unsaved to the user's file".
 */

export type TimerHandle = unknown;

export interface AutosaveSchedulerOptions {
  intervalMs?: number;
  save: () => Promise<void>;
  isDirty: () => boolean;
  onError?: (error: unknown) => void;
  setTimer?: (fn: () => void, ms: number) => TimerHandle;
  clearTimer?: (handle: TimerHandle) => void;
}

export interface AutosaveScheduler {
  /** Starts the periodic timer; `trigger` only runs while started. */
  start(): void;
  /** Stops the timer; resolves once an in-flight save has finished (await it before clean-up). */
  stop(): Promise<void>;
  /** Saves now if dirty; if a save is running, one more run follows it. Never rejects. */
  trigger(): Promise<void>;
  readonly isSaving: boolean;
}

export function createAutosaveScheduler(opts: AutosaveSchedulerOptions): AutosaveScheduler {
  const intervalMs = opts.intervalMs ?? 30_000;
  const setTimer = opts.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((h: TimerHandle) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const onError = opts.onError ?? ((err: unknown) => console.error('自动保存失败', err));

  let active = false;
  let timer: TimerHandle | undefined;
  let current: Promise<void> | null = null;
  let pending = false;

  const cancelTimer = () => {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
  };

  const schedule = () => {
    cancelTimer();
    if (!active) return;
    timer = setTimer(() => {
      timer = undefined;
      void trigger().then(schedule);
    }, intervalMs);
  };

  const drain = async (): Promise<void> => {
    await null; // let the caller store `current` before the loop can finish
    try {
      while (pending && active) {
        pending = false;
        try {
          if (!opts.isDirty()) continue;
          await opts.save();
        } catch (err) {
          pending = false; // retry on the next tick, not in a tight loop
          onError(err);
          break;
        }
      }
    } finally {
      current = null;
    }
  };

  function trigger(): Promise<void> {
    if (!active) return current ?? Promise.resolve();
    pending = true;
    current ??= drain();
    return current;
  }

  return {
    start() {
      if (active) return;
      active = true;
      schedule();
    },
    stop() {
      active = false;
      pending = false;
      cancelTimer();
      return current ?? Promise.resolve();
    },
    trigger,
    get isSaving() {
      return current !== null;
    },
  };
}
