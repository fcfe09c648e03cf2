/**
 * Ctrl+D (向下填充) as in Excel: with several rows selected, the top row of the selection is copied
 * into every row below it; with one row selected, the row above is copied into it.
 */
import type { Bounds } from './rangeSelection';

export interface FillCell {
  row: number;
  col: number;
  fromRow: number;
}

export function planFillDown(b: Bounds): FillCell[] {
  const sourceRow = b.top === b.bottom ? b.top - 1 : b.top;
  if (sourceRow < 0) return [];
  const firstTarget = b.top === b.bottom ? b.top : b.top + 1;
  const out: FillCell[] = [];
  for (let row = firstTarget; row <= b.bottom; row++) for (let col = b.left; col <= b.right; col++) out.push({ row, col, fromRow: sourceRow });
  return out;
}
