/**
 * Printing amounts held in 分, exactly: integer (BigInt) arithmetic only, rounding half away from
 * zero at the printed precision.
 */
import { FEN_PER_WAN, FEN_PER_YUAN, type Fen, type MoneyUnit } from './fen';

export interface FormatOptions {
  unit: MoneyUnit;
  /** Decimals to print (non-negative integer). Beyond 分 (2 for 元, 6 for 万元) zeros are printed. */
  decimals: number;
  /** Group the integer part by thousands with “,” (default true). */
  thousands?: boolean;
  /** Text for an empty (null/undefined) amount (default ''). */
  empty?: string;
}

/** 分 per unit: 元 → 100, 万元 → 1,000,000. */
/** The unit as printed: 元 / 万元. */
export const UNIT_LABELS: Record<MoneyUnit, string> = { yuan: '元', wan: '万元' };

export function unitScaleFen(unit: MoneyUnit): number {
  return unit === 'yuan' ? FEN_PER_YUAN : FEN_PER_WAN;
}

/** Decimals of the unit that 分 can express: 元 → 2, 万元 → 6. */
export function unitMaxDecimals(unit: MoneyUnit): number {
  return unit === 'yuan' ? 2 : 6;
}

function assertDecimals(decimals: number): void {
  if (!Number.isSafeInteger(decimals) || decimals < 0 || decimals > 20) {
    throw new RangeError(`decimals must be an integer from 0 to 20: ${decimals}`);
  }
}

/**
 * Size in 分 of one unit of the last printed digit: 万元 with 0 decimals → 1,000,000;
 * 万元 with 2 → 10,000; 元 with 2 → 1. Never below 1 分 (more decimals than 分 print zeros).
 */
export function printedPrecisionFen(unit: MoneyUnit, decimals: number): number {
  assertDecimals(decimals);
  return 10 ** Math.max(0, unitMaxDecimals(unit) - decimals);
}

/** Decimal text of the amount in the unit, rounded at `decimals`: sign, integer digits, fraction digits. */
function toDecimalParts(value: number, unit: MoneyUnit, decimals: number): { negative: boolean; int: string; frac: string } {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer number of 分: ${value}`);
  assertDecimals(decimals);
  const maxDecimals = unitMaxDecimals(unit);
  const kept = Math.min(decimals, maxDecimals);
  const step = 10n ** BigInt(maxDecimals - kept);
  const magnitude = BigInt(Math.abs(value));
  let units = magnitude / step; // in units of the last kept digit
  const remainder = magnitude - units * step;
  if (2n * remainder >= step) units += 1n; // half away from zero
  const digits = units.toString().padStart(kept + 1, '0');
  const int = digits.slice(0, digits.length - kept);
  const frac = digits.slice(digits.length - kept) + '0'.repeat(decimals - kept);
  return { negative: value < 0 && units !== 0n, int, frac };
}

function groupThousands(int: string): string {
  return int.replace(/\B(?=(\d{3})+$)/g, ',');
}

/** Print an amount of 分 in 元 or 万元, e.g. 338000 分 → “3,380” (元, 0 decimals). */
export function formatFen(value: Fen | null | undefined, opts: FormatOptions): string {
  if (value === null || value === undefined) return opts.empty ?? '';
  const { negative, int, frac } = toDecimalParts(value, opts.unit, opts.decimals);
  const intText = opts.thousands === false ? int : groupThousands(int);
  return `${negative ? '-' : ''}${intText}${frac === '' ? '' : `.${frac}`}`;
}

/**
 * The amount in 元 or 万元 as a JS number rounded at the printed precision (the double nearest to
 * the printed decimal), for writing a numeric cell to Excel. Display/export only: never sum these.
 */
export function fenToUnitNumber(value: Fen, unit: MoneyUnit, decimals: number): number {
  const { negative, int, frac } = toDecimalParts(value, unit, decimals);
  const n = Number(`${int}${frac === '' ? '' : `.${frac}`}`);
  return negative ? -n : n;
}
