/** Amounts as text in the display unit: formatted for the grid, exact for the cell editor and the clipboard. */
import type { DisplayUnit } from '../../shared/model/document';
import { formatFen, unitMaxDecimals } from '../../shared/money/format';
import type { Fen } from '../../shared/money/fen';

export function formatAmount(value: number | null | undefined, unit: DisplayUnit, decimals: number): string {
  if (value === null || value === undefined) return '';
  return formatFen(value as Fen, { unit, decimals });
}

/** The exact amount in the unit, no separators, no trailing zeros: 12345678 分 in 万元 → "12.345678". */
export function exactAmountText(value: number | null | undefined, unit: DisplayUnit): string {
  if (value === null || value === undefined) return '';
  const text = formatFen(value as Fen, { unit, decimals: unitMaxDecimals(unit), thousands: false });
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** Exact amount with thousands separators, at least `decimals` decimals: 3,380 / 3,380.25. */
export function formatExactAmount(value: number | null | undefined, unit: DisplayUnit, decimals: number): string {
  if (value === null || value === undefined) return '空';
  const full = formatFen(value as Fen, { unit, decimals: unitMaxDecimals(unit) });
  const [int, frac = ''] = full.split('.');
  let f = frac.replace(/0+$/, '');
  if (f.length < decimals) f = f.padEnd(decimals, '0');
  return f ? `${int}.${f}` : int!;
}
