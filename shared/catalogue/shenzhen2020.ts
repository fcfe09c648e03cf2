/**
 * 深圳市 department-budget disclosure layout, as published for 2020 (reference:
 * shenzhen-xinfang-2020-budget.txt). Header texts are the reference's, with the year as `{year}`.
 */
import type { Catalogue, HeaderNode, TableDef } from './types';

const leaf = (text: string, column: string): HeaderNode => ({ text, column });
const group = (text: string, children: HeaderNode[]): HeaderNode => ({ text, children });

/** 财政预算拨款 subtree shared by 表2, 表4, 表5. */
const fiscalTree = (): HeaderNode =>
  group('财政预算拨款', [
    leaf('小计', 'fiscalAppropriation'),
    group('一般公共预算拨款', [
      leaf('小计', 'generalPublicBudget'),
      leaf('一般性经费拨款', 'generalFunding'),
      leaf('财政专项资金拨款', 'specialFunding'),
      leaf('政府投资项目拨款', 'investmentFunding'),
    ]),
    leaf('政府性基金预算拨款', 'governmentFund'),
    leaf('国有资本经营预算拨款', 'stateCapitalBudget'),
    leaf('财政专户拨款', 'specialAccountFunding'),
  ]);

const otherSources = (): HeaderNode[] => [
  leaf('上级补助收入', 'superiorSubsidy'),
  leaf('附属单位上缴收入', 'affiliateRemittance'),
  leaf('用事业基金弥补收支差额', 'institutionFundDrawdown'),
  leaf('上年结余、结转', 'carryOverIn'),
];

const ownRevenue = (): HeaderNode[] => [leaf('事业收入', 'institutionRevenue'), leaf('事业单位经营收入', 'businessRevenue'), leaf('其他收入', 'otherIncome')];

const expenditureBySource = (): HeaderNode[] => [
  leaf('支出项目类别', 'name'),
  leaf('总计', 'total'),
  fiscalTree(),
  ...ownRevenue(),
  ...otherSources(),
];

/**
 * Column ids are keys stored in files (cell keys in `reported`, `previousYear`, accepted warnings and
 * finding keys: `T7|f:…|basic`), not document field names: 基本支出 / 项目支出 stay `basic` / `project`
 * here (表3, 表7–表9, 辅助表; 表14's row `basic`) while a functional line's fields are
 * `basicExpenditure` / `projectExpenditure` (model/document.ts). Renaming a column id needs a file migration.
 */
const functionalHeader = (): HeaderNode[] => [
  leaf('预算单位', 'unit'),
  leaf('科目编码', 'code'),
  leaf('科目名称', 'name'),
  leaf('支出总计', 'total'),
  leaf('基本支出', 'basic'),
  leaf('项目支出', 'project'),
];

/** 表7/8/9: the functional lines of one fund. */
function functionalTable(id: TableDef['id'], number: number, title: string, fund: NonNullable<TableDef['fund']>, emptyNote: string): TableDef {
  return {
    id,
    number,
    title,
    sheetName: `表${number}`,
    layout: 'functionalLines',
    fund,
    header: functionalHeader(),
    labelColumns: ['unit', 'code', 'name'],
    widths: { unit: 22, code: 12, name: 36 },
    emptyNote,
    orientation: 'landscape',
  };
}

const overviewHeader = (): HeaderNode[] => [
  group('收 入', [leaf('项目', 'inLabel'), leaf('{year}年预算数', 'inAmount')]),
  group('支 出', [leaf('项目', 'outLabel'), leaf('{year}年预算数', 'outAmount')]),
];

const tables: TableDef[] = [
  {
    id: 'T1',
    number: 1,
    title: '部门收支预算总表',
    sheetName: '表1',
    layout: 'overview',
    header: overviewHeader(),
    labelColumns: ['inLabel', 'outLabel'],
    widths: { inLabel: 30, inAmount: 16, outLabel: 36, outAmount: 16 },
    orientation: 'portrait',
  },
  {
    id: 'T2',
    number: 2,
    title: '部门收入预算总表',
    sheetName: '表2',
    layout: 'unitRows',
    header: [
      leaf('预算单位', 'unit'),
      leaf('收入总计', 'incomeTotal'),
      group('本年收入', [fiscalTree(), ...ownRevenue()]),
      ...otherSources(),
    ],
    labelColumns: ['unit'],
    widths: { unit: 22 },
    orientation: 'landscape',
  },
  {
    id: 'T3',
    number: 3,
    title: '部门支出预算总表',
    sheetName: '表3',
    layout: 'unitRows',
    header: [
      leaf('预算单位', 'unit'),
      leaf('支出总计', 'total'),
      leaf('基本支出', 'basic'),
      leaf('项目支出', 'project'),
      group('其中：', [
        leaf('{year}年政府采购项目', 'procurement'),
        leaf('{year}年面向中小企业政府采购项目', 'smeReserved'),
        leaf('{year}年面向小型、微型企业政府采购项目', 'microReserved'),
        leaf('待支付以前年度政府采购项目', 'priorYearProcurementPayable'),
      ]),
    ],
    labelColumns: ['unit'],
    widths: { unit: 22 },
    orientation: 'landscape',
  },
  {
    id: 'T4',
    number: 4,
    title: '基本支出预算表',
    sheetName: '表4',
    layout: 'economicLines',
    header: expenditureBySource(),
    labelColumns: ['name'],
    widths: { name: 30 },
    orientation: 'landscape',
  },
  {
    id: 'T5',
    number: 5,
    title: '项目支出预算表',
    sheetName: '表5',
    layout: 'projectLines',
    header: expenditureBySource(),
    labelColumns: ['name'],
    widths: { name: 30 },
    orientation: 'landscape',
  },
  {
    id: 'T6',
    number: 6,
    title: '财政拨款收支总体情况表',
    sheetName: '表6',
    layout: 'fiscalOverview',
    header: overviewHeader(),
    labelColumns: ['inLabel', 'outLabel'],
    widths: { inLabel: 30, inAmount: 16, outLabel: 36, outAmount: 16 },
    orientation: 'portrait',
  },
  functionalTable('T7', 7, '一般公共预算支出情况表', 'generalPublicBudget', '注：本部门无一般公共预算支出。'),
  functionalTable('T8', 8, '政府性基金预算支出情况表', 'governmentFund', '注：本部门无政府性基金预算支出。'),
  functionalTable('T9', 9, '国有资本经营预算支出情况表', 'stateCapitalBudget', '注：本部门无国有资本经营预算支出。'),
  {
    id: 'T10',
    number: 10,
    title: '上级专项转移支付支出预算表',
    sheetName: '表10',
    layout: 'transferLines',
    header: [leaf('预算单位', 'unit'), leaf('科目编码', 'code'), leaf('科目名称', 'name'), leaf('项目名称', 'projectName'), leaf('项目金额', 'amount')],
    labelColumns: ['unit', 'code', 'name', 'projectName'],
    widths: { unit: 22, code: 12, name: 30, projectName: 30 },
    emptyNote: '注：本部门无上级专项转移支付预算支出。',
    orientation: 'landscape',
  },
  {
    id: 'T11',
    number: 11,
    title: '政府采购项目支出预算表',
    sheetName: '表11',
    layout: 'procurementLines',
    header: [leaf('单位', 'unit'), leaf('编号', 'code'), leaf('采购品目', 'name'), leaf('金额', 'amount')],
    labelColumns: ['unit', 'code', 'name'],
    widths: { unit: 22, code: 12, name: 30 },
    note: '注：本表只反映{year}年当年政府采购项目，不包括“待支付以前年度政府采购项目”。',
    orientation: 'portrait',
  },
  {
    id: 'T12',
    number: 12,
    title: '“三公”经费财政拨款预算情况表',
    sheetName: '表12',
    layout: 'threePublicYears',
    header: [
      leaf('预算单位', 'unit'),
      leaf('年度', 'year'),
      leaf('“三公”经费财政拨款预算总额', 'total'),
      leaf('因公出国(境)费', 'officialTravelAbroad'),
      leaf('公务接待费', 'officialReception'),
      group('公务用车购置及运行维护费', [leaf('小计', 'vehicleSubtotal'), leaf('公务用车购置费', 'vehiclePurchase'), leaf('公务用车运行维护费', 'vehicleOperation')]),
    ],
    labelColumns: ['unit', 'year'],
    widths: { unit: 22, year: 10, total: 18 },
    orientation: 'landscape',
  },
  {
    id: 'T13',
    number: 13,
    title: '部门预算绩效管理项目情况表',
    sheetName: '表13',
    layout: 'performanceProjects',
    header: [
      leaf('实施单位', 'unit'),
      leaf('项目名称', 'name'),
      group('预算金额', [leaf('合计', 'total'), leaf('一般公共预算拨款', 'generalPublicBudget'), leaf('其他资金', 'other')]),
      leaf('预算执行时间', 'period'),
    ],
    labelColumns: ['unit', 'name', 'period'],
    widths: { unit: 24, name: 30, period: 24 },
    orientation: 'landscape',
  },
  {
    id: 'T14',
    number: 14,
    title: '部门（单位）整体支出绩效目标表',
    sheetName: '表14',
    layout: 'overallPerformanceForm',
    header: [],
    labelColumns: [],
    orientation: 'portrait',
  },
  {
    id: 'T15',
    number: 15,
    title: '项目支出绩效目标表',
    sheetName: '表15',
    layout: 'projectPerformanceForm',
    header: [],
    labelColumns: [],
    orientation: 'portrait',
  },
];

export const shenzhen2020: Catalogue = {
  id: 'shenzhen-2020',
  name: '深圳市部门预算公开表格（2020年版式）',
  decimals: { wan: 0, yuan: 2 },
  tables,
};
