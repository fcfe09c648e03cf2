/**
 * A worksheet as the importer reads it: cell values in the shapes of cellValues.ts (number, string,
 * boolean, Date, `{ error }`, `{ formula, result }`), each cell's style index, and the merged
 * ranges with a lookup from any covered cell to its range.
 */
import type { SheetState } from './workbookParts';
import type { StyleTable } from './stylesPart';

export type CellValue = null | string | number | boolean | Date | { error: string } | { formula: string; result?: string | number | boolean | Date | { error: string } };

/**
 * The cells of one row in column order: columns, values and style indexes (into the workbook's
 * cellXfs) in three parallel arrays — far fewer objects than a map of cell objects.
 */
export class SheetRow {
  readonly cols: number[] = [];
  readonly values: CellValue[] = [];
  readonly styles: number[] = [];

  /** Add or replace a cell. */
  set(col: number, value: CellValue, style: number): void {
    const n = this.cols.length;
    if (n === 0 || col > this.cols[n - 1]!) {
      this.cols.push(col);
      this.values.push(value);
      this.styles.push(style);
      return;
    }
    const at = this.indexOf(col);
    if (at >= 0) {
      this.values[at] = value;
      this.styles[at] = style;
      return;
    }
    // Out of column order (rare): insert in place.
    let k = n;
    while (k > 0 && this.cols[k - 1]! > col) k--;
    this.cols.splice(k, 0, col);
    this.values.splice(k, 0, value);
    this.styles.splice(k, 0, style);
  }

  /** Position of column `col` in the arrays, or -1. */
  indexOf(col: number): number {
    const cols = this.cols;
    let lo = 0;
    let hi = cols.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = cols[mid]!;
      if (c === col) return mid;
      if (c < col) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  get size(): number {
    return this.cols.length;
  }
}

export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Merges taller than this are looked up by scanning (rare), the rest through a per-row index. */
const INDEXED_HEIGHT = 512;

export class MergeIndex {
  private readonly byRow = new Map<number, MergeRange[]>();
  private readonly tall: MergeRange[] = [];

  constructor(readonly ranges: readonly MergeRange[]) {
    for (const m of ranges) {
      if (m.bottom - m.top + 1 > INDEXED_HEIGHT) {
        this.tall.push(m);
        continue;
      }
      for (let r = m.top; r <= m.bottom; r++) {
        const list = this.byRow.get(r);
        if (list) list.push(m);
        else this.byRow.set(r, [m]);
      }
    }
  }

  /** The merged range covering a cell, if any. */
  at(r: number, c: number): MergeRange | undefined {
    const list = this.byRow.get(r);
    if (list) for (const m of list) if (c >= m.left && c <= m.right) return m;
    for (const m of this.tall) if (r >= m.top && r <= m.bottom && c >= m.left && c <= m.right) return m;
    return undefined;
  }

  /** Ranges crossing row `r`. */
  inRow(r: number): MergeRange[] {
    const out = this.byRow.get(r) ?? [];
    if (this.tall.length === 0) return out;
    return [...out, ...this.tall.filter((m) => r >= m.top && r <= m.bottom)];
  }
}

export interface ParsedSheet {
  name: string;
  state: SheetState;
  /** Rows by number (1-based); only rows that hold cells. */
  rows: Map<number, SheetRow>;
  /** Last row that holds a row element, a cell or a merge. */
  rowCount: number;
  /** Last column that holds a cell or a merge. */
  colCount: number;
  merges: MergeIndex;
  styles: StyleTable;
}
