/**
 * Issue 13's example: a 3-unit department's workbook laid out the ordinary way (threeUnit.ts)
 * imports to the same document as our own layout of it — 8 projects with their 16 sub-items, the
 * 表13 合计/小计 rows read as totals — and its audit is the audit of our own layout.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellKey, rowKeys as R } from '../../../shared/model/cellKey';
import { runAudit } from '../../../shared/rules/audit';
import { importWorkbook } from '../../../shared/xlsx/importWorkbook';
import { formatImportReport } from '../../../shared/xlsx/report';
import { rollForwardWorkbook } from '../../../shared/xlsx/yearImports';
import { canonical } from '../canonical';
import { ordinaryLayout, ownWorkbook, threeUnitDocument } from './threeUnit';

async function imported(bytes: Uint8Array) {
  const r = await importWorkbook(bytes, { fileName: '部门预算.xlsx' });
  if (!r.ok) throw new Error(r.error.message);
  return r;
}

/** The document as the workbook prints it: at 0.01 万元, the decimals it keeps. */

const findingKeys = (doc: Parameters<typeof runAudit>[0]) =>
  runAudit(doc)
    .map((f) => `${f.severity} ${f.rule} ${f.message}`)
    .sort();

describe('the issue 13 example: 3 units laid out the ordinary way', () => {
  it('reads 8 projects with their sub-items, units by every form of their name', async () => {
    const doc = threeUnitDocument();
    const { doc: got } = await imported(await ordinaryLayout(doc));
    expect(got.units.order.map((id) => got.units.byId[id]!.name)).toEqual(['市信访局本级', '市信访局信息中心', '市信访局接待中心']);
    expect(got.projects.order.length).toBe(8);
    expect(got.subItems.order.length).toBe(16);
    // The document, at the printed precision (0.01 万元).
    expect(canonical(got, 10_000)).toEqual(canonical(doc, 10_000));
  });

  it('is audited exactly as our own layout of the same document', async () => {
    const doc = threeUnitDocument();
    const own = await imported(await ownWorkbook(doc));
    const ordinary = await imported(await ordinaryLayout(doc));
    expect(findingKeys(ordinary.doc)).toEqual(findingKeys(own.doc));
    expect(ordinary.doc.reported).toEqual(own.doc.reported);
  });

  it('never reads the 表13 合计 and 小计 rows as projects', async () => {
    const { doc, report } = await imported(await ordinaryLayout(threeUnitDocument()));
    const names = doc.projects.order.flatMap((id) => [doc.projects.byId[id]!.name, doc.projects.byId[id]!.tableNames.table13 ?? '']);
    expect(names.filter((n) => /合计|小计/.test(n))).toEqual([]);
    expect(report.skipped.filter((s) => s.ref?.startsWith('表13'))).toEqual([]);
  });

  it('reads numbered rows (一、 units, （一） projects, 1. sub-items) under their names, the numbering as a hint', async () => {
    const doc = threeUnitDocument();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await ordinaryLayout(doc)) as unknown as ExcelJS.Buffer);
    const units = new Set(doc.units.order.map((id) => doc.units.byId[id]!.name));
    const projects = new Set(doc.projects.order.map((id) => doc.projects.byId[id]!.name));
    const ws = wb.getWorksheet('表5')!;
    const counters = [0, 0, 0];
    const CN = '一二三四五六七八九十';
    ws.eachRow((row, r) => {
      const cell = row.getCell(1);
      if (r <= 6 || typeof cell.value !== 'string') return;
      const name = cell.value;
      // 待支付以前年度采购项目 is its own sub-item: the first row of a name is the project.
      const level = units.has(name) ? 0 : projects.has(name) && !(ws.getRow(r - 1).getCell(1).value === name) ? 1 : 2;
      if (level === 0 && r === 7) return; // the department row
      counters[level]!++;
      for (let k = level + 1; k < 3; k++) counters[k] = 0;
      const n = counters[level]!;
      cell.value = level === 0 ? `${CN[n - 1]}、${name}` : level === 1 ? `（${CN[n - 1]}）${name}` : `${n}.${name}`;
    });
    // Units numbered in the other tables too.
    for (const name of ['表2', '表3', '表4']) {
      let n = 0;
      wb.getWorksheet(name)!.eachRow((row) => {
        const cell = row.getCell(1);
        if (typeof cell.value === 'string' && units.has(cell.value)) cell.value = `${CN[n++]}、${cell.value}`;
      });
    }
    const { doc: got } = await imported(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(canonical(got, 10_000)).toEqual(canonical(doc, 10_000));
  });

  it('keeps a total printed blank over parts that are not (表12 公务用车 小计), as printed', async () => {
    const doc = threeUnitDocument();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await ordinaryLayout(doc)) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('表12')!;
    // 市信访局接待中心's rows (its name merged over both): the budget year's 小计 (column F) left blank.
    let cleared = 0;
    ws.eachRow((row, r) => {
      if (ws.getCell(r, 1).value === null && ws.getCell(r - 1, 1).value === '市信访局接待中心' && /2020/.test(String(row.getCell(2).value))) {
        row.getCell(6).value = null;
        cleared++;
      }
    });
    expect(cleared).toBe(1);
    const { doc: got, report } = await imported(new Uint8Array(await wb.xlsx.writeBuffer()));
    const unit = got.units.order.find((id) => got.units.byId[id]!.name === '市信访局接待中心')!;
    const key = cellKey('T12', R.threePublic(unit, 'cur'), 'vehicleSubtotal');
    expect(key in got.reported && got.reported[key]).toBeNull();
    expect(runAudit(got).some((f) => f.severity === 'error' && f.cells.some((c) => `${c.table}|${c.row}|${c.column}` === key))).toBe(true);
    expect(report.structure!.differ).toBe(1);
  });

  it('keeps names that merely start with a number (3、预, 7、效 …: the sheet does not count with them)', async () => {
    const doc = threeUnitDocument();
    // A third of 表5's rows, numbered but not counted 1, 2, 3 …
    [3, 7, 5, 9, 4, 8, 2, 6, 5].forEach((n, k) => (doc.subItems.byId[doc.subItems.order[k]!]!.name = `${n}、${'预效绩目标完成率提高维'[k]}`));
    const { doc: got } = await imported(await ordinaryLayout(doc));
    expect(canonical(got, 10_000)).toEqual(canonical(doc, 10_000));
  });

  it('checks 表13’s 合计 and 小计 rows against the projects they add up, counting a misprinted one', async () => {
    const doc = threeUnitDocument();
    const right = await imported(await ordinaryLayout(doc));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await ordinaryLayout(doc)) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('表13')!;
    const total = ws.getRow(6); // the 合计 row, first under the header
    expect(total.getCell(1).value).toBe('合计');
    total.getCell(3).value = (total.getCell(3).value as number) + 1;
    const wrong = await imported(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(right.report.structure!.differ).toBe(0);
    expect(wrong.report.structure!.differ).toBe(1);
    expect(wrong.report.structure!.agree).toBe(right.report.structure!.agree - 1);
  });

  it('says in the report’s first lines that every printed total agrees with its detail', async () => {
    const { report } = await imported(await ordinaryLayout(threeUnitDocument()));
    expect(report.structure).toMatchObject({ differ: 0, warnings: [] });
    expect(report.structure!.agree).toBeGreaterThan(300);
    expect(formatImportReport(report).split('\n')[1]).toBe(`  结构核对：${report.structure!.agree} 个合计与明细一致（其中 0 个尾差），0 个不一致`);
  });

  it('rolls forward into next year with the 8 projects and 16 sub-items, the structure check first in the report', async () => {
    const r = await rollForwardWorkbook(await ordinaryLayout(threeUnitDocument()), { fileName: '2020年预算.xlsx' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.summary).toMatchObject({ units: 3, projects: 8, subItems: 16 });
    expect(r.report.structure).toMatchObject({ differ: 0, warnings: [] });
    expect(r.report.notes.some((n) => n.message.includes('8 个项目（16 个二级项目）'))).toBe(true);
  });
});
