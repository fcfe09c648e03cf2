/**
 * The workbook reader on hand-written SpreadsheetML, including what other programs write that our
 * exporter never does: namespace prefixes, omitted `r` attributes, inline strings, phonetic runs,
 * `_xHHHH_` escapes, formulas with and without cached results, dates, 1904 dates, UTF-16 parts.
 */
import { describe, expect, it } from 'vitest';
import { XlsxImportError } from '../errors';
import { SheetView } from '../sheetView';
import { parseSheetPart, parseRef, type SheetPartContext } from './sheetPart';
import { isDateFormat, NO_STYLES, parseStyles } from './stylesPart';
import { parseRelationships, parseSharedStrings, parseWorkbookParts, resolveTarget } from './workbookParts';
import { attr, decodeCellText, stringItemText } from './xmlText';
import { xmlString } from './readWorkbook';

const STYLES = parseStyles(`<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="#,##0.00_ ;[Red]\\-#,##0.00\\ "/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"><alignment horizontal="left" indent="2"/></xf><xf numFmtId="3"/></cellXfs></styleSheet>`);

function ctx(extra: Partial<SheetPartContext> = {}): SheetPartContext {
  return { name: 'Sheet1', state: 'visible', sharedStrings: ['甲', '乙 & 丙'], styles: STYLES, date1904: false, fileLabel: '“t.xlsx”', ...extra };
}

function sheet(data: string, extra?: Partial<SheetPartContext>, tail = ''): SheetView {
  return new SheetView(parseSheetPart(`<?xml version="1.0"?><worksheet xmlns="x"><dimension ref="A1"/><sheetData>${data}</sheetData>${tail}</worksheet>`, ctx(extra)));
}

describe('xml text', () => {
  it('decodes entities, character references and OOXML escapes', () => {
    expect(decodeCellText('a&amp;b&lt;c&gt;&quot;&apos;&#20013;&#x6587;')).toBe('a&b<c>"\'中文');
    expect(decodeCellText('行一_x000D_\n行二')).toBe('行一\r\n行二');
    expect(decodeCellText('&#xD800;')).toBe('\ufffd');
    // Decoded once: an escaped entity stays an entity, with or without numeric references around.
    expect(decodeCellText('&amp;lt; &amp;quot; &amp;amp;')).toBe('&lt; &quot; &amp;');
    expect(decodeCellText('&#38;lt; &amp;#38; &quot;')).toBe('&lt; &#38; "');
    expect(decodeCellText('&unknown; & &amp')).toBe('&unknown; & &amp');
  });
  it('reads attributes by whole name, either quote', () => {
    expect(attr(' xr:uid="1" id="2" name=\'表1\'', 'id')).toBe('2');
    expect(attr(' rid="x"', 'id')).toBeUndefined();
    expect(attr(' name="A&amp;B"', 'name')).toBe('A&B');
  });
  it('joins rich-text runs and leaves out phonetic runs', () => {
    expect(stringItemText('<r><rPr><b/></rPr><t>部门</t></r><r><t xml:space="preserve"> 预算</t></r><rPh sb="0" eb="1"><t>ブ</t></rPh>')).toBe('部门 预算');
    expect(stringItemText('<t xml:space="preserve">  两个空格</t>')).toBe('  两个空格');
    expect(parseSharedStrings('<sst><si><t>a</t></si><si><t/></si><si><r><t>b</t></r><r><t>c</t></r></si></sst>')).toEqual(['a', '', 'bc']);
  });
  it('decodes UTF-16 parts with a byte-order mark', () => {
    const text = '<a>中</a>';
    const le = new Uint8Array(2 + text.length * 2);
    le[0] = 0xff;
    le[1] = 0xfe;
    for (let i = 0; i < text.length; i++) {
      le[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      le[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    expect(xmlString(le)).toBe(text);
  });
});

describe('workbook parts', () => {
  it('lists sheets in tab order with states and resolved part paths', () => {
    const wb = `<workbook xmlns:r="rel"><workbookPr date1904="1"/><sheets><sheet name="表1" sheetId="3" r:id="rId2"/><sheet name="A&amp;B" sheetId="1" state="hidden" r:id="rId1"/><sheet name="x" sheetId="2" state="veryHidden" r:id="rId9"/></sheets></workbook>`;
    const rels = `<Relationships><Relationship Id="rId1" Type="t/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="t/worksheet" Target="/xl/worksheets/../worksheets/s2.xml"/></Relationships>`;
    const parts = parseWorkbookParts(wb, parseRelationships(rels, 'xl'));
    expect(parts.date1904).toBe(true);
    expect(parts.sheets).toEqual([
      { name: '表1', state: 'visible', path: 'xl/worksheets/s2.xml' },
      { name: 'A&B', state: 'hidden', path: 'xl/worksheets/sheet1.xml' },
      { name: 'x', state: 'veryHidden', path: null },
    ]);
    expect(resolveTarget('xl', '../customXml/item1.xml')).toBe('customXml/item1.xml');
  });
});

describe('styles', () => {
  it('maps style indexes to number formats, dates and indentation (cellXfs, not cellStyleXfs)', () => {
    expect(STYLES.numFmt(0)).toBe('General');
    expect(STYLES.isDate(1)).toBe(true);
    expect(STYLES.isDate(2)).toBe(true);
    expect(STYLES.isDate(3)).toBe(false);
    expect(STYLES.indent(3)).toBe(2);
    expect(STYLES.numFmt(4)).toBe('#,##0');
    expect(STYLES.numFmt(99)).toBeUndefined();
  });
  it('tells date formats from number formats with quoted text, colours and escapes', () => {
    for (const f of ['yyyy-mm-dd', 'm/d/yy h:mm', '[$-804]yyyy"年"m"月"', '[h]:mm:ss', 'mm:ss']) expect(isDateFormat(f), f).toBe(true);
    for (const f of ['#,##0.00', '0.00"万元"', '#,##0;[Red]-#,##0', '0.00E+00', '@', 'General', '#,##0.00_ ;\\-#,##0.00\\ ', '[DBNum2][$-804]General']) expect(isDateFormat(f), f).toBe(false);
  });
});

describe('worksheet part', () => {
  it('reads every value type in the shapes the amount reader expects', () => {
    const s = sheet(`<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1"><v>1234.5</v></c><c r="C1" t="b"><v>1</v></c><c r="D1" t="e"><v>#N/A</v></c>
      <c r="E1" t="str"><f>A1&amp;"x"</f><v>乙 &amp; 丙x</v></c><c r="F1"><f>SUM(B1:B2)</f><v>10</v></c><c r="G1"><f>SUM(B1)</f></c>
      <c r="H1" t="inlineStr"><is><t>内联</t></is></c><c r="I1" s="1"><v>43831</v></c><c r="J1"><f t="shared" si="0"/><v>3</v></c><c r="K1" t="d"><v>2020-01-02T00:00:00Z</v></c></row>`);
    expect(s.value(1, 1)).toBe('乙 & 丙');
    expect(s.value(1, 2)).toBe(1234.5);
    expect(s.value(1, 3)).toBe(true);
    expect(s.value(1, 4)).toEqual({ error: '#N/A' });
    expect(s.value(1, 5)).toEqual({ formula: 'A1&"x"', result: '乙 & 丙x' });
    expect(s.value(1, 6)).toEqual({ formula: 'SUM(B1:B2)', result: 10 });
    expect(s.value(1, 7)).toEqual({ formula: 'SUM(B1)' });
    expect(s.value(1, 8)).toBe('内联');
    expect(s.value(1, 9)).toEqual(new Date(Date.UTC(2020, 0, 1)));
    expect(s.value(1, 10)).toEqual({ formula: 'shared:0', result: 3 });
    expect(s.value(1, 11)).toEqual(new Date(Date.UTC(2020, 0, 2)));
    expect(s.text(1, 9)).toBe('2020-01-01');
  });

  it('counts 1904 dates from 1904', () => {
    expect(sheet('<row r="1"><c r="A1" s="2"><v>0</v></c></row>', { date1904: true }).value(1, 1)).toEqual(new Date(Date.UTC(1904, 0, 1)));
  });

  it('accepts namespace prefixes and omitted row and cell positions', () => {
    const view = new SheetView(parseSheetPart('<x:worksheet xmlns:x="m"><x:sheetData><x:row><x:c t="s"><x:v>0</x:v></x:c><x:c><x:v>2</x:v></x:c></x:row><x:row><x:c r="C2"><x:v>3</x:v></x:c><x:c><x:v>4</x:v></x:c></x:row></x:sheetData></x:worksheet>', ctx()));
    expect([view.value(1, 1), view.value(1, 2), view.value(2, 3), view.value(2, 4)]).toEqual(['甲', 2, 3, 4]);
    expect(view.rowCount).toBe(2);
    expect(view.colCount).toBe(4);
  });

  it('keeps cells in column order when a file lists them out of order', () => {
    const s = sheet('<row r="1"><c r="C1"><v>3</v></c><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>5</v></c></row><row r="1"><c r="B1"><v>2</v></c></row>');
    expect(s.rowTexts(1)).toEqual([{ c: 1, text: '1' }, { c: 2, text: '2' }, { c: 3, text: '3' }]);
  });

  it('reads merged cells as their master, as Excel shows them, and counts merges in the size', () => {
    const s = sheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="3"/></row><row r="2"><c r="A2"><v>7</v></c></row>', {}, '<mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="$A$2:$A$4"/></mergeCells>');
    expect(s.isSlave(1, 1)).toBe(false);
    expect(s.isSlave(1, 3)).toBe(true);
    expect(s.text(1, 3)).toBe('甲');
    expect(s.masterAddress(1, 2)).toBe('A1');
    expect(s.masterAddress(5, 5)).toBe('E5');
    expect(s.value(4, 1)).toBe(7);
    expect(s.rowTexts(1).map((x) => x.c)).toEqual([1, 2, 3]);
    expect(s.hasContent(3)).toBe(true);
    expect(s.rowCount).toBe(4);
    expect(s.colCount).toBe(3);
    expect(s.indent(1, 2)).toBe(2);
    expect(s.numFmt(1, 2)).toBe('#,##0.00_ ;[Red]\\-#,##0.00\\ ');
  });

  it('finds a cell in a merge taller than the row index covers', () => {
    const s = sheet('<row r="1"><c r="B1"><v>9</v></c></row>', {}, '<mergeCells><mergeCell ref="B1:B2000"/></mergeCells>');
    expect(s.value(1999, 2)).toBe(9);
    expect(s.isSlave(1999, 2)).toBe(true);
    expect(s.isSlave(1999, 3)).toBe(false);
  });

  it('reads style indexes with spaces around them, and ignores malformed ones', () => {
    const s = sheet('<row r="1"><c r="A1" s=" 3 "><v>1</v></c><c r="B1" s="3x"><v>1</v></c><c r="C1" s="-1"><v>1</v></c></row>');
    expect(s.indent(1, 1)).toBe(2);
    expect(s.numFmt(1, 2)).toBe('General');
    expect(s.numFmt(1, 3)).toBe('General');
  });

  it('reads indentation from leading spaces when the style has none', () => {
    expect(sheet('<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">    二级</t></is></c></row>').indent(1, 1)).toBe(2);
  });

  it('reads a position that is none (r="0", r="x", beyond XFD) as an omitted one: the next row or cell', () => {
    // Written so by some exporters (ExcelDataReader's Fillreport.xlsx: r="0", r="1" … for A, B …).
    const s = sheet('<x:row r="0"><x:c r="0" t="str"><x:v>甲</x:v></x:c><x:c r="1" t="str"><x:v>乙</x:v></x:c></x:row><row r="x"><c r="A0"><v>1</v></c><c r="XFE2"><v>2</v></c></row>');
    expect([s.text(1, 1), s.text(1, 2), s.value(2, 1), s.value(2, 2)]).toEqual(['甲', '乙', 1, 2]);
  });

  it('refuses more columns than a sheet has with a classified message naming the sheet', () => {
    let err: unknown;
    try {
      sheet('<row r="1"><c r="XFD1"><v>1</v></c><c><v>2</v></c></row>', { name: '表3' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(XlsxImportError);
    expect((err as XlsxImportError).code).toBe('corrupt');
    expect((err as XlsxImportError).message).toContain('表3');
  });

  it('stays linear on unterminated tags, cells and phonetic runs (no hang on hostile XML)', () => {
    // A backtracking scanner would retry from every '<' to the end: ~10^11 steps here.
    const n = 200_000;
    expect(sheet('<row r="1">' + '<c r="A1" '.repeat(n)).rowCount).toBe(1);
    expect(sheet('<row r="1">' + '<c r="B1"><v>1</v>'.repeat(n)).value(1, 2)).toBe(1);
    expect(parseSharedStrings('<sst><si><t>甲</t>' + '<rPh><t>x</t>'.repeat(n))).toHaveLength(1);
    expect(parseSharedStrings('<sst>' + '<si '.repeat(n))).toEqual([]);
  });

  it('parses A1 references', () => {
    expect(parseRef('A1')).toEqual([1, 1]);
    expect(parseRef('XFD1048576')).toEqual([1_048_576, 16_384]);
    expect(parseRef('AA10')).toEqual([10, 27]);
    for (const bad of ['1A', 'A', 'A1B', 'XFE1', 'A1048577', '']) expect(parseRef(bad), bad).toBeNull();
  });

  it('reads an empty or sheetData-less part as an empty sheet', () => {
    const s = new SheetView(parseSheetPart('<worksheet/>', ctx({ styles: NO_STYLES })));
    expect(s.rowCount).toBe(0);
    expect(s.rowTexts(1)).toEqual([]);
  });
});
