/**
 * Clipboard text as Excel and WPS exchange it: tab-separated values, rows ended by CRLF (LF and
 * CR accepted), and cells that contain a tab, a line break or a double quote wrapped in double
 * quotes with inner quotes doubled. Excel ends the copied block with a line break; a single
 * trailing break is not an extra empty row.
 */
import type { Bounds } from './rangeSelection';

export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const n = text.length;
  let atCellStart = true;
  while (i < n) {
    const ch = text[i]!;
    if (atCellStart && ch === '"') {
      // Quoted cell: runs to the closing quote (doubled quotes are a literal quote).
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < n) {
        const c = text[j]!;
        if (c === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        value += c;
        j++;
      }
      const next = text[j];
      if (closed && (j >= n || next === '\t' || next === '\n' || next === '\r')) {
        cell = value;
        i = j;
        atCellStart = false;
        continue;
      }
      // Not a well-formed quoted cell (e.g. `"12" 元`): read it literally.
    }
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += ch;
      atCellStart = false;
      i++;
    }
  }
  if (!atCellStart || cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  // Excel pads ragged blocks? It does not, but we square them so that every row has every column.
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  for (const r of rows) while (r.length < width) r.push('');
  return rows;
}

function quote(cell: string): string {
  return /[\t\r\n"]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** The block as Excel puts it on the clipboard (CRLF after every row, the last one included). */
export function formatTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => `${r.map(quote).join('\t')}\r\n`).join('');
}

export interface PasteCell {
  row: number;
  col: number;
  text: string;
}

/**
 * Where a pasted block goes. Like Excel: a single value pasted into a selection fills it; a block
 * whose size divides the selection's is tiled over it; otherwise the block is placed at the
 * selection's top-left cell. Cells falling outside the table are dropped.
 */
export function planPaste(block: readonly (readonly string[])[], target: Bounds, tableRows: number, tableCols: number): PasteCell[] {
  const h = block.length;
  const w = h === 0 ? 0 : block[0]!.length;
  if (h === 0 || w === 0) return [];
  const selH = target.bottom - target.top + 1;
  const selW = target.right - target.left + 1;
  const tile = selH % h === 0 && selW % w === 0 && (selH > h || selW > w);
  const outH = tile ? selH : h;
  const outW = tile ? selW : w;
  const cells: PasteCell[] = [];
  for (let r = 0; r < outH; r++) {
    const row = target.top + r;
    if (row >= tableRows) break;
    for (let c = 0; c < outW; c++) {
      const col = target.left + c;
      if (col >= tableCols) break;
      cells.push({ row, col, text: block[r % h]![c % w]! });
    }
  }
  return cells;
}
