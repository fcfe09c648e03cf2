/**
 * Printed totals on import: an exact workbook (amounts to the 分) records only the printed totals
 * that disagree with their detail — a total that says what the detail says adds nothing, and would
 * only go stale once the clerk edits — while a rounded workbook keeps every printed total.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../shared/compute/evaluate';
import { graphOf } from '../../shared/compute/inputCells';
import { cellKey } from '../../shared/model/cellKey';
import { runAudit } from '../../shared/rules/audit';
import { amountVolume, knownVolume } from '../../shared/model/amountVolume';
import { exportWorkbook } from '../../shared/xlsx/exportWorkbook';
import { importWorkbook } from '../../shared/xlsx/importWorkbook';
import { loadSample, smallBudget } from './helpers';

async function exported(doc = smallBudget(), decimals = 2): Promise<Uint8Array> {
  const r = await exportWorkbook(doc, { audit: false, decimals });
  if (!r.ok) throw new Error('export refused');
  return r.bytes;
}

describe('printed totals on import', () => {
  it('the imported document carries its measured volume, printed totals included (the editor does not walk it again)', async () => {
    const r = await importWorkbook(await exported(loadSample(), 0), { fileName: '预算.xlsx' });
    if (!r.ok) throw new Error(r.error.message);
    expect(Object.keys(r.doc.reported).length).toBeGreaterThan(0);
    expect(knownVolume(r.doc)).toBe(amountVolume(r.doc));
  });

  it('an exact workbook whose totals agree with the detail records none', async () => {
    const r = await importWorkbook(await exported(), { fileName: '预算.xlsx' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.doc.printedPrecisionFen).toBeNull();
    expect(r.doc.reported).toEqual({});
  });

  it('an exact workbook keeps a printed total that disagrees, and the audit names it', async () => {
    const doc = smallBudget();
    const { graph } = graphOf(doc);
    const total = evaluate(graph, doc).computed[graph.idOf(cellKey('T4', 'dept', 'total'))!]!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await exported(doc)) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('表4')!;
    // The department row's 总计 is the first cell of the sheet holding the department total (元).
    let changed = false;
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (!changed && cell.value === total / 100) {
          cell.value = total / 100 + 1;
          changed = true;
        }
      }),
    );
    expect(changed).toBe(true);
    const r = await importWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()), { fileName: '预算.xlsx' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.doc.reported).toEqual({ [cellKey('T4', 'dept', 'total')]: total + 100 });
    expect(runAudit(r.doc).some((f) => f.severity === 'error' && f.cells[0]?.table === 'T4' && f.cells[0]?.row === 'dept' && f.differenceFen === 100)).toBe(true);
  });

  it('a rounded workbook keeps every printed total (each counts as one rounded figure)', async () => {
    const sample = loadSample();
    const r = await importWorkbook(await exported(sample, 0), { fileName: '预算.xlsx' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.doc.printedPrecisionFen).not.toBeNull();
    expect(Object.keys(r.doc.reported).length).toBeGreaterThan(300);
  });
});
