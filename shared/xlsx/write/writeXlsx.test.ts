/**
 * Workbooks written by our writer, read back by exceljs (an independent reader) and, for the
 * parts exceljs hides, by looking at the zip entries themselves.
 */
import ExcelJS from 'exceljs';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { xmlSafe } from '../layout';
import { readZipDirectory } from '../zip/directory';
import { Workbook, type CellStyle } from './workbookModel';
import { XlsxWriter, writeXlsx } from './writeXlsx';

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const font = { name: '宋体', family: 3, charset: 134, size: 10 };
const bordered: CellStyle = { font, border: { top: thin, left: thin, bottom: thin, right: thin }, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true } };
const amount: CellStyle = { font, border: bordered.border!, numFmt: '#,##0.00', alignment: { horizontal: 'right', vertical: 'middle' } };

function sample(): Workbook {
  const wb = new Workbook();
  wb.creator = '部门预算编制器';
  wb.title = '2020年测试部门预算';
  const ws = wb.addWorksheet('表15-1');
  ws.getColumn(1).width = 22.5;
  ws.getColumn(2).width = 14;
  ws.getColumn(3).width = 14;
  ws.getRow(2).height = 30;
  ws.mergeCells(2, 1, 2, 3);
  const title = ws.getCell(2, 1);
  title.value = '标题 & <备注> "引号"';
  title.style = { font: { ...font, size: 16, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } };
  for (let r = 4; r <= 6; r++) for (let c = 1; c <= 3; c++) ws.getCell(r, c).style = bordered;
  ws.mergeCells(4, 1, 6, 1);
  ws.getCell(4, 1).value = '预算单位';
  ws.getCell(4, 2).value = '预算单位'; // the same string again: one shared string
  ws.getCell(7, 2).value = 0.1 + 0.2;
  ws.getCell(7, 2).style = amount;
  ws.getCell(7, 3).value = -1234567.125;
  ws.getCell(7, 3).style = amount;
  ws.getCell(8, 1).value = '  前后空格\n第二行  ';
  ws.getCell(8, 2).value = '0123';
  ws.getCell(8, 2).style = { font, numFmt: '@' };
  ws.getCell(8, 3).value = 42;
  ws.getCell(8, 3).style = { font, numFmt: '0.000' };
  ws.getCell(9, 1).value = xmlSafe('控制\u0001字符\u001f已删除').text;
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 }, printTitlesRow: '4:6' };
  ws.headerFooter = { oddFooter: '&C第 &P 页，共 &N 页' };
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 6, topLeftCell: 'B7', activeCell: 'A1', showGridLines: false }];

  const quoted = wb.addWorksheet("it's");
  quoted.getCell(1, 1).value = 'x';
  quoted.pageSetup = { printTitlesRow: '1:2' };
  quoted.views = [{ state: 'frozen', ySplit: 2 }];
  wb.addWorksheet('hidden', { state: 'hidden' }).getCell(1, 1).value = 1;
  wb.addWorksheet('_meta', { state: 'veryHidden' }).getCell(1, 1).value = '预算单位';
  return wb;
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

function entryText(zip: Uint8Array, name: string): string {
  const e = readZipDirectory(zip).find((x) => x.name === name);
  if (!e) throw new Error(`no ${name}`);
  const raw = zip.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  return new TextDecoder().decode(e.method === 8 ? inflateRawSync(raw) : raw);
}

describe('writeXlsx, read back with exceljs', async () => {
  const bytes = await writeXlsx(sample(), { date: new Date(Date.UTC(2020, 0, 2, 3, 4, 5)) });
  const wb = await load(bytes);
  const ws = wb.getWorksheet('表15-1')!;

  it('keeps sheet order, names and states, and the document properties', () => {
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['表15-1', 'visible'],
      ["it's", 'visible'],
      ['hidden', 'hidden'],
      ['_meta', 'veryHidden'],
    ]);
    expect(wb.creator).toBe('部门预算编制器');
    expect(wb.title).toBe('2020年测试部门预算');
    expect(wb.created.toISOString()).toBe('2020-01-02T03:04:05.000Z');
  });

  it('keeps texts exactly: markup characters, edge spaces and line breaks; control characters removed upstream', () => {
    expect(ws.getCell('A2').value).toBe('标题 & <备注> "引号"');
    expect(ws.getCell('A8').value).toBe('  前后空格\n第二行  ');
    expect(ws.getCell('A9').value).toBe('控制字符已删除');
    expect(ws.getCell('B8').value).toBe('0123');
  });

  it('writes numbers that read back as the same doubles, with their number formats', () => {
    expect(ws.getCell('B7').value).toBe(0.1 + 0.2);
    expect(ws.getCell('C7').value).toBe(-1234567.125);
    expect(ws.getCell('B7').numFmt).toBe('#,##0.00');
    expect(ws.getCell('B8').numFmt).toBe('@');
    expect(ws.getCell('C8').numFmt).toBe('0.000');
    expect(wb.getWorksheet('hidden')!.getCell('A1').value).toBe(1);
  });

  it('keeps merges, and the borders of empty and merged cells', () => {
    expect(ws.getCell('C2').master.address).toBe('A2');
    expect(ws.getCell('A6').master.address).toBe('A4');
    expect(ws.getCell('B4').isMerged).toBe(false);
    expect(ws.getCell('C5').value).toBe(null);
    expect(ws.getCell('C5').border?.bottom?.style).toBe('thin');
    expect(ws.getCell('A6').border?.left?.style).toBe('thin');
    expect(ws.getCell('A4').font?.name).toBe('宋体');
    expect(ws.getCell('A4').alignment).toMatchObject({ horizontal: 'left', vertical: 'middle', wrapText: true });
    expect(ws.getCell('A2').font).toMatchObject({ size: 16, bold: true, charset: 134, family: 3 });
  });

  it('keeps column widths and row heights', () => {
    expect([ws.getColumn(1).width, ws.getColumn(2).width, ws.getColumn(3).width]).toEqual([22.5, 14, 14]);
    expect(ws.getRow(2).height).toBe(30);
    expect(ws.getRow(3).height).toBeUndefined();
  });

  it('keeps print setup, print titles (quoted sheet names) and frozen panes', () => {
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, printTitlesRow: '4:6' });
    expect(ws.pageSetup.margins).toEqual({ left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 });
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 6, topLeftCell: 'B7', showGridLines: false });
    const quoted = wb.getWorksheet("it's")!;
    expect(quoted.pageSetup.printTitlesRow).toBe('1:2');
    expect(quoted.views[0]).toMatchObject({ state: 'frozen', ySplit: 2, topLeftCell: 'A3' });
    expect(entryText(bytes, 'xl/workbook.xml')).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="1">'it''s'!$1:$2</definedName>`);
  });

  it('deduplicates shared strings and cell formats', () => {
    const sst = entryText(bytes, 'xl/sharedStrings.xml');
    expect(sst).toMatch(/count="8" uniqueCount="6"/);
    expect(sst.match(/<t>预算单位<\/t>/g)).toHaveLength(1);
    expect(sst).toContain('<t xml:space="preserve">  前后空格\n第二行  </t>');
    const styles = entryText(bytes, 'xl/styles.xml');
    // default + bordered + amount + title + text + custom format
    expect(styles).toMatch(/<cellXfs count="6">/);
    expect(styles).toContain('<numFmt numFmtId="164" formatCode="0.000"/>');
  });

  it('writes the worksheet elements in the order the schema requires', () => {
    const xml = entryText(bytes, 'xl/worksheets/sheet1.xml');
    const order = ['<sheetPr>', '<dimension ref="A2:C9"/>', '<sheetViews>', '<sheetFormatPr', '<cols>', '<sheetData>', '<mergeCells count="2">', '<printOptions', '<pageMargins', '<pageSetup', '<headerFooter>'];
    const at = order.map((tag) => xml.indexOf(tag));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });
});

describe('the workbook model', () => {
  it('refuses overlapping merges, bad sheet names and duplicate sheet names', () => {
    const wb = new Workbook();
    const ws = wb.addWorksheet('表1');
    ws.mergeCells(1, 1, 2, 2);
    expect(() => ws.mergeCells(2, 2, 3, 3)).toThrow('合并单元格重叠');
    expect(() => wb.addWorksheet('表1')).toThrow('重复');
    expect(() => wb.addWorksheet('a/b')).toThrow();
    expect(() => wb.addWorksheet('x'.repeat(32))).toThrow();
    expect(() => ws.getCell(0, 1)).toThrow(RangeError);
  });

  it('gives covered cells the master’s style at merge time and clears their values', () => {
    const ws = new Workbook().addWorksheet('s');
    ws.getCell(1, 1).style = bordered;
    ws.getCell(1, 2).value = 'gone';
    ws.mergeCells(1, 1, 1, 2);
    expect(ws.getCell(1, 2).style).toBe(bordered);
    expect(ws.getCell(1, 2).value).toBe(null);
  });
});

describe('XlsxWriter', () => {
  it('writes each sheet on flush and releases its cells; the package parts stay first in the archive', async () => {
    const wb = new Workbook();
    const writer = new XlsxWriter(wb, { level: 0 });
    const first = wb.addWorksheet('表1');
    first.getCell(1, 1).value = '一';
    first.mergeCells(2, 1, 2, 2);
    await writer.flush();
    expect(first.rows).toHaveLength(0);
    expect(first.merges).toHaveLength(0);
    const second = wb.addWorksheet('表2');
    second.getCell(3, 2).value = 2;
    const bytes = await writer.finish();
    expect(readZipDirectory(bytes).map((e) => e.name)).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'docProps/app.xml',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
      'xl/styles.xml',
      'xl/sharedStrings.xml',
    ]);
    const back = await load(bytes);
    expect(back.getWorksheet('表1')!.getCell('A1').value).toBe('一');
    expect(back.getWorksheet('表1')!.getCell('B2').master.address).toBe('A2');
    expect(back.getWorksheet('表2')!.getCell('B3').value).toBe(2);
  });
});
