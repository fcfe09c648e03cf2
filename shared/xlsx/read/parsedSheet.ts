/**
 * A worksheet as the importer reads it: cell values in the shapes of cellValues.ts (number, string,
 * boolean, Date, `{ error }`, `{ formula, result }`), each cell's style index, and the merged
 * ranges with a lookup from any covered cell to its range.
 */
import type { SheetState } from './workbookParts';
import type { StyleTable } from './stylesPart';

export type CellValue = null | string | number | boolean | Date | { error: string } | { formula: string; result?: string | number | boolean | Date | { error: string } };

export interface SheetCell {
  v: CellValue;
  /** Index into the workbook's cell styles (cellXfs). */
  s: number;
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
  /** Cells by row, then by column (1-based), in column order. */
  rows: Map<number, Map<number, SheetCell>>;
  /** Last row that holds a row element, a cell or a merge. */
  rowCount: number;
  /** Last column that holds a cell or a merge. */
  colCount: number;
  merges: MergeIndex;
  styles: StyleTable;
}
