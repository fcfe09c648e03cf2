import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { roundFen, roundPartsToTotal } from './rounding';
import { fen, type Fen } from './fen';

const fens = (values: number[]): Fen[] => values.map((v) => fen(v));

/** Independent reference: half away from zero with BigInt. */
function referenceRound(value: number, step: number): number {
  const s = BigInt(step);
  const abs = BigInt(Math.abs(value));
  const q = (abs * 2n + s) / (2n * s);
  return Number(q * s) * (value < 0 ? -1 : 1) || 0;
}

describe('roundFen', () => {
  it('rounds half away from zero to a multiple of the step', () => {
    expect(roundFen(fen(1_500_000), 1_000_000)).toBe(2_000_000);
    expect(roundFen(fen(-1_500_000), 1_000_000)).toBe(-2_000_000);
    expect(roundFen(fen(2_500_000), 1_000_000)).toBe(3_000_000);
    expect(roundFen(fen(1_499_999), 1_000_000)).toBe(1_000_000);
    expect(roundFen(fen(-1_499_999), 1_000_000)).toBe(-1_000_000);
    expect(roundFen(fen(149), 100)).toBe(100);
    expect(roundFen(fen(150), 100)).toBe(200);
    expect(roundFen(fen(-150), 100)).toBe(-200);
    expect(roundFen(fen(15), 10)).toBe(20);
    expect(roundFen(fen(7), 3)).toBe(6); // odd step: 7 = 2×3 + 1
    expect(roundFen(fen(8), 3)).toBe(9); // 8 = 2×3 + 2, 2 > 1.5
    expect(roundFen(fen(12_345), 1)).toBe(12_345);
  });

  it('never returns -0', () => {
    expect(Object.is(roundFen(fen(-1), 100), 0)).toBe(true);
    expect(Object.is(roundFen(fen(-49), 100), 0)).toBe(true);
  });

  it('rejects invalid steps and values', () => {
    expect(() => roundFen(fen(1), 0)).toThrow(RangeError);
    expect(() => roundFen(fen(1), -100)).toThrow(RangeError);
    expect(() => roundFen(fen(1), 0.5)).toThrow(RangeError);
    expect(() => roundFen(0.5 as Fen, 100)).toThrow(RangeError);
    expect(() => roundFen(fen(Number.MAX_SAFE_INTEGER), 1_000_000)).toThrow(RangeError);
  });

  it('matches a BigInt reference', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 }).chain((lo) => fc.integer({ min: -(2 ** 20), max: 2 ** 20 }).map((hi) => hi * 2 ** 31 + lo)),
        fc.constantFrom(1, 3, 10, 100, 1_000, 10_000, 1_000_000),
        (n, step) => {
          expect(roundFen(fen(n), step)).toBe(referenceRound(n, step));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('roundPartsToTotal (尾差调整)', () => {
  it('handles empty input and all-zero parts', () => {
    expect(roundPartsToTotal([], 1_000_000)).toEqual({ rounded: [], total: 0, adjustedIndexes: [] });
    expect(roundPartsToTotal(fens([0, 0, 0]), 100)).toEqual({ rounded: [0, 0, 0], total: 0, adjustedIndexes: [] });
  });

  it('changes nothing when plain rounding already adds up', () => {
    expect(roundPartsToTotal(fens([1_200_000, 2_200_000]), 1_000_000)).toEqual({
      rounded: [1_000_000, 2_000_000],
      total: 3_000_000,
      adjustedIndexes: [],
    });
  });

  it('rounds up the part with the largest remainder', () => {
    // 1.4 + 1.4 + 1.2 万元 = 4.0: plain rounding gives 1+1+1 = 3; the first 1.4 (tie → lower index) goes up.
    expect(roundPartsToTotal(fens([1_400_000, 1_400_000, 1_200_000]), 1_000_000)).toEqual({
      rounded: [2_000_000, 1_000_000, 1_000_000],
      total: 4_000_000,
      adjustedIndexes: [0],
    });
    // 1.3 + 1.4 + 1.3 = 4.0: the 1.4 has the largest remainder.
    expect(roundPartsToTotal(fens([1_300_000, 1_400_000, 1_300_000]), 1_000_000)).toEqual({
      rounded: [1_000_000, 2_000_000, 1_000_000],
      total: 4_000_000,
      adjustedIndexes: [1],
    });
  });

  it('rounds down the part rounded up by the most', () => {
    // 1.5 + 1.5 + 1.5 元 = 4.5 → 5, plain rounding gives 6: one part must go down; tie → lower index.
    expect(roundPartsToTotal(fens([150, 150, 150]), 100)).toEqual({
      rounded: [100, 200, 200],
      total: 500,
      adjustedIndexes: [0],
    });
    // 0.6 + 0.7 + 0.6 = 1.9 → 2, plain rounding gives 3: the 0.6 parts were rounded up by 0.4,
    // the 0.7 part by only 0.3, so a 0.6 part goes down (equal size → the lower index).
    expect(roundPartsToTotal(fens([60, 70, 60]), 100)).toEqual({
      rounded: [0, 100, 100],
      total: 200,
      adjustedIndexes: [0],
    });
  });

  it('breaks ties by the larger absolute part, then the lower index', () => {
    // 14.0 in total, plain rounding gives 12; every remainder is 0.4, so the two largest parts go up.
    expect(roundPartsToTotal(fens([140, 540, 240, 340, 140]), 100)).toEqual({
      rounded: [100, 600, 200, 400, 100],
      total: 1400,
      adjustedIndexes: [1, 3],
    });
  });

  it('works with negative parts', () => {
    // −1.4 − 1.4 − 1.2 = −4.0: plain rounding gives −3, one part must go down (away from zero).
    expect(roundPartsToTotal(fens([-140, -140, -120]), 100)).toEqual({
      rounded: [-200, -100, -100],
      total: -400,
      adjustedIndexes: [0],
    });
    // 1.5 − 2.5 = −1.0: plain rounding (2, −3) already adds up; nothing is adjusted.
    expect(roundPartsToTotal(fens([150, -250]), 100)).toEqual({ rounded: [200, -300], total: -100, adjustedIndexes: [] });
    // 0.5 − 0.5 = 0: plain rounding gives 1 − 1 = 0.
    expect(roundPartsToTotal(fens([50, -50]), 100)).toEqual({ rounded: [100, -100], total: 0, adjustedIndexes: [] });
  });

  it('rejects invalid input', () => {
    expect(() => roundPartsToTotal(fens([1]), 0)).toThrow(RangeError);
    expect(() => roundPartsToTotal([0.5 as Fen], 100)).toThrow(RangeError);
    expect(() => roundPartsToTotal(fens([Number.MAX_SAFE_INTEGER, 1]), 100)).toThrow(RangeError);
  });

  const partsArb = fc.array(
    fc.oneof(fc.integer({ min: -3_000_000, max: 3_000_000 }), fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.constant(0)),
    { maxLength: 60 },
  );
  const stepArb = fc.constantFrom(1, 3, 10, 100, 10_000, 1_000_000);

  it('invariants hold for random parts, including negatives', () => {
    fc.assert(
      fc.property(partsArb, stepArb, (raw, step) => {
        const parts = fens(raw);
        const { rounded, total, adjustedIndexes } = roundPartsToTotal(parts, step);
        const exactTotal = raw.reduce((a, b) => a + b, 0);
        expect(total).toBe(referenceRound(exactTotal, step));
        expect(rounded).toHaveLength(raw.length);
        expect(rounded.reduce((a, b) => a + b, 0)).toBe(total);
        rounded.forEach((r, i) => {
          expect(Number.isSafeInteger(r)).toBe(true);
          expect(r % step === 0).toBe(true);
          expect(Math.abs(r - (raw[i] as number))).toBeLessThan(step);
        });
        // adjustedIndexes: exactly the parts differing from plain rounding, ascending, as few as possible.
        const differing = raw.flatMap((p, i) => (rounded[i] !== referenceRound(p, step) ? [i] : []));
        expect(adjustedIndexes).toEqual(differing);
        const plainSum = raw.reduce((a, p) => a + referenceRound(p, step), 0);
        expect(adjustedIndexes.length).toBe(Math.abs(total - plainSum) / step);
      }),
      { numRuns: 2000 },
    );
  });

  it('adjusts the parts with the largest remainders', () => {
    fc.assert(
      fc.property(partsArb, stepArb, (raw, step) => {
        const { rounded, adjustedIndexes } = roundPartsToTotal(fens(raw), step);
        if (adjustedIndexes.length === 0) return;
        const up = (rounded[adjustedIndexes[0] as number] as number) > referenceRound(raw[adjustedIndexes[0] as number] as number, step);
        // How far plain rounding moved each part the "wrong" way for this direction.
        const gap = (i: number): number => {
          const plain = referenceRound(raw[i] as number, step);
          return up ? (raw[i] as number) - plain : plain - (raw[i] as number);
        };
        const adjusted = new Set(adjustedIndexes);
        const candidates = raw.map((_, i) => i).filter((i) => gap(i) > 0);
        for (const i of adjustedIndexes) {
          expect(gap(i)).toBeGreaterThan(0);
          for (const j of candidates) {
            if (adjusted.has(j)) continue;
            // every adjusted part ranks at least as high as every candidate left alone
            const better =
              gap(i) > gap(j) ||
              (gap(i) === gap(j) && Math.abs(raw[i] as number) > Math.abs(raw[j] as number)) ||
              (gap(i) === gap(j) && Math.abs(raw[i] as number) === Math.abs(raw[j] as number) && i < j);
            expect(better).toBe(true);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
