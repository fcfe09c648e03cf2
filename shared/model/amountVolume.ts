/**
 * The volume of a document: the sum of |amount| over every amount it holds that may be summed
 * (inputs, printed totals, project totals). Every total the cell graph computes is a sum of distinct
 * amounts, so its partial sums never exceed the volume; keeping the volume within
 * MAX_AMOUNT_VOLUME_FEN (< 2^53) makes every sum exact (see money/fen.ts).
 *
 * The walk counts every number of the document except the few that are not amounts, so an amount
 * field added later is counted without anyone remembering to list it here.
 */
import { MAX_AMOUNT_VOLUME_FEN } from '../money/fen';

/** Numbers of a document that are not amounts (format version, year, rounding step). */
const NOT_AMOUNTS = new Set(['version', 'fiscalYear', 'printedPrecisionFen']);
/**
 * Last year's figures (the document's `previousYear`, every printed cell of last year's tables,
 * totals included) are only ever compared one by one, never summed: they do not count.
 */
const NOT_SUMMED = 'previousYear';

/**
 * Sum of |n| over the amounts of `doc`; with a `limit`, the walk stops as soon as the sum exceeds
 * it (the answer is then only known to exceed it). Values are added in double precision: below
 * 2^53 every partial sum of integers is exact.
 */
export function amountVolume(doc: unknown, limit = Number.POSITIVE_INFINITY): number {
  let total = 0;
  const walk = (value: unknown, root: boolean): void => {
    if (total > limit || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const v of value) if (typeof v === 'object') walk(v, false);
      return;
    }
    // for…in: no array of keys per object (a document has ~10^5 objects). Only own objects are
    // walked into; a number is counted as found (an inherited one could only make the sum larger).
    for (const key in value) {
      const v = (value as Record<string, unknown>)[key];
      if (typeof v === 'number') {
        if (!NOT_AMOUNTS.has(key)) total += Math.abs(v);
      } else if (v !== null && typeof v === 'object' && !(root && key === NOT_SUMMED) && Object.hasOwn(value, key)) walk(v, false);
    }
  };
  walk(doc, true);
  return total;
}

/** Whether the document's amounts stay within the volume bound. */
export function withinVolume(doc: unknown): boolean {
  return amountVolume(doc, MAX_AMOUNT_VOLUME_FEN) <= MAX_AMOUNT_VOLUME_FEN;
}

/**
 * Volumes of documents already measured, by document root. A value edit makes a new root, whose
 * volume is the old one plus the edit's change (see edit/setCells.ts), so typing never walks the
 * whole document again; any other new root is walked once on first use.
 */
const knownVolumes = new WeakMap<object, number>();

export function documentVolume(doc: object): number {
  let v = knownVolumes.get(doc);
  if (v === undefined) knownVolumes.set(doc, (v = amountVolume(doc)));
  return v;
}

/** The volume of a document if it was measured or remembered, without walking it. */
export function knownVolume(doc: object): number | undefined {
  return knownVolumes.get(doc);
}

/** Record the volume of a document made from a measured one by a known change. */
export function rememberVolume(doc: object, volume: number): void {
  knownVolumes.set(doc, volume);
}
