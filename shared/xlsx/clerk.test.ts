/**
 * A workbook typed by a clerk in the official layout — no hidden metadata, no merged cells, sheet
 * names that are not 表N, header variants (spaces, line breaks, full-width brackets, another year),
 * amounts as numbers, as text with separators, as formulas, "—" for empty — imports into the
 * document the hand-written expectations below describe.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellKey } from '../model/cellKey';
import { importWorkbook } from './importWorkbook';

type Row = (string | number | null | { formula: string; result: number })[];

function sheet(wb: ExcelJS.Workbook, name: string, rows: Row[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  rows.forEach((r, i) => r.forEach((v, j) => {
    if (v !== null) ws.getCell(i + 1, j + 1).value = v;
  }));
  return ws;
}

const W = 10_000; // 0.01 万元 in 分

async function clerkWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  sheet(wb, '收入总表', [
    ['附表2'],
    ['2021年部门收入预算总表'],
    ['单位名称：测试市测试局', null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, '单位：万元'],
    ['预算单位', '收入\n总计', '本年收入', null, null, null, null, null, null, null, null, null, null, '上级补助收入', '附属单位上缴收入', '用事业基金弥补收支差额', '上年结余、结转'],
    [null, null, '财政预算拨款', null, null, null, null, null, null, null, '事业收入', '事业单位经营收入', '其他收入'],
    [null, null, '小计', '一般公共预算拨款', null, null, null, '政府性基金预算拨款', '国有资本经营预算拨款', '财政专户拨款'],
    [null, null, null, '小计', '一般性经费拨款', '财政专项资金拨款', '政府投资项目拨款'],
    ['市测试局', '1,350.50', 1330.5, 1330.5, 1280.5, null, 50, null, null, null, 20],
    ['市测试局本级', 1050.5, 1050.5, 1050.5, '1,000.50', '—', 50],
    ['市测试中心', { formula: 'E10+K10', result: 300 }, 280, 280, 280, null, null, null, null, null, '20.00'],
  ]);
  sheet(wb, '表3', [
    ['部门支出预算总表'],
    ['单位：万元'],
    ['预算单位', '支出总计', '基本支出', '项目支出', '其中：'],
    [null, null, null, null, '2021 年政府采购项目', '2021年面向中小企业政府采购项目', '2021年面向小型、微型企业政府采购项目', '待支付以前年度政府采购项目'],
    ['市测试局', 1350.5, 850.5, 500, 80, 30, 20, null],
    ['市测试局本级', 1050.5, 650.5, 400, 80, 30, 20, '-'],
    ['市测试中心', 300, 200, 100],
  ]);
  sheet(wb, '表4', [
    ['表4'],
    ['基本支出预算表'],
    ['单位名称：测试市测试局', '单位：万元'],
    ['支出项目类别', '总计', '财政预算拨款', null, null, null, null, null, null, null, '事业收入', '事业单位经营收入', '其他收入', '上级补助收入', '附属单位上缴收入', '用事业基金弥补收支差额', '上年结余、结转'],
    [null, null, '小计', '一般公共预算拨款', null, null, null, '政府性基金预算拨款', '国有资本经营预算拨款', '财政专户拨款'],
    [null, null, null, '小计', '一般性经费拨款', '财政专项资金拨款', '政府投资项目拨款'],
    ['市测试局', 850.5],
    ['市测试局本级', 650.5],
    ['工资福利支出', 600.5],
    ['基本工资', 400.25, 400.25, 400.25, 400.25],
    ['其他社会保险缴费', 200.25, null, null, 200.25],
    ['商品和服务支出', 50],
    ['办公费', 50, 50, 50, 50],
    ['某某自创费', 9, 9, 9, 9],
    ['市测试中心', 200],
    ['工资福利支出', 200],
    ['基本工资', 200, 180, 180, 180, null, null, null, null, null, 20],
  ]);
  sheet(wb, '表5', [
    ['项目支出预算表'],
    ['单位：万元'],
    ['支出项目类别', '总计', '财政预算拨款', null, null, null, null, null, null, null, '事业收入', '事业单位经营收入', '其他收入', '上级补助收入', '附属单位上缴收入', '用事业基金弥补收支差额', '上年结余、结转'],
    [null, null, '小计', '一般公共预算拨款', null, null, null, '政府性基金预算拨款', '国有资本经营预算拨款', '财政专户拨款'],
    [null, null, null, '小计', '一般性经费拨款', '财政专项资金拨款', '政府投资项目拨款'],
    ['市测试局', 500],
    ['市测试局本级', 400],
    ['信息化运维', 350, null, null, 350],
    ['系统运维', 200, null, null, 200],
    ['网络租赁', 150, null, null, 150],
    ['待支付以前年度采购项目', 50],
    ['待支付以前年度采购项目', 50, null, null, 50],
    ['市测试中心', 100],
    ['中心运行', 100],
    ['物业', 100, null, null, 100],
  ]);
  sheet(wb, '表7', [
    ['一般公共预算支出情况表'],
    ['单位：万元'],
    ['预算单位', '科目编码', '科目名称', '支出总计', '基本支出', '项目支出'],
    ['市测试局', null, null, 1330.5],
    ['市测试局本级', null, null, 1050.5],
    [null, 2010301, '行政运行', 650.5, 650.5],
    [null, '2010350', '事业运行', 400, null, 400],
    ['市测试中心', null, null, 280],
    [null, '2010350', '事业运行', 280, 180, 100],
  ]);
  sheet(wb, '三公', [
    ['“三公”经费财政拨款预算情况表'],
    ['单位：万元'],
    ['预算单位', '年度', '"三公"经费财政拨款预算总额', '因公出国（境）费', '公务接待费', '公务用车购置及运行维护费'],
    [null, null, null, null, null, '小计', '公务用车购置费', '公务用车运行维护费'],
    ['市测试局', '2020年', 18, null, 12, 6, null, 6],
    [null, '2021年', 16, null, 10, 6, null, 6],
    ['市测试局本级', '2020年', 18, null, 12, 6, null, 6],
    [null, '2021年', 16, null, 10, 6, null, 6],
  ]);
  sheet(wb, '表13', [
    ['部门预算绩效管理项目情况表'],
    ['单位：万元'],
    ['实施单位', '项目名称', '预算金额', null, null, '预算执行时间'],
    [null, null, '合计', '一般公共预算拨款', '其他资金'],
    ['测试市测试局本级', '信息化运维', 350, 350, null, '2021.1.1-2021.12.31'],
    ['测试市测试局本级', '以前年度采购尾款', 50, 50, null, '2021.1.1-2021.6.30'],
  ]);
  sheet(wb, '表15-1', [
    ['表15-1 项目支出绩效目标表'],
    ['(2021 年)'],
    ['实施单位：测试市测试局', null, '主管单位：测试市财政局'],
    ['项目名称', '信息化运维'],
    ['项目类型', '一般性项目支出□ 专项性项目支出√ 政府投资项目支出□ 政府性基金项目支出□'],
    ['资金用途', '业务类√ 政策类（转移性支出）□ 工程及维护类□ 基本建设□ 信息化工程√ 设备购置及维护□'],
    ['计划开始日期', '2021-01-01', '计划完成日期', '2021/12/31'],
    ['项目总金额', 700, '本年度项目金额', 350],
    ['财政拨款资金', 350, '其他资金', 0],
    ['资产采购计划', '固定资产采购金额', 12.5, '采购品目', '服务器 2 台'],
    ['项目概况', '保障信息系统运行。'],
    ['目标内容', '二级指标', '绩效指标', '指标目标值', '目标值来源'],
    ['产出目标', '数量', '系统运行天数', '≥360 天', '工作计划'],
    [null, '质量', '故障率', '≤1%', null],
  ]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('a clerk-typed workbook in the official layout, without metadata', async () => {
  const r = await importWorkbook(await clerkWorkbook(), { fileName: '测试局2021.xlsx' });
  if (!r.ok) throw new Error(r.error.message);
  const { doc, report } = r;
  const units = doc.units.order.map((id) => doc.units.byId[id]!);
  const [own, centre] = units;

  it('finds the tables by title text, the year from the headers and the unit from the unit line', () => {
    expect(report.metadata).toBe('absent');
    expect(doc.department.fiscalYear).toBe(2021);
    expect(doc.department.name).toBe('测试市测试局');
    expect(doc.department.shortName).toBe('市测试局');
    expect(doc.department.displayUnit).toBe('wan');
    expect(doc.department.competentDepartment).toBe('测试市财政局');
    expect(report.tables.map((t) => `${t.table}:${t.sheet}`).sort()).toEqual(['表13:表13', '表12:三公', '表15-1:表15-1', '表2:收入总表', '表3:表3', '表4:表4', '表5:表5', '表7:表7'].sort());
    // 万元 with 2 decimals → one printed unit is 0.01 万元 = 100 元.
    expect(doc.printedPrecisionFen).toBe(W);
  });

  it('reads units from 表2, with the own office by its name', () => {
    expect(units.map((u) => [u.name, u.kind])).toEqual([
      ['市测试局本级', 'ownOffice'],
      ['市测试中心', 'subordinateUnit'],
    ]);
    expect(own!.fullName).toBe('测试市测试局本级');
  });

  it('reads 表2 incomes: numbers, "1,000.50", "—", "20.00", a formula’s cached result', () => {
    expect(doc.incomes[own!.id]).toEqual({ generalFunding: 1_000.5 * 1e6, investmentFunding: 50e6 });
    expect(doc.incomes[centre!.id]).toEqual({ generalFunding: 280e6, institutionRevenue: 20e6 });
    expect(doc.reported[cellKey('T2', `u:${centre!.id}`, 'incomeTotal')]).toBe(300e6);
    expect(doc.reported[cellKey('T2', 'dept', 'incomeTotal')]).toBe(1_350.5e6);
  });

  it('reads 表3’s procurement inputs and keeps its printed totals', () => {
    expect(doc.unitProcurement[own!.id]).toEqual({ smeReserved: 30e6, microReserved: 20e6, priorYearProcurementPayable: null });
    expect(doc.reported[cellKey('T3', `u:${own!.id}`, 'procurement')]).toBe(80e6);
  });

  it('reads 表4 lines by name (aliases included), skipping a name that is no economic classification', () => {
    const lines = doc.economicLines.order.map((id) => doc.economicLines.byId[id]!);
    expect(lines.map((l) => [l.unitId === own!.id ? 'own' : 'centre', l.code, l.name ?? null, l.amounts])).toEqual([
      ['own', '30101', null, { generalFunding: 400.25e6 }],
      ['own', '30112', '其他社会保险缴费', { generalFunding: 200.25e6 }],
      ['own', '30201', null, { generalFunding: 50e6 }],
      ['centre', '30101', null, { generalFunding: 180e6, institutionRevenue: 20e6 }],
    ]);
    const skipped = report.skipped.find((s) => s.message.includes('某某自创费'));
    expect(skipped?.ref).toBe('表4!A14');
    expect(doc.reported[cellKey('T4', `ec:${own!.id}:301`, 'total')]).toBe(600.5e6);
  });

  it('tells projects from sub-items in 表5 by their sums (no indentation), including a sub-item named like its project', () => {
    const projects = doc.projects.order.map((id) => doc.projects.byId[id]!);
    expect(projects.map((p) => p.name)).toEqual(['信息化运维', '待支付以前年度采购项目', '中心运行']);
    const subs = (pid: string) => doc.subItems.order.map((id) => doc.subItems.byId[id]!).filter((s) => s.projectId === pid).map((s) => [s.name, s.amounts.generalFunding]);
    expect(subs(projects[0]!.id)).toEqual([
      ['系统运维', 200e6],
      ['网络租赁', 150e6],
    ]);
    expect(subs(projects[1]!.id)).toEqual([['待支付以前年度采购项目', 50e6]]);
    expect(subs(projects[2]!.id)).toEqual([['物业', 100e6]]);
  });

  it('reads 表7 codes written as numbers or as text', () => {
    const lines = doc.functionalLines.order.map((id) => doc.functionalLines.byId[id]!);
    expect(lines.map((l) => [l.code, l.fund, l.basicExpenditure, l.projectExpenditure])).toEqual([
      ['2010301', 'generalPublicBudget', 650.5e6, null],
      ['2010350', 'generalPublicBudget', null, 400e6],
      ['2010350', 'generalPublicBudget', 180e6, 100e6],
    ]);
  });

  it('reads 表12 with the unit written once over its two years and full-width/half-width brackets', () => {
    expect(doc.threePublicExpenses[own!.id]).toEqual({
      previousYear: { officialTravelAbroad: null, officialReception: 12e6, vehiclePurchase: null, vehicleOperation: 6e6 },
      currentYear: { officialTravelAbroad: null, officialReception: 10e6, vehiclePurchase: null, vehicleOperation: 6e6 },
    });
    expect(doc.reported[cellKey('T12', 'dept:cur', 'total')]).toBe(16e6);
  });

  it('links 表13 and 表15 rows to 表5 projects by name, then by order (a project printed under another name)', () => {
    const [info, prior, centreProject] = doc.projects.order.map((id) => doc.projects.byId[id]!);
    expect(info!.performanceManaged).toBe(true);
    expect(prior!.performanceManaged).toBe(true);
    expect(prior!.tableNames.table13).toBe('以前年度采购尾款');
    expect(prior!.endDate).toBe('2021-06-30');
    expect(centreProject!.performanceManaged).toBe(false);
    expect(info!.type).toBe('special');
    expect(info!.fundUses).toEqual(['business', 'informatization']);
    expect([info!.startDate, info!.endDate]).toEqual(['2021-01-01', '2021-12-31']);
    expect(info!.totalAmount).toBe(700e6);
    expect(info!.assetPurchaseAmount).toBe(12.5e6);
    expect(info!.assetPurchaseItems).toBe('服务器 2 台');
    expect(info!.texts.overview).toBe('保障信息系统运行。');
    expect(info!.indicators.map((i) => [i.level1, i.level2, i.name, i.value, i.source ?? null])).toEqual([
      ['产出目标', '数量', '系统运行天数', '≥360 天', '工作计划'],
      ['产出目标', '质量', '故障率', '≤1%', null],
    ]);
    expect(doc.reported[cellKey('T15', `p:${info!.id}`, 'other')]).toBe(0);
  });

  it('reports every table read, in Chinese', () => {
    expect(report.tables.find((t) => t.table === '表4')).toMatchObject({ status: 'read', rows: 11 });
    expect(report.cells).toEqual([]);
    expect(report.notes.some((n) => n.message.includes('没有表1') || n.message.includes('工作簿中没有表1'))).toBe(true);
  });
});
