/**
 * The exported workbook, read back with exceljs: sheets, layout and texts as the reference prints
 * them, print setup, the refusal on 强制性 errors, the blank template and 尾差调整.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { departmentBudgetSchema, type DepartmentBudget } from '../model/document';
import { loadSample, smallBudget } from '../../tests/xlsx/helpers';
import { smallBudgetInput } from '../../tests/fixtures/smallBudget';
import { exportWorkbook, type ExportOptions } from './exportWorkbook';
import { importWorkbook } from './importWorkbook';

async function exported(doc: DepartmentBudget, options: ExportOptions = {}) {
  const r = await exportWorkbook(doc, { audit: false, ...options });
  if (!r.ok) throw new Error('refused');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(r.bytes) as unknown as ExcelJS.Buffer);
  return { wb, report: r.report, bytes: r.bytes };
}

function cellsOf(ws: ExcelJS.Worksheet): { address: string; row: number; col: number; value: unknown; cell: ExcelJS.Cell }[] {
  const out: { address: string; row: number; col: number; value: unknown; cell: ExcelJS.Cell }[] = [];
  ws.eachRow((row, r) => row.eachCell((cell, c) => out.push({ address: cell.address, row: r, col: c, value: cell.value, cell })));
  return out;
}

function rowOf(ws: ExcelJS.Worksheet, label: string, col = 1): number {
  const hit = cellsOf(ws).find((c) => c.col === col && c.value === label && c.cell.type !== ExcelJS.ValueType.Merge);
  if (!hit) throw new Error(`no row “${label}” in ${ws.name}`);
  return hit.row;
}

const sample = loadSample();

describe('export of the sample (深圳市信访局 2020)', async () => {
  const { wb, report } = await exported(sample, { force: true });

  it('has one sheet per table, 表1…表14 and 表15-1…表15-7, plus the very hidden metadata sheet', () => {
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual([...Array.from({ length: 14 }, (_, i) => `表${i + 1}`), ...Array.from({ length: 7 }, (_, i) => `表15-${i + 1}`), '_budget_tables_meta']);
    expect(wb.getWorksheet('_budget_tables_meta')!.state).toBe('veryHidden');
    expect(wb.worksheets.filter((w) => w.state === 'visible')).toHaveLength(21);
    expect(report.sheets).toHaveLength(21);
  });

  it('prints table number, title, 单位名称 and 单位 lines as the reference', () => {
    const ws = wb.getWorksheet('表2')!;
    expect(ws.getCell('A1').value).toBe('表2');
    expect(ws.getCell('A2').value).toBe('部门收入预算总表');
    expect(ws.getCell('A3').value).toBe('单位名称：深圳市信访局');
    expect(ws.getCell(3, ws.columnCount).value).toBe('单位：万元');
    expect(wb.getWorksheet('表12')!.getCell('A2').value).toBe('“三公”经费财政拨款预算情况表');
  });

  it('writes the multi-level merged header with the reference’s texts and the year', () => {
    const t2 = wb.getWorksheet('表2')!;
    // Reference 表2: 预算单位 | 收入总计 | 本年收入{财政预算拨款{小计, 一般公共预算拨款{小计, 一般性经费拨款 …}} …}
    expect(t2.getCell('A4').value).toBe('预算单位');
    expect(t2.getCell('A4').isMerged).toBe(true);
    expect(t2.getCell('A7').master.address).toBe('A4'); // four header rows, as the reference
    expect(t2.getCell('C4').value).toBe('本年收入');
    expect(t2.getCell('C5').value).toBe('财政预算拨款');
    expect(t2.getCell('C6').value).toBe('小计');
    expect(t2.getCell('D6').value).toBe('一般公共预算拨款');
    expect(t2.getCell('D7').value).toBe('小计');
    expect(t2.getCell('F7').value).toBe('财政专项资金拨款');
    expect(t2.getCell('L4').master.address).toBe('C4'); // 本年收入 spans 财政预算拨款 … 其他收入
    const t1 = wb.getWorksheet('表1')!;
    expect([t1.getCell('A4').value, t1.getCell('C4').value]).toEqual(['收 入', '支 出']);
    expect([t1.getCell('A5').value, t1.getCell('B5').value, t1.getCell('C5').value, t1.getCell('D5').value]).toEqual(['项目', '2020年预算数', '项目', '2020年预算数']);
    const t3 = wb.getWorksheet('表3')!;
    expect(t3.getCell('E4').value).toBe('其中：');
    expect(t3.getCell('F5').value).toBe('2020年面向中小企业政府采购项目');
  });

  it('writes amounts as numbers in 万元 with the table’s number format, blanks as empty cells', () => {
    const t2 = wb.getWorksheet('表2')!;
    const dept = rowOf(t2, '市信访局');
    expect(t2.getCell(dept, 2).value).toBe(3380);
    expect(t2.getCell(dept, 2).numFmt).toBe('#,##0');
    expect(t2.getCell(dept, 4).value).toBe(3380); // 一般公共预算拨款 小计
    expect(t2.getCell(dept, 5).value).toBe(3362); // 一般性经费拨款
    expect(t2.getCell(dept, 6).value).toBe(null); // 财政专项资金拨款: blank
    expect(t2.getCell(dept, 6).border?.left?.style).toBe('thin');
    const t4 = wb.getWorksheet('表4')!;
    expect(t4.getCell(rowOf(t4, '基本工资'), 2).value).toBe(1011);
    expect(t4.getCell(rowOf(t4, '其他社会保险缴费'), 2).value).toBe(1); // the reference’s own name for 30112
  });

  it('shows the hierarchy as indentation and writes codes where the layout prints them', () => {
    const t5 = wb.getWorksheet('表5')!;
    const indent = (label: string) => t5.getCell(rowOf(t5, label), 1).alignment?.indent ?? 0;
    expect(indent('市信访局本级')).toBe(1);
    expect(indent('信访大厅运行')).toBe(2);
    expect(indent('大厅保安服务费')).toBe(3);
    const t7 = wb.getWorksheet('表7')!;
    const line = cellsOf(t7).find((c) => c.value === '2010308')!;
    expect(t7.getCell(line.row, 3).value).toBe('信访事务');
    const t11 = wb.getWorksheet('表11')!;
    expect(cellsOf(t11).filter((c) => c.col === 2 && typeof c.value === 'string' && c.cell.type !== ExcelJS.ValueType.Merge).map((c) => c.value)).toEqual(['编号', 'A', 'A03', 'C', 'C1000', 'C1600', 'C9900']);
  });

  it('prints notes under empty tables and the fixed note of 表11', () => {
    const t8 = wb.getWorksheet('表8')!;
    expect(cellsOf(t8).some((c) => c.value === '注：我局无政府性基金预算支出。')).toBe(true);
    expect(cellsOf(wb.getWorksheet('表11')!).some((c) => typeof c.value === 'string' && c.value.startsWith('注：本表只反映'))).toBe(true);
  });

  it('merges each unit of 表12 over its two year rows', () => {
    const t12 = wb.getWorksheet('表12')!;
    const r = rowOf(t12, '市信访局本级');
    expect(t12.getCell(r, 2).value).toBe('2019年');
    expect(t12.getCell(r + 1, 2).value).toBe('2020年');
    expect(t12.getCell(r + 1, 1).master.address).toBe(`A${r}`);
  });

  it('is print-ready: A4, orientation per table, one page wide, header rows repeated, panes frozen below the header, 宋体', () => {
    for (const name of ['表1', '表2', '表4', '表14', '表15-1']) {
      const ps = wb.getWorksheet(name)!.pageSetup;
      expect(ps.paperSize).toBe(9);
      expect(ps.fitToPage).toBe(true);
      expect(ps.fitToWidth).toBe(1);
      expect(ps.fitToHeight).toBe(0);
    }
    expect(wb.getWorksheet('表2')!.pageSetup.orientation).toBe('landscape');
    expect(wb.getWorksheet('表1')!.pageSetup.orientation).toBe('portrait');
    expect(wb.getWorksheet('表14')!.pageSetup.orientation).toBe('portrait');
    expect(wb.getWorksheet('表2')!.pageSetup.printTitlesRow).toBe('4:7');
    const view = wb.getWorksheet('表2')!.views[0] as ExcelJS.WorksheetViewFrozen;
    expect(view.state).toBe('frozen');
    expect(view.ySplit).toBe(7);
    expect(wb.getWorksheet('表2')!.getCell('B8').font?.name).toBe('宋体');
  });

  it('sizes columns to fit their texts', () => {
    const t4 = wb.getWorksheet('表4')!;
    // 机关事业单位基本养老保险缴费 is 14 CJK characters (28 display columns) plus indentation.
    expect(t4.getColumn(1).width!).toBeGreaterThanOrEqual(28);
    const t13 = wb.getWorksheet('表13')!;
    expect(t13.getColumn(1).width!).toBeGreaterThanOrEqual(16); // 深圳市信访局本级
  });

  it('lays out 表14 and every 表15 as forms', () => {
    const t14 = wb.getWorksheet('表14')!;
    const texts = cellsOf(t14).map((c) => c.value);
    for (const label of ['部门（单位）名称', '年度主要任务', '任务名称', '主要内容', '预算金额（万元）', '总额', '财政拨款', '其他资金', '年度总体目标', '一级指标', '二级指标', '三级指标', '指标值']) expect(texts).toContain(label);
    expect(t14.getCell(rowOf(t14, '基本支出事项', 2), 5).value).toBe(1964);
    const t157 = wb.getWorksheet('表15-7')!;
    const cells = cellsOf(t157);
    const name = cells.find((c) => c.value === '项目名称')!;
    expect(t157.getCell(name.row, 2).value).toBe('深圳市人民政府热线全面整合工程');
    expect(cells.some((c) => typeof c.value === 'string' && c.value.includes('政府投资项目支出√'))).toBe(true);
  });
});

describe('export refuses nothing silently', () => {
  it('refuses a document with 强制性 errors unless forced, and lists them', async () => {
    const refused = await exportWorkbook(sample);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('blockingErrors');
    expect(refused.error.message).toContain('强制性错误');
    // The editor's dialog has its own button; a command-line flag means nothing to a clerk there.
    expect(refused.error.message).not.toContain('--force');
    expect(refused.report.blockingErrors.length).toBeGreaterThan(0);
    const forced = await exportWorkbook(sample, { force: true });
    expect(forced.ok).toBe(true);
    if (!forced.ok) return;
    expect(forced.report.forced).toBe(true);
    expect(forced.report.blockingErrors).toEqual(refused.report.blockingErrors);
  });

  it('exports a clean document without asking', async () => {
    const r = await exportWorkbook(smallBudget(), { audit: () => [] });
    expect(r.ok).toBe(true);
  });
});

describe('blank template', () => {
  it('has the structure and texts but no amount anywhere, and imports back as the same structure', async () => {
    const { wb, bytes } = await exported(sample, { blank: true });
    for (const ws of wb.worksheets) {
      if (ws.name === '_budget_tables_meta') continue;
      expect(cellsOf(ws).filter((c) => typeof c.value === 'number'), ws.name).toEqual([]);
    }
    expect(cellsOf(wb.getWorksheet('表4')!).some((c) => c.value === '基本工资')).toBe(true);
    expect(cellsOf(wb.getWorksheet('表8')!).some((c) => typeof c.value === 'string' && c.value.startsWith('注：'))).toBe(false);
    const back = await importWorkbook(bytes);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.doc.economicLines.order).toEqual(sample.economicLines.order);
    expect(back.doc.projects.order).toEqual(sample.projects.order);
    expect(Object.values(back.doc.economicLines.byId).every((l) => Object.values(l.amounts).every((v) => v === null || v === undefined))).toBe(true);
  });
});

/** A document in 元 whose amounts leave rounding gaps when printed in whole 万元. */
function gappyBudget(): DepartmentBudget {
  const input = smallBudgetInput();
  const w = (wan: number) => Math.round(wan * 1_000_000);
  input.economicLines = {
    byId: {
      a1: { id: 'a1', unitId: 'a', code: '30101', amounts: { generalFunding: w(1.4), specialFunding: w(0.4) } },
      a2: { id: 'a2', unitId: 'a', code: '30102', amounts: { generalFunding: w(1.4), specialFunding: w(0.4) } },
      a3: { id: 'a3', unitId: 'a', code: '30103', amounts: { generalFunding: w(2.3), specialFunding: w(0.45) } },
      a4: { id: 'a4', unitId: 'a', code: '30201', amounts: { generalFunding: w(0.6) } },
      b1: { id: 'b1', unitId: 'b', code: '30101', amounts: { generalFunding: w(3.4), institutionRevenue: w(0.4) } },
    },
    order: ['a1', 'a2', 'a3', 'a4', 'b1'],
  };
  return departmentBudgetSchema.parse(input);
}

/** Printed values of 表4 by row label and column, read from the sheet. */
function t4Values(ws: ExcelJS.Worksheet): Map<string, number[]> {
  const out = new Map<string, number[]>();
  ws.eachRow((row, r) => {
    if (r <= 6) return;
    const label = String(row.getCell(1).value ?? '');
    const values = Array.from({ length: 16 }, (_, i) => {
      const v = row.getCell(i + 2).value;
      return typeof v === 'number' ? v : 0;
    });
    out.set(`${r}:${label}`, values);
  });
  return out;
}

describe('尾差调整 (optional rounding adjustment)', () => {
  const doc = gappyBudget();
  const opts: ExportOptions = { unit: 'wan', decimals: 0 };

  it('is off by default: plain rounding leaves printed sums that do not add up', async () => {
    const { wb, report } = await exported(doc, opts);
    expect(report.roundingAdjustment.enabled).toBe(false);
    const rows = [...t4Values(wb.getWorksheet('表4')!).entries()];
    const cat = rows.find(([k]) => k.endsWith(':工资福利支出'))!;
    const lines = rows.filter(([k]) => /:(基本工资|津贴补贴|奖金)$/.test(k)).slice(0, 3);
    // 工资福利支出 of unit a: 1.8 + 1.8 + 2.75 = 6.35 → 6, its lines print 2 + 2 + 3 = 7.
    expect(cat[1][0]).toBe(6);
    expect(lines.reduce((a, [, v]) => a + v[0]!, 0)).toBe(7);
  });

  it('makes every printed sum of 表4 add up, column-wise and row-wise, and lists the adjusted cells', async () => {
    const plain = await exported(doc, opts);
    const { wb, report } = await exported(doc, { ...opts, adjustRounding: true });
    expect(report.roundingAdjustment.enabled).toBe(true);
    const ws = wb.getWorksheet('表4')!;
    const rows = [...t4Values(ws).entries()];
    // Row-wise: 总计 = 财政预算拨款 + 事业收入 … ; 财政预算拨款 = 一般公共预算拨款 + …; 一般公共预算拨款 = its three leaves.
    for (const [, v] of rows) {
      expect(v[0]).toBe(v[1]! + v.slice(8).reduce((a, b) => a + b, 0));
      expect(v[1]).toBe(v[2]! + v[6]! + v[7]! + v[8]!);
      expect(v[2]).toBe(v[3]! + v[4]! + v[5]!);
    }
    // Column-wise: department = Σ units; unit = Σ categories; category = Σ its lines.
    const labels = rows.map(([k]) => k.split(':')[1]!);
    const at = (label: string, from = 0) => labels.indexOf(label, from);
    const sumRows = (idx: number[]) => idx.reduce((acc, i) => acc.map((x, c) => x + rows[i]![1][c]!), new Array<number>(16).fill(0));
    const a = at('市测试局本级');
    const b = at('市测试中心');
    expect(rows[0]![1]).toEqual(sumRows([a, b]));
    expect(rows[a]![1]).toEqual(sumRows([at('工资福利支出', a), at('商品和服务支出', a)]));
    const cat = at('工资福利支出', a);
    expect(rows[cat]![1]).toEqual(sumRows([cat + 1, cat + 2, cat + 3]));
    // The department's 总计 is its exact total rounded: 1.8 + 1.8 + 2.75 + 0.6 + 3.8 = 10.75 → 11
    // (plain rounding of each column prints 9 + 1 + 0 = 10).
    expect(rows[0]![1][0]).toBe(11);
    expect(plain.wb.getWorksheet('表4')!.getCell(7, 2).value).toBe(11);
    // The report lists exactly the cells that print differently from plain rounding.
    const changed: string[] = [];
    for (const sheet of wb.worksheets) {
      const other = plain.wb.getWorksheet(sheet.name);
      if (!other || sheet.name.startsWith('_')) continue;
      sheet.eachRow((row, r) =>
        row.eachCell((cell, c) => {
          if (typeof cell.value === 'number' && other.getCell(r, c).value !== cell.value) changed.push(`${/^[\p{L}\p{N}_]+$/u.test(sheet.name) ? sheet.name : `'${sheet.name}'`}!${cell.address}`);
        }),
      );
    }
    expect(changed.length).toBeGreaterThan(0);
    expect(report.roundingAdjustment.adjusted.map((x) => x.ref).sort()).toEqual(changed.sort());
    for (const x of report.roundingAdjustment.adjusted) expect(Math.abs(x.printedFen - x.exactFen)).toBeLessThan(report.roundingAdjustment.stepFen * 2);
  });
});
