/**
 * Exact rounding of amounts in 分 to a printed precision, and 尾差调整: rounding the parts of a
 * total so that the printed parts add up to the printed total (largest-remainder method).
 */
import type { Fen } from './fen';

function assertStep(stepFen: number): void {
  if (!Number.isSafeInteger(stepFen) || stepFen <= 0) {
    throw new RangeError(`rounding step must be a positive integer number of 分: ${stepFen}`);
  }
}

function assertFen(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} is not a safe integer number of 分: ${value}`);
}

/** Round to a multiple of `stepFen`, half away from zero. Never returns -0. */
export function roundFen(value: Fen, stepFen: number): Fen {
  assertStep(stepFen);
  assertFen(value, 'value');
  const magnitude = Math.abs(value);
  const remainder = magnitude % stepFen; // exact for safe integers
  let rounded = magnitude - remainder;
  if (remainder >= stepFen - remainder) rounded += stepFen; // remainder ≥ step / 2 without overflow
  if (!Number.isSafeInteger(rounded)) throw new RangeError(`rounded amount exceeds the safe integer range: ${value}`);
  if (rounded === 0) return 0 as Fen;
  return (value < 0 ? -rounded : rounded) as Fen;
}

export interface RoundedParts {
  /** Each part rounded to a multiple of the step; they add up to `total` exactly. */
  rounded: Fen[];
  /** `roundFen(Σ parts, step)`. */
  total: Fen;
  /** Ascending indexes of parts whose rounded value differs from `roundFen(part, step)`. */
  adjustedIndexes: number[];
}

/**
 * Round every part to a multiple of `stepFen` so that the rounded parts add up exactly to the
 * rounded exact total (尾差调整, largest-remainder method).
 *
 * Starts from plain half-away-from-zero rounding of every part. If those add up to d steps less
 * than the rounded total, the d parts rounded down by the largest amount (largest remainder) are
 * rounded up instead; if they add up to more, the parts rounded up by the largest amount are
 * rounded down instead. Ties go to the larger absolute part, then to the lower index. Only as
 * many parts as needed are changed, and each rounded part stays within one step of its exact
 * value (strictly less than one step away).
 */
export function roundPartsToTotal(parts: readonly Fen[], stepFen: number): RoundedParts {
  assertStep(stepFen);
  let exactTotal = 0;
  parts.forEach((part, i) => {
    assertFen(part, `part ${i}`);
    exactTotal += part;
    assertFen(exactTotal, 'sum of parts');
  });
  const total = roundFen(exactTotal as Fen, stepFen);
  const rounded = parts.map((part) => roundFen(part, stepFen));
  let roundedSum = 0;
  for (const r of rounded) roundedSum += r;
  // Multiples of step whose sum is exact (safe range checked above, up to a step per part).
  const missingSteps = (total - roundedSum) / stepFen;
  if (!Number.isSafeInteger(missingSteps)) throw new RangeError('sum of rounded parts exceeds the safe integer range');

  const adjustedIndexes: number[] = [];
  if (missingSteps !== 0) {
    const up = missingSteps > 0;
    // Candidates: parts rounded in the opposite direction, by how far they were rounded.
    const candidates: { index: number; distance: number; magnitude: number }[] = [];
    parts.forEach((part, index) => {
      const r = rounded[index] as number;
      const distance = up ? part - r : r - part;
      if (distance > 0) candidates.push({ index, distance, magnitude: Math.abs(part) });
    });
    candidates.sort((a, b) => b.distance - a.distance || b.magnitude - a.magnitude || a.index - b.index);
    const count = Math.abs(missingSteps);
    if (count > candidates.length) throw new Error('roundPartsToTotal: not enough parts to adjust'); // unreachable
    for (const { index } of candidates.slice(0, count)) {
      rounded[index] = ((rounded[index] as number) + (up ? stepFen : -stepFen)) as Fen;
      adjustedIndexes.push(index);
    }
    adjustedIndexes.sort((a, b) => a - b);
  }
  return { rounded, total, adjustedIndexes };
}
