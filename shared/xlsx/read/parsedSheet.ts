/**
 * A worksheet as the importer reads it: cell values in the shapes of cellValues.ts (number, string,
 * boolean, Date, `{ error }`, `{ formula, result }`), each cell's style index, and the merged
 * ranges with a lookup from any covered cell to its range.
 */
import type { SheetState } from './workbookParts';
import type { StyleTable } from './stylesPart';

/** A number whose decimal text in the file has more significant digits than a double keeps (kept for exact amounts). */
export interface NumberText {
  number: number;
  text: string;
}
/** A time of day (a serial below 1 shown as a date or time): seconds since midnight. */
export interface TimeOfDay {
  time: number;
}
/** A serial shown as elapsed time (`[h]:mm`): days. */
export interface Duration {
  duration: number;
}
/** A serial in a date-formatted cell that is no date Excel can show (negative, after 9999-12-31): Excel shows ####. */
export interface InvalidDate {
  invalidDate: number;
}
export type PlainValue = string | number | boolean | Date | { error: string } | NumberText | TimeOfDay | Duration | InvalidDate;
export type CellValue = null | PlainValue | { formula: string; result?: PlainValue };

/**
 * The cells of one row in column order: columns, values and style indexes (into the workbook's
 * cellXfs) in three parallel arrays — far fewer objects than a map of cell objects. Cells may be
 * added in any column order: out-of-order cells are appended and the row is sorted once, on first
 * read (a later cell for the same column replaces the earlier), so assembling a row is O(n log n)
 * whatever the order in the file.
 */
/** Rows of at most this many cells get arrays trimmed to their length when sealed. */
const SEAL_MAX = 4;

export class SheetRow {
  private _cols: number[] = [];
  private _values: CellValue[] = [];
  private _styles: number[] = [];
  private sorted = true;

  get cols(): readonly number[] {
    if (!this.sorted) this.sort();
    return this._cols;
  }
  get values(): readonly CellValue[] {
    if (!this.sorted) this.sort();
    return this._values;
  }
  get styles(): readonly number[] {
    if (!this.sorted) this.sort();
    return this._styles;
  }

  /** Add or replace a cell. */
  set(col: number, value: CellValue, style: number): void {
    const n = this._cols.length;
    if (this.sorted && n > 0 && col <= this._cols[n - 1]!) {
      if (col === this._cols[n - 1]) {
        this._values[n - 1] = value;
        this._styles[n - 1] = style;
        return;
      }
      this.sorted = false;
    }
    this._cols.push(col);
    this._values.push(value);
    this._styles.push(style);
  }

  /**
   * Done adding: sorts if needed and trims the arrays of short rows to their length (an array grown
   * by push keeps room for 17 elements, most of a one-cell row's memory; longer rows are left as
   * they are: copying them costs more garbage collection than their spare room is worth).
   */
  seal(): void {
    if (!this.sorted) this.sort();
    else if (this._cols.length <= SEAL_MAX) {
      this._cols = this._cols.slice();
      this._values = this._values.slice();
      this._styles = this._styles.slice();
    }
  }

  /** Stable sort by column; of cells with the same column, the last added wins. */
  private sort(): void {
    const n = this._cols.length;
    const order = Array.from({ length: n }, (_, i) => i);
    const cols = this._cols;
    order.sort((a, b) => cols[a]! - cols[b]! || a - b);
    const c: number[] = [];
    const v: CellValue[] = [];
    const s: number[] = [];
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      if (k + 1 < n && cols[order[k + 1]!] === cols[i]) continue;
      c.push(cols[i]!);
      v.push(this._values[i]!);
      s.push(this._styles[i]!);
    }
    this._cols = c;
    this._values = v;
    this._styles = s;
    this.sorted = true;
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

/** A merged range, 1-based and inclusive (the writer writes the same shape). */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

interface MergeNode {
  /** Row span of the node: [lo, hi]. */
  lo: number;
  hi: number;
  /** Ranges covering the node's whole row span (and not its parent's), ordered by left column. */
  ranges: MergeRange[];
  left: MergeNode | null;
  right: MergeNode | null;
}

/** Ranges at most this tall are listed under each of their rows; taller ones go into the segment tree. */
const SHORT_HEIGHT = 16;

/** The last range in `list` (ordered by left) starting at or before column c, if it covers c. */
function covering(list: readonly MergeRange[], c: number): MergeRange | undefined {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.left <= c) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && list[found]!.right >= c ? list[found] : undefined;
}

/**
 * Merged ranges, indexed so that no lookup scans them: short ranges (the usual header merges) are
 * listed under each of their rows, ordered by left column (memory ≤ SHORT_HEIGHT entries per
 * range); tall ones go into an interval structure over rows (a segment tree on the distinct row
 * boundaries: each range stored in O(log n) nodes, each node's ranges ordered by left column, a
 * lookup walks one root-to-leaf path). `at` is O(log² n), `inRow` O(log n + k): no scan over the
 * tall ranges per row. Ranges of a valid sheet never overlap; overlapping ones are dropped (see the
 * constructor), which also bounds how many ranges one row meets.
 */
const NO_MERGES: readonly MergeRange[] = Object.freeze([]);

export class MergeIndex {
  private readonly byRow = new Map<number, MergeRange[]>();
  private readonly root: MergeNode | null;
  /** The ranges kept (a range whose top-left cell another range already covers is dropped). */
  readonly ranges: readonly MergeRange[];

  /**
   * Ranges are taken top to bottom, left to right; one whose top-left cell an earlier range covers
   * overlaps it and is dropped (Excel repairs such files by removing merges too). So the ranges
   * crossing any row start in distinct columns, and a row meets at most as many as it has columns.
   */
  constructor(ranges: readonly MergeRange[]) {
    const sorted = [...ranges].sort((a, b) => a.top - b.top || a.left - b.left);
    const bounds = new Set<number>();
    for (const m of sorted) {
      if (m.bottom - m.top + 1 <= SHORT_HEIGHT) continue;
      bounds.add(m.top);
      bounds.add(m.bottom + 1);
    }
    const points = [...bounds].sort((a, b) => a - b);
    this.root = points.length > 1 ? build(points, 0, points.length - 1) : null;
    const kept: MergeRange[] = [];
    for (const m of sorted) {
      if (this.at(m.top, m.left)) continue;
      kept.push(m);
      if (m.bottom - m.top + 1 > SHORT_HEIGHT) {
        insert(this.root, m);
        continue;
      }
      for (let r = m.top; r <= m.bottom; r++) {
        const list = this.byRow.get(r);
        if (list) insertByLeft(list, m);
        else this.byRow.set(r, [m]);
      }
    }
    this.ranges = kept;
  }

  /** The merged range covering a cell, if any. */
  at(r: number, c: number): MergeRange | undefined {
    const list = this.byRow.get(r);
    if (list) {
      const m = covering(list, c);
      if (m) return m;
    }
    for (let node = this.root; node && r >= node.lo && r <= node.hi; node = child(node, r)) {
      const m = covering(node.ranges, c);
      if (m) return m;
    }
    return undefined;
  }

  /**
   * Ranges crossing row `r` (only those starting at or before column `maxCol`, when given). The
   * answer may be one of the index's own lists (most rows meet no merge or one list): never modify it.
   */
  inRow(r: number, maxCol = Infinity): readonly MergeRange[] {
    const own = this.byRow.get(r);
    let out = own ? upTo(own, maxCol) : NO_MERGES;
    for (let node = this.root; node && r >= node.lo && r <= node.hi; node = child(node, r)) {
      const more = upTo(node.ranges, maxCol);
      if (more.length > 0) out = out.length === 0 ? more : [...out, ...more];
    }
    return out;
  }
}

/** The ranges of a list sorted by left column that start at or before `maxCol` (the list itself when all do). */
function upTo(list: readonly MergeRange[], maxCol: number): readonly MergeRange[] {
  const n = list.length;
  if (n === 0 || list[n - 1]!.left <= maxCol) return list;
  let k = 0;
  while (k < n && list[k]!.left <= maxCol) k++;
  return k === 0 ? NO_MERGES : list.slice(0, k);
}

/** A node over the elementary row intervals [points[i], points[i+1]) for i in [from, to). */
function build(points: number[], from: number, to: number): MergeNode | null {
  if (from >= to) return null;
  const node: MergeNode = { lo: points[from]!, hi: points[to]! - 1, ranges: [], left: null, right: null };
  if (to - from > 1) {
    const mid = (from + to) >> 1;
    node.left = build(points, from, mid);
    node.right = build(points, mid, to);
  }
  return node;
}

function insert(node: MergeNode | null, m: MergeRange): void {
  if (!node || m.bottom < node.lo || m.top > node.hi) return;
  if (m.top <= node.lo && m.bottom >= node.hi) {
    insertByLeft(node.ranges, m);
    return;
  }
  insert(node.left, m);
  insert(node.right, m);
}

/** Insert keeping the list ordered by left column. */
function insertByLeft(list: MergeRange[], m: MergeRange): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.left <= m.left) lo = mid + 1;
    else hi = mid;
  }
  if (lo === list.length) list.push(m);
  else list.splice(lo, 0, m);
}

function child(node: MergeNode, r: number): MergeNode | null {
  if (node.left && r <= node.left.hi) return node.left;
  return node.right;
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
