/**
 * What the workbook says comes back: a workbook opened and exported again without edits prints every
 * number and text as it was — the printed totals (not the sums of their rounded parts), the unit and
 * the decimals. The workbooks are re-saved by exceljs first, so the importer reads another writer's
 * file, and compared cell by cell (value and number format) on every visible sheet.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { DepartmentBudget } from '../../shared/model/document';
import type { Fen } from '../../shared/money/fen';
import { exportWorkbook } from '../../shared/xlsx/exportWorkbook';
import { importWorkbook } from '../../shared/xlsx/importWorkbook';
import { loadSample, smallBudget } from './helpers';

const W = 1_000_000; // 分 per 万元

/** A workbook as another program writes it: ours at the given precision, without metadata, re-saved by exceljs. */
async function publishedWorkbook(doc: DepartmentBudget, decimals: number): Promise<Uint8Array> {
  const r = await exportWorkbook(doc, { audit: false, metadata: false, decimals });
  if (!r.ok) throw new Error('export refused');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(r.bytes) as unknown as ExcelJS.Buffer);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Every non-empty cell of the visible sheets: sheet!A1 → value (numbers with their format). */
async function cellsOf(bytes: Uint8Array): Promise<Map<string, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const out = new Map<string, string>();
  for (const ws of wb.worksheets) {
    if (ws.state !== 'visible') continue;
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (v === null || v === undefined || v === '') return;
        out.set(`${ws.name}!${cell.address}`, typeof v === 'number' ? `${v} [${cell.numFmt ?? ''}]` : JSON.stringify(v));
      }),
    );
  }
  return out;
}

/** Open the workbook (import), export it without edits with the default options. */
async function reopenAndExport(bytes: Uint8Array): Promise<{ doc: DepartmentBudget; again: Uint8Array }> {
  const imported = await importWorkbook(bytes, { fileName: '预算.xlsx' });
  if (!imported.ok) throw new Error(imported.error.message);
  const out = await exportWorkbook(imported.doc, { audit: false });
  if (!out.ok) throw new Error('export refused');
  return { doc: imported.doc, again: out.bytes };
}

/** The amount printed on a row of a sheet, found by its label (first number right of the label). */
function amountRight(cells: Map<string, string>, sheet: string, label: string): number | undefined {
  for (const [ref, v] of cells) {
    if (!ref.startsWith(`${sheet}!`) || v !== JSON.stringify(label)) continue;
    const row = /\d+$/.exec(ref)![0];
    const numbers = [...cells].filter(([r, x]) => r.startsWith(`${sheet}!`) && r.endsWith(row) && /^[A-Z]+\d+$/.test(r.slice(sheet.length + 1)) && /^-?[\d.]+ \[/.test(x));
    const m = /^(-?[\d.]+) /.exec(numbers[0]?.[1] ?? '');
    return m ? Number(m[1]) : undefined;
  }
  return undefined;
}

describe('open a workbook and export it without edits', () => {
  it('the published sample (万元, whole numbers): every printed number and text comes back, printed totals as printed', async () => {
    const published = await publishedWorkbook(loadSample(), 0);
    const before = await cellsOf(published);
    // As the published budget prints them: 工资福利支出 1,681 (its 款 add up to 1,682).
    expect(amountRight(before, '表4', '工资福利支出')).toBe(1681);
    const { doc, again } = await reopenAndExport(published);
    expect(doc.department.displayUnit).toBe('wan');
    expect(doc.department.displayDecimals).toBeUndefined(); // the catalogue's 0 decimals
    const after = await cellsOf(again);
    expect(after.size).toBeGreaterThan(1000);
    expect([...after].filter(([ref, v]) => before.get(ref) !== v)).toEqual([]);
    expect([...before].filter(([ref]) => !after.has(ref))).toEqual([]);
  });

  it('a workbook in 万元 with 2 decimals whose totals are rounded independently: kept at 2 decimals, totals as printed', async () => {
    const doc = smallBudget();
    doc.department.displayUnit = 'wan';
    // 123.455 + 22.225 万元 = 145.68 printed; the parts print 123.46 and 22.23 (adding up to 145.69).
    doc.economicLines.byId.a1!.amounts.generalFunding = 123_455_000 as Fen;
    doc.economicLines.byId.a2!.amounts.generalFunding = 22_225_000 as Fen;
    const published = await publishedWorkbook(doc, 2);
    const before = await cellsOf(published);
    expect(amountRight(before, '表4', '基本工资')).toBe(123.46);
    expect(amountRight(before, '表4', '工资福利支出')).toBe(145.68);
    const { doc: opened, again } = await reopenAndExport(published);
    expect(opened.department.displayUnit).toBe('wan');
    expect(opened.department.displayDecimals).toBe(2);
    expect(opened.printedPrecisionFen).toBe(W / 100);
    const after = await cellsOf(again);
    expect(amountRight(after, '表4', '工资福利支出')).toBe(145.68);
    expect([...after].filter(([ref, v]) => before.get(ref) !== v)).toEqual([]);
    expect([...before].filter(([ref]) => !after.has(ref))).toEqual([]);
  });
});
