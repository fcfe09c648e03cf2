/**
 * Reading the forms 表14 and 表15-N: fields are found by their label texts (the value is the cell
 * right of the label's merged range), the task and indicator grids by their header texts.
 */
import type { DisplayUnit } from '../model/document';
import { T14_LABELS, T15_LABELS } from './exportForms';
import { headerKey } from './headerMatch';
import { scanTitleLines } from './importTables';
import type { SheetView } from './sheetView';

export interface FormAmount {
  raw: unknown;
  r: number;
  c: number;
}

export interface FormIndicator {
  r: number;
  level1: string;
  level2: string;
  name: string;
  value: string;
  source?: string;
}

export interface OverallFormRead {
  sheet: SheetView;
  unit: DisplayUnit | null;
  departmentName: string | null;
  competentDepartment: string | null;
  tasks: { r: number; name: string; content: string; total?: FormAmount; fiscal?: FormAmount; other?: FormAmount }[];
  overallGoal: string | null;
  indicators: FormIndicator[];
  years: number[];
  missing: string[];
}

export interface ProjectFormRead {
  sheet: SheetView;
  /** N of 表15-N (from the label or sheet name), when known. */
  index: number | null;
  unit: DisplayUnit | null;
  implementingUnit: string | null;
  competentUnit: string | null;
  projectName: string | null;
  typeLine: string | null;
  fundUseLine: string | null;
  startDate: unknown;
  endDate: unknown;
  totalAmount?: FormAmount;
  currentYear?: FormAmount;
  fiscal?: FormAmount;
  other?: FormAmount;
  assetAmount?: FormAmount;
  assetItems: string | null;
  overview: string | null;
  usage: string | null;
  midTermGoal: string | null;
  annualGoal: string | null;
  indicators: FormIndicator[];
  years: number[];
}

interface Place {
  r: number;
  c: number;
}

/** Where each label text (as key) first appears, scanning the whole form. */
function indexLabels(sheet: SheetView): Map<string, Place[]> {
  const index = new Map<string, Place[]>();
  const rows = Math.min(sheet.rowCount, 2000);
  for (let r = 1; r <= rows; r++) {
    for (const { c, text } of sheet.rowTexts(r)) {
      if (sheet.isSlave(r, c) || text.length > 40) continue;
      const k = headerKey(text);
      const list = index.get(k);
      if (list) list.push({ r, c });
      else index.set(k, [{ r, c }]);
    }
  }
  return index;
}

/** The column right of a cell's merged range. */
function rightOf(sheet: SheetView, p: Place): number {
  const master = sheet.masterAddress(p.r, p.c);
  let c = p.c + 1;
  while (c <= sheet.colCount + 1 && sheet.isSlave(p.r, c) && sheet.masterAddress(p.r, c) === master) c++;
  return c;
}

/** Last row of a cell's merged range. */
function bottomOf(sheet: SheetView, p: Place): number {
  const master = sheet.masterAddress(p.r, p.c);
  let r = p.r + 1;
  while (r <= sheet.rowCount && sheet.isSlave(r, p.c) && sheet.masterAddress(r, p.c) === master) r++;
  return r - 1;
}

function find(index: Map<string, Place[]>, label: string): Place | undefined {
  return index.get(headerKey(label))?.[0];
}

function valueRight(sheet: SheetView, index: Map<string, Place[]>, label: string, raw = false): string | null {
  const p = find(index, label);
  if (!p) return null;
  const c = rightOf(sheet, p);
  return raw ? sheet.rawText(p.r, c) : sheet.text(p.r, c);
}

function amountRight(sheet: SheetView, p: Place | undefined): FormAmount | undefined {
  if (!p) return undefined;
  const c = rightOf(sheet, p);
  return { raw: sheet.value(p.r, c), r: p.r, c };
}

function readIndicators(sheet: SheetView, header: Place | undefined, cols: { level1?: number; level2?: number; name?: number; value?: number; source?: number }): FormIndicator[] {
  if (!header || cols.name === undefined || cols.value === undefined) return [];
  const out: FormIndicator[] = [];
  let level1 = '';
  let level2 = '';
  const first = bottomOf(sheet, header) + 1;
  for (let r = first; r <= sheet.rowCount; r++) {
    const name = sheet.rawText(r, cols.name).trim();
    const l1 = cols.level1 !== undefined ? sheet.text(r, cols.level1) : '';
    const l2 = cols.level2 !== undefined ? sheet.text(r, cols.level2) : '';
    const value = sheet.rawText(r, cols.value).trim();
    if (!name && !value && !l1 && !l2) {
      if (!sheet.hasContent(r)) break;
      continue;
    }
    if (l1) {
      if (l1 !== level1) level2 = '';
      level1 = l1;
    }
    if (l2) level2 = l2;
    const source = cols.source !== undefined ? sheet.text(r, cols.source) : '';
    out.push({ r, level1, level2, name, value, ...(source ? { source } : {}) });
  }
  return out;
}

function columnOf(index: Map<string, Place[]>, label: string, row: number): number | undefined {
  return index.get(headerKey(label))?.find((p) => p.r === row)?.c;
}

export function readOverallForm(sheet: SheetView): OverallFormRead {
  const L = T14_LABELS;
  const index = indexLabels(sheet);
  const missing: string[] = [];
  const titles = scanTitleLines(sheet, 4);
  let unit = titles.unit;
  const years = [...titles.years];
  for (let r = 1; r <= Math.min(sheet.rowCount, 40) && !unit; r++) {
    for (const { text } of sheet.rowTexts(r)) {
      const m = /预算金额[(（](万元|元)[)）]/.exec(text);
      if (m && !unit) unit = m[1] === '元' ? 'yuan' : 'wan';
    }
  }
  const nameHead = find(index, L.taskName);
  const tasks: OverallFormRead['tasks'] = [];
  if (nameHead) {
    const totalHead = find(index, L.total);
    const amountRow = totalHead?.r ?? nameHead.r;
    const colTotal = totalHead?.c;
    const colFiscal = columnOf(index, L.fiscal, amountRow);
    const colOther = columnOf(index, L.other, amountRow);
    const contentHead = find(index, L.taskContent);
    const stop = new Set([L.overallGoal, L.indicators, L.level1].map(headerKey));
    const first = Math.max(bottomOf(sheet, nameHead), amountRow) + 1;
    for (let r = first; r <= sheet.rowCount; r++) {
      const name = sheet.text(r, nameHead.c);
      if (!name) {
        if (!sheet.hasContent(r)) break;
        continue;
      }
      if (stop.has(headerKey(name)) || stop.has(headerKey(sheet.text(r, 1)))) break;
      const amount = (c: number | undefined): FormAmount | undefined => (c === undefined ? undefined : { raw: sheet.value(r, c), r, c });
      const total = amount(colTotal);
      const fiscal = amount(colFiscal);
      const other = amount(colOther);
      tasks.push({
        r,
        name,
        content: contentHead ? sheet.rawText(r, contentHead.c) : '',
        ...(total ? { total } : {}),
        ...(fiscal ? { fiscal } : {}),
        ...(other ? { other } : {}),
      });
    }
  } else missing.push(L.taskName);
  const overallGoal = valueRight(sheet, index, L.overallGoal, true);
  if (overallGoal === null) missing.push(L.overallGoal);
  const indHead = find(index, L.level1);
  const indicators = indHead
    ? readIndicators(sheet, indHead, {
        level1: indHead.c,
        level2: columnOf(index, L.level2, indHead.r),
        name: columnOf(index, L.level3, indHead.r),
        value: columnOf(index, L.value, indHead.r),
      })
    : [];
  return {
    sheet,
    unit,
    departmentName: valueRight(sheet, index, L.departmentName),
    competentDepartment: valueRight(sheet, index, L.competentDepartment),
    tasks,
    overallGoal,
    indicators,
    years,
    missing,
  };
}

/** `实施单位：深圳市信访局` in one cell, or the label with the value beside it. */
function prefixed(sheet: SheetView, index: Map<string, Place[]>, label: string): string | null {
  const rows = Math.min(sheet.rowCount, 10);
  const re = new RegExp(`^${label}\\s*[:：]\\s*(.*)$`);
  for (let r = 1; r <= rows; r++) {
    for (const { text } of sheet.rowTexts(r)) {
      const m = re.exec(text);
      if (m && m[1]!.trim()) return m[1]!.trim();
    }
  }
  return valueRight(sheet, index, label);
}

export function readProjectForm(sheet: SheetView, index: number | null): ProjectFormRead {
  const L = T15_LABELS;
  const labels = indexLabels(sheet);
  const titles = scanTitleLines(sheet, 6);
  const v = (label: string, raw = false) => valueRight(sheet, labels, label, raw);
  const start = find(labels, L.startDate);
  const end = find(labels, L.endDate);
  const indHead = find(labels, L.level1);
  const assetItemsPlace = find(labels, L.assetItems);
  return {
    sheet,
    index,
    unit: titles.unit,
    implementingUnit: prefixed(sheet, labels, L.implementingUnit),
    competentUnit: prefixed(sheet, labels, L.competentUnit),
    projectName: v(L.projectName),
    typeLine: v(L.projectType),
    fundUseLine: v(L.fundUse),
    startDate: start ? sheet.value(start.r, rightOf(sheet, start)) : undefined,
    endDate: end ? sheet.value(end.r, rightOf(sheet, end)) : undefined,
    totalAmount: amountRight(sheet, find(labels, L.totalAmount)),
    currentYear: amountRight(sheet, find(labels, L.currentYear)),
    fiscal: amountRight(sheet, find(labels, L.fiscal)),
    other: amountRight(sheet, find(labels, L.other)),
    assetAmount: amountRight(sheet, find(labels, L.assetAmount)),
    assetItems: assetItemsPlace ? sheet.rawText(assetItemsPlace.r, rightOf(sheet, assetItemsPlace)) : null,
    overview: v(L.overview, true),
    usage: v(L.usage, true),
    midTermGoal: v(L.midTermGoal, true),
    annualGoal: v(L.annualGoal, true),
    indicators: indHead
      ? readIndicators(sheet, indHead, {
          level1: indHead.c,
          level2: columnOf(labels, L.level2, indHead.r),
          name: columnOf(labels, L.name, indHead.r),
          value: columnOf(labels, L.value, indHead.r),
          source: columnOf(labels, L.source, indHead.r),
        })
      : [],
    years: titles.years,
  };
}
