/**
 * xl/styles.xml: cell formats (cellXfs) assigned by style OBJECT identity (one Map lookup per
 * cell), with fonts, borders and number formats deduplicated by content.
 *
 * Font 0 (the Normal style's font, which also sets Excel's column width unit) is Calibri 11, as
 * in the workbooks exceljs wrote before, so column widths print the same.
 */
import type { AlignmentStyle, BorderEdge, BorderStyle, CellStyle, FontStyle } from './workbookModel';
import { escapeXml } from './xmlText';
import { Interner } from '../../strings/interner';

/** Excel's built-in number formats the exporter uses; others get ids from 164. */
const BUILTIN_NUMFMT: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '@': 49 };
const FIRST_CUSTOM_NUMFMT = 164;

const DEFAULT_FONT = '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>';
const EMPTY_BORDER = '<border><left/><right/><top/><bottom/><diagonal/></border>';

function fontXml(f: FontStyle): string {
  let s = '<font>';
  if (f.bold) s += '<b/>';
  if (f.size !== undefined) s += `<sz val="${f.size}"/>`;
  if (f.name !== undefined) s += `<name val="${escapeXml(f.name)}"/>`;
  if (f.family !== undefined) s += `<family val="${f.family}"/>`;
  if (f.charset !== undefined) s += `<charset val="${f.charset}"/>`;
  return `${s}</font>`;
}

function edgeXml(tag: string, e: BorderEdge | undefined): string {
  if (!e) return `<${tag}/>`;
  const color = e.color ? `<color rgb="${escapeXml(e.color.argb)}"/>` : '';
  return `<${tag} style="${e.style}">${color}</${tag}>`;
}

function borderXml(b: BorderStyle): string {
  return `<border>${edgeXml('left', b.left)}${edgeXml('right', b.right)}${edgeXml('top', b.top)}${edgeXml('bottom', b.bottom)}<diagonal/></border>`;
}

function alignmentXml(a: AlignmentStyle): string {
  let s = '<alignment';
  if (a.horizontal) s += ` horizontal="${a.horizontal}"`;
  if (a.vertical) s += ` vertical="${a.vertical === 'middle' ? 'center' : a.vertical}"`;
  if (a.wrapText) s += ' wrapText="1"';
  if (a.indent) s += ` indent="${a.indent}"`;
  return `${s}/>`;
}

export class StyleRegistry {
  private readonly byObject = new Map<CellStyle, number>();
  private readonly xfs = new Interner('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>');
  private readonly fonts = new Interner(DEFAULT_FONT);
  private readonly borders = new Interner(EMPTY_BORDER);
  private readonly customFormats = new Map<string, number>();

  /** The cellXfs index of a style (0 for none). */
  xfOf(style: CellStyle | undefined): number {
    if (!style) return 0;
    let id = this.byObject.get(style);
    if (id === undefined) {
      id = this.xfs.id(this.xfXml(style));
      this.byObject.set(style, id);
    }
    return id;
  }

  private numFmtId(format: string): number {
    const builtin = BUILTIN_NUMFMT[format];
    if (builtin !== undefined) return builtin;
    let id = this.customFormats.get(format);
    if (id === undefined) {
      id = FIRST_CUSTOM_NUMFMT + this.customFormats.size;
      this.customFormats.set(format, id);
    }
    return id;
  }

  private xfXml(style: CellStyle): string {
    const numFmtId = style.numFmt !== undefined ? this.numFmtId(style.numFmt) : 0;
    const fontId = style.font ? this.fonts.id(fontXml(style.font)) : 0;
    const borderId = style.border ? this.borders.id(borderXml(style.border)) : 0;
    let s = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="0" borderId="${borderId}" xfId="0"`;
    if (numFmtId !== 0) s += ' applyNumberFormat="1"';
    if (fontId !== 0) s += ' applyFont="1"';
    if (borderId !== 0) s += ' applyBorder="1"';
    if (style.alignment) return `${s} applyAlignment="1">${alignmentXml(style.alignment)}</xf>`;
    return `${s}/>`;
  }

  toXml(): string {
    const numFmts = [...this.customFormats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.join('')}</numFmts>` : '') +
      `<fonts count="${this.fonts.names.length}">${this.fonts.names.join('')}</fonts>` +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      `<borders count="${this.borders.names.length}">${this.borders.names.join('')}</borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.names.length}">${this.xfs.names.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0"/>' +
      '</styleSheet>'
    );
  }
}
