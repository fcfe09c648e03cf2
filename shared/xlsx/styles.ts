/**
 * Cell styles of the exported workbook. The writer gives each style OBJECT one cell format (a Map
 * lookup per cell), so every cell of a kind shares ONE style object, created once per workbook here.
 */
import type { AlignmentStyle as Alignment, BorderStyle as Borders, CellStyle as Style, FontStyle as Font } from './write/workbookModel';

/** 宋体 (SimSun) with charset 134 (GB2312), so Excel/WPS/LibreOffice substitute a CJK serif font where SimSun is missing. */
export const CJK_FONT_NAME = '宋体';
const baseFont: Font = { name: CJK_FONT_NAME, family: 3, charset: 134, size: 10 };
const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const allBorders: Borders = { top: thin, left: thin, bottom: thin, right: thin };

export function numberFormat(decimals: number): string {
  return decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
}

export class StyleBook {
  readonly title: Style;
  readonly tableLabel: Style;
  readonly lineLeft: Style;
  readonly lineRight: Style;
  readonly lineCenter: Style;
  readonly header: Style;
  readonly amount: Style;
  readonly code: Style;
  readonly text: Style;
  readonly textCenter: Style;
  readonly formLabel: Style;
  readonly note: Style;
  readonly meta: Style;
  private readonly labels = new Map<number, Style>();

  constructor(readonly decimals: number) {
    const font = baseFont;
    const bold: Font = { ...baseFont, bold: true };
    const middle = (a: Alignment): Alignment => ({ vertical: 'middle', ...a });
    this.title = { font: { ...baseFont, size: 16, bold: true }, alignment: middle({ horizontal: 'center' }) };
    this.tableLabel = { font: bold, alignment: middle({ horizontal: 'left' }) };
    this.lineLeft = { font, alignment: middle({ horizontal: 'left' }) };
    this.lineRight = { font, alignment: middle({ horizontal: 'right' }) };
    this.lineCenter = { font, alignment: middle({ horizontal: 'center' }) };
    this.header = { font: bold, border: allBorders, alignment: middle({ horizontal: 'center', wrapText: true }) };
    this.amount = { font, border: allBorders, numFmt: numberFormat(decimals), alignment: middle({ horizontal: 'right' }) };
    this.code = { font, border: allBorders, alignment: middle({ horizontal: 'left' }), numFmt: '@' };
    this.text = { font, border: allBorders, alignment: middle({ horizontal: 'left', wrapText: true }) };
    this.textCenter = { font, border: allBorders, alignment: middle({ horizontal: 'center', wrapText: true }) };
    this.formLabel = { font: bold, border: allBorders, alignment: middle({ horizontal: 'center', wrapText: true }) };
    this.note = { font, alignment: { vertical: 'top', horizontal: 'left', wrapText: true } };
    this.meta = { font };
  }

  /** Bordered label cell indented `level` steps (Excel's indent: about two characters each). */
  label(level: number): Style {
    const key = Math.max(0, Math.min(15, level));
    let s = this.labels.get(key);
    if (!s) {
      s = { font: baseFont, border: allBorders, alignment: { vertical: 'middle', horizontal: 'left', wrapText: true, ...(key > 0 ? { indent: key } : {}) } };
      this.labels.set(key, s);
    }
    return s;
  }
}
