import { describe, expect, it } from 'vitest';
import { Emitter, Slot } from './emitter';

describe('Emitter', () => {
  it('calls each subscription with the fired value until it is disposed', () => {
    const e = new Emitter<number>();
    const seen: string[] = [];
    const offA = e.event((v) => seen.push(`a${v}`));
    e.event((v) => seen.push(`b${v}`));
    e.fire(1);
    offA();
    offA();
    e.fire(2);
    expect(seen).toEqual(['a1', 'b1', 'b2']);
    expect(e.listenerCount).toBe(1);
  });

  it('counts fires, and a listener added while firing waits for the next fire', () => {
    const e = new Emitter();
    const seen: string[] = [];
    e.event(() => {
      seen.push('first');
      e.event(() => seen.push('late'));
    });
    e.fire();
    expect(seen).toEqual(['first']);
    e.fire();
    expect(seen).toEqual(['first', 'first', 'late']);
    expect(e.version).toBe(2);
  });

  it('the same function subscribed twice is two subscriptions', () => {
    const e = new Emitter<string>();
    const seen: string[] = [];
    const l = (v: string) => seen.push(v);
    const off = e.event(l);
    e.event(l);
    e.fire('x');
    off();
    e.fire('y');
    expect(seen).toEqual(['x', 'x', 'y']);
  });
});

describe('Slot', () => {
  it('holds the last handler registered; removing an older one leaves the newer', () => {
    const slot = new Slot<string>();
    const offA = slot.register('a');
    const offB = slot.register('b');
    offA();
    expect(slot.current).toBe('b');
    offB();
    expect(slot.current).toBeNull();
  });
});
