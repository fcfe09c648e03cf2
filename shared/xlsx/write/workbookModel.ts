/**
 * The in-memory workbook the exporter fills: the small subset of the exceljs API the export uses
 * (cells with a value and a shared style object, row heights, column widths, merges, print setup,
 * frozen panes, sheet states), serialized by writeXlsx.ts. Pure data: no I/O.
 *
 * As in exceljs, a cell exists once it is touched (getCell), and every existing cell is written,
 * so bordered empty cells keep their borders. Merging gives every covered cell the master's
 * style at that moment and clears its value.
 */

import type { MergeRange } from '../read/parsedSheet';
export type CellValue = string | number | null;

export interface FontStyle {
  name?: string;
  /** Font family class (3 = modern/monospace-like, the CJK fonts' class in Excel). */
  family?: number;
  /** Character set (134 = GB2312). */
  charset?: number;
  size?: number;
  bold?: boolean;
}

export interface BorderEdge {
  style: 'thin' | 'medium' | 'thick';
  color?: { argb: string };
}

export interface BorderStyle {
  top?: BorderEdge;
  left?: BorderEdge;
  bottom?: BorderEdge;
  right?: BorderEdge;
}

export interface AlignmentStyle {
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'middle' | 'bottom';
  wrapText?: boolean;
  indent?: number;
}

/** A cell style. The serializer gives each distinct style OBJECT one cell format: share the objects. */
export interface CellStyle {
  font?: FontStyle;
  border?: BorderStyle;
  alignment?: AlignmentStyle;
  numFmt?: string;
}

export interface PageMargins {
  left: number;
  right: number;
  top: number;
  bottom: number;
  header: number;
  footer: number;
}

export interface PageSetup {
  /** 9 = A4. */
  paperSize?: number;
  orientation?: 'portrait' | 'landscape';
  fitToPage?: boolean;
  fitToWidth?: number;
  fitToHeight?: number;
  horizontalCentered?: boolean;
  margins?: PageMargins;
  /** Rows repeated on every printed page, e.g. '4:6'. */
  printTitlesRow?: string;
}

export interface HeaderFooter {
  oddFooter?: string;
}

export interface SheetView {
  state?: 'frozen';
  xSplit?: number;
  ySplit?: number;
  topLeftCell?: string;
  activeCell?: string;
  showGridLines?: boolean;
}

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

/** Excel's limits of a worksheet. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/**
 * A handle on one cell of a row (created on each getCell, short-lived): the row keeps values and
 * styles in two arrays, so a sheet of 300,000 cells is two arrays per row, not 300,000 objects.
 */
export class Cell {
  constructor(
    private readonly row: Row,
    private readonly col: number,
  ) {}

  get value(): CellValue {
    return this.row.values[this.col] ?? null;
  }
  set value(v: CellValue) {
    this.row.values[this.col] = v;
  }

  get style(): CellStyle | undefined {
    return this.row.styles[this.col];
  }
  set style(s: CellStyle | undefined) {
    this.row.styles[this.col] = s;
  }
}

export class Row {
  height: number | undefined = undefined;
  /** Values by 1-based column; undefined = no cell there, null = a cell without a value. */
  readonly values: (CellValue | undefined)[] = [];
  /** Styles by 1-based column. */
  readonly styles: (CellStyle | undefined)[] = [];

  constructor(readonly number: number) {}

  getCell(col: number): Cell {
    checkIndex(col, MAX_COLS, '列');
    if (this.values[col] === undefined) this.values[col] = null;
    return new Cell(this, col);
  }
}

export class Column {
  width: number | undefined = undefined;
}

/** A merged range, 1-based and inclusive: the same shape the reader reads. */
export type { MergeRange };

function checkIndex(n: number, max: number, what: string): void {
  if (!Number.isInteger(n) || n < 1 || n > max) throw new RangeError(`${what}号超出 Excel 的范围：${n}`);
}

export class Worksheet {
  /** Rows by 1-based number (index 0 unused). */
  readonly rows: (Row | undefined)[] = [];
  /** Columns by 1-based number (index 0 unused). */
  readonly columns: (Column | undefined)[] = [];
  readonly merges: MergeRange[] = [];
  pageSetup: PageSetup = {};
  headerFooter: HeaderFooter = {};
  views: SheetView[] = [];
  private readonly merged = new Set<number>();

  constructor(
    readonly name: string,
    readonly state: SheetState,
  ) {}

  getRow(row: number): Row {
    checkIndex(row, MAX_ROWS, '行');
    let r = this.rows[row];
    if (!r) {
      r = new Row(row);
      this.rows[row] = r;
    }
    return r;
  }

  getCell(row: number, col: number): Cell {
    return this.getRow(row).getCell(col);
  }

  getColumn(col: number): Column {
    checkIndex(col, MAX_COLS, '列');
    let c = this.columns[col];
    if (!c) {
      c = new Column();
      this.columns[col] = c;
    }
    return c;
  }

  /** Drop every row, cell and merge (once the sheet is serialized); name, state, columns, setup and views stay. */
  releaseCells(): void {
    this.rows.length = 0;
    this.merges.length = 0;
    this.merged.clear();
  }

  /** Merge the rectangle (any two opposite corners); throws when it overlaps an earlier merge. */
  mergeCells(r1: number, c1: number, r2: number, c2: number): void {
    const top = Math.min(r1, r2);
    const bottom = Math.max(r1, r2);
    const left = Math.min(c1, c2);
    const right = Math.max(c1, c2);
    checkIndex(top, MAX_ROWS, '行');
    checkIndex(bottom, MAX_ROWS, '行');
    checkIndex(left, MAX_COLS, '列');
    checkIndex(right, MAX_COLS, '列');
    for (let r = top; r <= bottom; r++) {
      for (let c = left; c <= right; c++) {
        if (this.merged.has(r * MAX_COLS + c)) throw new Error(`合并单元格重叠：工作表“${this.name}”第 ${r} 行第 ${c} 列已在另一个合并区域中`);
      }
    }
    const master = this.getCell(top, left);
    for (let r = top; r <= bottom; r++) {
      for (let c = left; c <= right; c++) {
        this.merged.add(r * MAX_COLS + c);
        if (r === top && c === left) continue;
        const cell = this.getCell(r, c);
        cell.value = null;
        cell.style = master.style;
      }
    }
    this.merges.push({ top, left, bottom, right });
  }
}

export interface AddWorksheetOptions {
  state?: SheetState;
}

export class Workbook {
  creator = '';
  title = '';
  readonly worksheets: Worksheet[] = [];
  private readonly names = new Set<string>();

  addWorksheet(name: string, options: AddWorksheetOptions = {}): Worksheet {
    if (name.length === 0 || name.length > 31 || /[\\/?*[\]:]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
      throw new Error(`工作表名称不符合 Excel 的要求：“${name}”`);
    }
    const key = name.toLowerCase();
    if (this.names.has(key)) throw new Error(`工作表名称重复：“${name}”`);
    this.names.add(key);
    const ws = new Worksheet(name, options.state ?? 'visible');
    this.worksheets.push(ws);
    return ws;
  }
}
