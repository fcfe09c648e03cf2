/**
 * Legacy .xls (BIFF8) import through the injected BIFF library: a .xls budget workbook imports
 * like its .xlsx twin, limits hold before the library builds cells, and a damaged .xls gives a
 * classified Chinese error, never a crash.
 *
 * Fixtures (how they were made: tests/xlsx/fixtures/README.md): budget-2020.xlsx is the bundled
 * sample exported by this program, budget-2020-plain.xlsx the same without the hidden metadata
 * sheet; the .xls files are those converted by LibreOffice 7.4 (`soffice --headless --convert-to xls`).
 */
import { describe, expect, it } from 'vitest';
import { importWorkbook, type ImportOptions } from '../../shared/xlsx/importWorkbook';
import { IMPORT_ERROR_CODES, XlsxImportError } from '../../shared/xlsx/errors';
import { readXlsWorkbook } from '../../shared/xlsx/xls/readXls';
import { importPreviousYear, rollForwardWorkbook } from '../../shared/xlsx/yearImports';
import { loadXlsLibrary } from '../../electron/cli/xlsLibrary';
import { SheetView } from '../../shared/xlsx/sheetView';
import { openWorkbook } from '../../shared/xlsx/workbookSource';
import { fixture, smallBudget } from './helpers';

const CJK = /[\u4e00-\u9fff]/;
const withXls: ImportOptions = { xls: loadXlsLibrary };

async function importBoth(xlsName: string, xlsxName: string) {
  const xls = await importWorkbook(fixture(xlsName), { ...withXls, fileName: '预算.xls' });
  const xlsx = await importWorkbook(fixture(xlsxName), { fileName: '预算.xls' });
  if (!xls.ok) throw new Error(xls.error.message);
  if (!xlsx.ok) throw new Error(xlsx.error.message);
  return { xls, xlsx };
}

describe('a legacy .xls imports like its .xlsx twin', () => {
  it('the budget workbook: the same document and the same import report', async () => {
    const { xls, xlsx } = await importBoth('budget-2020.xls', 'budget-2020.xlsx');
    expect(xls.doc).toEqual(xlsx.doc);
    expect(xls.report).toEqual(xlsx.report);
    expect(xls.doc.units.order.length).toBeGreaterThan(0);
    expect(xls.doc.projects.order.length).toBeGreaterThan(5);
  });

  it('a workbook without the hidden metadata (recognised from the tables alone): the same document and report', async () => {
    const { xls, xlsx } = await importBoth('budget-2020-plain.xls', 'budget-2020-plain.xlsx');
    expect(xlsx.report.metadata).toBe('absent');
    expect(xls.doc).toEqual(xlsx.doc);
    expect(xls.report).toEqual(xlsx.report);
  });

  it('every sheet reads cell by cell as the .xlsx reads it: values, indentation, number formats, merges', async () => {
    const xls = await openWorkbook(fixture('budget-2020-plain.xls'), { xls: loadXlsLibrary });
    const xlsx = await openWorkbook(fixture('budget-2020-plain.xlsx'));
    expect(xls.sheets).toEqual(xlsx.sheets.map((s) => ({ ...s, path: null })));
    let compared = 0;
    let indented = 0;
    for (const entry of xlsx.sheets) {
      const a = new SheetView(xls.parse(xls.find(entry.name)!));
      const b = new SheetView(xlsx.parse(entry));
      expect([a.rowCount, a.colCount]).toEqual([b.rowCount, b.colCount]);
      for (let r = 1; r <= b.rowCount; r++) {
        for (let c = 1; c <= b.colCount; c++) {
          const where = `${entry.name}!${r},${c}`;
          expect(a.isSlave(r, c), where).toBe(b.isSlave(r, c));
          expect(a.value(r, c), where).toEqual(b.value(r, c));
          // Blank cells carry no format in the .xls reading; the importer reads formats only of amounts.
          if (b.value(r, c) === null || b.isSlave(r, c)) continue;
          expect([a.indent(r, c), a.numFmt(r, c)], where).toEqual([b.indent(r, c), b.numFmt(r, c)]);
          compared++;
          if (b.indent(r, c) > 0) indented++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(indented).toBeGreaterThan(50);
  });

  it('rolled forward and as last year’s figures, too', async () => {
    const a = await rollForwardWorkbook(fixture('budget-2020.xls'), withXls);
    const b = await rollForwardWorkbook(fixture('budget-2020.xlsx'));
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(a.doc).toEqual(b.doc);
    const open = smallBudget();
    const c = await importPreviousYear(open, fixture('budget-2020.xls'), withXls);
    const d = await importPreviousYear(open, fixture('budget-2020.xlsx'));
    expect(c.ok && d.ok).toBe(true);
    if (c.ok && d.ok) expect(c.doc).toEqual(d.doc);
  });
});

describe('a .xls that cannot be read gives a classified Chinese message', () => {
  it('without the BIFF library the .xls is refused with the save-as advice', async () => {
    const r = await importWorkbook(fixture('budget-2020.xls'), { fileName: '预算.xls' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('legacyXls');
  });

  it('an old Word document whose text says “Book” is not taken for a damaged .xls', async () => {
    const lib = (await loadXlsLibrary()) as unknown as { CFB: { utils: { cfb_new(): unknown; cfb_add(c: unknown, path: string, data: Uint8Array): void }; write(c: unknown, o: object): Uint8Array } };
    const container = lib.CFB.utils.cfb_new();
    lib.CFB.utils.cfb_add(container, '/WordDocument', new Uint8Array(Buffer.from('Chapter 1: the Book of budgets', 'utf16le')));
    const doc = new Uint8Array(lib.CFB.write(container, { type: 'array' }));
    const r = await importWorkbook(doc, { ...withXls, fileName: '说明.doc' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('notWorkbook');
    expect(r.error.message).toContain('不是 Excel 工作簿');
  });

  it('a password-protected .xls says so, with the library too', async () => {
    const r = await importWorkbook(fixture('password.xls'), { ...withXls, fileName: '加密.xls' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('encrypted');
    expect(r.error.message).toContain('密码');
  });

  it('the cell limit holds before the library reads the cells', async () => {
    const r = await importWorkbook(fixture('budget-2020.xls'), { ...withXls, fileName: '预算.xls', limits: { maxCells: 1000 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('tooLarge');
    expect(r.error.message).toContain('上限 1,000 个');
  });

  it('a .xls has its own, lower cell cap (the library holds every cell as an object), and the message says .xlsx allows more', () => {
    // A workbook stream of 1,000,100 blank cells (MULBLANK records of 250 cells), behind a fake container reader.
    const records: number[] = [];
    const record = (type: number, body: number[]) => records.push(type & 0xff, type >> 8, body.length & 0xff, body.length >> 8, ...body);
    const u16 = (n: number) => [n & 0xff, n >> 8];
    record(0x0809, [...u16(0x0600), ...u16(0x0005), ...new Array<number>(12).fill(0)]);
    const boundSheetAt = records.length;
    record(0x0085, [0, 0, 0, 0, 0, 0, 2, 0, 0x54, 0x34]); // lbPlyPos patched below, name "T4"
    record(0x000a, []);
    const sheetAt = records.length;
    records.splice(boundSheetAt + 4, 4, sheetAt & 0xff, (sheetAt >> 8) & 0xff, 0, 0);
    record(0x0809, [...u16(0x0600), ...u16(0x0010), ...new Array<number>(12).fill(0)]);
    for (let row = 0; row < 4_000; row++) record(0x00be, [...u16(row), ...u16(0), ...new Array<number>(500).fill(0), ...u16(249)]);
    record(0x00be, [...u16(4_000), ...u16(0), ...new Array<number>(200).fill(0), ...u16(99)]);
    record(0x000a, []);
    const stream = new Uint8Array(records);
    let built = false;
    const fake = { CFB: { read: () => ({}), find: () => ({ content: stream }) }, read: () => ((built = true), { SheetNames: [], Sheets: {} }) };
    let error: unknown;
    try {
      readXlsWorkbook(new Uint8Array(8), fake, { fileName: '大表.xls' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XlsxImportError);
    const e = error as XlsxImportError;
    expect(e.code).toBe('tooLarge');
    expect(e.message).toContain('1,000,100 个单元格');
    expect(e.message).toContain('上限 1,000,000 个');
    expect(e.message).toContain('另存为 .xlsx 后上限为 4,000,000 个');
    // Refused from the record counts, before the library builds a single cell.
    expect(built).toBe(false);
  });

  it('a record stream no writer produces is refused before the library reads it (misaligned garbage can make it allocate for minutes)', async () => {
    const bytes = fixture('budget-2020.xls');
    // Zero 64 bytes from the 10th XF record (header e0 00 14 00): the globals continue with records of type 0.
    let at = -1;
    for (let k = 0; k < 10; k++) at = Buffer.from(bytes).indexOf(Buffer.from([0xe0, 0x00, 0x14, 0x00]), at + 1);
    expect(at).toBeGreaterThan(0);
    const damaged = bytes.slice();
    damaged.fill(0, at, at + 64);
    const lib = await loadXlsLibrary();
    let read = false;
    const spy = async () => ({ CFB: lib.CFB, read: (...args: Parameters<typeof lib.read>) => ((read = true), lib.read(...args)) });
    const r = await importWorkbook(damaged, { xls: spy, fileName: '损坏.xls' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('corrupt');
    expect(r.error.message).toContain('“损坏.xls”');
    expect(r.error.message).toContain('无效的记录');
    expect(read).toBe(false);
  });

  it('truncated and damaged .xls files: every result is a document or a classified error', async () => {
    const bytes = fixture('budget-2020.xls');
    const variants: Uint8Array[] = [];
    for (const f of [0.05, 0.3, 0.6, 0.95]) variants.push(bytes.slice(0, Math.floor(bytes.length * f)));
    let seed = 7;
    const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < 30; k++) {
      const v = bytes.slice();
      const n = 1 + Math.floor(rand() * 20);
      for (let j = 0; j < n; j++) v[512 + Math.floor(rand() * (v.length - 512))] = Math.floor(rand() * 256);
      variants.push(v);
    }
    const zeroed = bytes.slice();
    zeroed.fill(0, 512, 4096);
    variants.push(zeroed);
    const codes = new Set<string>();
    for (const v of variants) {
      const r = await importWorkbook(v, { ...withXls, fileName: '损坏.xls' });
      if (r.ok) continue;
      codes.add(r.error.code);
      expect(IMPORT_ERROR_CODES).toContain(r.error.code);
      expect(r.error.code).not.toBe('internal');
      expect(r.error.message).toMatch(CJK);
      expect(r.error.message).toContain('损坏.xls');
    }
    expect(codes.has('corrupt')).toBe(true);
  }, 60_000);
});
