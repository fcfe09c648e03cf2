/**
 * One worksheet part (xl/worksheets/sheetN.xml) into a ParsedSheet, by scanning for the few
 * elements that matter — rows, cells with their value/formula/inline string, merged ranges — and
 * skipping everything else. Namespace prefixes (`<x:c>`) and omitted `r` attributes are accepted.
 */
import { XlsxImportError } from '../errors';
import { MergeIndex, type CellValue, type MergeRange, type ParsedSheet, type SheetCell } from './parsedSheet';
import type { StyleTable } from './stylesPart';
import type { SheetState } from './workbookParts';
import { attr, decodeCellText, decodeEntities, elements, nextTag, stringItemText } from './xmlText';

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;
const isRowOrCell = (name: string): boolean => name === 'c' || name === 'row';

export interface SheetPartContext {
  name: string;
  state: SheetState;
  sharedStrings: readonly string[];
  styles: StyleTable;
  date1904: boolean;
  /** For messages: `“file.xlsx”中` etc. */
  fileLabel: string;
}

/** `A1` → [row, col]; null when it is not a cell reference. */
export function parseRef(ref: string): [number, number] | null {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const ch = ref.charCodeAt(i);
    if (ch >= 65 && ch <= 90) col = col * 26 + ch - 64;
    else if (ch >= 97 && ch <= 122) col = col * 26 + ch - 96;
    else break;
    if (col > MAX_COL) return null;
  }
  if (i === 0 || i === ref.length) return null;
  let row = 0;
  for (; i < ref.length; i++) {
    const ch = ref.charCodeAt(i);
    if (ch < 48 || ch > 57) return null;
    row = row * 10 + ch - 48;
    if (row > MAX_ROW) return null;
  }
  return row >= 1 ? [row, col] : null;
}

/** The r, s and t attributes of a cell tag in one pass (other attributes are skipped). */
function cellAttrs(attrs: string): { r?: string; s?: string; t?: string } {
  const out: { r?: string; s?: string; t?: string } = {};
  const n = attrs.length;
  let i = 0;
  while (i < n) {
    const eq = attrs.indexOf('=', i);
    if (eq < 0) break;
    let k = eq - 1;
    while (k >= i && attrs.charCodeAt(k) === 32) k--;
    let j = k;
    while (j >= i && attrs.charCodeAt(j) > 32) j--;
    const name = attrs.slice(j + 1, k + 1);
    let q = eq + 1;
    while (attrs.charCodeAt(q) === 32) q++;
    const quote = attrs[q];
    if (quote !== '"' && quote !== "'") break;
    const end = attrs.indexOf(quote, q + 1);
    if (end < 0) break;
    if (name === 'r' || name === 's' || name === 't') {
      const raw = attrs.slice(q + 1, end);
      out[name] = raw.indexOf('&') < 0 ? raw : decodeEntities(raw);
    }
    i = end + 1;
  }
  return out;
}

function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial + (date1904 ? 1462 : 0) - 25569) * 86_400_000));
}

/** Inner text of the first `<name>` child (prefixed like its parent), or undefined. */
function child(inner: string, prefix: string, name: string): { attrs: string; text: string } | undefined {
  const open = `<${prefix}${name}`;
  let at = inner.indexOf(open);
  while (at >= 0) {
    const next = inner.charCodeAt(at + open.length);
    if (next === 62 /* > */ || next === 32 || next === 47 /* / */ || next === 9 || next === 10 || next === 13) break;
    at = inner.indexOf(open, at + 1);
  }
  if (at < 0) return undefined;
  const gt = inner.indexOf('>', at);
  if (gt < 0) return undefined;
  const attrs = inner.slice(at + open.length, inner[gt - 1] === '/' ? gt - 1 : gt);
  if (inner[gt - 1] === '/') return { attrs, text: '' };
  const close = inner.indexOf(`</${prefix}${name}>`, gt);
  return { attrs, text: close < 0 ? inner.slice(gt + 1) : inner.slice(gt + 1, close) };
}

function cellValue(t: string | undefined, s: number, inner: string, prefix: string, ctx: SheetPartContext): CellValue {
  const v = child(inner, prefix, 'v');
  const f = child(inner, prefix, 'f');
  let value: Exclude<CellValue, { formula: string } | null> | undefined;
  if (t === 'inlineStr') {
    const is = child(inner, prefix, 'is');
    value = is ? stringItemText(is.text) : v ? decodeCellText(v.text) : undefined;
  } else if (v) {
    const raw = v.text;
    switch (t) {
      case 's': {
        const idx = Number(raw.trim());
        value = Number.isInteger(idx) ? ctx.sharedStrings[idx] : undefined;
        break;
      }
      case 'str':
        value = decodeCellText(raw);
        break;
      case 'b':
        value = raw.trim() === '1' || raw.trim() === 'true';
        break;
      case 'e':
        value = { error: decodeEntities(raw.trim()) };
        break;
      case 'd': {
        const d = new Date(decodeEntities(raw.trim()));
        value = Number.isNaN(d.getTime()) ? decodeEntities(raw) : d;
        break;
      }
      default: {
        const n = parseFloat(raw);
        value = ctx.styles.isDate(s) && Number.isFinite(n) ? excelDate(n, ctx.date1904) : n;
      }
    }
  }
  if (f) {
    const formula = decodeEntities(f.text) || (attr(f.attrs, 't') === 'shared' ? `shared:${attr(f.attrs, 'si') ?? ''}` : '');
    return value === undefined ? { formula } : { formula, result: value };
  }
  return value ?? null;
}

export function parseSheetPart(xml: string, ctx: SheetPartContext): ParsedSheet {
  const rows = new Map<number, Map<number, SheetCell>>();
  let rowCount = 0;
  let colCount = 0;
  const sheetData = nextTag(xml, 0, xml.length, (n) => n === 'sheetData');
  const endTag = !sheetData || sheetData.selfClosing ? -1 : xml.indexOf('sheetData>', sheetData.end);
  const to = !sheetData ? 0 : sheetData.selfClosing ? sheetData.end : endTag < 0 ? xml.length : endTag;
  let row = 0;
  let col = 0;
  let cells: Map<number, SheetCell> | undefined;
  let unsorted = false;
  let lastCol = 0;
  const bad = (what: string) => new XlsxImportError('corrupt', `${ctx.fileLabel}的工作表“${ctx.name}”已损坏：${what}。请用 Excel 或 WPS 打开检查，重新保存后再导入。`);
  let at = sheetData ? sheetData.end : to;
  for (let tag = nextTag(xml, at, to, isRowOrCell); tag; tag = nextTag(xml, at, to, isRowOrCell)) {
    at = tag.end;
    const attrs = tag.attrs;
    if (tag.name === 'row') {
      const r = attr(attrs, 'r');
      const n = r === undefined ? row + 1 : Number(r);
      if (!Number.isInteger(n) || n < 1 || n > MAX_ROW) throw bad(`行号“${(r ?? '').slice(0, 20)}”无效`);
      row = n;
      col = 0;
      cells = undefined;
      if (row > rowCount) rowCount = row;
      continue;
    }
    // A cell: its inner XML runs to </c> (a cell without one ends the sheet's data).
    let inner = '';
    if (!tag.selfClosing) {
      const close = `</${tag.prefix}c>`;
      const end = xml.indexOf(close, tag.end);
      inner = xml.slice(tag.end, end < 0 ? to : Math.min(end, to));
      at = end < 0 ? to : end + close.length;
    }
    const { r, s: sAttr, t } = cellAttrs(attrs);
    if (r !== undefined) {
      const rc = parseRef(r);
      if (!rc) throw bad(`单元格位置“${r.slice(0, 20)}”无效`);
      if (rc[0] !== row) {
        row = Math.max(1, rc[0]);
        cells = undefined;
        if (row > rowCount) rowCount = row;
      }
      col = rc[1];
    } else {
      if (row === 0) row = rowCount = 1;
      col++;
      if (col > MAX_COL) throw bad(`第 ${row} 行的单元格超过了 ${MAX_COL} 列`);
    }
    const s = sAttr === undefined ? 0 : Number(sAttr) | 0;
    const v = inner ? cellValue(t, s, inner, tag.prefix, ctx) : null;
    if (v === null && s === 0) continue;
    if (!cells) {
      cells = rows.get(row);
      if (cells) unsorted = true; // a row met again: put its cells back in column order at the end
      else rows.set(row, (cells = new Map()));
      lastCol = 0;
    }
    if (col <= lastCol) unsorted = true;
    lastCol = col;
    cells.set(col, { v, s });
    if (col > colCount) colCount = col;
  }
  if (unsorted) for (const [r, map] of rows) rows.set(r, new Map([...map].sort((a, b) => a[0] - b[0])));

  const merges: MergeRange[] = [];
  for (const mc of elements(xml, 'mergeCell', Math.max(0, endTag))) {
    const ref = attr(mc.attrs, 'ref') ?? '';
    const [a, b] = ref.replace(/\$/g, '').split(':');
    const p = a ? parseRef(a) : null;
    const q = b ? parseRef(b) : p;
    if (!p || !q) continue;
    const m: MergeRange = { top: Math.min(p[0], q[0]), left: Math.min(p[1], q[1]), bottom: Math.max(p[0], q[0]), right: Math.max(p[1], q[1]) };
    if (m.top === m.bottom && m.left === m.right) continue;
    merges.push(m);
    if (m.bottom > rowCount) rowCount = m.bottom;
    if (m.right > colCount) colCount = m.right;
  }
  return { name: ctx.name, state: ctx.state, rows, rowCount, colCount, merges: new MergeIndex(merges), styles: ctx.styles };
}
