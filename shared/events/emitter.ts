/**
 * The one way to notify listeners, on both sides of every boundary (as VS Code's `Emitter<T>`): an
 * emitter owns its listeners and `fire`s values; others subscribe through `event`, which returns the
 * function that unsubscribes (a disposable that fits React's effect cleanup as it is).
 */

/** Unsubscribes; calling it again does nothing. */
export type Dispose = () => void;
export type Event<T> = (listener: (value: T) => void) => Dispose;

export class Emitter<T = void> {
  private readonly listeners = new Set<(value: T) => void>();
  /** How many times `fire` ran (React's useSyncExternalStore compares it to know when to re-render). */
  version = 0;

  readonly event: Event<T> = (listener) => {
    // One entry per subscription: the same function subscribed twice is called twice and disposed once each.
    const entry = (value: T) => listener(value);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  };

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Calls every listener subscribed now (one that subscribes during the call waits for the next). */
  fire(value: T): void {
    this.version++;
    if (this.listeners.size === 0) return;
    for (const listener of [...this.listeners]) listener(value);
  }
}

/** One registered handler (a new one replaces it); the returned function removes it while it is still the one. */
export class Slot<T> {
  current: T | null = null;

  readonly register = (handler: T): Dispose => {
    this.current = handler;
    return () => {
      if (this.current === handler) this.current = null;
    };
  };
}
