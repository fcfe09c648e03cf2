/**
 * Exact money: an integer number of 分 (1 元 = 100 分, 1 万元 = 1,000,000 分).
 * Plain JS numbers are exact for integers up to 2^53 (≈ 9×10^13 元), far above any budget,
 * so sums of Fen are exact as long as every operand is an integer. The brand keeps raw
 * numbers (floats, 万元 values) from being passed where 分 are meant.
 */
export type Fen = number & { readonly __unit: 'fen' };

export const FEN_PER_YUAN = 100;
export const FEN_PER_WAN = 1_000_000;

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Brand an integer as Fen; throws on non-integers so float drift can never enter the model. */
export function fen(value: number): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer number of 分: ${value}`);
  return value as Fen;
}

export const ZERO_FEN = 0 as Fen;

/** Exact sum; empty (null/undefined) counts as zero. */
export function sumFen(values: Iterable<Fen | null | undefined>): Fen {
  let total = 0;
  for (const v of values) if (v != null) total += v;
  return total as Fen;
}

export function addFen(a: Fen | null | undefined, b: Fen | null | undefined): Fen {
  return ((a ?? 0) + (b ?? 0)) as Fen;
}

/** The unit a table column is entered and printed in. */
export type MoneyUnit = 'yuan' | 'wan';
