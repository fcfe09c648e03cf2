/**
 * 尾差调整 in general: parts split to a target add up to it and stay within one printed unit; over a
 * whole document graph every printed sum equals the sum of its printed terms and every copy its
 * source, while plain rounding leaves gaps.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../compute/evaluate';
import { graphOf } from '../compute/inputCells';
import { NodeKind } from '../compute/graph';
import { generateLargeBudget } from '../../tests/fixtures/largeBudget';
import { printedValues, roundPartsToTarget } from './roundingAdjust';

describe('roundPartsToTarget', () => {
  it('splits a target among parts: multiples of the step, adding up, each within one step', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5_000_000, max: 50_000_000 }), { minLength: 1, maxLength: 12 }), fc.constantFrom(100, 10_000, 1_000_000), fc.integer({ min: -1, max: 1 }), (parts, step, shift) => {
        const exact = parts.reduce((a, b) => a + b, 0);
        const rounded = Math.round(exact / step) * step;
        const target = rounded + shift * step;
        if (Math.abs(target - exact) >= step) return; // targets are always within one step of the exact sum
        const out = roundPartsToTarget(parts, step, target);
        expect(out.reduce((a, b) => a + b, 0)).toBe(target);
        out.forEach((v, i) => {
          expect(v % step === 0).toBe(true);
          expect(Math.abs(v - parts[i]!)).toBeLessThan(step);
        });
      }),
    );
  });
});

describe('printedValues over the large generated department (万元, whole units)', () => {
  const doc = generateLargeBudget({ units: 12 });
  const { graph } = graphOf(doc);
  const ev = evaluate(graph, doc);
  const step = 1_000_000;
  const gaps = (printed: Float64Array) => {
    let n = 0;
    for (let i = 0; i < graph.size; i++) {
      if (graph.kind[i] === NodeKind.Input) continue;
      let s = 0;
      for (let p = graph.termStart[i]!; p < graph.termStart[i + 1]!; p++) s += printed[graph.termList[p]!]!;
      if (s !== printed[i]) n++;
    }
    return n;
  };

  it('plain rounding leaves printed sums that do not add up', () => {
    expect(gaps(printedValues(graph, ev.computed, step, false).printed)).toBeGreaterThan(100);
  });

  it('with 尾差调整 every printed sum and copy adds up, and each printed value stays within one unit of its exact value', () => {
    const { printed, adjusted } = printedValues(graph, ev.computed, step, true);
    expect(gaps(printed)).toBe(0);
    expect(adjusted.length).toBeGreaterThan(0);
    for (let i = 0; i < graph.size; i++) {
      expect(printed[i]! % step).toBe(0);
      if (graph.kind[i] === NodeKind.Input) expect(Math.abs(printed[i]! - ev.computed[i]!)).toBeLessThan(step);
    }
    // Department totals are their exact totals rounded.
    for (const key of ['T2|dept|incomeTotal', 'T4|dept|total', 'T5|dept|total']) {
      const id = graph.idOf(key)!;
      expect(printed[id], key).toBe(Math.round(ev.computed[id]! / step) * step);
    }
  });
});
