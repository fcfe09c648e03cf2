/**
 * 表14 (部门整体支出绩效目标表) and 表15-N (项目支出绩效目标表) as forms, rendered from the form
 * projections (shared/tables/forms.ts): label cells, merged value cells, the task grid with its
 * amounts, and the indicator grid (一级/二级 labels merged down like the printed tables). Portrait
 * A4, fit to one page wide.
 *
 * The field labels written here are the ones the importer looks for (importForms.ts).
 */
import type { Indicator } from '../model/document';
import { UNIT_LABELS } from '../money/format';
import type { OverallPerformanceForm, ProjectPerformanceForm } from '../tables/forms';
import { linesNeeded, rowHeightFor, sheetRef } from './layout';
import type { ExportSheetSummary } from './report';
import { UNIT_LINE, amountNumber, pageSetup, safeText, type SheetContext } from './exportSheets';
import type { Worksheet } from './write/workbookModel';

export const T14_LABELS = {
  departmentName: '部门（单位）名称',
  competentDepartment: '主管部门',
  tasks: '年度主要任务',
  taskName: '任务名称',
  taskContent: '主要内容',
  amounts: (unitText: string) => `预算金额（${unitText}）`,
  total: '总额',
  fiscal: '财政拨款',
  other: '其他资金',
  overallGoal: '年度总体目标',
  indicators: '年度绩效指标',
  level1: '一级指标',
  level2: '二级指标',
  level3: '三级指标',
  value: '指标值',
} as const;

export const T15_LABELS = {
  implementingUnit: '实施单位',
  competentUnit: '主管单位',
  projectName: '项目名称',
  projectType: '项目类型',
  fundUse: '资金用途',
  startDate: '计划开始日期',
  endDate: '计划完成日期',
  totalAmount: '项目总金额',
  currentYear: '本年度项目金额',
  fiscal: '财政拨款资金',
  other: '其他资金',
  assetPlan: '资产采购计划',
  assetAmount: '固定资产采购金额',
  assetItems: '采购品目',
  overview: '项目概况',
  usage: '项目用途',
  midTermGoal: '项目总(中期)目标',
  annualGoal: '年度绩效目标',
  level1: '目标内容',
  level2: '二级指标',
  name: '绩效指标',
  value: '指标目标值',
  source: '目标值来源',
} as const;

interface FormWriter {
  ws: Worksheet;
  widths: number[];
  amounts: number;
  put(row: number, col: number, value: string | number | null, style: SheetContext['styles']['text'], right?: number, bottom?: number): void;
  amount(row: number, col: number, key: string, right?: number): void;
  fit(row: number, col: number, text: string, right?: number): void;
}

function formWriter(ctx: SheetContext, ws: Worksheet, sheetName: string, widths: number[]): FormWriter {
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  const heights = new Map<number, number>();
  const w: FormWriter = {
    ws,
    widths,
    amounts: 0,
    put(row, col, value, style, right = col, bottom = row) {
      for (let r = row; r <= bottom; r++) for (let c = col; c <= right; c++) ws.getCell(r, c).style = style;
      if (right > col || bottom > row) ws.mergeCells(row, col, bottom, right);
      const cell = ws.getCell(row, col);
      if (value !== null && value !== '') cell.value = typeof value === 'string' ? safeText(ctx, value, sheetName, row, col) : value;
    },
    amount(row, col, key, right = col) {
      w.put(row, col, null, ctx.styles.amount, right);
      const v = ctx.values.get(key);
      if (v !== null) {
        ws.getCell(row, col).value = amountNumber(v, ctx.unit, ctx.decimals);
        w.amounts++;
        ctx.refs?.set(key, sheetRef(sheetName, row, col));
      }
    },
    fit(row, col, text, right = col) {
      let width = 0;
      for (let c = col; c <= right; c++) width += widths[c - 1]!;
      const h = rowHeightFor(linesNeeded(text, width));
      if (h > (heights.get(row) ?? 0)) {
        heights.set(row, h);
        ws.getRow(row).height = h;
      }
    },
  };
  return w;
}

function titleRows(ctx: SheetContext, w: FormWriter, label: string, title: string, yearLine: string, nCols: number): void {
  const { styles } = ctx;
  w.put(1, 1, label, styles.tableLabel);
  w.put(2, 1, title, styles.title, nCols);
  w.ws.getRow(2).height = 30;
  w.put(3, 1, yearLine, styles.lineCenter, nCols);
}

/** Indicator rows with level-1 and level-2 texts merged down over equal neighbours. */
function indicatorRows(ctx: SheetContext, w: FormWriter, first: number, indicators: Indicator[], cols: { level1: number; level2: number; name: number; value: number; valueRight: number; source?: number }): number {
  const { styles } = ctx;
  indicators.forEach((ind, i) => {
    const r = first + i;
    w.put(r, cols.name, ind.name, styles.text);
    w.fit(r, cols.name, ind.name);
    w.put(r, cols.value, ind.value, styles.text, cols.valueRight);
    w.fit(r, cols.value, ind.value, cols.valueRight);
    if (cols.source !== undefined) w.put(r, cols.source, ind.source ?? '', styles.text);
  });
  const mergeRuns = (col: number, sameRun: (a: Indicator, b: Indicator) => boolean, text: (i: Indicator) => string) => {
    let start = 0;
    for (let i = 1; i <= indicators.length; i++) {
      if (i < indicators.length && sameRun(indicators[start]!, indicators[i]!)) continue;
      w.put(first + start, col, text(indicators[start]!), styles.textCenter, col, first + i - 1);
      start = i;
    }
  };
  if (indicators.length) {
    mergeRuns(cols.level1, (a, b) => a.level1 === b.level1, (i) => i.level1);
    let start = 0;
    for (let i = 1; i <= indicators.length; i++) {
      const a = indicators[start]!;
      const b = indicators[i];
      if (b && a.level1 === b.level1 && a.level2 === b.level2) continue;
      w.put(first + start, cols.level2, a.level2, styles.textCenter, cols.level2, first + i - 1);
      start = i;
    }
  }
  return first + indicators.length;
}

/** 表14 — columns: A section | B 任务名称/一级 | C–D 主要内容 (C 二级, D 三级) | E–G amounts / 指标值. */
export function writeOverallForm(ctx: SheetContext, form: OverallPerformanceForm, sheetName: string): ExportSheetSummary {
  const { styles } = ctx;
  const L = T14_LABELS;
  const ws = ctx.wb.addWorksheet(sheetName);
  const w = formWriter(ctx, ws, sheetName, [10, 16, 14, 34, 13, 13, 13]);
  titleRows(ctx, w, form.label, form.title, form.yearLine, 7);

  w.put(4, 1, L.departmentName, styles.formLabel, 2);
  w.put(4, 3, form.departmentName, styles.text, 4);
  w.put(4, 5, L.competentDepartment, styles.formLabel);
  w.put(4, 6, form.competentDepartment, styles.text, 7);

  const tasks = [form.total, ...form.tasks];
  const taskTop = 5;
  const firstTask = taskTop + 2;
  const lastTask = firstTask + tasks.length - 1;
  w.put(taskTop, 1, L.tasks, styles.formLabel, 1, lastTask);
  w.put(taskTop, 2, L.taskName, styles.formLabel, 2, taskTop + 1);
  w.put(taskTop, 3, L.taskContent, styles.formLabel, 4, taskTop + 1);
  w.put(taskTop, 5, L.amounts(UNIT_LABELS[ctx.unit]), styles.formLabel, 7);
  w.put(taskTop + 1, 5, L.total, styles.formLabel);
  w.put(taskTop + 1, 6, L.fiscal, styles.formLabel);
  w.put(taskTop + 1, 7, L.other, styles.formLabel);
  tasks.forEach((t, i) => {
    const r = firstTask + i;
    w.put(r, 2, t.name, styles.text);
    w.fit(r, 2, t.name);
    w.put(r, 3, t.content, styles.text, 4);
    w.fit(r, 3, t.content, 4);
    w.amount(r, 5, t.totalKey);
    w.amount(r, 6, t.fiscalKey);
    w.amount(r, 7, t.otherKey);
  });

  const goalRow = lastTask + 1;
  w.put(goalRow, 1, L.overallGoal, styles.formLabel);
  w.put(goalRow, 2, form.overallGoal, styles.text, 7);
  w.fit(goalRow, 2, form.overallGoal, 7);

  const indHeader = goalRow + 1;
  w.put(indHeader, 2, L.level1, styles.formLabel);
  w.put(indHeader, 3, L.level2, styles.formLabel);
  w.put(indHeader, 4, L.level3, styles.formLabel);
  w.put(indHeader, 5, L.value, styles.formLabel, 7);
  const end = indicatorRows(ctx, w, indHeader + 1, form.indicators, { level1: 2, level2: 3, name: 4, value: 5, valueRight: 7 });
  w.put(indHeader, 1, L.indicators, styles.formLabel, 1, Math.max(indHeader, end - 1));

  pageSetup(ws, 'portrait', null);
  ws.views = [{ showGridLines: false }];
  return { sheet: sheetName, rows: end - 4, amounts: w.amounts };
}

/** 表15-N — columns: A label | B | C | D | E. */
export function writeProjectForm(ctx: SheetContext, form: ProjectPerformanceForm): ExportSheetSummary {
  const { styles } = ctx;
  const L = T15_LABELS;
  const ws = ctx.wb.addWorksheet(form.sheetName);
  const w = formWriter(ctx, ws, form.sheetName, [16, 14, 34, 16, 18]);
  titleRows(ctx, w, form.label, form.title, form.yearLine, 5);
  w.put(4, 1, `${L.implementingUnit}：${form.implementingUnit}`, styles.lineLeft, 2);
  w.put(4, 3, `${L.competentUnit}：${form.competentUnit}`, styles.lineLeft, 4);
  w.put(4, 5, UNIT_LINE[ctx.unit], styles.lineRight);

  let r = 5;
  const wide = (label: string, text: string) => {
    w.put(r, 1, label, styles.formLabel);
    w.put(r, 2, text, styles.text, 5);
    w.fit(r, 2, text, 5);
    r++;
  };
  wide(L.projectName, form.projectName);
  wide(L.projectType, form.typeLine);
  wide(L.fundUse, form.fundUseLine);
  w.put(r, 1, L.startDate, styles.formLabel);
  w.put(r, 2, form.startDate, styles.textCenter);
  w.put(r, 3, L.endDate, styles.formLabel);
  w.put(r, 4, form.endDate, styles.textCenter, 5);
  r++;
  w.put(r, 1, L.totalAmount, styles.formLabel);
  w.amount(r, 2, form.totalAmountKey);
  w.put(r, 3, L.currentYear, styles.formLabel);
  w.amount(r, 4, form.currentYearKey, 5);
  r++;
  w.put(r, 1, L.fiscal, styles.formLabel);
  w.amount(r, 2, form.fiscalKey);
  w.put(r, 3, L.other, styles.formLabel);
  w.amount(r, 4, form.otherKey, 5);
  r++;
  w.put(r, 1, L.assetPlan, styles.formLabel);
  w.put(r, 2, L.assetAmount, styles.formLabel);
  w.amount(r, 3, form.assetPurchaseKey);
  w.put(r, 4, L.assetItems, styles.formLabel);
  w.put(r, 5, form.assetPurchaseItems, styles.text);
  w.fit(r, 5, form.assetPurchaseItems);
  r++;
  wide(L.overview, form.overview);
  wide(L.usage, form.usage);
  wide(L.midTermGoal, form.midTermGoal);
  wide(L.annualGoal, form.annualGoal);
  if (form.indicators.length) {
    w.put(r, 1, L.level1, styles.formLabel);
    w.put(r, 2, L.level2, styles.formLabel);
    w.put(r, 3, L.name, styles.formLabel);
    w.put(r, 4, L.value, styles.formLabel);
    w.put(r, 5, L.source, styles.formLabel);
    r = indicatorRows(ctx, w, r + 1, form.indicators, { level1: 1, level2: 2, name: 3, value: 4, valueRight: 4, source: 5 });
  }
  pageSetup(ws, 'portrait', null);
  ws.views = [{ showGridLines: false }];
  return { sheet: form.sheetName, rows: r - 5, amounts: w.amounts };
}
