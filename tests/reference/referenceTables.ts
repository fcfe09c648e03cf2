/**
 * An independent reader of the reference budget (shared/reference/shenzhen-xinfang-2020-budget.txt:
 * the published 2020 budget of 深圳市信访局, text extracted from the PDF, tab-separated cells).
 *
 * It extracts every printed amount of 表1–表15 (and every printed blank of an amount column) with
 * its table, line, row label and cell position, and maps it to a cell key (shared/model/cellKey.ts)
 * of the bundled sample. Row labels become row keys through names and codes; columns come from the
 * table layouts below (cell index within the tab-separated row). It also reads the texts of the
 * performance forms (表13–表15) and the notes under the tables.
 *
 * This file must not depend on the sample's source (sampleSource.ts): the sample and this reader
 * are two separate transcriptions of the same publication, compared by sample.test.ts. The only
 * shared convention is the id scheme of the sample (SAMPLE_IDS below).
 *
 * PDF-extraction quirks, each handled explicitly and recorded in `quirksSeen` when met:
 * - `wrapped-labels`: a line break inside a printed cell becomes a space ("收 入 总 计", "政府投资项目
 *   建设", "固定资 产采购 金额"): labels are compared with all whitespace removed.
 * - `T2-short-rows`: 表2's rows have 16 cells where the template has 17: the empty trailing 上年结余、
 *   结转 cell was dropped. Its header lost the 政府投资项目拨款 cell as well, so the extracted header
 *   names shift one column left (read literally, the header would put the unit's 18 under 政府性基金
 *   预算拨款). Columns come from the template layout (收入总计, 财政预算拨款 小计, 一般公共预算拨款 小计,
 *   一般性经费, 财政专项, 政府投资项目, …), under which the 18 is 政府投资项目拨款 as in 表1; cells beyond
 *   a row's end are read as printed blanks.
 * - `page-continuation`: 表4 and 表5 continue on a new page without repeating the header (a blank line
 *   between data rows); those rows carry one extra empty trailing cell. Data rows are read until
 *   the next table title, empty cells beyond the layout are ignored, a non-empty one is an error.
 * - `T5-dept-unit-shift`: on 表5's department and unit rows the 18 of 政府投资项目建设 sits one cell
 *   further right (under 政府性基金预算拨款) than on the project's own rows (政府投资项目拨款). 表1
 *   prints 政府投资项目拨款 18 and 政府性基金预算拨款 empty (表2 too, read with the template layout),
 *   表8 says the department has no 政府性基金 expenditure, and 1,398 + 18 = 1,416 = the row's 一般公共
 *   预算拨款 小计 (政府性基金 is not part of it): the figure belongs to 政府投资项目拨款, so it is
 *   moved back one cell on those two rows.
 * - `T7-unseparated`: 表7 prints "2547" and "1231" without the thousands separator used elsewhere;
 *   accepted in 表7 only.
 * - `T14-decimals`: 表14's 其他资金 column prints "0.00" (the only decimals of the publication);
 *   accepted in 表14 only, read as 0.
 * - `T14-goal-label-on-total-row`: the merged 年度总体目标 label is extracted onto the 合计 row.
 * - `page-break-in-cell`: a text cell broken by a page break continues on a later line whose label
 *   cell is empty (表14 预算准备金 主要内容; 表15-2 年度绩效目标): the parts are joined.
 * - `html-paragraphs`: some text cells hold <p>…</p> paragraphs (表14 年度总体目标, 表15-2 项目用途):
 *   paragraphs are joined with "\n" and the tags removed.
 * - `T14-indicator-shift`: after the page break the 表14 indicator rows shift left (the empty 年度
 *   绩效指标 cell is dropped) or right: an indicator row is read as [level labels…, name, value]
 *   from its non-empty cells, level labels recognised by name.
 * - `T15-two-column-rows`: form rows of 表15 hold two label/value pairs ("项目总金额	482	本年度项目金额
 *   482"), some forms with an empty cell between the pairs: each value is the cell right after its
 *   label.
 * - `T15-asset-fused`: 表15-1 prints "9 采购品目" in one cell (the amount fused with the next label).
 * - `T15-checkbox-html`: 表15-7 marks 项目类型 and 资金用途 with <input checked="" type="checkbox"/>
 *   instead of √/□.
 * - `merged-unit-cell`: 表12's second row of a unit (2020年) has an empty 预算单位 cell (merged).
 */
import { readFileSync } from 'node:fs';
import { FEN_PER_WAN } from '../../shared/money/fen';

/**
 * The reference, kept in the repository so the tests run from any clone; it is a byte-for-byte copy
 * of the workspace's `shared/reference/` file (sample.test.ts checks that whenever that file is there).
 */
export const REFERENCE_URL = new URL('./published/shenzhen-xinfang-2020-budget.txt', import.meta.url);
/** The workspace's own copy, beside the repository (absent on a bare clone). */
export const WORKSPACE_REFERENCE_URL = new URL('../../../shared/reference/shenzhen-xinfang-2020-budget.txt', import.meta.url);

export function loadReferenceText(): string {
  return readFileSync(REFERENCE_URL, 'utf8');
}

// ---------------------------------------------------------------------------------------------
// The sample's id scheme and the names the reference prints for its rows.
// ---------------------------------------------------------------------------------------------
export const SAMPLE_IDS = {
  /** Department row label (表2–5, 7–12). */
  departmentRowLabel: '市信访局',
  /** Unit row labels → unit id (表13 prints the long name). */
  units: { '市信访局本级': 'u-bj', '深圳市信访局本级': 'u-bj' } as Record<string, string>,
  economicLine: (code: string) => `e-${code}`,
  functionalLine: (code: string) => `f-${code}`,
  procurementItem: (code: string) => `pi-${code}`,
  /** 表5 projects and sub-items in printed order, with every name the tables print for a project. */
  projects: [
    {
      id: 'p-dating',
      names: ['信访大厅运行'],
      subItems: [
        ['大厅保安服务费', 's-dating-baoan'],
        ['物业管理', 's-dating-wuye'],
        ['其他', 's-dating-qita'],
        ['大厅运行管理经费', 's-dating-yunxing'],
      ],
    },
    {
      id: 'p-zhuanxiang',
      names: ['信访专项'],
      subItems: [
        ['信访案件处理', 's-zhuanxiang-anjian'],
        ['信访专项培训', 's-zhuanxiang-peixun'],
        ['信访调研', 's-zhuanxiang-diaoyan'],
      ],
    },
    { id: 'p-daizhifu', names: ['待支付以前年度采购项目'], subItems: [['待支付以前年度采购项目', 's-daizhifu']] },
    {
      id: 'p-xinxi',
      names: ['信息管理'],
      subItems: [
        ['信息化系统维护', 's-xinxi-weihu'],
        ['网上信访', 's-xinxi-wangshang'],
      ],
    },
    {
      id: 'p-yankong',
      names: ['严控类项目'],
      subItems: [
        ['公务接待', 's-yankong-jiedai'],
        ['公务用车购置及运行', 's-yankong-gongche'],
      ],
    },
    { id: 'p-zhunbeijin', names: ['预算准备金'], subItems: [['预算准备金', 's-zhunbeijin']] },
    {
      id: 'p-touzi',
      // 表5/表14: 政府投资项目建设; 表13: 政府投资建设项目; 表15-7: 深圳市人民政府热线全面整合工程.
      names: ['政府投资项目建设', '政府投资建设项目', '深圳市人民政府热线全面整合工程'],
      subItems: [['政府投资项目建设', 's-touzi']],
    },
  ] as { id: string; names: string[]; subItems: [name: string, id: string][] }[],
};

/** 部门预算支出经济分类 (款 names of the code list; DOMAIN.md). */
const ECONOMIC_CATEGORIES: Record<string, string> = { '工资福利支出': '301', '商品和服务支出': '302', '对个人和家庭的补助支出': '303' };
const ECONOMIC_CODE_NAMES: Record<string, string> = {
  '30101': '基本工资',
  '30102': '津贴补贴',
  '30103': '奖金',
  '30106': '伙食补助费',
  '30107': '绩效工资',
  '30108': '机关事业单位基本养老保险缴费',
  '30109': '职业年金缴费',
  '30110': '职工基本医疗保险缴费',
  '30111': '公务员医疗补助缴费',
  '30112': '其他社会保障缴费',
  '30113': '住房公积金',
  '30114': '医疗费',
  '30199': '其他工资福利支出',
  '30201': '办公费',
  '30202': '印刷费',
  '30204': '手续费',
  '30205': '水费',
  '30206': '电费',
  '30207': '邮电费',
  '30208': '取暖费',
  '30209': '物业管理费',
  '30211': '差旅费',
  '30213': '维修（护）费',
  '30214': '租赁费',
  '30215': '会议费',
  '30216': '培训费',
  '30217': '公务接待费',
  '30218': '专用材料费',
  '30226': '劳务费',
  '30227': '委托业务费',
  '30228': '工会经费',
  '30229': '福利费',
  '30231': '公务用车运行维护费',
  '30239': '其他交通费用',
  '30240': '税金及附加费用',
  '30299': '其他商品和服务支出',
  '30302': '退休费',
  '30309': '奖励金',
};
/** Printed names that differ from the code list. */
const ECONOMIC_ALIASES: Record<string, string> = { '其他社会保险缴费': '30112' };

/** 支出功能分类 names (类/款/项) met in the reference; 表1/表6 print 类 201 without 支出. */
const FUNCTIONAL_NAMES: Record<string, string> = {
  '一般公共服务支出': '201',
  '一般公共服务': '201',
  '政府办公厅（室）及相关机构事务': '20103',
  '信访事务': '2010308',
  '教育支出': '205',
  '进修及培训': '20508',
  '培训支出': '2050803',
  '社会保障和就业支出': '208',
  '行政事业单位养老支出': '20805',
  '行政单位离退休': '2080501',
  '机关事业单位基本养老保险缴费支出': '2080505',
  '机关事业单位职业年金缴费支出': '2080506',
  '卫生健康支出': '210',
  '行政事业单位医疗': '21011',
  '行政单位医疗': '2101101',
  '住房保障支出': '221',
  '住房改革支出': '22102',
  '住房公积金': '2210201',
  '提租补贴': '2210202',
  '购房补贴': '2210203',
};

/** 表1/表6 income-side rows (numbering like 一、 removed). */
const INCOME_ROWS: Record<string, string> = {
  '财政预算拨款': 'fiscalAppropriation',
  '一般公共预算拨款': 'generalPublicBudget',
  '一般性经费拨款': 'generalFunding',
  '财政专项资金拨款': 'specialFunding',
  '政府投资项目拨款': 'investmentFunding',
  '政府性基金预算拨款': 'governmentFund',
  '国有资本经营预算拨款': 'stateCapitalBudget',
  '财政专户拨款': 'specialAccountFunding',
  '事业收入': 'institutionRevenue',
  '事业单位经营收入': 'businessRevenue',
  '其他收入': 'otherIncome',
  '本年收入合计': 'currentYearIncome',
  '上级补助收入': 'superiorSubsidy',
  '附属单位上缴收入': 'affiliateRemittance',
  '用事业基金弥补收支差额': 'institutionFundDrawdown',
  '上年结余、结转': 'carryOverIn',
  '收入总计': 'incomeTotal',
};
/** 表1/表6 expenditure build-up rows. */
const EXPENDITURE_ROWS: Record<string, string> = {
  '本年支出合计': 'currentYearExpenditure',
  '对附属单位补助支出': 'subsidyToAffiliates',
  '上缴上级支出': 'remittanceToSuperior',
  '结转下年': 'carryOverOut',
  '支出总计': 'expenditureTotal',
};

// ---------------------------------------------------------------------------------------------
// Table layouts: column key by cell index (index 0 is the row label).
// ---------------------------------------------------------------------------------------------
const FUNDING_TAIL = [
  'fiscalAppropriation',
  'generalPublicBudget',
  'generalFunding',
  'specialFunding',
  'investmentFunding',
  'governmentFund',
  'stateCapitalBudget',
  'specialAccountFunding',
  'institutionRevenue',
  'businessRevenue',
  'otherIncome',
  'superiorSubsidy',
  'affiliateRemittance',
  'institutionFundDrawdown',
  'carryOverIn',
];
const T2_COLUMNS = ['incomeTotal', ...FUNDING_TAIL];
const T45_COLUMNS = ['total', ...FUNDING_TAIL];
const T3_COLUMNS = ['total', 'basic', 'project', 'procurement', 'smeReserved', 'microReserved', 'priorYearProcurementPayable'];
const T12_COLUMNS = ['total', 'officialTravelAbroad', 'officialReception', 'vehicleSubtotal', 'vehiclePurchase', 'vehicleOperation'];

// ---------------------------------------------------------------------------------------------
// Output.
// ---------------------------------------------------------------------------------------------
export interface PrintedCell {
  /** 1…15 (every 表15-N form is table 15). */
  table: number;
  /** N of 表15-N; null elsewhere. */
  form: number | null;
  /** 1-based line of the text file. */
  line: number;
  /** Row label as printed (whitespace removed). */
  rowLabel: string;
  rowKey: string;
  column: string;
  /** Index of the tab-separated cell the value was read from (after quirk handling). */
  cellIndex: number;
  key: string;
  /** Printed text ('' for a blank cell). */
  raw: string;
  /** 分; null = printed blank. */
  value: number | null;
}

export interface PrintedRow {
  table: number;
  form: number | null;
  line: number;
  /** Row label as printed (whitespace removed). */
  label: string;
  rowKey: string;
  /** Classification code of the row (表1/6 功能分类, 表4 经济分类, 表7 科目编码, 表11 品目). */
  code?: string;
  /** Code-list name of an 表4 款 line (to tell printed aliases from standard names). */
  standardName?: string;
  /** 表5 sub-item rows: the project row above. */
  parentRowKey?: string;
  /** 表13 实施单位 as printed. */
  unitLabel?: string;
  /** 表13 预算执行时间 as ISO dates. */
  startDate?: string;
  endDate?: string;
}

export interface ReferenceIndicator {
  line: number;
  level1: string;
  level2: string;
  name: string;
  value: string;
  source?: string;
}

export interface ReferenceProjectForm {
  form: number;
  line: number;
  projectId: string;
  printedName: string;
  implementingUnit: string;
  competentDepartment: string;
  /** Checked 项目类型 / 资金用途 labels. */
  types: string[];
  fundUses: string[];
  startDate: string;
  endDate: string;
  texts: { overview: string; usage: string; midTermGoal: string; annualGoal: string };
  assetPurchaseItems: string;
  indicators: ReferenceIndicator[];
}

export interface ReferenceTask {
  line: number;
  rowKey: string;
  printedName: string;
  content: string;
}

export interface ReferenceTables {
  fiscalYear: number;
  /** 单位名称 line of every table. */
  departmentName: string;
  cells: PrintedCell[];
  rows: PrintedRow[];
  notes: Record<string, string>;
  performance: {
    departmentName: string;
    competentDepartment: string;
    overallGoal: string;
    basicTaskContent: string;
    tasks: ReferenceTask[];
    indicators: ReferenceIndicator[];
  };
  projectForms: ReferenceProjectForm[];
  /** Tables (and 表15-N forms) found, in order: '1' … '14', '15-1' … '15-7'. */
  sections: string[];
  quirksSeen: Set<string>;
}

export const DOCUMENTED_QUIRKS = [
  'wrapped-labels',
  'T2-short-rows',
  'page-continuation',
  'T5-dept-unit-shift',
  'T7-unseparated',
  'T14-decimals',
  'T14-goal-label-on-total-row',
  'page-break-in-cell',
  'html-paragraphs',
  'T14-indicator-shift',
  'T15-two-column-rows',
  'T15-asset-fused',
  'T15-checkbox-html',
  'merged-unit-cell',
] as const;

// ---------------------------------------------------------------------------------------------
// Reading.
// ---------------------------------------------------------------------------------------------
interface Line {
  no: number;
  cells: string[];
}
interface Section {
  table: number;
  form: number | null;
  title: Line;
  lines: Line[];
}

/** Whitespace removed (labels wrapped inside a cell are printed with spaces). */
export function squash(s: string): string {
  return s.replace(/\s+/g, '');
}

/** <p>…</p> paragraphs → lines; other tags removed. */
export function stripParagraphs(s: string): string {
  return s
    .replace(/<\/p>\s*<p>/g, '\n')
    .replace(/<\/?p>/g, '')
    .trim();
}

const NUMBERING = /^[一二三四五六七八九十]+、/;

class Reader {
  readonly cells: PrintedCell[] = [];
  readonly rows: PrintedRow[] = [];
  readonly quirksSeen = new Set<string>();
  readonly notes: Record<string, string> = {};

  quirk(name: (typeof DOCUMENTED_QUIRKS)[number]): void {
    this.quirksSeen.add(name);
  }

  label(raw: string): string {
    const s = squash(raw);
    if (s !== raw.trim()) this.quirk('wrapped-labels');
    return s;
  }

  amount(raw: string, table: number, where: string): number | null {
    const s = raw.trim();
    if (s === '') return null;
    if (/^\d{1,3}(,\d{3})*$/.test(s)) return Number(s.replace(/,/g, '')) * FEN_PER_WAN;
    if (/^\d{4,}$/.test(s)) {
      if (table !== 7) throw new Error(`${where}: amount without thousands separator “${raw}”`);
      this.quirk('T7-unseparated');
      return Number(s) * FEN_PER_WAN;
    }
    const m = /^(\d{1,3}(?:,\d{3})*)\.(\d{2})$/.exec(s);
    if (m) {
      if (table !== 14) throw new Error(`${where}: amount with decimals “${raw}”`);
      this.quirk('T14-decimals');
      return Number(m[1]!.replace(/,/g, '')) * FEN_PER_WAN + Number(m[2]) * (FEN_PER_WAN / 100);
    }
    throw new Error(`${where}: not an amount “${raw}”`);
  }

  emit(sec: Section, line: Line, rowLabel: string, rowKey: string, column: string, cellIndex: number, raw: string): void {
    const where = `表${sec.table}${sec.form ? `-${sec.form}` : ''} line ${line.no} “${rowLabel}” ${column}`;
    const key = `T${sec.table}|${rowKey}|${column}`;
    if (this.cells.some((c) => c.key === key)) throw new Error(`${where}: cell ${key} read twice`);
    this.cells.push({ table: sec.table, form: sec.form, line: line.no, rowLabel, rowKey, column, cellIndex, key, raw: raw.trim(), value: this.amount(raw, sec.table, where) });
  }

  row(sec: Section, line: Line, label: string, rowKey: string, extra: Partial<PrintedRow> = {}): void {
    this.rows.push({ table: sec.table, form: sec.form, line: line.no, label, rowKey, ...extra });
  }
}

function cellAt(line: Line, i: number): string {
  return (line.cells[i] ?? '').trim();
}

function isBlank(line: Line): boolean {
  return line.cells.every((c) => c.trim() === '');
}

/** Lines of a section from the first row whose label satisfies `isFirst`. */
function dataLines(sec: Section, isFirst: (label: string) => boolean): Line[] {
  const start = sec.lines.findIndex((l) => isFirst(squash(cellAt(l, 0))));
  if (start < 0) throw new Error(`表${sec.table}: no data rows`);
  return sec.lines.slice(start);
}

/** Notes (注：…) under a table. */
function readNotes(r: Reader, sec: Section): Line[] {
  const rest: Line[] = [];
  for (const l of sec.lines) {
    const first = cellAt(l, 0);
    if (first.startsWith('注：')) {
      if (r.notes[`T${sec.table}`]) throw new Error(`表${sec.table}: two notes`);
      r.notes[`T${sec.table}`] = l.cells.map((c) => c.trim()).filter(Boolean).join('');
    } else rest.push(l);
  }
  return rest;
}

function splitSections(text: string): { sections: Section[]; preamble: Line[] } {
  const lines: Line[] = text.split(/\r?\n/).map((s, i) => ({ no: i + 1, cells: s.split('\t') }));
  const sections: Section[] = [];
  const preamble: Line[] = [];
  for (const line of lines) {
    const m = /^表\s*(\d+)(?:-(\d+))?(?:\s|$)/.exec(cellAt(line, 0));
    if (m) {
      sections.push({ table: Number(m[1]), form: m[2] ? Number(m[2]) : null, title: line, lines: [] });
      continue;
    }
    if (sections.length) sections[sections.length - 1]!.lines.push(line);
    else preamble.push(line);
  }
  return { sections, preamble };
}

/** A unit or department row label of 表2–5 and 7–12 → row key; undefined if it is neither. */
function unitRowKey(label: string): string | undefined {
  if (label === SAMPLE_IDS.departmentRowLabel) return 'dept';
  const unit = SAMPLE_IDS.units[label];
  return unit ? `u:${unit}` : undefined;
}

function projectByName(name: string): (typeof SAMPLE_IDS.projects)[number] | undefined {
  const s = squash(name);
  return SAMPLE_IDS.projects.find((p) => p.names.includes(s));
}

/** Emits the amount cells of a layout row; checks that nothing is printed beyond the layout. */
function emitLayoutRow(r: Reader, sec: Section, line: Line, label: string, rowKey: string, columns: string[], firstIndex = 1, textCellsAfter = 0): void {
  columns.forEach((column, i) => r.emit(sec, line, label, rowKey, column, firstIndex + i, cellAt(line, firstIndex + i)));
  const end = firstIndex + columns.length + textCellsAfter;
  if (line.cells.length < end) {
    if (sec.table === 2) r.quirk('T2-short-rows');
    else throw new Error(`表${sec.table} line ${line.no}: row shorter than the layout`);
  }
  for (let i = end; i < line.cells.length; i++) {
    if (cellAt(line, i) !== '') throw new Error(`表${sec.table} line ${line.no}: text beyond the layout: “${line.cells[i]}”`);
  }
}

// 表1 / 表6 -----------------------------------------------------------------------------------
function readOverview(r: Reader, sec: Section): void {
  const lines = sec.lines.slice(sec.lines.findIndex((l) => squash(cellAt(l, 0)) === '项目') + 1);
  let category = '';
  let section = '';
  for (const line of lines) {
    if (isBlank(line)) continue;
    const incomeLabel = r.label(cellAt(line, 0));
    if (incomeLabel) {
      const node = INCOME_ROWS[incomeLabel.replace(NUMBERING, '')];
      if (!node) throw new Error(`表${sec.table} line ${line.no}: unknown income row “${incomeLabel}”`);
      r.row(sec, line, incomeLabel, `in:${node}`);
      r.emit(sec, line, incomeLabel, `in:${node}`, 'amount', 1, cellAt(line, 1));
    } else if (cellAt(line, 1)) throw new Error(`表${sec.table} line ${line.no}: amount without a label`);

    const outLabel = r.label(cellAt(line, 2));
    if (!outLabel) {
      if (cellAt(line, 3)) throw new Error(`表${sec.table} line ${line.no}: amount without a label`);
      continue;
    }
    const numbered = NUMBERING.test(outLabel);
    const name = outLabel.replace(NUMBERING, '');
    let rowKey: string;
    let code: string | undefined;
    if (EXPENDITURE_ROWS[name]) rowKey = `out:${EXPENDITURE_ROWS[name]}`;
    else {
      code = FUNCTIONAL_NAMES[name];
      if (!code) throw new Error(`表${sec.table} line ${line.no}: unknown expenditure row “${outLabel}”`);
      // Structure: numbered rows are 类; a 款 follows its 类, a 项 its 款.
      if (numbered !== (code.length === 3)) throw new Error(`表${sec.table} line ${line.no}: “${outLabel}” numbering does not match ${code}`);
      if (code.length === 3) category = code;
      else if (code.length === 5) {
        if (!code.startsWith(category)) throw new Error(`表${sec.table} line ${line.no}: 款 ${code} outside 类 ${category}`);
        section = code;
      } else if (!code.startsWith(section)) throw new Error(`表${sec.table} line ${line.no}: 项 ${code} outside 款 ${section}`);
      rowKey = `out:${code}`;
    }
    r.row(sec, line, outLabel, rowKey, code ? { code } : {});
    r.emit(sec, line, outLabel, rowKey, 'amount', 3, cellAt(line, 3));
  }
}

// 表2 / 表3 -----------------------------------------------------------------------------------
function readUnitTable(r: Reader, sec: Section, columns: string[]): void {
  for (const line of dataLines(sec, (l) => l === SAMPLE_IDS.departmentRowLabel)) {
    if (isBlank(line)) continue;
    const label = r.label(cellAt(line, 0));
    const rowKey = unitRowKey(label);
    if (!rowKey) throw new Error(`表${sec.table} line ${line.no}: unknown row “${label}”`);
    r.row(sec, line, label, rowKey);
    emitLayoutRow(r, sec, line, label, rowKey, columns);
  }
}

// 表4 ----------------------------------------------------------------------------------------
function readBasicExpenditure(r: Reader, sec: Section): void {
  let unitId = '';
  let category = '';
  let sawBlank = false;
  for (const line of dataLines(sec, (l) => l === SAMPLE_IDS.departmentRowLabel)) {
    if (isBlank(line)) {
      sawBlank = true;
      continue;
    }
    if (sawBlank) r.quirk('page-continuation');
    const label = r.label(cellAt(line, 0));
    let rowKey = unitRowKey(label);
    const extra: Partial<PrintedRow> = {};
    if (rowKey) {
      if (rowKey.startsWith('u:')) unitId = rowKey.slice(2);
    } else if (ECONOMIC_CATEGORIES[label]) {
      category = ECONOMIC_CATEGORIES[label]!;
      rowKey = `ec:${unitId}:${category}`;
      extra.code = category;
    } else {
      const code = ECONOMIC_ALIASES[label] ?? Object.keys(ECONOMIC_CODE_NAMES).find((c) => ECONOMIC_CODE_NAMES[c] === label);
      if (!code) throw new Error(`表4 line ${line.no}: unknown row “${label}”`);
      if (!code.startsWith(category)) throw new Error(`表4 line ${line.no}: 款 ${code} outside 类 ${category}`);
      rowKey = `e:${SAMPLE_IDS.economicLine(code)}`;
      extra.code = code;
      extra.standardName = ECONOMIC_CODE_NAMES[code];
    }
    if (!unitId && rowKey !== 'dept') throw new Error(`表4 line ${line.no}: row before any unit row`);
    if (line.cells.length > T45_COLUMNS.length + 1) r.quirk('page-continuation');
    r.row(sec, line, label, rowKey, extra);
    emitLayoutRow(r, sec, line, label, rowKey, T45_COLUMNS);
  }
}

// 表5 ----------------------------------------------------------------------------------------
function readProjectExpenditure(r: Reader, sec: Section): void {
  let project: (typeof SAMPLE_IDS.projects)[number] | undefined;
  const seenSubItems = new Set<string>();
  const seenProjects = new Set<string>();
  let sawBlank = false;
  for (const line of dataLines(sec, (l) => l === SAMPLE_IDS.departmentRowLabel)) {
    if (isBlank(line)) {
      sawBlank = true;
      continue;
    }
    if (sawBlank) r.quirk('page-continuation');
    const label = r.label(cellAt(line, 0));
    let rowKey = unitRowKey(label);
    const extra: Partial<PrintedRow> = {};
    let cells = line;
    if (rowKey) {
      // `T5-dept-unit-shift`: see the file comment.
      const investment = 1 + T45_COLUMNS.indexOf('investmentFunding');
      const governmentFund = 1 + T45_COLUMNS.indexOf('governmentFund');
      if (cellAt(line, governmentFund) !== '' && cellAt(line, investment) === '') {
        const shifted = [...line.cells];
        shifted[investment] = shifted[governmentFund]!;
        shifted[governmentFund] = '';
        cells = { no: line.no, cells: shifted };
        r.quirk('T5-dept-unit-shift');
      }
    } else {
      // A sub-item of the current project (its own name may repeat the project's: 预算准备金), else a project.
      const sub = project?.subItems.find(([name, id]) => name === label && !seenSubItems.has(id));
      if (project && sub) {
        seenSubItems.add(sub[1]);
        rowKey = `s:${sub[1]}`;
        extra.parentRowKey = `p:${project.id}`;
      } else {
        project = projectByName(label);
        if (!project || seenProjects.has(project.id)) throw new Error(`表5 line ${line.no}: unknown row “${label}”`);
        seenProjects.add(project.id);
        rowKey = `p:${project.id}`;
      }
    }
    if (line.cells.length > T45_COLUMNS.length + 1) r.quirk('page-continuation');
    r.row(sec, line, label, rowKey, extra);
    emitLayoutRow(r, sec, cells, label, rowKey, T45_COLUMNS);
  }
}

// 表7 / 表8 / 表9 / 表10 / 表11 ----------------------------------------------------------------
function readCodedTable(r: Reader, sec: Section): void {
  const lines = readNotes(r, sec);
  const s: Section = { ...sec, lines };
  let unitId = '';
  for (const line of dataLines(s, (l) => l === SAMPLE_IDS.departmentRowLabel)) {
    if (isBlank(line)) continue;
    const label = r.label(cellAt(line, 0));
    const code = cellAt(line, 1);
    const name = r.label(cellAt(line, 2));
    const unitKey = unitRowKey(label);
    if (unitKey) {
      if (code || name) throw new Error(`表${sec.table} line ${line.no}: unit row with a code`);
      if (unitKey.startsWith('u:')) unitId = unitKey.slice(2);
      r.row(sec, line, label, unitKey);
      if (sec.table === 10) emitLayoutRow(r, sec, line, label, unitKey, ['amount'], 4);
      else if (sec.table === 11) emitLayoutRow(r, sec, line, label, unitKey, ['amount'], 3);
      else emitLayoutRow(r, sec, line, label, unitKey, ['total', 'basic', 'project'], 3);
      continue;
    }
    if (label) throw new Error(`表${sec.table} line ${line.no}: unknown row “${label}”`);
    if (!unitId) throw new Error(`表${sec.table} line ${line.no}: line before any unit row`);
    if (sec.table === 11) {
      if (!/^[A-C][0-9A-Z]*$/.test(code)) throw new Error(`表11 line ${line.no}: bad 品目 code “${code}”`);
      const rowKey = code.length === 1 ? `pg:${unitId}:${code}` : `pi:${SAMPLE_IDS.procurementItem(code)}`;
      r.row(sec, line, name, rowKey, { code });
      emitLayoutRow(r, sec, line, name, rowKey, ['amount'], 3);
    } else if (sec.table === 10) {
      throw new Error(`表10 line ${line.no}: transfer lines are not expected in the reference`);
    } else {
      if (!/^\d{7}$/.test(code) || FUNCTIONAL_NAMES[name] !== code) throw new Error(`表${sec.table} line ${line.no}: code ${code} does not match “${name}”`);
      const rowKey = `f:${SAMPLE_IDS.functionalLine(code)}`;
      r.row(sec, line, name, rowKey, { code });
      emitLayoutRow(r, sec, line, name, rowKey, ['total', 'basic', 'project'], 3);
    }
  }
}

// 表12 ---------------------------------------------------------------------------------------
function readThreePublic(r: Reader, sec: Section, fiscalYear: number): void {
  const lines = readNotes(r, sec);
  let current: string | undefined;
  for (const line of dataLines({ ...sec, lines }, (l) => l === SAMPLE_IDS.departmentRowLabel)) {
    if (isBlank(line)) continue;
    const label = r.label(cellAt(line, 0));
    if (label) {
      current = unitRowKey(label);
      if (!current) throw new Error(`表12 line ${line.no}: unknown row “${label}”`);
    } else r.quirk('merged-unit-cell');
    if (!current) throw new Error(`表12 line ${line.no}: no unit`);
    const year = Number(/^(\d{4})年$/.exec(squash(cellAt(line, 1)))?.[1]);
    const suffix = year === fiscalYear ? 'cur' : year === fiscalYear - 1 ? 'prev' : undefined;
    if (!suffix) throw new Error(`表12 line ${line.no}: unexpected year “${cellAt(line, 1)}”`);
    const rowKey = `${current}:${suffix}`;
    r.row(sec, line, label, rowKey); // label '' on a merged-unit-cell row
    emitLayoutRow(r, sec, line, label, rowKey, T12_COLUMNS, 2);
  }
}

// 表13 ---------------------------------------------------------------------------------------
function isoDate(s: string): string {
  const m = /^(\d{4})[.-](\d{1,2})[.-](\d{1,2})$/.exec(s);
  if (!m) throw new Error(`bad date “${s}”`);
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

function readPerformanceProjects(r: Reader, sec: Section): void {
  for (const line of dataLines(sec, (l) => SAMPLE_IDS.units[l] !== undefined)) {
    if (isBlank(line)) continue;
    const unitLabel = r.label(cellAt(line, 0));
    if (!SAMPLE_IDS.units[unitLabel]) throw new Error(`表13 line ${line.no}: unknown unit “${unitLabel}”`);
    const name = r.label(cellAt(line, 1));
    const project = projectByName(name);
    if (!project) throw new Error(`表13 line ${line.no}: unknown project “${name}”`);
    const [from, to] = squash(cellAt(line, 5)).split('-');
    const rowKey = `p:${project.id}`;
    r.row(sec, line, name, rowKey, { unitLabel, startDate: isoDate(from ?? ''), endDate: isoDate(to ?? '') });
    emitLayoutRow(r, sec, line, name, rowKey, ['total', 'generalPublicBudget', 'other'], 2, 1); // then 预算执行时间
  }
}

// 表14 ---------------------------------------------------------------------------------------
const T14_LEVEL1 = ['产出指标', '效益指标', '满意度指标'];

function readDepartmentPerformance(r: Reader, sec: Section): ReferenceTables['performance'] {
  const out: ReferenceTables['performance'] = { departmentName: '', competentDepartment: '', overallGoal: '', basicTaskContent: '', tasks: [], indicators: [] };
  let mode: 'head' | 'tasks' | 'indicators' = 'head';
  let lastTask: { content: string; task?: ReferenceTask } | undefined;
  let level1 = '';
  let level2 = '';
  for (const line of sec.lines) {
    if (isBlank(line)) continue;
    const first = squash(cellAt(line, 0));
    if (mode === 'head') {
      const competent = line.cells.findIndex((c) => squash(c) === '主管部门');
      if (competent > 0) {
        out.competentDepartment = cellAt(line, competent + 1);
        out.departmentName = line.cells.slice(0, competent).map((c) => c.trim()).filter(Boolean).join('');
      }
      if (first === '年度主要任务') mode = 'tasks';
      continue;
    }
    if (mode === 'tasks') {
      if (first === '年度绩效指标') {
        mode = 'indicators';
        continue;
      }
      const name = r.label(cellAt(line, 1));
      if (name === '任务名称' || (!name && cellAt(line, 3) === '总额')) continue; // header rows
      if (line.cells.some((c) => c.includes('<p>'))) {
        // 年度总体目标 (its label cell is empty here: see T14-goal-label-on-total-row).
        r.quirk('html-paragraphs');
        out.overallGoal = stripParagraphs(line.cells.map((c) => c.trim()).filter(Boolean).join(''));
        continue;
      }
      if (!name) {
        // Continuation of the previous task's 主要内容 after a page break.
        if (!lastTask || !cellAt(line, 2) || [3, 4, 5].some((i) => cellAt(line, i))) throw new Error(`表14 line ${line.no}: unexpected row`);
        r.quirk('page-break-in-cell');
        lastTask.content += cellAt(line, 2);
        if (lastTask.task) lastTask.task.content = lastTask.content;
        else out.basicTaskContent = lastTask.content;
        continue;
      }
      if (first) {
        if (first !== '年度总体目标') throw new Error(`表14 line ${line.no}: unexpected label “${first}”`);
        r.quirk('T14-goal-label-on-total-row');
      }
      let rowKey: string;
      if (name === '合计') rowKey = 'total';
      else if (name === '基本支出事项') rowKey = 'basic';
      else {
        const project = projectByName(name);
        if (!project) throw new Error(`表14 line ${line.no}: unknown task “${name}”`);
        rowKey = `p:${project.id}`;
      }
      r.row(sec, line, name, rowKey);
      emitLayoutRow(r, sec, line, name, rowKey, ['total', 'fiscal', 'other'], 3);
      const content = cellAt(line, 2);
      if (rowKey === 'basic') {
        out.basicTaskContent = content;
        lastTask = { content };
      } else if (rowKey !== 'total') {
        const task = { line: line.no, rowKey, printedName: name, content };
        out.tasks.push(task);
        lastTask = { content, task };
      } else lastTask = undefined;
      continue;
    }
    // Indicators: [level labels…, 三级指标, 指标值] from the non-empty cells.
    const filled = line.cells.map((c, i) => ({ c: c.trim(), i })).filter((x) => x.c !== '');
    if (filled.length < 2) throw new Error(`表14 line ${line.no}: short indicator row`);
    const value = filled.pop()!;
    const name = filled.pop()!;
    if (name.i !== 3) r.quirk('T14-indicator-shift');
    for (const { c } of filled) {
      if (T14_LEVEL1.includes(c)) level1 = c;
      else if (c.endsWith('指标')) level2 = c;
      else throw new Error(`表14 line ${line.no}: unexpected indicator level “${c}”`);
    }
    out.indicators.push({ line: line.no, level1, level2, name: name.c, value: value.c });
  }
  return out;
}

// 表15-N -------------------------------------------------------------------------------------
const T15_AMOUNT_LABELS: Record<string, string> = { '项目总金额': 'totalAmount', '本年度项目金额': 'currentYear', '财政拨款资金': 'fiscal', '其他资金': 'other' };
const T15_TEXT_LABELS: Record<string, keyof ReferenceProjectForm['texts']> = {
  '项目概况': 'overview',
  '项目用途': 'usage',
  '项目总(中期)目标': 'midTermGoal',
  '年度绩效目标': 'annualGoal',
};

function checkedOptions(r: Reader, text: string): string[] {
  const html = /<input(?: checked="")? type="checkbox"\/>/.test(text);
  if (html) r.quirk('T15-checkbox-html');
  const re = html ? /([^\s<>]+)\s*<input( checked="")? type="checkbox"\/>/g : /([^\s√□]+)\s*([√□])/g;
  const checked: string[] = [];
  let options = 0;
  for (const m of text.matchAll(re)) {
    options++;
    if (html ? m[2] !== undefined : m[2] === '√') checked.push(m[1]!);
  }
  if (options === 0) throw new Error(`no options in “${text}”`);
  return checked;
}

function readProjectForm(r: Reader, sec: Section): ReferenceProjectForm {
  const form: ReferenceProjectForm = {
    form: sec.form!,
    line: sec.title.no,
    projectId: '',
    printedName: '',
    implementingUnit: '',
    competentDepartment: '',
    types: [],
    fundUses: [],
    startDate: '',
    endDate: '',
    texts: { overview: '', usage: '', midTermGoal: '', annualGoal: '' },
    assetPurchaseItems: '',
    indicators: [],
  };
  const rowKey = () => {
    if (!form.projectId) throw new Error(`表15-${sec.form}: amounts before 项目名称`);
    return `p:${form.projectId}`;
  };
  let lastText: keyof ReferenceProjectForm['texts'] | undefined;
  let inIndicators = false;
  let level1 = '';
  for (const line of sec.lines) {
    if (isBlank(line)) continue;
    const first = squash(cellAt(line, 0));
    if (inIndicators) {
      if (first) level1 = first;
      form.indicators.push({ line: line.no, level1, level2: cellAt(line, 1), name: cellAt(line, 2), value: cellAt(line, 3), source: cellAt(line, 4) });
      continue;
    }
    if (/^\(\d{4}年\)$/.test(first)) continue;
    if (first.startsWith('实施单位：')) {
      form.implementingUnit = first.slice('实施单位：'.length);
      const competent = line.cells.map(squash).find((c) => c.startsWith('主管单位：'));
      form.competentDepartment = competent?.slice('主管单位：'.length) ?? '';
      continue;
    }
    if (first === '项目名称') {
      form.printedName = r.label(cellAt(line, 1));
      const project = projectByName(form.printedName);
      if (!project) throw new Error(`表15-${sec.form} line ${line.no}: unknown project “${form.printedName}”`);
      form.projectId = project.id;
      r.row(sec, line, form.printedName, `p:${project.id}`);
      continue;
    }
    if (first === '项目类型') {
      form.types = checkedOptions(r, cellAt(line, 1));
      continue;
    }
    if (first === '资金用途') {
      form.fundUses = checkedOptions(r, cellAt(line, 1));
      continue;
    }
    if (first === '计划开始日期') {
      const end = line.cells.findIndex((c) => squash(c) === '计划完成日期');
      form.startDate = isoDate(cellAt(line, 1));
      form.endDate = isoDate(cellAt(line, end + 1));
      continue;
    }
    if (T15_AMOUNT_LABELS[first]) {
      // `T15-two-column-rows`: [label, value, (empty,) label, value]; a value is the cell after its label.
      let pairs = 0;
      line.cells.forEach((c, i) => {
        const column = T15_AMOUNT_LABELS[squash(c)];
        if (!column) return;
        pairs++;
        r.emit(sec, line, squash(c), rowKey(), column, i + 1, cellAt(line, i + 1));
      });
      if (pairs !== 2) throw new Error(`表15-${sec.form} line ${line.no}: expected two label/value pairs`);
      r.quirk('T15-two-column-rows');
      continue;
    }
    if (first === '资产采购计划') {
      const at = line.cells.findIndex((c) => squash(c) === '固定资产采购金额');
      if (at < 0) throw new Error(`表15-${sec.form} line ${line.no}: no 固定资产采购金额`);
      let raw = cellAt(line, at + 1);
      let itemsAt: number;
      const fused = /^(\d[\d,]*)\s*采购品目$/.exec(raw);
      if (fused) {
        r.quirk('T15-asset-fused');
        raw = fused[1]!;
        itemsAt = at + 2;
      } else {
        if (squash(raw) === '采购品目') raw = '';
        const label = line.cells.findIndex((c, i) => i > at && squash(c) === '采购品目');
        if (label < 0) throw new Error(`表15-${sec.form} line ${line.no}: no 采购品目`);
        itemsAt = label + 1;
      }
      r.emit(sec, line, '固定资产采购金额', rowKey(), 'assetPurchase', at + 1, raw);
      form.assetPurchaseItems = cellAt(line, itemsAt);
      continue;
    }
    const textField = T15_TEXT_LABELS[first];
    if (textField) {
      const raw = cellAt(line, 1);
      if (raw.includes('<p>')) r.quirk('html-paragraphs');
      form.texts[textField] = stripParagraphs(raw);
      lastText = textField;
      continue;
    }
    if (!first && lastText && cellAt(line, 1)) {
      r.quirk('page-break-in-cell');
      form.texts[lastText] += cellAt(line, 1);
      continue;
    }
    if (first === '目标内容') {
      inIndicators = true;
      continue;
    }
    throw new Error(`表15-${sec.form} line ${line.no}: unexpected row “${first}”`);
  }
  return form;
}

// ---------------------------------------------------------------------------------------------
export function readReferenceTables(text: string = loadReferenceText()): ReferenceTables {
  const r = new Reader();
  const { sections, preamble } = splitSections(text);

  const titleLine = preamble.map((l) => cellAt(l, 0)).find((s) => /^\d{4}年.+部门预算$/.test(s));
  const fiscalYear = Number(/^(\d{4})年/.exec(titleLine ?? '')?.[1]);
  if (!fiscalYear) throw new Error('no title line with the fiscal year');

  const names = new Set<string>();
  for (const sec of sections) {
    for (const l of sec.lines) {
      const m = /^单位名称：(.+)$/.exec(cellAt(l, 0));
      if (m) names.add(m[1]!.trim());
    }
  }
  if (names.size !== 1) throw new Error(`单位名称 differs between tables: ${[...names].join(', ')}`);

  let performance: ReferenceTables['performance'] | undefined;
  const projectForms: ReferenceProjectForm[] = [];
  for (const sec of sections) {
    switch (sec.table) {
      case 1:
      case 6:
        readOverview(r, sec);
        break;
      case 2:
        readUnitTable(r, sec, T2_COLUMNS);
        break;
      case 3:
        readUnitTable(r, sec, T3_COLUMNS);
        break;
      case 4:
        readBasicExpenditure(r, sec);
        break;
      case 5:
        readProjectExpenditure(r, sec);
        break;
      case 7:
      case 8:
      case 9:
      case 10:
      case 11:
        readCodedTable(r, sec);
        break;
      case 12:
        readThreePublic(r, sec, fiscalYear);
        break;
      case 13:
        readPerformanceProjects(r, sec);
        break;
      case 14:
        performance = readDepartmentPerformance(r, sec);
        break;
      case 15:
        projectForms.push(readProjectForm(r, sec));
        break;
      default:
        throw new Error(`unexpected table ${sec.table}`);
    }
  }
  if (!performance) throw new Error('no 表14');
  return {
    fiscalYear,
    departmentName: [...names][0]!,
    cells: r.cells,
    rows: r.rows,
    notes: r.notes,
    performance,
    projectForms,
    sections: sections.map((s) => (s.form ? `${s.table}-${s.form}` : String(s.table))),
    quirksSeen: r.quirksSeen,
  };
}
