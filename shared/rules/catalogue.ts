/**
 * The audit rule catalogue (审核公式) as data: every rule of /work/shared/DOMAIN.md "Audit rules",
 * with its Chinese title and message template, severity (强制性 = error, 提示性 = warning), what it
 * reads and how it compares. The engine (engine.ts, instances.ts) interprets these entries.
 *
 * Two families:
 * - Relations of the cell graph (shared/compute/buildGraph.ts): every derived cell is a sum or a
 *   copy named by a relation id, and some cells carry extra checks (alternative sums). A printed
 *   value of a derived cell is compared with its formula over the printed parts; checks compare
 *   a cell with another sum. `termsLabel` says in the clerk's words what the other side is.
 * - Catalogue rules: comparisons across tables, inequalities, codes, texts and dates.
 *
 * Message placeholders: {a} {aValue} (the checked cell/side), {b} {bValue} (the other side),
 * {diff} (a − b), plus rule-specific ones listed with the rule. Amounts are formatted by the engine.
 */
import type { TableId } from '../model/cellKey';

export type RuleSeverity = 'error' | 'warning';

export type Comparison =
  /** printed total = Σ its printed parts (definitional sum of the cell graph) */
  | 'sum'
  /** the same quantity shown in two places (definitional copy) */
  | 'copy'
  /** a cell = another sum (a check of the cell graph) */
  | 'check'
  /** Σ left = Σ right across tables */
  | 'equal'
  /** left ≤ right */
  | 'atMost'
  /** left ≥ k × right */
  | 'share'
  /** |this year − last year| < 10 % of last year, else a reason is needed */
  | 'change'
  /** a code exists at the right level of the year's code list and its printed name matches */
  | 'code'
  /** a text/structure condition */
  | 'presence';

export type Scope = 'withinTable' | 'acrossTables';

export interface RuleDef {
  id: string;
  title: string;
  severity: RuleSeverity;
  scope: Scope;
  tables: readonly TableId[];
  comparison: Comparison;
  /** What the rule reads, in Chinese. */
  reads: string;
  /** Where it applies: each unit and the department row, each row, each project … (Chinese). */
  appliesTo: string;
  /** Chinese message template. */
  message: string;
  /** Graph relations: the other side in the clerk's words (e.g. 所属各款之和). */
  termsLabel?: string;
}

const sum = (id: string, tables: TableId[], title: string, termsLabel: string, appliesTo: string, reads: string): RuleDef => ({
  id,
  title,
  severity: 'error',
  scope: tables.length > 1 ? 'acrossTables' : 'withinTable',
  tables,
  comparison: 'sum',
  reads,
  appliesTo,
  termsLabel,
  message: '{a}为 {aValue}，{b}为 {bValue}，相差 {diff}。',
});
const copy = (id: string, tables: TableId[], title: string, appliesTo: string, reads: string, termsLabel?: string): RuleDef => ({
  id,
  ...(termsLabel ? { termsLabel } : {}),
  title,
  severity: 'error',
  scope: 'acrossTables',
  tables,
  comparison: 'copy',
  reads,
  appliesTo,
  message: '{a}为 {aValue}，{b}为 {bValue}，同一数字应当相等，相差 {diff}。',
});
const check = (id: string, tables: TableId[], title: string, termsLabel: string, appliesTo: string, reads: string): RuleDef => ({
  id,
  title,
  severity: 'error',
  scope: tables.length > 1 ? 'acrossTables' : 'withinTable',
  tables,
  comparison: 'check',
  reads,
  appliesTo,
  termsLabel,
  message: '{a}为 {aValue}，{b}为 {bValue}，相差 {diff}。',
});

const FUNDING_ROW = '总计 = 财政预算拨款 + 事业收入 + 事业单位经营收入 + 其他收入 + 上级补助收入 + 附属单位上缴收入 + 用事业基金弥补收支差额 + 上年结余、结转；财政预算拨款 = 一般公共预算拨款 + 政府性基金 + 国有资本经营 + 财政专户；一般公共预算拨款 = 一般性经费 + 财政专项资金 + 政府投资项目';

/** Relations of the cell graph, by relation id (shared/compute/buildGraph.ts). */
export const RELATION_RULES: readonly RuleDef[] = [
  // 表1 部门收支预算总表
  copy('T1-income-eq-T2', ['T1', 'T2'], '表1 收入各项 = 表2 部门合计行', '部门', '表1 收入方各行；表2 部门行同名列'),
  sum('T1-current-income', ['T1'], '表1 本年收入合计 = 各项收入之和', '财政预算拨款、事业收入、事业单位经营收入、其他收入之和', '部门', '表1 本年收入合计及其各项'),
  sum('T1-income-total', ['T1'], '表1 收入总计 = 本年收入合计 + 其他来源', '本年收入合计与上级补助、附属单位上缴、事业基金弥补、上年结余结转之和', '部门', '表1 收入总计及其各项'),
  sum('T1-item-sum', ['T1', 'T7'], '表1 功能分类项 = 表7/表8/表9 同编码各行之和', '各预算单位同一科目编码的支出之和', '部门', '表1 支出方“项”行；表7、表8、表9 及其他资金的功能分类行'),
  sum('T1-section-sum', ['T1'], '表1 功能分类款 = 所属各项之和', '所属各项之和', '部门', '表1 支出方“款”行及所属“项”行'),
  sum('T1-category-sum', ['T1'], '表1 功能分类类 = 所属各款之和', '所属各款之和', '部门', '表1 支出方“类”行及所属“款”行'),
  sum('T1-expenditure-sum', ['T1'], '表1 本年支出合计 = 各类之和', '各类支出之和', '部门', '表1 本年支出合计及各“类”行'),
  sum('T1-other-expenditure', ['T1'], '表1 对附属单位补助、上缴上级、结转下年 = 各单位之和', '各预算单位之和', '部门', '表1 支出方其他各行'),
  sum('T1-expenditure-total', ['T1'], '表1 支出总计 = 本年支出合计 + 其他支出', '本年支出合计与对附属单位补助、上缴上级、结转下年之和', '部门', '表1 支出总计及其各项'),
  check('T1-income-total-eq-T2', ['T1', 'T2'], '表1 收入总计 = 表2 收入总计', '表2 部门行“收入总计”', '部门', '表1 收入总计；表2 部门行收入总计'),
  // 表6 财政拨款收支总体情况表
  copy('T6-income-eq-T2', ['T6', 'T2'], '表6 收入各项 = 表2 部门合计行', '部门', '表6 收入方各行；表2 部门行同名列'),
  sum('T6-current-income', ['T6'], '表6 本年收入合计 = 各项财政拨款之和', '一般公共预算拨款、政府性基金预算拨款、国有资本经营预算拨款、财政专户拨款之和', '部门', '表6 本年收入合计及其各项'),
  sum('T6-income-total', ['T6'], '表6 收入总计 = 本年收入合计', '本年收入合计', '部门', '表6 收入总计'),
  sum('T6-item-sum', ['T6', 'T7'], '表6 功能分类项 = 财政拨款各行之和', '各预算单位同一科目编码的财政拨款支出之和', '部门', '表6 支出方“项”行；表7、表8、表9 功能分类行'),
  sum('T6-section-sum', ['T6'], '表6 功能分类款 = 所属各项之和', '所属各项之和', '部门', '表6 支出方“款”行及所属“项”行'),
  sum('T6-category-sum', ['T6'], '表6 功能分类类 = 所属各款之和', '所属各款之和', '部门', '表6 支出方“类”行及所属“款”行'),
  sum('T6-expenditure-sum', ['T6'], '表6 本年支出合计 = 各类之和', '各类支出之和', '部门', '表6 本年支出合计及各“类”行'),
  sum('T6-expenditure-total', ['T6'], '表6 支出总计 = 本年支出合计', '本年支出合计', '部门', '表6 支出总计'),
  // 表2 部门收入预算总表
  sum('T2-row-total', ['T2'], '表2 收入总计 = 各资金来源之和', '本行各资金来源之和', '部门行及每个预算单位行', `表2 每行：${FUNDING_ROW.replace('总计', '收入总计')}`),
  sum('T2-dept-sum', ['T2'], '表2 部门行 = 各预算单位之和', '各预算单位之和', '部门行各列', '表2 部门行与各单位行同列'),
  // 表3 部门支出预算总表
  copy('T3-basic-eq-T4', ['T3', 'T4'], '表3 基本支出 = 表4 总计', '每个预算单位', '表3 基本支出；表4 单位行总计'),
  copy('T3-project-eq-T5', ['T3', 'T5'], '表3 项目支出 = 表5 总计', '每个预算单位', '表3 项目支出；表5 单位行总计'),
  copy('T3-procurement-eq-T11', ['T3', 'T11'], '表3 本年政府采购 = 表11 合计', '每个预算单位', '表3 本年政府采购项目；表11 单位行金额'),
  sum('T3-row-total', ['T3'], '表3 支出总计 = 基本支出 + 项目支出', '基本支出与项目支出之和', '部门行及每个预算单位行', '表3 支出总计、基本支出、项目支出'),
  sum('T3-dept-sum', ['T3'], '表3 部门行 = 各预算单位之和', '各预算单位之和', '部门行各列', '表3 部门行与各单位行同列'),
  // 表4 基本支出预算表
  sum('T4-row-total', ['T4'], '表4 总计 = 各资金来源之和', '本行各资金来源之和', '每一行', `表4 每行：${FUNDING_ROW}`),
  sum('T4-category-sum', ['T4'], '表4 经济分类类 = 所属各款之和', '所属各款之和', '每个预算单位的每个“类”', '表4 “类”行及所属“款”行同列'),
  sum('T4-unit-sum', ['T4'], '表4 预算单位 = 各类之和', '各“类”之和', '每个预算单位', '表4 单位行及所属“类”行同列'),
  sum('T4-dept-sum', ['T4'], '表4 部门行 = 各预算单位之和', '各预算单位之和', '部门行各列', '表4 部门行与各单位行同列'),
  // 表5 项目支出预算表
  sum('T5-row-total', ['T5'], '表5 总计 = 各资金来源之和', '本行各资金来源之和', '每一行', `表5 每行：${FUNDING_ROW}`),
  sum('T5-project-sum', ['T5'], '表5 项目 = 所属二级项目之和', '所属二级项目之和', '每个项目', '表5 项目行及所属二级项目行同列'),
  sum('T5-unit-sum', ['T5'], '表5 预算单位 = 各项目之和', '各项目之和', '每个预算单位', '表5 单位行及所属项目行同列'),
  sum('T5-dept-sum', ['T5'], '表5 部门行 = 各预算单位之和', '各预算单位之和', '部门行各列', '表5 部门行与各单位行同列'),
  // 表7/8/9 and other funds
  ...(['T7', 'T8', 'T9'] as const).flatMap((t) => [
    sum(`${t}-row-total`, [t], `表${t.slice(1)} 支出总计 = 基本支出 + 项目支出`, '基本支出与项目支出之和', '每一行', `表${t.slice(1)} 每行支出总计、基本支出、项目支出`),
    sum(`${t}-unit-sum`, [t], `表${t.slice(1)} 预算单位 = 各科目之和`, '所属各科目行之和', '每个预算单位', `表${t.slice(1)} 单位行及所属科目行同列`),
    sum(`${t}-dept-sum`, [t], `表${t.slice(1)} 部门行 = 各预算单位之和`, '各预算单位之和', '部门行各列', `表${t.slice(1)} 部门行与各单位行同列`),
  ]),
  sum('T0-row-total', ['T0'], '其他资金功能分类 支出总计 = 基本支出 + 项目支出', '基本支出与项目支出之和', '每一行', '其他资金的功能分类行'),
  // 表10, 表11
  sum('T10-unit-sum', ['T10'], '表10 预算单位 = 各行之和', '所属各行之和', '每个预算单位', '表10 单位行及所属各行'),
  sum('T10-dept-sum', ['T10'], '表10 部门行 = 各预算单位之和', '各预算单位之和', '部门行', '表10 部门行与各单位行'),
  sum('T11-group-sum', ['T11'], '表11 品目大类 = 所属品目之和', '所属各品目之和', '每个预算单位的每个大类', '表11 大类行及所属品目行'),
  sum('T11-unit-sum', ['T11'], '表11 合计 = 各品目大类之和', '各品目大类之和', '每个预算单位', '表11 单位行及所属大类行'),
  sum('T11-dept-sum', ['T11'], '表11 部门行 = 各预算单位之和', '各预算单位之和', '部门行', '表11 部门行与各单位行'),
  // 表12 “三公”经费
  sum('T12-vehicle-subtotal', ['T12'], '表12 公务用车小计 = 购置费 + 运行维护费', '公务用车购置费与公务用车运行维护费之和', '每一行（每个单位、每个年度）', '表12 公务用车购置及运行维护费 小计、购置费、运行维护费'),
  sum('T12-total', ['T12'], '表12 总额 = 因公出国(境)费 + 公务接待费 + 公务用车小计', '因公出国(境)费、公务接待费与公务用车购置及运行维护费小计之和', '每一行（每个单位、每个年度）', '表12 总额及其各项'),
  sum('T12-dept-sum', ['T12'], '表12 部门行 = 各预算单位之和', '各预算单位之和', '部门行各列（每个年度）', '表12 部门行与各单位行同列'),
  // 表13, 表14, 表15
  copy('T13-eq-T5', ['T13', 'T5'], '表13 项目金额 = 表5 项目金额', '每个项目', '表13 合计、一般公共预算拨款、其他资金；表5 项目行', '表5 该项目一般公共预算拨款以外各资金来源之和'),
  check('T13-row-total', ['T13'], '表13 合计 = 一般公共预算拨款 + 其他资金', '一般公共预算拨款与其他资金之和', '每个项目', '表13 合计、一般公共预算拨款、其他资金'),
  copy('T14-basic-eq-T3', ['T14', 'T3', 'T4'], '表14 基本支出事项 = 表3 基本支出', '部门', '表14 基本支出事项金额；表3 部门行基本支出；表4 部门行财政拨款及其他资金', '表4 部门行财政预算拨款以外各资金来源之和'),
  copy('T14-project-eq-T5', ['T14', 'T5'], '表14 项目金额 = 表5 项目金额', '每个项目', '表14 各项目的总额、财政拨款、其他资金；表5 项目行', '表5 该项目财政预算拨款以外各资金来源之和'),
  check('T14-task-total', ['T14'], '表14 每项任务 总额 = 财政拨款 + 其他资金', '财政拨款与其他资金之和', '每项任务', '表14 各任务的总额、财政拨款、其他资金'),
  sum('T14-total-sum', ['T14'], '表14 合计 = 各项任务之和', '基本支出事项与各项目之和', '部门', '表14 合计及各项任务'),
  check('T14-total-eq-T1', ['T14', 'T1'], '表14 合计 = 表1 本年支出合计', '表1“本年支出合计”', '部门', '表14 合计；表1 本年支出合计'),
  copy('T15-eq-T5', ['T15', 'T5'], '表15 本年度项目金额 = 表5 项目金额', '每个项目', '表15 本年度项目金额、财政拨款资金、其他资金；表5 项目行', '表5 该项目财政预算拨款以外各资金来源之和'),
  check('T15-amount-split', ['T15'], '表15 本年度项目金额 = 财政拨款资金 + 其他资金', '财政拨款资金与其他资金之和', '每个项目', '表15 本年度项目金额、财政拨款资金、其他资金'),
];

/**
 * Relation ids used by the cell graph whose check carries a different rule id here (the graph
 * names the column-wise check of 表1 收入总计 after the copy relation of its rows).
 */
export const CHECK_RULE_ALIASES: Readonly<Record<string, string>> = { 'T1-income-eq-T2': 'T1-income-total-eq-T2' };

/** Rules beside the cell graph: across tables, inequalities, codes, texts, dates. */
export const CATALOGUE_RULES: readonly RuleDef[] = [
  {
    id: 'T1-income-eq-expenditure',
    title: '表1 收入总计 = 支出总计',
    severity: 'error',
    scope: 'withinTable',
    tables: ['T1'],
    comparison: 'equal',
    reads: '表1 收入总计、支出总计',
    appliesTo: '部门',
    message: '{a}为 {aValue}，{b}为 {bValue}，收支应当平衡，相差 {diff}。',
  },
  {
    id: 'T6-income-eq-expenditure',
    title: '表6 收入总计 = 支出总计',
    severity: 'error',
    scope: 'withinTable',
    tables: ['T6'],
    comparison: 'equal',
    reads: '表6 收入总计、支出总计',
    appliesTo: '部门',
    message: '{a}为 {aValue}，{b}为 {bValue}，收支应当平衡，相差 {diff}。',
  },
  {
    id: 'T2-eq-T3',
    title: '表2 收入总计 = 表3 支出总计',
    severity: 'error',
    scope: 'acrossTables',
    tables: ['T2', 'T3'],
    comparison: 'equal',
    reads: '表2 收入总计；表3 支出总计',
    appliesTo: '部门行及每个预算单位',
    message: '{a}为 {aValue}，{b}为 {bValue}，收支应当相等，相差 {diff}。',
  },
  {
    id: 'T1-eq-T3',
    title: '表1 本年支出合计 = 表3 支出总计',
    severity: 'error',
    scope: 'acrossTables',
    tables: ['T1', 'T3'],
    comparison: 'equal',
    reads: '表1 本年支出合计；表3 部门行支出总计',
    appliesTo: '部门',
    message: '{a}为 {aValue}，{b}为 {bValue}，相差 {diff}。',
  },
  {
    id: 'T2-source-eq-T4-T5',
    title: '表2 各资金来源 = 表4 + 表5 同一来源',
    severity: 'error',
    scope: 'acrossTables',
    tables: ['T2', 'T4', 'T5'],
    comparison: 'equal',
    reads: '表2、表4、表5 同一资金来源列（13 个明细来源）',
    appliesTo: '部门行及每个预算单位、每个资金来源',
    message: '{a}为 {aValue}，{b}为 {bValue}，收入应当等于基本支出与项目支出之和，相差 {diff}。',
  },
  {
    id: 'T6-eq-T1-fiscal',
    title: '表6 = 表1 的财政拨款部分',
    severity: 'error',
    scope: 'acrossTables',
    tables: ['T6', 'T1'],
    comparison: 'equal',
    reads: '表6 收入方各行、本年收入合计、各功能分类行；表1 同名各行及财政拨款以外资金的功能分类行',
    appliesTo: '部门（每一行）',
    message: '{a}为 {aValue}，{b}为 {bValue}，相差 {diff}。',
  },
  {
    id: 'T7-eq-T4-T5',
    title: '表7 基本支出/项目支出 = 表4/表5 一般公共预算拨款',
    severity: 'error',
    scope: 'acrossTables',
    tables: ['T7', 'T4', 'T5'],
    comparison: 'equal',
    reads: '表7 基本支出、项目支出；表4、表5 一般公共预算拨款小计',
    appliesTo: '部门行及每个预算单位',
    message: '{a}为 {aValue}，{b}为 {bValue}，相差 {diff}。',
  },
  {
    id: 'T8-eq-T2',
    title: '表8 支出总计 = 表2 政府性基金预算拨款',
    severity: 'error',
    scope: 'acrossTables',
    tables: ['T8', 'T2'],
    comparison: 'equal',
    reads: '表8 支出总计；表2 政府性基金预算拨款',
    appliesTo: '部门行及每个预算单位',
    message: '{a}为 {aValue}，{b}为 {bValue}，相差 {diff}。',
  },
  {
    id: 'T9-eq-T2',
    title: '表9 支出总计 = 表2 国有资本经营预算拨款',
    severity: 'error',
    scope: 'acrossTables',
    tables: ['T9', 'T2'],
    comparison: 'equal',
    reads: '表9 支出总计；表2 国有资本经营预算拨款',
    appliesTo: '部门行及每个预算单位',
    message: '{a}为 {aValue}，{b}为 {bValue}，相差 {diff}。',
  },
  {
    id: 'empty-table-note',
    title: '无数据的表须注明情况',
    severity: 'error',
    scope: 'withinTable',
    tables: ['T7', 'T8', 'T9', 'T10'],
    comparison: 'presence',
    reads: '表7–表10 的全部金额；表下注释',
    appliesTo: '表7、表8、表9、表10',
    message: '{table}没有数据，应在表下注明原因（如“{suggestion}”）。',
  },
  {
    id: 'functional-code',
    title: '功能分类科目编码须为当年“项”级科目，名称相符',
    severity: 'error',
    scope: 'withinTable',
    tables: ['T7', 'T8', 'T9', 'T10'],
    comparison: 'code',
    reads: '表7–表10 科目编码、科目名称；当年支出功能分类科目表',
    appliesTo: '每一行',
    message: '{a}：{problem}',
  },
  {
    id: 'economic-code',
    title: '经济分类科目编码须为当年“款”级科目，名称相符',
    severity: 'warning',
    scope: 'withinTable',
    tables: ['T4'],
    comparison: 'code',
    reads: '表4 经济分类“款”行；当年部门预算支出经济分类科目表',
    appliesTo: '每一行',
    message: '{a}：{problem}',
  },
  {
    id: 'custom-code',
    title: '自定义编码（不在当年代码表中）须确认',
    severity: 'warning',
    scope: 'withinTable',
    tables: ['T4', 'T7', 'T8', 'T9', 'T10', 'T11'],
    comparison: 'code',
    reads: '表4、表7–表11 编码和名称；当年代码表',
    appliesTo: '编码不在当年代码表中、由编制人员填写了名称的行',
    message: '{a}：{problem}',
  },
  {
    id: 'procurement-code',
    title: '政府采购品目编号须在当年品目目录中',
    severity: 'warning',
    scope: 'withinTable',
    tables: ['T11'],
    comparison: 'code',
    reads: '表11 编号、采购品目；当年政府采购品目目录',
    appliesTo: '每一行',
    message: '{a}：{problem}',
  },
  {
    id: 'T3-procurement-order',
    title: '表3 面向小型微型企业 ≤ 面向中小企业 ≤ 本年政府采购',
    severity: 'error',
    scope: 'withinTable',
    tables: ['T3'],
    comparison: 'atMost',
    reads: '表3 本年政府采购项目、面向中小企业、面向小型微型企业',
    appliesTo: '部门行及每个预算单位',
    message: '{a}为 {aValue}，不应大于{b} {bValue}，超出 {diff}。',
  },
  {
    id: 'T3-sme-share',
    title: '表3 面向中小企业 ≥ 本年政府采购的 30%',
    severity: 'warning',
    scope: 'withinTable',
    tables: ['T3'],
    comparison: 'share',
    reads: '表3 本年政府采购项目、面向中小企业政府采购项目',
    appliesTo: '部门行及每个预算单位',
    message: '{a}为 {aValue}，低于{b} {total} 的 30%（{bValue}），差 {diff}。',
  },
  {
    id: 'T3-micro-share',
    title: '表3 面向小型微型企业 ≥ 面向中小企业的 60%',
    severity: 'warning',
    scope: 'withinTable',
    tables: ['T3'],
    comparison: 'share',
    reads: '表3 面向中小企业、面向小型微型企业政府采购项目',
    appliesTo: '部门行及每个预算单位',
    message: '{a}为 {aValue}，低于{b} {total} 的 60%（{bValue}），差 {diff}。',
  },
  {
    id: 'T12-reception-eq-T4-T5',
    title: '表12 公务接待费 ≈ 表4 公务接待费 + 表5 公务接待二级项目',
    severity: 'warning',
    scope: 'acrossTables',
    tables: ['T12', 'T4', 'T5'],
    comparison: 'equal',
    reads: '表12 本年公务接待费；表4 经济分类 30217 公务接待费（财政拨款）；表5 名称含“公务接待”的二级项目（财政拨款）',
    appliesTo: '部门行及每个预算单位（本年度）',
    message: '{a}为 {aValue}，{b}为 {bValue}，相差 {diff}。',
  },
  {
    id: 'T12-vehicle-eq-T4-T5',
    title: '表12 公务用车购置及运行维护费 ≈ 表4 公务用车运行维护费 + 表5 公务用车二级项目',
    severity: 'warning',
    scope: 'acrossTables',
    tables: ['T12', 'T4', 'T5'],
    comparison: 'equal',
    reads: '表12 本年公务用车购置费、运行维护费；表4 经济分类 30231 公务用车运行维护费（财政拨款）；表5 名称含“公务用车”的二级项目（财政拨款）',
    appliesTo: '部门行及每个预算单位（本年度）',
    message: '{a}为 {aValue}，{b}为 {bValue}，相差 {diff}。',
  },
  {
    id: 'T13-project-listed',
    title: '表5 的项目应列入表13',
    severity: 'warning',
    scope: 'acrossTables',
    tables: ['T13', 'T5'],
    comparison: 'presence',
    reads: '表5 项目；表13 所列项目',
    appliesTo: '每个项目',
    message: '表5 {unit}的项目“{project}”未列入表13 部门预算绩效管理项目情况表。',
  },
  {
    id: 'T14-indicators',
    title: '表14 产出指标、效益指标下至少各有一个三级指标',
    severity: 'error',
    scope: 'withinTable',
    tables: ['T14'],
    comparison: 'presence',
    reads: '表14 年度绩效指标（一级指标、三级指标）',
    appliesTo: '部门',
    message: '表14 年度绩效指标中“{level1}”下没有三级指标。',
  },
  {
    id: 'T15-total-ge-current',
    title: '表15 项目总金额 ≥ 本年度项目金额',
    severity: 'error',
    scope: 'withinTable',
    tables: ['T15'],
    comparison: 'atMost',
    reads: '表15 项目总金额、本年度项目金额',
    appliesTo: '每个项目',
    message: '{a}为 {aValue}，大于{b} {bValue}，超出 {diff}。',
  },
  {
    id: 'T15-dates',
    title: '表15 计划开始日期、计划完成日期须填写且先后有序',
    severity: 'error',
    scope: 'withinTable',
    tables: ['T15'],
    comparison: 'presence',
    reads: '表15 计划开始日期、计划完成日期',
    appliesTo: '每个项目',
    message: '{form}：{problem}',
  },
  {
    id: 'T15-asset-le-T11',
    title: '表15 资产采购计划 ≤ 表11 货物类采购',
    severity: 'error',
    scope: 'acrossTables',
    tables: ['T15', 'T11'],
    comparison: 'atMost',
    reads: '表15 各项目固定资产采购金额；表11 货物类（A）金额',
    appliesTo: '每个预算单位',
    message: '{a}为 {aValue}，大于{b} {bValue}，超出 {diff}。',
  },
  {
    id: 'econ-functional-pair',
    title: '经济分类与功能分类对应科目应相等（30108↔2080505、30109↔2080506、30110↔2101101、30113↔2210201）',
    severity: 'warning',
    scope: 'acrossTables',
    tables: ['T4', 'T7'],
    comparison: 'equal',
    reads: '表4 经济分类 30108/30109/30110/30113 总计；表7–表9 及其他资金功能分类 2080505/2080506/2101101/2210201 基本支出',
    appliesTo: '部门及每个预算单位、每对科目',
    message: '{a}为 {aValue}，{b}为 {bValue}，相差 {diff}。',
  },
  {
    id: 'year-change',
    title: '与上年相比增减 10% 及以上须说明原因',
    severity: 'warning',
    scope: 'withinTable',
    tables: ['T3', 'T12'],
    comparison: 'change',
    reads: '保存的上年数；表12 上年与本年各行总额',
    appliesTo: '每个有上年数的单元格',
    message: '{a}为 {aValue}，上年为 {bValue}，{direction} {diff}（{percent}），请说明原因。',
  },
];

/**
 * Rules of DOMAIN.md that need no engine code, and why (kept beside the catalogue so the list is complete):
 * - 表15 exactly one 项目类型: the document stores one `type` per project (an enum), so it always holds.
 * - 机关运行经费 = 表4 商品和服务支出 (提示性): the document has no 机关运行经费 figure (it is printed only
 *   in the narrative 部门预算说明, which is generated from 表4), so there is nothing to compare.
 */
export const RULES_HELD_BY_THE_MODEL: readonly { rule: string; reason: string }[] = [
  { rule: '表15 项目类型只能选一个', reason: '文档中每个项目只保存一个项目类型，必然成立。' },
  { rule: '机关运行经费 = 表4 商品和服务支出', reason: '文档不单独保存机关运行经费，说明中的数字取自表4，无需比较。' },
];

export const ALL_RULES: readonly RuleDef[] = [...RELATION_RULES, ...CATALOGUE_RULES];

const byId = new Map(ALL_RULES.map((r) => [r.id, r]));
if (byId.size !== ALL_RULES.length) throw new Error('duplicate rule id in the audit catalogue');

export function ruleById(id: string): RuleDef {
  const r = byId.get(id);
  if (!r) throw new Error(`审核公式目录中没有规则 ${id}`);
  return r;
}

export function hasRule(id: string): boolean {
  return byId.has(id);
}
