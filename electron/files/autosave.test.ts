import { describe, expect, it, vi } from 'vitest';
import { createAutosaveScheduler, type AutosaveSchedulerOptions } from './recovery';

/** A manual clock: timers fire only when the test advances time. */
function fakeClock() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    setTimer: (fn: () => void, ms: number) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimer: (id: unknown) => void timers.delete(id as number),
    get pending() {
      return timers.size;
    },
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
        await flush();
      }
      now = end;
    },
  };
}
const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

function setup(overrides: Partial<AutosaveSchedulerOptions> = {}) {
  const clock = fakeClock();
  const state = { dirty: false, saves: 0 };
  const onError = vi.fn();
  const scheduler = createAutosaveScheduler({
    intervalMs: 30_000,
    isDirty: () => state.dirty,
    save: async () => {
      state.saves++;
      state.dirty = false;
    },
    onError,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
    ...overrides,
  });
  return { clock, state, scheduler, onError };
}

describe('autosave scheduler', () => {
  it('saves every interval, but only when dirty', async () => {
    const { clock, state, scheduler } = setup();
    scheduler.start();
    await clock.advance(30_000);
    expect(state.saves).toBe(0);
    state.dirty = true;
    await clock.advance(29_999);
    expect(state.saves).toBe(0);
    await clock.advance(1);
    expect(state.saves).toBe(1);
    await clock.advance(60_000);
    expect(state.saves).toBe(1);
    state.dirty = true;
    await clock.advance(30_000);
    expect(state.saves).toBe(2);
    await scheduler.stop();
    expect(clock.pending).toBe(0);
    state.dirty = true;
    await clock.advance(120_000);
    await scheduler.trigger();
    expect(state.saves).toBe(2);
  });

  it('trigger() (window blur) saves at once when dirty', async () => {
    const { state, scheduler } = setup();
    scheduler.start();
    await scheduler.trigger();
    expect(state.saves).toBe(0);
    state.dirty = true;
    await scheduler.trigger();
    expect(state.saves).toBe(1);
  });

  it('never runs two saves at once; a trigger during a save queues one follow-up', async () => {
    const gates: Array<ReturnType<typeof deferred>> = [];
    let running = 0;
    let maxRunning = 0;
    const state = { dirty: true };
    const { clock, scheduler } = setup({
      isDirty: () => state.dirty,
      save: async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        state.dirty = false;
        const gate = deferred();
        gates.push(gate);
        await gate.promise;
        running--;
      },
    });
    scheduler.start();
    const first = scheduler.trigger();
    await flush();
    expect(gates).toHaveLength(1);
    state.dirty = true; // user keeps typing during the save
    const second = scheduler.trigger();
    const third = scheduler.trigger();
    await clock.advance(30_000); // the periodic tick also fires meanwhile
    expect(gates).toHaveLength(1);
    expect(scheduler.isSaving).toBe(true);
    gates[0]?.resolve();
    await flush();
    expect(gates).toHaveLength(2); // exactly one follow-up
    gates[1]?.resolve();
    await Promise.all([first, second, third]);
    expect(maxRunning).toBe(1);
    expect(scheduler.isSaving).toBe(false);
  });

  it('reports a failure and retries on the next tick', async () => {
    const state = { dirty: true, attempts: 0, saved: 0 };
    const { clock, scheduler, onError } = setup({
      isDirty: () => state.dirty,
      save: async () => {
        state.attempts++;
        if (state.attempts === 1) throw new Error('磁盘空间不足');
        state.saved++;
        state.dirty = false;
      },
    });
    scheduler.start();
    await clock.advance(30_000);
    expect(onError).toHaveBeenCalledOnce();
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ message: '磁盘空间不足' });
    expect(state.attempts).toBe(1);
    await clock.advance(30_000);
    expect(state.attempts).toBe(2);
    expect(state.saved).toBe(1);
    expect(clock.pending).toBe(1); // still ticking
  });

  it('stop() waits for the save in flight (so recovery files can be removed after it)', async () => {
    const gate = deferred();
    const order: string[] = [];
    const { scheduler } = setup({
      isDirty: () => true,
      save: async () => {
        await gate.promise;
        order.push('saved');
      },
    });
    scheduler.start();
    void scheduler.trigger();
    await flush();
    const stopped = scheduler.stop().then(() => order.push('stopped'));
    gate.resolve();
    await stopped;
    expect(order).toEqual(['saved', 'stopped']);
  });
});
