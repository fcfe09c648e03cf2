/**
 * One worksheet part (xl/worksheets/sheetN.xml) into a ParsedSheet, by scanning for the few
 * elements that matter — rows, cells with their value/formula/inline string, merged ranges — and
 * skipping everything else. Namespace prefixes (`<x:c>`) and omitted `r` attributes are accepted.
 */
import { XlsxImportError } from '../errors';
import { MergeIndex, SheetRow, type CellValue, type MergeRange, type ParsedSheet, type PlainValue } from './parsedSheet';
import type { DateKind, StyleTable } from './stylesPart';
import type { SheetState } from './workbookParts';
import { attr, CloseFinder, decodeCellText, decodeEntities, elements, isNameChar, isXmlSpace, nextTag, skipMarkup, stringItemText, textContent, withoutComments } from './xmlText';

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

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
  const code = refAt(ref, 0, ref.length);
  return code < 0 ? null : [Math.floor(code / REF_ROW), code % REF_ROW];
}

/** Row multiplier of `refAt`'s answer (above the last column, 16,384). */
const REF_ROW = 32_768;

/** The cell reference in text[from, to) as row × REF_ROW + column, without cutting the text; -1 when it is none. */
function refAt(text: string, from: number, to: number): number {
  let col = 0;
  let i = from;
  for (; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch >= 65 && ch <= 90) col = col * 26 + ch - 64;
    else if (ch >= 97 && ch <= 122) col = col * 26 + ch - 96;
    else break;
    if (col > MAX_COL) return -1;
  }
  if (i === from || i === to) return -1;
  let row = 0;
  for (; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch < 48 || ch > 57) return -1;
    row = row * 10 + ch - 48;
    if (row > MAX_ROW) return -1;
  }
  return row >= 1 ? row * REF_ROW + col : -1;
}

const MS_PER_DAY = 86_400_000;
/** Last serials Excel shows as a date (9999-12-31) in the 1900 and the 1904 date systems. */
const MAX_SERIAL_1900 = 2_958_465;
const MAX_SERIAL_1904 = 2_957_003;

/**
 * A serial number as Excel shows it under a date, time or duration format. The 1900 date system
 * keeps Lotus 1-2-3's leap-year bug: serial 1 is 1900-01-01 and serial 60 the nonexistent
 * 1900-02-29 (read as 1900-02-28), so serials before 61 are one day later than a plain count from
 * 1899-12-30. A serial below 1 is a time of day (in the 1904 system only under a time format: there
 * serial 0 is 1904-01-01); a negative serial or one after 9999-12-31 is no date (Excel shows ####).
 * Dates are UTC midnights plus the time of day; dates, times and durations are rounded to the millisecond.
 */
export function excelSerial(serial: number, kind: DateKind, date1904: boolean): PlainValue {
  if (kind === 'duration') return { duration: Math.round(serial * MS_PER_DAY) / MS_PER_DAY };
  const max = date1904 ? MAX_SERIAL_1904 : MAX_SERIAL_1900;
  if (!(serial >= 0) || serial >= max + 1) return { invalidDate: serial };
  if (serial < 1 && (!date1904 || kind === 'time')) {
    const ms = Math.round(serial * MS_PER_DAY);
    if (ms < MS_PER_DAY) return { time: ms / 1000 };
  }
  const days = date1904 ? serial + 1462 : serial < 60 ? serial + 1 : serial;
  return new Date(Math.round((days - 25569) * MS_PER_DAY));
}

/** Significant digits of a decimal number's text (sign, point, exponent and outer zeros aside). */
function significantDigits(text: string): number {
  let first = -1;
  let last = -1;
  let count = 0;
  for (let k = 0; k < text.length; k++) {
    const ch = text.charCodeAt(k);
    if (ch === 101 || ch === 69) break; // e, E
    if (ch < 48 || ch > 57) continue;
    if (first < 0 && ch === 48) continue;
    if (first < 0) first = count;
    count++;
    if (ch !== 48) last = count;
  }
  return first < 0 ? 0 : last - first;
}

/**
 * A number cell's value from its text: null when empty, the text itself when it is no number, a
 * date/time/duration when the style says so, and `{ number, text }` when the text has more
 * significant digits than a double holds (15 always round-trip), so amounts can be read exactly.
 */
export function numberCell(raw: string, s: number, ctx: SheetPartContext): PlainValue | null {
  const text = raw.length > 0 && raw.charCodeAt(0) > 32 && raw.charCodeAt(raw.length - 1) > 32 ? raw : raw.trim();
  if (text === '') return null;
  const n = Number(text);
  // Number() also takes "0x1F", "Infinity" and "": a number's text starts with a digit, sign or point.
  const first = text.charCodeAt(0);
  if (!Number.isFinite(n) || !((first >= 48 && first <= 57) || first === 45 || first === 43 || first === 46)) return text;
  const kind = ctx.styles.dateKind(s);
  if (kind) return excelSerial(n, kind, ctx.date1904);
  if (text.length > 15 && significantDigits(text) > 15) return { number: n, text };
  return n;
}

/** A `t="d"` cell: an ISO 8601 date, date-time or time (no zone: as written, read as UTC). */
function isoCell(raw: string): PlainValue {
  const text = raw.trim();
  const time = /^(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?$/.exec(text);
  if (time) return { time: Number(time[1]) * 3600 + Number(time[2]) * 60 + Number(time[3] ?? 0) };
  const zoned = /^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(text) ? `${text}Z` : text;
  const d = /^\d{4}-\d{2}-\d{2}/.test(text) ? new Date(zoned) : new Date(NaN);
  return Number.isNaN(d.getTime()) ? text : d;
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

function cellValue(t: string | undefined, s: number, rawInner: string, prefix: string, ctx: SheetPartContext): CellValue {
  // Comments and processing instructions inside a cell are nothing (and may hold tag-like text).
  const inner = withoutComments(rawInner);
  const v = child(inner, prefix, 'v');
  const f = child(inner, prefix, 'f');
  let value: PlainValue | null | undefined;
  if (t === 'inlineStr') {
    const is = child(inner, prefix, 'is');
    value = is ? stringItemText(is.text) : v ? decodeCellText(v.text) : undefined;
  } else if (v) {
    const raw = t === 'str' ? v.text : textContent(v.text).trim();
    switch (t) {
      case 's': {
        // An empty <v/> is an empty cell, not string 0.
        const idx = raw === '' ? NaN : Number(raw);
        value = Number.isInteger(idx) ? ctx.sharedStrings[idx] : undefined;
        break;
      }
      case 'str':
        value = decodeCellText(raw);
        break;
      case 'b':
        value = raw === '' ? undefined : raw === '1' || raw === 'true';
        break;
      case 'e':
        value = raw === '' ? undefined : { error: raw };
        break;
      case 'd':
        value = raw === '' ? undefined : isoCell(raw);
        break;
      default:
        value = numberCell(raw, s, ctx);
    }
  }
  if (f) {
    const formula = decodeEntities(f.text) || (attr(f.attrs, 't') === 'shared' ? `shared:${attr(f.attrs, 'si') ?? ''}` : '');
    return value === undefined || value === null ? { formula } : { formula, result: value };
  }
  return value ?? null;
}

/** The value of a plain `<v>` (no formula, no inline string) given the cell type. */
function plainValue(xml: string, from: number, to: number, t: number, s: number, ctx: SheetPartContext): CellValue | undefined {
  switch (t) {
    case T_SHARED: {
      let idx = 0;
      let digits = 0;
      for (let k = from; k < to; k++) {
        const ch = xml.charCodeAt(k);
        if (ch >= 48 && ch <= 57) {
          idx = idx * 10 + ch - 48;
          digits++;
        } else if (ch !== 32 && ch !== 9 && ch !== 10 && ch !== 13) return undefined;
      }
      return digits > 0 && digits < 10 ? ctx.sharedStrings[idx] : undefined;
    }
    case T_NUMBER: {
      const text = xml.slice(from, to);
      // Markup inside the value (CDATA, a comment): the general reader.
      return text.indexOf('<') >= 0 ? undefined : numberCell(text, s, ctx);
    }
    default:
      return undefined;
  }
}

const T_NUMBER = 0;
const T_SHARED = 1;
const T_OTHER = 2;

/**
 * Scans the sheet's data by index, without cutting the text into pieces for the common cell
 * (`<c r="B3" s="4" t="s"><v>12</v></c>`); anything else (formulas, inline strings, other
 * types, prefixed children) goes through the general cell reader.
 */
export function parseSheetPart(xml: string, ctx: SheetPartContext): ParsedSheet {
  const rows = new Map<number, SheetRow>();
  let rowCount = 0;
  let colCount = 0;
  const sheetData = nextTag(xml, 0, xml.length, (n) => n === 'sheetData');
  // The end of the data by a plain search; moved on when that end turns out to lie inside a comment,
  // CDATA section or PI (markup is rare: it is only looked for where it can matter).
  const dataEnd = (from: number) => {
    const at = xml.indexOf('sheetData>', from);
    return at < 0 ? xml.length : at;
  };
  let endTag = !sheetData || sheetData.selfClosing ? -1 : dataEnd(sheetData.end);
  let to = !sheetData ? 0 : sheetData.selfClosing ? sheetData.end : endTag;
  /** End-tag search outside markup, made on the first cell that is not a plain `<v>` value. */
  let closes: CloseFinder | null = null;
  let row = 0;
  let col = 0;
  let cells: SheetRow | undefined;
  const bad = (what: string) => new XlsxImportError('corrupt', `${ctx.fileLabel}的工作表“${ctx.name}”已损坏：${what}。请用 Excel 或 WPS 打开检查，重新保存后再导入。`);
  const startRow = (n: number) => {
    row = n;
    col = 0;
    cells = undefined;
    if (row > rowCount) rowCount = row;
  };

  let i = sheetData ? xml.indexOf('<', sheetData.end) : -1;
  while (i >= 0 && i < to) {
    const c1 = xml.charCodeAt(i + 1);
    if (c1 === 33 || c1 === 63) {
      // A comment, CDATA section or processing instruction between elements: no data in it.
      const skip = skipMarkup(xml, i);
      if (skip > to && to === endTag) endTag = to = dataEnd(skip);
      i = skip < 0 ? -1 : xml.indexOf('<', skip);
      continue;
    }
    // The tag's name, and its local part after any prefix.
    let j = i + 1;
    let colon = -1;
    for (let ch = xml.charCodeAt(j); isNameChar(ch); ch = xml.charCodeAt(++j)) if (ch === 58) colon = j;
    const local = colon < 0 ? i + 1 : colon + 1;
    const len = j - local;
    const isCell = len === 1 && xml.charCodeAt(local) === 99;
    const isRow = len === 3 && xml.startsWith('row', local);
    if ((!isCell && !isRow) || !(isXmlSpace(xml.charCodeAt(j)) || xml.charCodeAt(j) === 62 || xml.charCodeAt(j) === 47)) {
      i = xml.indexOf('<', i + 1);
      continue;
    }
    const gt = xml.indexOf('>', j);
    if (gt < 0 || gt >= to) break;
    const selfClosing = xml.charCodeAt(gt - 1) === 47;
    const attrEnd = selfClosing ? gt - 1 : gt;

    // Attributes: r, s, t by position in the text.
    let rFrom = -1;
    let rTo = -1;
    let sValue = 0;
    let tFrom = -1;
    let tTo = -1;
    let k = j;
    while (k < attrEnd) {
      while (k < attrEnd && isXmlSpace(xml.charCodeAt(k))) k++;
      const nameFrom = k;
      while (k < attrEnd && xml.charCodeAt(k) !== 61 && !isXmlSpace(xml.charCodeAt(k))) k++;
      const nameTo = k;
      while (k < attrEnd && isXmlSpace(xml.charCodeAt(k))) k++;
      if (xml.charCodeAt(k) !== 61) break;
      k++;
      while (k < attrEnd && isXmlSpace(xml.charCodeAt(k))) k++;
      const quote = xml.charCodeAt(k);
      if (quote !== 34 && quote !== 39) break;
      const valueTo = xml.indexOf(quote === 34 ? '"' : "'", k + 1);
      if (valueTo < 0 || valueTo > attrEnd) break;
      if (nameTo - nameFrom === 1) {
        const a = xml.charCodeAt(nameFrom);
        if (a === 114) {
          rFrom = k + 1;
          rTo = valueTo;
        } else if (a === 115 && isCell) {
          // A style index: digits (surrounding spaces allowed); anything else means no style.
          let n = 0;
          let digits = 0;
          for (let p = k + 1; p < valueTo; p++) {
            const d = xml.charCodeAt(p) - 48;
            if (d >= 0 && d <= 9 && digits < 7) {
              n = n * 10 + d;
              digits++;
            } else if (!isXmlSpace(d + 48)) {
              n = 0;
              break;
            }
          }
          sValue = n;
        } else if (a === 116 && isCell) {
          tFrom = k + 1;
          tTo = valueTo;
        }
      }
      k = valueTo + 1;
    }

    if (isRow) {
      // A row number that is none (r="0", r="x") counts as omitted: the row after the previous one.
      const n = rFrom < 0 ? NaN : Number(xml.slice(rFrom, rTo));
      startRow(Number.isInteger(n) && n >= 1 && n <= MAX_ROW ? n : row + 1);
      if (row > MAX_ROW) throw bad(`行数超过了 ${MAX_ROW} 行`);
      i = xml.indexOf('<', gt + 1);
      continue;
    }

    // A cell: its position.
    // A reference that is none (r="0", r="") counts as omitted: the cell after the previous one.
    const rc = rFrom >= 0 ? refAt(xml, rFrom, rTo) : -1;
    if (rc >= 0) {
      const r = Math.floor(rc / REF_ROW);
      if (r !== row) startRow(r);
      col = rc % REF_ROW;
    } else {
      if (row === 0) startRow(1);
      col++;
      if (col > MAX_COL) throw bad(`第 ${row} 行的单元格超过了 ${MAX_COL} 列`);
    }

    // Its content runs to </c> (a cell without one ends the sheet's data).
    let value: CellValue = null;
    let next = gt + 1;
    if (!selfClosing) {
      const close = colon < 0 ? '</c>' : `</${xml.slice(i + 1, colon + 1)}c>`;
      let end = xml.indexOf(close, gt + 1);
      let stop = end < 0 || end > to ? to : end;
      const tLen = tTo - tFrom;
      const type = tFrom < 0 || (tLen === 1 && xml.charCodeAt(tFrom) === 110) ? T_NUMBER : tLen === 1 && xml.charCodeAt(tFrom) === 115 ? T_SHARED : T_OTHER;
      let plain: CellValue | undefined;
      // The usual cell, exactly `<v>text</v>` with no markup in the text: no end tag can hide in it.
      if (type !== T_OTHER && colon < 0 && xml.startsWith('<v>', gt + 1)) {
        const vEnd = xml.indexOf('</v>', gt + 4);
        if (vEnd >= 0 && vEnd + 4 === stop) plain = plainValue(xml, gt + 4, vEnd, type, sValue, ctx);
      }
      if (plain === undefined) {
        closes ??= new CloseFinder(xml);
        end = closes.find(close, gt + 1);
        if (end > to && to === endTag) endTag = to = dataEnd(end);
        stop = end < 0 || end > to ? to : end;
      }
      next = end < 0 ? to : end + close.length;
      if (plain !== undefined) value = plain;
      else if (stop > gt + 1) {
        const t = tFrom < 0 ? undefined : decodeEntities(xml.slice(tFrom, tTo));
        value = cellValue(t, sValue, xml.slice(gt + 1, stop), colon < 0 ? '' : xml.slice(i + 1, colon + 1), ctx);
      }
    }
    i = next < to ? xml.indexOf('<', next) : -1;
    if (value === null && sValue === 0) continue;
    if (!cells) {
      cells = rows.get(row);
      if (!cells) rows.set(row, (cells = new SheetRow()));
    }
    cells.set(col, value, sValue);
    if (col > colCount) colCount = col;
  }

  const merges: MergeRange[] = [];
  for (const mc of elements(xml, 'mergeCell', Math.max(0, endTag))) {
    const written = attr(mc.attrs, 'ref') ?? '';
    const ref = written.indexOf('$') < 0 ? written : written.replace(/\$/g, '');
    // A1:B2 (anything after a second colon is ignored); the regex and split only when needed.
    const colon = ref.indexOf(':');
    const second = colon < 0 ? -1 : ref.indexOf(':', colon + 1);
    const a = colon < 0 ? ref : ref.slice(0, colon);
    const b = colon < 0 ? undefined : ref.slice(colon + 1, second < 0 ? ref.length : second);
    const p = a ? parseRef(a) : null;
    const q = b ? parseRef(b) : p;
    if (!p || !q) continue;
    const m: MergeRange = { top: Math.min(p[0], q[0]), left: Math.min(p[1], q[1]), bottom: Math.max(p[0], q[0]), right: Math.max(p[1], q[1]) };
    if (m.top === m.bottom && m.left === m.right) continue;
    merges.push(m);
    if (m.bottom > rowCount) rowCount = m.bottom;
    if (m.right > colCount) colCount = m.right;
  }
  for (const r of rows.values()) r.seal();
  return { name: ctx.name, state: ctx.state, rows, rowCount, colCount, merges: new MergeIndex(merges), styles: ctx.styles };
}
