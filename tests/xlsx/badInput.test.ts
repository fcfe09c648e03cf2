/**
 * Bad input never crashes, never changes what is open, and always gives a classified Chinese
 * message: empty files, non-zips, truncated zips, zips without a workbook, legacy .xls and
 * password-protected workbooks (real files: legacy.xls saved by LibreOffice, encrypted.xlsx
 * encrypted with the password 123456 by the officecrypto-tool package), zip bombs, flipped bytes,
 * sheets with hundreds of thousands of rows, missing headers and unreadable amounts.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { XlsxImportError, type ImportErrorCode } from '../../shared/xlsx/errors';
import { importWorkbook, type ImportProgress } from '../../shared/xlsx/importWorkbook';
import { importPreviousYear } from '../../shared/xlsx/yearImports';
import { fixture, smallBudget } from './helpers';
import { readZip, writeZip, type ZipEntry } from './zipTools';
import { findCell, mutate, smallWorkbook } from './workbookEdits';

const CJK = /[\u4e00-\u9fff]/;

async function expectFailure(bytes: Uint8Array, code: ImportErrorCode, fileName = '预算.xlsx'): Promise<XlsxImportError> {
  const r = await importWorkbook(bytes, { fileName });
  if (r.ok) throw new Error(`expected ${code}, import succeeded`);
  expect(r.error).toBeInstanceOf(XlsxImportError);
  expect(r.error.code).toBe(code);
  expect(r.error.message).toMatch(CJK);
  expect(r.error.message).toContain(fileName);
  return r.error;
}

function replaceEntry(entries: ZipEntry[], name: string, data: Uint8Array): ZipEntry[] {
  return entries.map((e) => (e.name === name ? { name, data } : e));
}

describe('import refuses what is not a readable .xlsx, with a classified Chinese message', () => {
  it('an empty file', async () => {
    const e = await expectFailure(new Uint8Array(0), 'empty');
    expect(e.message).toContain('空文件');
  });

  it('random bytes, an HTML table and a PDF are not zips', async () => {
    await expectFailure(new Uint8Array(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 251)), 'notZip');
    const html = await expectFailure(new TextEncoder().encode('<html><body><table><tr><td>表1</td></tr></table></body></html>'), 'notZip');
    expect(html.message).toContain('网页');
    expect(html.message).toContain('另存为');
    const pdf = await expectFailure(new TextEncoder().encode('%PDF-1.7\n1 0 obj\n'), 'notZip');
    expect(pdf.message).toContain('PDF');
  });

  it('a truncated workbook', async () => {
    const bytes = await smallWorkbook();
    for (const fraction of [0.1, 0.5, 0.9, 0.999]) {
      const e = await expectFailure(bytes.slice(0, Math.floor(bytes.length * fraction)), 'truncated');
      expect(e.message).toContain('不完整');
    }
  });

  it('zips without a workbook: a Word document, an OpenDocument spreadsheet, any other zip', async () => {
    const word = await expectFailure(writeZip([{ name: '[Content_Types].xml', data: new TextEncoder().encode('<Types/>') }, { name: 'word/document.xml', data: new TextEncoder().encode('<w:document/>') }]), 'notWorkbook');
    expect(word.message).toContain('Word');
    const ods = await expectFailure(writeZip([{ name: 'mimetype', data: new TextEncoder().encode('application/vnd.oasis.opendocument.spreadsheet') }, { name: 'content.xml', data: new TextEncoder().encode('<office:document-content/>') }]), 'notWorkbook');
    expect(ods.message).toContain('.ods');
    const other = await expectFailure(writeZip([{ name: 'readme.txt', data: new TextEncoder().encode('hello') }]), 'notWorkbook');
    expect(other.message).toContain('xl/workbook.xml');
  });

  it('a legacy .xls workbook says it must be saved as .xlsx', async () => {
    const e = await expectFailure(fixture('legacy.xls'), 'legacyXls', '2019年预算.xls');
    expect(e.message).toContain('.xls');
    expect(e.message).toContain('另存为');
    expect(e.message).toContain('.xlsx');
  });

  it('a password-protected workbook', async () => {
    const e = await expectFailure(fixture('encrypted.xlsx'), 'encrypted');
    expect(e.message).toContain('密码');
  });

  it('a zip bomb: an entry inflating far beyond its declared size stops at the declared size', async () => {
    const entries = readZip(await smallWorkbook());
    const bomb = new Uint8Array(64 * 1024 * 1024); // 64 MB of zeros deflate to ~64 KB
    const crafted = writeZip(replaceEntry(entries, 'xl/worksheets/sheet2.xml', bomb), { declaredSize: (name, actual) => (name === 'xl/worksheets/sheet2.xml' ? 4096 : actual) });
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();
    const e = await expectFailure(crafted, 'corrupt');
    expect(e.message).toContain('sheet2.xml');
    expect(performance.now() - started).toBeLessThan(5000);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(48 * 1024 * 1024);
  });

  it('declared sizes over the limits', async () => {
    const entries = readZip(await smallWorkbook());
    const crafted = writeZip(entries, { declaredSize: (name, actual) => (name === 'xl/worksheets/sheet1.xml' ? 3_000_000_000 : actual) });
    const e = await expectFailure(crafted, 'tooLarge');
    expect(e.message).toContain('MB');
  });

  it('flipped bytes inside compressed data are caught by the checksum', async () => {
    const bytes = await smallWorkbook();
    const entries = readZip(bytes);
    const sheet = entries.find((x) => x.name === 'xl/worksheets/sheet4.xml')!;
    // Flip a byte in the middle of the stored (uncompressed) sheet: a valid zip whose content changed.
    const stored = writeZip(entries, { store: true });
    const text = Buffer.from(stored);
    const at = text.indexOf(Buffer.from(sheet.data.subarray(200, 240)));
    expect(at).toBeGreaterThan(0);
    const flipped = new Uint8Array(stored);
    flipped[at + 10] = flipped[at + 10]! ^ 0x01;
    const e = await expectFailure(flipped, 'corrupt');
    expect(e.message).toContain('校验失败');
  });

  it('a sheet with hundreds of thousands of rows is refused quickly, in bounded memory, with progress', async () => {
    const entries = readZip(await smallWorkbook());
    const rows: string[] = [];
    for (let r = 1; r <= 300_000; r++) rows.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>行${r}</t></is></c><c r="B${r}"><v>${r}</v></c></row>`);
    const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`;
    const crafted = writeZip(replaceEntry(entries, 'xl/worksheets/sheet4.xml', new TextEncoder().encode(xml)));
    const progress: ImportProgress[] = [];
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();
    const r = await importWorkbook(crafted, { fileName: '大表.xlsx', onProgress: (p) => progress.push(p) });
    const elapsed = performance.now() - started;
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('tooManyRows');
    expect(r.error.message).toContain('工作表“表4”');
    expect(r.error.message).toContain('300,000');
    expect(elapsed).toBeLessThan(10_000);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(200 * 1024 * 1024);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.every((p, i) => i === 0 || p.fraction >= progress[i - 1]!.fraction)).toBe(true);
  }, 30_000);

  it('a failed import of last year’s workbook leaves the open document untouched', async () => {
    const open = smallBudget();
    const before = JSON.stringify(open);
    const r = await importPreviousYear(open, fixture('legacy.xls'), { fileName: '上年.xls' });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(open)).toBe(before);
  });
});

describe('problems inside a readable workbook are reported, not fatal', () => {
  it('an amount like “12.3.4” is reported with its cell; the rest is read', async () => {
    const bytes = await mutate(await smallWorkbook(), (wb) => {
      const ws = wb.getWorksheet('表4')!;
      const row = findCell(ws, '基本工资').row;
      ws.getCell(`D${row}`).value = '12.3.4';
    });
    const r = await importWorkbook(bytes, { fileName: '预算.xlsx' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const issue = r.report.cells.find((c) => c.message.includes('12.3.4'));
    expect(issue?.ref).toMatch(/^表4!D\d+$/);
    expect(issue?.message).toContain('不是有效的金额');
    // The other lines of 表4 are still there.
    expect(r.doc.economicLines.order.length).toBe(4);
  });

  it('a table whose header is missing is skipped with a message; the other tables are read', async () => {
    const bytes = await mutate(await smallWorkbook(), (wb) => {
      const ws = wb.getWorksheet('表2')!;
      ws.unMergeCells('A4:P6');
      for (let r = 4; r <= 6; r++) for (let c = 1; c <= 16; c++) ws.getCell(r, c).value = null;
    });
    const r = await importWorkbook(bytes, { fileName: '预算.xlsx' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const t2 = r.report.tables.find((t) => t.table === '表2');
    expect(t2?.status).toBe('skipped');
    expect(t2?.message).toContain('没有找到表头');
    expect(r.report.tables.find((t) => t.table === '表4')?.status).toBe('read');
    // Units still come from 表3 and the others.
    expect(r.doc.units.order.map((id) => r.doc.units.byId[id]!.name)).toEqual(['市测试局本级', '市测试中心']);
  });

  it('a workbook with no budget table at all', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = '随便写点什么';
    const e = await expectFailure(new Uint8Array(await wb.xlsx.writeBuffer()), 'noTables');
    expect(e.message).toContain('没有找到任何预算表');
  });
});
