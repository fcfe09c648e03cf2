/**
 * Rounding tolerance (尾差), in one place.
 *
 * A document read from a published workbook holds figures rounded to the printed precision p (分
 * per unit of the last printed digit; 万元 integers: p = 1,000,000). Each printed figure is off
 * by at most p/2 from the exact amount. So:
 * - the same quantity printed twice must be equal exactly (both are the rounding of one amount);
 * - a printed total against a sum of n printed parts may differ by up to n × p/2: that is a
 *   rounding gap, reported as `info`, never as an error or warning;
 * - an inequality (a ≤ b, a ≥ k·b) between rounded figures is violated for certain only when
 *   the printed figures violate it by at least Σ |coefficient| × p/2 (half-open rounding intervals).
 * Documents entered in the editor are exact (p = null): the tolerance is zero everywhere.
 *
 * The count n is the number of independently rounded figures a side adds up ("rounding count"):
 * a printed figure counts 1; an unprinted total counts the figures it adds; an input of an exact
 * document counts 0. A side that is one single printed figure counts 0 against another single
 * printed figure (same quantity) — see sideCount.
 */

/** Outcome of a comparison: equal, a rounding gap, or a real difference. */
export type Verdict = 'equal' | 'roundingGap' | 'differs';

/** Largest rounding gap, in 分, for `count` rounded figures at precision `precisionFen`. */
export function toleranceFen(count: number, precisionFen: number | null): number {
  if (precisionFen === null || count <= 0) return 0;
  return (count * precisionFen) / 2;
}

/** An equality: `difference` (left − right, 分) against the rounding tolerance of `count` figures. */
export function judgeEquality(difference: number, count: number, precisionFen: number | null): Verdict {
  const d = Math.abs(difference);
  if (d < 0.5) return 'equal'; // sums of integers of 分 (coefficients may leave float dust)
  return d <= toleranceFen(count, precisionFen) ? 'roundingGap' : 'differs';
}

/**
 * An inequality `left ≤ right` given `excess` = left − right (分): holds when excess ≤ 0; a
 * rounding gap when the excess is below the tolerance (the exact amounts may still satisfy it).
 */
export function judgeAtMost(excess: number, count: number, precisionFen: number | null): Verdict {
  if (excess < 0.5) return 'equal';
  return excess < toleranceFen(count, precisionFen) ? 'roundingGap' : 'differs';
}

/**
 * Rounding count of one side of a comparison (cells with coefficients, default 1): a side that is
 * exactly one printed figure (the same quantity as the other side) counts 0 in an equality;
 * otherwise Σ |coef| × rounding count of each cell.
 */
export function sideCount(nodes: readonly number[], coefs: readonly number[] | undefined, roundingCount: (node: number) => number, isPrintedFigure: (node: number) => boolean, forInequality = false): number {
  if (!forInequality && nodes.length === 1 && (coefs === undefined || coefs[0] === 1) && isPrintedFigure(nodes[0]!)) return 0;
  let n = 0;
  for (let i = 0; i < nodes.length; i++) n += Math.abs(coefs ? coefs[i]! : 1) * roundingCount(nodes[i]!);
  return n;
}
