/**
 * Header geometry from a catalogue header tree: leaf columns in order, and the merged header
 * grid (as printed: group cells span their children; leaves span down to the last header row).
 */
import type { ColumnDef, HeaderNode, TableDef } from './types';

export function headerDepth(nodes: readonly HeaderNode[]): number {
  let depth = 0;
  for (const n of nodes) depth = Math.max(depth, 1 + (n.children ? headerDepth(n.children) : 0));
  return depth;
}

export function fillYear(text: string, year: number): string {
  return text.replaceAll('{year}', String(year)).replaceAll('{previousYear}', String(year - 1));
}

const DEFAULT_AMOUNT_WIDTH = 14;
const DEFAULT_LABEL_WIDTH = 20;

export function columnsOf(table: TableDef, year: number): ColumnDef[] {
  const out: ColumnDef[] = [];
  const walk = (nodes: readonly HeaderNode[], path: string[]) => {
    for (const n of nodes) {
      const p = [...path, fillYear(n.text, year)];
      if (n.children) walk(n.children, p);
      else {
        const key = n.column!;
        const kind = table.labelColumns.includes(key) ? 'label' : 'amount';
        out.push({ key, kind, headerPath: p, width: table.widths?.[key] ?? (kind === 'label' ? DEFAULT_LABEL_WIDTH : DEFAULT_AMOUNT_WIDTH) });
      }
    }
  };
  walk(table.header, []);
  return out;
}

export interface HeaderMerge {
  /** 0-based, inclusive. */
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface HeaderGrid {
  rows: string[][];
  merges: HeaderMerge[];
}

/** The printed header block: `rows[r][c]` holds the text of the cell that starts there ('' elsewhere). */
export function headerGrid(table: TableDef, year: number): HeaderGrid {
  const depth = headerDepth(table.header);
  const width = columnsOf(table, year).length;
  const rows = Array.from({ length: depth }, () => Array<string>(width).fill(''));
  const merges: HeaderMerge[] = [];
  const place = (nodes: readonly HeaderNode[], level: number, left: number): number => {
    let col = left;
    for (const n of nodes) {
      const text = fillYear(n.text, year);
      if (n.children) {
        const right = place(n.children, level + 1, col) - 1;
        rows[level]![col] = text;
        if (right > col) merges.push({ top: level, left: col, bottom: level, right });
        col = right + 1;
      } else {
        rows[level]![col] = text;
        if (level < depth - 1) merges.push({ top: level, left: col, bottom: depth - 1, right: col });
        col++;
      }
    }
    return col;
  };
  place(table.header, 0, 0);
  return { rows, merges };
}
