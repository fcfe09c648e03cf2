/**
 * Exact money: an integer number of 分 (1 元 = 100 分, 1 万元 = 1,000,000 分).
 * Plain JS numbers are exact for integers up to 2^53 (≈ 9×10^13 元). The brand keeps raw
 * numbers (floats, 万元 values) from being passed where 分 are meant.
 *
 * Domain bounds (checked by the `.budget` schema, the importer and every edit):
 * - one amount: |amount| ≤ MAX_AMOUNT_FEN (< 10^15 分 = 10 万亿元; a department's whole budget is
 *   far below that);
 * - one document: the sum of |amount| over all its amounts ≤ MAX_AMOUNT_VOLUME_FEN (9 × 10^15 分 < 2^53).
 * Every total of the cell graph is a sum of distinct amounts (no amount is counted twice in one total,
 * asserted by shared/compute/overflow.test.ts), so every partial sum — and every total — is at most
 * the document's volume, a safe integer: sums of Fen are exact and cannot overflow.
 */
export type Fen = number & { readonly __unit: 'fen' };

export const FEN_PER_YUAN = 100;
export const FEN_PER_WAN = 1_000_000;

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Largest |amount| of one cell: 9,999,999,999,999.99 元 (just under 10 万亿元). */
export const MAX_AMOUNT_FEN = 999_999_999_999_999;
/** Largest sum of |amount| over one document (every total is bounded by it): 9 × 10^15 分 < 2^53. */
export const MAX_AMOUNT_VOLUME_FEN = 9_000_000_000_000_000;
/** The bound as the clerk reads it. */
export const AMOUNT_BOUND_TEXT = '绝对值须小于 10 万亿元';
export const VOLUME_BOUND_TEXT = '全部金额（按绝对值）合计超过了 90 万亿元';

/** An amount a cell may hold: an integer of 分 within the domain bound. */
export function isAmount(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= MAX_AMOUNT_FEN;
}

/** Brand an integer as Fen; throws on non-integers so float drift can never enter the model. */
export function fen(value: number): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer number of 分: ${value}`);
  return value as Fen;
}

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
