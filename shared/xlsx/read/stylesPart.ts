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
/** Built-in ids that are dates or times, including the East Asian ones (27–36, 50–58). */
function builtinIsDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/** Whether a format code shows a date or time (letters outside quotes, escapes and [colours]). */
export function isDateFormat(code: string): boolean {
  if (code === 'General' || code === '@') return false;
  const bare = code.replace(/"[^"]*"|\\.|_.|\*.|\[(?!h\]|hh\]|m\]|mm\]|s\]|ss\])[^\]]*\]/gi, '');
  return /[ymdhs]/i.test(bare.replace(/E[+-]/g, ''));
}

export interface StyleTable {
  numFmt(style: number): string | undefined;
  isDate(style: number): boolean;
  indent(style: number): number;
  bold(style: number): boolean;
}

export const NO_STYLES: StyleTable = { numFmt: () => undefined, isDate: () => false, indent: () => 0, bold: () => false };

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
  const dates: boolean[] = [];
  const indents: number[] = [];
  const fonts = boldFonts(xml);
  const bolds: boolean[] = [];
  const xfs = elements(xml, 'cellXfs').next();
  if (!xfs.done) {
    for (const xf of elements(xfs.value.inner, 'xf')) {
      const id = Number(attr(xf.attrs, 'numFmtId') ?? 0);
      const code = custom.get(id) ?? BUILTIN[id];
      formats.push(code);
      dates.push(custom.has(id) ? isDateFormat(custom.get(id)!) : builtinIsDate(id));
      const al = xf.inner ? elements(xf.inner, 'alignment').next() : { done: true as const, value: undefined };
      const indent = al.done ? 0 : Number(attr(al.value.attrs, 'indent') ?? 0);
      indents.push(Number.isFinite(indent) && indent > 0 ? Math.min(indent, 250) : 0);
      bolds.push(fonts[Number(attr(xf.attrs, 'fontId') ?? 0)] === true);
    }
  }
  return {
    numFmt: (s) => formats[s],
    isDate: (s) => dates[s] === true,
    indent: (s) => indents[s] ?? 0,
    bold: (s) => bolds[s] === true,
  };
}
