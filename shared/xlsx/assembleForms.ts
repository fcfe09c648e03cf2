/**
 * Turning 表14, 表15-N and the two-sided 表1/表6 into the document: texts, indicators, project
 * attributes and the printed values of their (computed) amounts.
 */
import { rowKeys as R, tableRowKey } from '../model/cellKey';
import { normalizeName } from './norm';
import type { CodeEntry } from '../codes/codeList';
import { FUND_USES, FUND_USE_LABELS, PROJECT_TYPES, PROJECT_TYPE_LABELS, type DisplayUnit, type FundUse, type Indicator, type Project, type ProjectType } from '../model/document';
import { FUNDING_LABELS } from '../model/funding';
import { OTHER_EXPENDITURE_FIELDS } from '../compute/buildGraph';
import { isoDate, textOf } from './cellValues';
import { matchProjects } from './assembleTables';
import type { ImportContext } from './importContext';
import type { FormAmount, FormIndicator, OverallFormRead, ProjectFormRead } from './importForms';
import type { ReadTable } from './importTables';
import type { SheetView } from './sheetView';

function formAmount(ctx: ImportContext, sheet: SheetView, unit: DisplayUnit, a: FormAmount | undefined) {
  if (!a) return undefined;
  return ctx.amount(sheet, unit, a.raw, a.r, a.c);
}

function indicators(ctx: ImportContext, owner: string, list: FormIndicator[], withSource: boolean): Indicator[] {
  return list.map((ind, i) => ({
    id: ctx.ids.take(`i|${owner}|${i}`, 'i'),
    level1: ind.level1.slice(0, 100),
    level2: ind.level2.slice(0, 100),
    name: ind.name,
    value: ind.value,
    ...(withSource && ind.source ? { source: ind.source.slice(0, 500) } : {}),
  }));
}

/** 表14 部门（单位）整体支出绩效目标表. */
export function assembleOverallForm(ctx: ImportContext, form: OverallFormRead, unit: DisplayUnit, projects: Project[]): { rows: number; amounts: number } {
  const doc = ctx.doc;
  if (form.competentDepartment && !doc.department.competentDepartment) doc.department.competentDepartment = form.competentDepartment;
  for (const m of form.missing) ctx.skip(form.sheet.ref(1, 1), `表14 中没有找到“${m}”`);
  const sheet = form.sheet;
  let amounts = 0;
  const printTask = (rowKey: string, t: OverallFormRead['tasks'][number]) => {
    for (const [col, a] of [['total', t.total], ['fiscal', t.fiscal], ['other', t.other]] as const) {
      const fen = formAmount(ctx, sheet, unit, a);
      if (fen === undefined || !a) continue;
      if (fen !== null) amounts++;
      ctx.print(tableRowKey('T14', rowKey), col, fen, sheet, a.r, a.c);
    }
  };
  const projectTasks: OverallFormRead['tasks'] = [];
  for (const t of form.tasks) {
    const key = normalizeName(t.name);
    if (key === '合计') printTask('total', t);
    else if (key === normalizeName('基本支出事项')) {
      doc.performance.basicTaskContent = t.content;
      printTask('basic', t);
    } else projectTasks.push(t);
  }
  const matched = matchProjects(projectTasks, projects);
  projectTasks.forEach((t, i) => {
    const p = matched[i];
    if (!p) return ctx.skip(sheet.ref(t.r, 1), `任务“${t.name}”在表5中没有对应的项目，本行已跳过`);
    if (t.name !== p.name) p.tableNames.table14 = t.name;
    p.texts.task = t.content;
    printTask(R.project(p.id), t);
  });
  doc.performance.overallGoal = form.overallGoal ?? '';
  doc.performance.indicators = indicators(ctx, 'perf', form.indicators, false);
  return { rows: form.tasks.length + form.indicators.length, amounts };
}

const CHECKED = /[√✓✔☑■●▣☒]/;
const UNCHECKED = /[□☐○]/;

/** Which of the labels a printed check-box line marks (√ after or before the label). */
export function checkedLabels<T extends string>(line: string, all: readonly T[], labels: Record<T, string>): { checked: T[]; found: number } {
  const text = normalizeName(line);
  const checked: T[] = [];
  let found = 0;
  for (const v of all) {
    const label = normalizeName(labels[v]);
    const i = text.indexOf(label);
    if (i < 0) continue;
    found++;
    const after = text[i + label.length] ?? '';
    const before = text[i - 1] ?? '';
    if (CHECKED.test(after) || (!UNCHECKED.test(after) && CHECKED.test(before))) checked.push(v);
  }
  return { checked, found };
}

/** A date cell of a project form as YYYY-MM-DD; null when empty; undefined (reported) when unreadable. */
export function readDate(ctx: ImportContext, raw: unknown, ref: string): string | null | undefined {
  if (raw === null || raw === undefined || raw === '') return null;
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : isoDate(raw);
  // Anything else as shown: a formula's result, a time of day, an invalid serial (never "[object Object]").
  const text = typeof raw === 'string' ? raw : textOf(raw);
  if (!text.trim()) return null;
  const m = /((?:19|20)\d{2})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})/.exec(normalizeName(text));
  if (m) {
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  }
  ctx.cellIssue(ref, `无法识别的日期“${text.slice(0, 30)}”，应为 2020-01-01 这样的日期`);
  return undefined;
}

/** 表15-N 项目支出绩效目标表, one per project. */
export function assembleProjectForms(ctx: ImportContext, forms: ProjectFormRead[], defaultUnit: DisplayUnit, projects: Project[]): { form: ProjectFormRead; rows: number; amounts: number; message?: string }[] {
  const doc = ctx.doc;
  const matched = matchProjects(forms.map((f) => ({ name: f.projectName ?? '' })), projects, { position: (_f, i) => (forms[i]!.index ? forms[i]!.index! - 1 : i) });
  return forms.map((form, i) => {
    const sheet = form.sheet;
    const unit = form.unit ?? defaultUnit;
    const p = matched[i];
    if (!p) {
      ctx.skip(sheet.ref(1, 1), `表15 工作表“${sheet.name}”的项目“${form.projectName ?? ''}”在表5中没有，已跳过`);
      return { form, rows: 0, amounts: 0, message: '没有对应的项目' };
    }
    if (form.competentUnit && !doc.department.competentDepartment) doc.department.competentDepartment = form.competentUnit;
    if (form.projectName && form.projectName !== p.name) p.tableNames.table15 = form.projectName;
    if (form.typeLine) {
      const { checked } = checkedLabels<ProjectType>(form.typeLine, PROJECT_TYPES, PROJECT_TYPE_LABELS);
      if (checked.length === 1) p.type = checked[0]!;
      else ctx.note(`项目“${p.name}”的项目类型${checked.length === 0 ? '没有勾选' : '勾选了多项'}，按“${PROJECT_TYPE_LABELS[p.type]}”读取`, sheet.ref(1, 1));
    }
    if (form.fundUseLine) p.fundUses = checkedLabels<FundUse>(form.fundUseLine, FUND_USES, FUND_USE_LABELS).checked;
    const start = readDate(ctx, form.startDate, sheet.ref(1, 1));
    const end = readDate(ctx, form.endDate, sheet.ref(1, 1));
    if (start !== undefined && (start !== null || form.startDate !== undefined)) p.startDate = start;
    if (end !== undefined && (end !== null || form.endDate !== undefined)) p.endDate = end;
    let amounts = 0;
    const total = formAmount(ctx, sheet, unit, form.totalAmount);
    if (total !== undefined && form.totalAmount) {
      p.totalAmount = total;
      if (total !== null) amounts++;
    }
    const asset = formAmount(ctx, sheet, unit, form.assetAmount);
    if (asset !== undefined && form.assetAmount) {
      p.assetPurchaseAmount = asset;
      if (asset !== null) amounts++;
    }
    for (const [col, a] of [['currentYear', form.currentYear], ['fiscal', form.fiscal], ['other', form.other]] as const) {
      const fen = formAmount(ctx, sheet, unit, a);
      if (fen === undefined || !a) continue;
      if (fen !== null) amounts++;
      ctx.print(tableRowKey('T15', R.project(p.id)), col, fen, sheet, a.r, a.c);
    }
    p.assetPurchaseItems = form.assetItems ?? '';
    p.texts.overview = form.overview ?? '';
    p.texts.usage = form.usage ?? '';
    p.texts.midTermGoal = form.midTermGoal ?? '';
    p.texts.annualGoal = form.annualGoal ?? '';
    p.indicators = indicators(ctx, p.id, form.indicators, true);
    return { form, rows: form.indicators.length, amounts };
  });
}

const ORDINAL = /^[一二三四五六七八九十]+\s*[、.．]\s*/;

function incomeNode(label: string): string | null {
  const key = normalizeName(label.replace(ORDINAL, ''));
  if (key === normalizeName('本年收入合计')) return 'currentYearIncome';
  if (key === normalizeName('收入总计')) return 'incomeTotal';
  for (const [node, text] of Object.entries(FUNDING_LABELS)) if (normalizeName(text) === key) return node;
  return null;
}

const EXPENDITURE_ROWS: Record<string, string> = {
  本年支出合计: 'currentYearExpenditure',
  支出总计: 'expenditureTotal',
  对附属单位补助支出: 'subsidyToAffiliates',
  上缴上级支出: 'remittanceToSuperior',
  结转下年: 'carryOverOut',
};

/** 表1 / 表6: printed values of both sides; with a single unit, 表1's other expenditure rows are its inputs. */
export function assembleOverview(ctx: ImportContext, t: ReadTable, unit: DisplayUnit): { rows: number; amounts: number } {
  const list = ctx.lists.functional;
  const table = t.def.id;
  let category: string | null = null;
  let section: string | null = null;
  let amounts = 0;
  const useOther = table === 'T1' && ctx.units.length === 1 && !ctx.meta;
  for (const row of t.rows) {
    const inLabel = row.labels.inLabel;
    const inCell = row.amounts.inAmount;
    if (inLabel && inCell) {
      const node = incomeNode(inLabel);
      const fen = ctx.amount(t.sheet, unit, inCell.raw, row.r, inCell.col);
      if (fen !== undefined && fen !== null) amounts++;
      if (node) ctx.print(tableRowKey(table, R.income(node)), 'amount', fen, t.sheet, row.r, inCell.col);
      else if (fen) ctx.skip(t.sheet.ref(row.r, inCell.col), `收入项目“${inLabel}”无法识别，金额已跳过`);
    }
    const outLabel = row.labels.outLabel;
    if (!outLabel) continue;
    const outCell = row.amounts.outAmount;
    const key = normalizeName(outLabel.replace(ORDINAL, ''));
    let rowId: string | null = null;
    for (const [text, id] of Object.entries(EXPENDITURE_ROWS)) if (normalizeName(text) === key) rowId = id;
    if (!rowId) {
      const coded = /^(\d{3}|\d{5}|\d{7})\s*(.*)$/.exec(key);
      const name = coded ? coded[2]! : key;
      const entry: CodeEntry | undefined = coded
        ? list.get(coded[1]!)
        : ((section ? list.findOneByName(name, { level: 3, parent: section }) : undefined) ??
          (category ? list.findOneByName(name, { level: 2, parent: category }) : undefined) ??
          list.findOneByName(name, { level: 1 }) ??
          list.findOneByName(name));
      if (entry) {
        if (entry.level === 1) {
          category = entry.code;
          section = null;
        } else if (entry.level === 2) {
          category = entry.parent;
          section = entry.code;
        } else section = entry.parent;
        rowId = entry.code;
      }
    }
    if (!outCell) continue;
    const fen = ctx.amount(t.sheet, unit, outCell.raw, row.r, outCell.col);
    if (fen === undefined) continue;
    if (fen !== null) amounts++;
    if (!rowId) {
      if (fen !== null) ctx.skip(t.sheet.ref(row.r, outCell.col), `支出项目“${outLabel}”无法识别（不在${ctx.lists.year}年支出功能分类科目中），金额已跳过`);
      continue;
    }
    ctx.print(tableRowKey(table, R.expenditure(rowId)), 'amount', fen, t.sheet, row.r, outCell.col);
    if (useOther && (OTHER_EXPENDITURE_FIELDS as readonly string[]).includes(rowId)) {
      const u = ctx.units[0]!;
      const o = (ctx.doc.otherExpenditure[u.id] ??= { subsidyToAffiliates: null, remittanceToSuperior: null, carryOverOut: null });
      o[rowId as (typeof OTHER_EXPENDITURE_FIELDS)[number]] = fen;
    }
  }
  return { rows: t.rows.length, amounts };
}
