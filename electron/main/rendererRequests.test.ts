import { describe, expect, it } from 'vitest';
import { createRendererRequests } from './rendererRequests';

describe('renderer requests', () => {
  it('matches replies to requests by id and ignores unknown or late ids', async () => {
    const sent: number[] = [];
    const requests = createRendererRequests<boolean>({ send: (id) => (sent.push(id), true) });
    const first = requests.request();
    const second = requests.request();
    expect(sent).toEqual([1, 2]);
    requests.reply(2, false);
    requests.reply(99, true);
    requests.reply(1, true);
    requests.reply(1, false); // late duplicate
    expect(await first).toBe(true);
    expect(await second).toBe(false);
    expect(requests.pendingCount).toBe(0);
  });

  it('resolves with null when nothing can be sent, on timeout, and when the page goes away', async () => {
    const none = createRendererRequests<string>({ send: () => false });
    expect(await none.request()).toBeNull();
    const throwing = createRendererRequests<string>({
      send: () => {
        throw new Error('Render frame was disposed');
      },
    });
    expect(await throwing.request()).toBeNull();

    const timers: Array<() => void> = [];
    const slow = createRendererRequests<string>({ send: () => true, setTimer: (fn) => timers.push(fn), clearTimer: () => undefined });
    const timed = slow.request(10_000);
    const untimed = slow.request();
    expect(timers).toHaveLength(1);
    timers[0]!();
    expect(await timed).toBeNull();
    expect(slow.pendingCount).toBe(1);
    slow.cancelAll();
    expect(await untimed).toBeNull();
  });
});
