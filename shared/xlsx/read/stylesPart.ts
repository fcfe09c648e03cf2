/**
 * What the importer needs of xl/styles.xml, per cell style index (`s`): the number format code
 * (built-in ids mapped to their codes), whether it shows a date, the indentation level, and
 * whether its font is bold.
 */
import { attr, elements } from './xmlText';

/** Excel's built-in number formats that the importer can meet (ids without a code are General). */
const BUILTIN: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss', 22: 'm/d/yy h:mm',
  37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00;(#,##0.00)', 40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};
/** What a number format shows a serial number as: a date (with or without a time), a time of day, or a duration. */
export type DateKind = 'date' | 'time' | 'duration';

/** Built-in ids that are dates or times, including the East Asian ones (27–36, 50–58). */
function builtinKind(id: number): DateKind | null {
  if (id === 46) return 'duration';
  if ((id >= 18 && id <= 21) || id === 45 || id === 47 || (id >= 32 && id <= 35) || id === 55 || id === 56) return 'time';
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return 'date';
  return null;
}

/**
 * What a format code shows (letters outside quotes, escapes and [colours]): elapsed time (`[h]`,
 * `[mm]`, `[ss]`) is a duration; a year or day is a date; hours or seconds without them a time
 * of day (its `m` are minutes); a lone `m` a month.
 */
export function dateKindOfFormat(code: string): DateKind | null {
  if (code === 'General' || code === '@') return null;
  const section = code.replace(/"[^"]*"|\\.|_.|\*./g, '');
  const bare = section.replace(/\[(?!h+\]|m+\]|s+\])[^\]]*\]/gi, '').replace(/E[+-]/g, '');
  if (!/[ymdhs]/i.test(bare)) return null;
  if (/\[(h+|m+|s+)\]/i.test(bare)) return 'duration';
  if (/[yd]/i.test(bare)) return 'date';
  if (/[hs]/i.test(bare)) return 'time';
  return 'date';
}

/** Whether a format code shows a date, a time or a duration. */
export function isDateFormat(code: string): boolean {
  return dateKindOfFormat(code) !== null;
}

export interface StyleTable {
  numFmt(style: number): string | undefined;
  isDate(style: number): boolean;
  /** How a number in a cell of this style is shown: as a date, a time of day, a duration, or a plain number (null). */
  dateKind(style: number): DateKind | null;
  indent(style: number): number;
  bold(style: number): boolean;
}

export const NO_STYLES: StyleTable = { numFmt: () => undefined, isDate: () => false, dateKind: () => null, indent: () => 0, bold: () => false };

/** Whether each <font> of <fonts> is bold (<b/>, or <b val="1|true"/>). */
function boldFonts(xml: string): boolean[] {
  const out: boolean[] = [];
  const fonts = elements(xml, 'fonts').next();
  if (fonts.done) return out;
  for (const f of elements(fonts.value.inner, 'font')) {
    const b = f.inner ? elements(f.inner, 'b').next() : { done: true as const, value: undefined };
    const val = b.done ? undefined : attr(b.value.attrs, 'val');
    out.push(!b.done && (val === undefined || val === '1' || val === 'true'));
  }
  return out;
}

export function parseStyles(xml: string): StyleTable {
  const custom = new Map<number, string>();
  for (const f of elements(xml, 'numFmt')) {
    const id = Number(attr(f.attrs, 'numFmtId'));
    const code = attr(f.attrs, 'formatCode');
    if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
  }
  const formats: (string | undefined)[] = [];
  const kinds: (DateKind | null)[] = [];
  const indents: number[] = [];
  const fonts = boldFonts(xml);
  const bolds: boolean[] = [];
  const xfs = elements(xml, 'cellXfs').next();
  if (!xfs.done) {
    for (const xf of elements(xfs.value.inner, 'xf')) {
      const id = Number(attr(xf.attrs, 'numFmtId') ?? 0);
      const code = custom.get(id) ?? BUILTIN[id];
      formats.push(code);
      kinds.push(custom.has(id) ? dateKindOfFormat(custom.get(id)!) : builtinKind(id));
      const al = xf.inner ? elements(xf.inner, 'alignment').next() : { done: true as const, value: undefined };
      const indent = al.done ? 0 : Number(attr(al.value.attrs, 'indent') ?? 0);
      indents.push(Number.isFinite(indent) && indent > 0 ? Math.min(indent, 250) : 0);
      bolds.push(fonts[Number(attr(xf.attrs, 'fontId') ?? 0)] === true);
    }
  }
  return {
    numFmt: (s) => formats[s],
    isDate: (s) => (kinds[s] ?? null) !== null,
    dateKind: (s) => kinds[s] ?? null,
    indent: (s) => indents[s] ?? 0,
    bold: (s) => bolds[s] === true,
  };
}
