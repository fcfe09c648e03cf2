/**
 * Roll forward (last year's workbook → this year's document) and last year's figures imported into
 * an open document as reference only.
 */
import { describe, expect, it } from 'vitest';
import { cellKey } from '../model/cellKey';
import { departmentBudgetSchema } from '../model/document';
import { checkReferences } from '../io/budgetFile';
import { loadSample, smallBudget } from '../../tests/xlsx/helpers';
import { exportWorkbook } from './exportWorkbook';
import { importPreviousYear, rollForwardWorkbook } from './yearImports';

const sample = loadSample();

async function workbookOf(doc = sample, metadata = true): Promise<Uint8Array> {
  const r = await exportWorkbook(doc, { audit: false, metadata });
  if (!r.ok) throw new Error('refused');
  return r.bytes;
}

describe('roll forward from last year’s workbook', () => {
  for (const metadata of [true, false]) {
    it(`creates next year’s document with the structure and texts, empty amounts and 上年数 (${metadata ? 'with' : 'without'} metadata)`, async () => {
      const r = await rollForwardWorkbook(await workbookOf(sample, metadata), { fileName: '2020年预算.xlsx' });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const doc = r.doc;
      expect(departmentBudgetSchema.safeParse(doc).success).toBe(true);
      expect(checkReferences(doc)).toBeNull();
      expect(doc.department.fiscalYear).toBe(2021);
      expect(doc.department.name).toBe('深圳市信访局');
      expect(doc.printedPrecisionFen).toBeNull();
      expect(doc.reported).toEqual({});
      // Structure copied.
      expect(doc.units.order).toHaveLength(1);
      const names = (c: { byId: Record<string, { name?: string; code?: string }>; order: string[] }) => c.order.map((id) => c.byId[id]!.name ?? c.byId[id]!.code);
      expect(names(doc.projects)).toEqual(['信访大厅运行', '信访专项', '待支付以前年度采购项目', '信息管理', '严控类项目', '预算准备金', '政府投资项目建设']);
      expect(doc.economicLines.order).toHaveLength(22);
      expect(doc.subItems.order).toHaveLength(14);
      expect(doc.functionalLines.order).toHaveLength(8);
      expect(doc.procurementItems.order).toHaveLength(4);
      // Texts and indicators copied; dates moved to the new year.
      const dating = doc.projects.byId[doc.projects.order[0]!]!;
      expect(dating.texts.overview).toBe(sample.projects.byId['p-dating']!.texts.overview);
      expect(dating.indicators.map((i) => i.name)).toEqual(sample.projects.byId['p-dating']!.indicators.map((i) => i.name));
      expect([dating.startDate, dating.endDate]).toEqual(['2021-01-01', '2021-12-31']);
      expect(doc.performance.overallGoal).toBe(sample.performance.overallGoal);
      // This year's amounts are empty …
      for (const id of doc.economicLines.order) expect(Object.values(doc.economicLines.byId[id]!.amounts).filter((v) => v !== null)).toEqual([]);
      for (const id of doc.functionalLines.order) expect([doc.functionalLines.byId[id]!.basicExpenditure, doc.functionalLines.byId[id]!.projectExpenditure]).toEqual([null, null]);
      expect(dating.totalAmount).toBeNull();
      const u = doc.units.order[0]!;
      expect(doc.threePublicExpenses[u]!.currentYear).toEqual({ officialTravelAbroad: null, officialReception: null, vehiclePurchase: null, vehicleOperation: null });
      // … 表12’s previous-year rows hold last year’s current-year “三公” amounts …
      expect(doc.threePublicExpenses[u]!.previousYear).toEqual({ officialTravelAbroad: null, officialReception: 12_000_000, vehiclePurchase: null, vehicleOperation: 6_000_000 });
      // … and last year’s figures are kept as 上年数 under this year’s cell keys.
      expect(doc.previousYear[cellKey('T2', 'dept', 'incomeTotal')]).toBe(3_380_000_000);
      expect(doc.previousYear[cellKey('T4', `e:${doc.economicLines.order[0]}`, 'generalFunding')]).toBe(1_011_000_000);
      expect(doc.previousYear[cellKey('T5', `p:${doc.projects.order[0]}`, 'total')]).toBe(482_000_000);
      // The 2020 note of 表11 is the catalogue's default one: it is re-filled for 2021, not copied.
      expect(doc.notes.T11).toBeUndefined();
      expect(doc.notes.T8).toBe('注：我局无政府性基金预算支出。');
      expect(r.report.notes.some((n) => n.message.includes('已由 2020 年预算生成 2021 年预算'))).toBe(true);
    });
  }
});

describe('last year’s figures into an open document', () => {
  it('matches rows by unit name, code and project name; stores them as 上年数 only', async () => {
    // This year's document: the roll-forward of 2020 with a project renamed and one added.
    const rolled = await rollForwardWorkbook(await workbookOf());
    if (!rolled.ok) throw new Error('roll forward failed');
    const open = structuredClone(rolled.doc);
    open.previousYear = {};
    const firstLine = open.economicLines.order[0]!;
    open.economicLines.byId[firstLine]!.amounts = { generalFunding: 1_200_000_000 as never };
    const before = JSON.stringify(open);
    const r = await importPreviousYear(open, await workbookOf(sample, false), { fileName: '2020年预算.xlsx' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(JSON.stringify(open)).toBe(before); // the open document object is untouched
    const { previousYear, ...rest } = r.doc;
    const { previousYear: _p, ...openRest } = open;
    expect(rest).toEqual(openRest); // nothing but 上年数 changed
    expect(previousYear[cellKey('T4', `e:${firstLine}`, 'generalFunding')]).toBe(1_011_000_000);
    expect(previousYear[cellKey('T3', `u:${open.units.order[0]}`, 'total')]).toBeGreaterThan(0);
    expect(r.matchedCells).toBeGreaterThan(300);
    expect(r.unmatched).toEqual([]);
  });

  it('lists last year’s rows that the open document does not have', async () => {
    const open = smallBudget();
    const r = await importPreviousYear(open, await workbookOf(sample, false));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.unmatched).toContain('预算单位“市信访局本级”');
    expect(r.report.notes.some((n) => n.message.includes('在当前文档中没有对应的行'))).toBe(true);
    expect(r.report.notes.some((n) => n.message.includes('2020 年的，当前文档是 2021 年'))).toBe(false);
  });
});
