/**
 * One pass over the records of a BIFF workbook stream for what the BIFF library does not report:
 * the indentation of every cell (XF records' cIndent, BIFF8) and, before the library builds its
 * cell objects, how many cells and merged cells each sheet holds (the import limits).
 * Record layout per [MS-XLS] 2.4: type u16, length u16, body.
 */

export interface BiffSheet {
  name: string;
  /** Cell records (blank ones included; MULRK/MULBLANK counted per cell). */
  cells: number;
  /** Cells covered by merged ranges. */
  mergedCells: number;
  /** Indentation level by cellKey(row, col) (0-based), only for cells indented > 0. */
  indents: Map<number, number>;
}

export function cellKey(row: number, col: number): number {
  return row * 16_384 + col;
}

const BOF = 0x0809;
const EOF = 0x000a;
const BOUNDSHEET = 0x0085;
const XF = 0x00e0;
const MERGECELLS = 0x00e5;
const MULRK = 0x00bd;
const MULBLANK = 0x00be;
/** Records that start with row u16, column u16, XF index u16. */
const SINGLE_CELL = new Set([0x00fd /* LABELSST */, 0x0204 /* LABEL */, 0x0203 /* NUMBER */, 0x027e /* RK */, 0x0201 /* BLANK */, 0x0205 /* BOOLERR */, 0x0006 /* FORMULA */, 0x00d6 /* RSTRING */]);

function u16(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

/** ShortXLUnicodeString (BIFF8): cch u8, flags u8 (bit 0: two bytes per character), characters. */
function shortUnicode(b: Uint8Array, at: number, end: number): string {
  const cch = b[at] ?? 0;
  const wide = ((b[at + 1] ?? 0) & 1) === 1;
  let s = '';
  for (let i = 0, p = at + 2; i < cch && p < end; i++, p += wide ? 2 : 1) s += String.fromCharCode(wide ? u16(b, p) : b[p]!);
  return s;
}

/** BIFF8 caps a record's data at 8,224 bytes ([MS-XLS] 2.1.4); longer data goes into CONTINUE records. */
const MAX_RECORD = 8224;
const MAX_COL = 255;

export interface BiffLayout {
  sheets: BiffSheet[];
  /**
   * What makes the stream certainly damaged (a record no writer produces: record type 0 or data
   * longer than BIFF allows inside a substream, a cell past column IV, a MULRK/MULBLANK whose
   * columns disagree with its length), or null. Such streams are refused before the library reads
   * them: misaligned garbage can make it allocate for minutes.
   */
  damage: string | null;
}

/** The sheets of a workbook stream in BoundSheet order (names decoded for BIFF8 only; BIFF5 names are empty). */
export function walkBiff(stream: Uint8Array): BiffLayout {
  const sheets: BiffSheet[] = [];
  const byOffset = new Map<number, BiffSheet>();
  const xfIndent: number[] = [];
  let biff8 = false;
  let seenBof = false;
  let current: BiffSheet | null = null;
  let depth = 0;
  const indent = (sheet: BiffSheet, row: number, col: number, xf: number) => {
    const level = xfIndent[xf] ?? 0;
    if (level > 0) sheet.indents.set(cellKey(row, col), level);
  };
  for (let p = 0; p + 4 <= stream.length; ) {
    const type = u16(stream, p);
    const length = u16(stream, p + 2);
    const at = p + 4;
    const end = Math.min(stream.length, at + length);
    p = at + length;
    if (depth > 0 && (type === 0 || (biff8 && length > MAX_RECORD))) return { sheets, damage: '工作簿数据中有无效的记录' };
    if (type === BOF) {
      if (depth === 0) {
        if (!seenBof) biff8 = u16(stream, at) === 0x0600;
        seenBof = true;
        current = byOffset.get(at - 4) ?? null;
      }
      depth++;
      continue;
    }
    if (type === EOF) {
      depth = Math.max(0, depth - 1);
      if (depth === 0) current = null;
      continue;
    }
    if (depth === 0) break;
    if (current === null) {
      if (type === BOUNDSHEET && end - at >= 8) {
        const sheet: BiffSheet = { name: biff8 ? shortUnicode(stream, at + 6, end) : '', cells: 0, mergedCells: 0, indents: new Map() };
        sheets.push(sheet);
        byOffset.set(u32(stream, at), sheet);
      } else if (type === XF) xfIndent.push(biff8 && end - at >= 9 ? stream[at + 8]! & 0x0f : 0);
      continue;
    }
    if (depth !== 1) continue; // embedded charts
    if (SINGLE_CELL.has(type) && end - at >= 6) {
      if (biff8 && u16(stream, at + 2) > MAX_COL) return { sheets, damage: '有位置无效的单元格' };
      current.cells++;
      indent(current, u16(stream, at), u16(stream, at + 2), u16(stream, at + 4));
    } else if ((type === MULRK || type === MULBLANK) && end - at >= 6) {
      const row = u16(stream, at);
      const first = u16(stream, at + 2);
      const step = type === MULRK ? 6 : 2;
      const n = Math.max(0, Math.floor((end - at - 6) / step));
      if (end - at !== 6 + n * step || u16(stream, end - 2) !== first + n - 1 || first + n - 1 > MAX_COL) return { sheets, damage: '有无效的单元格记录' };
      current.cells += n;
      for (let k = 0; k < n; k++) indent(current, row, first + k, u16(stream, at + 4 + k * step));
    } else if (type === MERGECELLS && end - at >= 2) {
      const n = Math.min(u16(stream, at), Math.floor((end - at - 2) / 8));
      for (let k = 0; k < n; k++) {
        const q = at + 2 + k * 8;
        const rows = u16(stream, q + 2) - u16(stream, q) + 1;
        const cols = u16(stream, q + 6) - u16(stream, q + 4) + 1;
        if (rows > 0 && cols > 0) current.mergedCells += rows * cols;
      }
    }
  }
  return { sheets, damage: null };
}
