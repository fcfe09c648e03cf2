/**
 * Rectangular cell ranges as Excel keeps them: an anchor (where the selection started) and a focus
 * (the cell that moves with shift-click / shift-arrow). Positions are display indexes: the row's
 * index in the table and the column's index among the displayed columns.
 */
export interface CellPos {
  row: number;
  col: number;
}

export interface CellRange {
  anchor: CellPos;
  focus: CellPos;
}

export interface Bounds {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export function single(pos: CellPos): CellRange {
  return { anchor: { ...pos }, focus: { ...pos } };
}

/** Extend the range to `pos`, keeping the anchor (shift-click, shift-arrow, drag). */
export function extendTo(range: CellRange, pos: CellPos): CellRange {
  return { anchor: range.anchor, focus: { ...pos } };
}

export function boundsOf(range: CellRange): Bounds {
  return {
    top: Math.min(range.anchor.row, range.focus.row),
    bottom: Math.max(range.anchor.row, range.focus.row),
    left: Math.min(range.anchor.col, range.focus.col),
    right: Math.max(range.anchor.col, range.focus.col),
  };
}

export function contains(b: Bounds, row: number, col: number): boolean {
  return row >= b.top && row <= b.bottom && col >= b.left && col <= b.right;
}

export function cellCount(b: Bounds): number {
  return (b.bottom - b.top + 1) * (b.right - b.left + 1);
}

export function isSingleCell(b: Bounds): boolean {
  return b.top === b.bottom && b.left === b.right;
}

/** Smallest bounds holding both (for refreshing the cells whose highlight may have changed). */
export function union(a: Bounds, b: Bounds): Bounds {
  return { top: Math.min(a.top, b.top), bottom: Math.max(a.bottom, b.bottom), left: Math.min(a.left, b.left), right: Math.max(a.right, b.right) };
}

/** Keep a range inside a table of `rows` × `cols` (after rows were removed, or the table changed). */
export function clamp(range: CellRange, rows: number, cols: number): CellRange | null {
  if (rows <= 0 || cols <= 0) return null;
  const c = (p: CellPos): CellPos => ({ row: Math.min(Math.max(p.row, 0), rows - 1), col: Math.min(Math.max(p.col, 0), cols - 1) });
  return { anchor: c(range.anchor), focus: c(range.focus) };
}

/**
 * The selection after the grid focused a cell. `extend` is true when the focus came from a
 * shift-click, a shift-arrow or a mouse drag; otherwise the selection collapses to the cell.
 */
export function afterFocus(current: CellRange | null, pos: CellPos, extend: boolean): CellRange {
  if (extend && current) return extendTo(current, pos);
  return single(pos);
}
