/**
 * What a published workbook of a document says, before any layout is chosen: per grid table the
 * header, the rows (kind, level, unit block, label texts and printed amounts in 分) and the note;
 * per form (表14, 表15-N) its cells. The dialect writer (./writeDialect.ts) lays this out the way
 * another program would.
 *
 * Row structure and texts come from the table projections (what the grid shows); a printed amount
 * is the document's printed value of the cell (`reported`) when it has one, else its computed
 * value rounded to the printed step. Nothing here is shared with our own SpreadsheetML writer.
 */
import { getCatalogue, type HeaderMerge } from '../../../shared/catalogue';
import { evaluate } from '../../../shared/compute/evaluate';
import { graphOf } from '../../../shared/compute/inputCells';
import type { TableId } from '../../../shared/model/cellKey';
import type { DepartmentBudget, Indicator } from '../../../shared/model/document';
import type { Fen } from '../../../shared/money/fen';
import { roundFen } from '../../../shared/money/rounding';
import { projectOverallForm, projectProjectForms } from '../../../shared/tables/forms';
import { nameLookupForYear } from '../../../shared/tables/names';
import { projectTable, type RowKind } from '../../../shared/tables/project';

/** A cell of a data row: a text, an amount in 分, or blank. */
export type PCell = { text: string; indent: number } | { fen: number; key: string } | null;

export interface PColumn {
  key: string;
  kind: 'label' | 'amount';
}

export interface PRow {
  kind: RowKind;
  level: number;
  /** Index of the unit whose block the row belongs to (null: department or table-wide rows). */
  unit: number | null;
  /** Classification code of a 表4 line or category (printed in its own column or before the name by some dialects). */
  code?: string;
  cells: PCell[];
}

export interface PrintedGrid {
  kind: 'grid';
  id: TableId;
  /** 表N */
  label: string;
  title: string;
  layout: string;
  columns: PColumn[];
  header: { rows: string[][]; merges: HeaderMerge[] };
  rows: PRow[];
  note: string | null;
}

/** A form cell: a text or an amount, optionally merged to (right, bottom), 1-based. */
export interface FormCell {
  r: number;
  c: number;
  value: string | { fen: number };
  right?: number;
  bottom?: number;
}

export interface PrintedForm {
  kind: 'form';
  id: 'T14' | 'T15';
  label: string;
  width: number;
  cells: FormCell[];
}

export interface PrintedBook {
  year: number;
  departmentName: string;
  shortName: string;
  units: { name: string; fullName: string }[];
  tables: (PrintedGrid | PrintedForm)[];
}

/** The printed value (分) of every cell key the document shows, at the printed step. */
export function printedLookup(doc: DepartmentBudget, step: number): (key: string) => number | null {
  const { graph } = graphOf(doc);
  const ev = evaluate(graph, doc);
  return (key) => {
    if (Object.hasOwn(doc.reported, key)) return doc.reported[key] ?? null;
    const id = graph.idOf(key);
    if (id === undefined || ev.nonEmpty[id] === 0) return null;
    return roundFen(ev.computed[id]! as Fen, step);
  };
}

export function printedBook(doc: DepartmentBudget, step: number, unitText: string): PrintedBook {
  const catalogue = getCatalogue(doc.catalogueId);
  const names = nameLookupForYear(doc.department.fiscalYear);
  const { structure } = graphOf(doc);
  const value = printedLookup(doc, step);
  const unitIndex = new Map(doc.units.order.map((id, i) => [id, i]));
  const units = doc.units.order.map((id) => doc.units.byId[id]!);
  const unitOfRow = (rowId: string): number | null => {
    // Row ids name the unit (u:ID, ec:ID:301, pg:ID:A, u:ID:prev) or a line of it.
    const m = /^(?:u|ec|pg):([^:]+)/.exec(rowId);
    if (m) return unitIndex.get(m[1]!) ?? null;
    const line = /^(?:e|f|t|pi|p|s):(.+)$/.exec(rowId)?.[1];
    if (line === undefined) return null;
    const owner =
      doc.economicLines.byId[line]?.unitId ??
      doc.functionalLines.byId[line]?.unitId ??
      doc.transferLines.byId[line]?.unitId ??
      doc.procurementItems.byId[line]?.unitId ??
      doc.projects.byId[line]?.unitId ??
      doc.projects.byId[doc.subItems.byId[line]?.projectId ?? '']?.unitId;
    return owner === undefined ? null : (unitIndex.get(owner) ?? null);
  };

  const tables: (PrintedGrid | PrintedForm)[] = [];
  for (const def of catalogue.tables) {
    if (def.layout === 'overallPerformanceForm') {
      tables.push(overallForm(doc, value, unitText, structure));
      continue;
    }
    if (def.layout === 'projectPerformanceForm') {
      tables.push(...projectForms(doc, value, unitText, structure));
      continue;
    }
    const t = projectTable(doc, catalogue, def.id, names, structure);
    let lastUnit: number | null = null;
    const labelKey = t.columns.find((c) => c.kind === 'label')?.key;
    tables.push({
      kind: 'grid',
      id: def.id,
      label: t.label,
      title: t.title,
      layout: def.layout,
      columns: t.columns.map((c) => ({ key: c.key, kind: c.kind })),
      header: { rows: t.header.rows.map((r) => [...r]), merges: t.header.merges.map((m) => ({ ...m })) },
      rows: t.rows.map((r) => {
        // 表12's current-year row of a unit has no unit text of its own.
        const unit = def.layout === 'threePublicYears' && r.kind === 'unit' && !r.cells.unit?.text ? lastUnit : unitOfRow(r.id);
        lastUnit = unit;
        const code = /^ec:[^:]+:(\d+)$/.exec(r.id)?.[1] ?? (r.id.startsWith('e:') ? doc.economicLines.byId[r.id.slice(2)]?.code : undefined);
        return {
          kind: r.kind,
          level: r.level,
          unit,
          ...(code !== undefined ? { code } : {}),
          cells: t.columns.map((c): PCell => {
            const pc = r.cells[c.key];
            if (!pc) return null;
            if (pc.key) {
              const v = value(pc.key);
              return v === null ? null : { fen: v, key: pc.key };
            }
            return pc.text ? { text: pc.text, indent: pc.indent ?? (c.key === labelKey ? r.level : 0) } : null;
          }),
        };
      }),
      // What the document says: its own note or the table's fixed one (not the note the grid suggests for an empty table).
      note: doc.notes[def.id] ?? (def.note ? t.note : null),
    });
  }
  return {
    year: doc.department.fiscalYear,
    departmentName: doc.department.name,
    shortName: doc.department.shortName,
    units: units.map((u) => ({ name: u.name, fullName: u.fullName ?? u.name })),
    tables,
  };
}

type Lookup = (key: string) => number | null;

function amountCell(cells: FormCell[], r: number, c: number, v: number | null, right?: number): void {
  if (v !== null) cells.push({ r, c, value: { fen: v }, ...(right !== undefined ? { right } : {}) });
}

function indicatorCells(cells: FormCell[], first: number, indicators: readonly Indicator[], cols: { level1: number; level2: number; name: number; value: number; source?: number }): number {
  indicators.forEach((ind, i) => {
    const r = first + i;
    const prev = indicators[i - 1];
    // Level-1 and level-2 texts once per run, as the printed forms merge them.
    if (!prev || prev.level1 !== ind.level1) cells.push({ r, c: cols.level1, value: ind.level1 });
    if (!prev || prev.level1 !== ind.level1 || prev.level2 !== ind.level2) cells.push({ r, c: cols.level2, value: ind.level2 });
    if (ind.name) cells.push({ r, c: cols.name, value: ind.name });
    if (ind.value) cells.push({ r, c: cols.value, value: ind.value });
    if (cols.source !== undefined && ind.source) cells.push({ r, c: cols.source, value: ind.source });
  });
  return first + indicators.length;
}

function overallForm(doc: DepartmentBudget, value: Lookup, unitText: string, structure: ReturnType<typeof graphOf>['structure']): PrintedForm {
  const form = projectOverallForm(doc, structure);
  const cells: FormCell[] = [
    { r: 1, c: 1, value: '表14' },
    { r: 2, c: 1, value: form.title, right: 7 },
    { r: 3, c: 1, value: form.yearLine, right: 7 },
    { r: 4, c: 1, value: '部门（单位）名称', right: 2 },
    { r: 4, c: 3, value: form.departmentName, right: 4 },
    { r: 4, c: 5, value: '主管部门' },
    { r: 4, c: 6, value: form.competentDepartment, right: 7 },
  ];
  const tasks = [form.total, ...form.tasks];
  const first = 7;
  const last = first + tasks.length - 1;
  cells.push({ r: 5, c: 1, value: '年度主要任务', bottom: last }, { r: 5, c: 2, value: '任务名称', bottom: 6 }, { r: 5, c: 3, value: '主要内容', right: 4, bottom: 6 });
  cells.push({ r: 5, c: 5, value: `预算金额（${unitText}）`, right: 7 }, { r: 6, c: 5, value: '总额' }, { r: 6, c: 6, value: '财政拨款' }, { r: 6, c: 7, value: '其他资金' });
  tasks.forEach((t, i) => {
    const r = first + i;
    cells.push({ r, c: 2, value: t.name });
    if (t.content) cells.push({ r, c: 3, value: t.content, right: 4 });
    amountCell(cells, r, 5, value(t.totalKey));
    amountCell(cells, r, 6, value(t.fiscalKey));
    amountCell(cells, r, 7, value(t.otherKey));
  });
  const goal = last + 1;
  cells.push({ r: goal, c: 1, value: '年度总体目标' });
  if (form.overallGoal) cells.push({ r: goal, c: 2, value: form.overallGoal, right: 7 });
  const ih = goal + 1;
  cells.push({ r: ih, c: 1, value: '年度绩效指标' }, { r: ih, c: 2, value: '一级指标' }, { r: ih, c: 3, value: '二级指标' }, { r: ih, c: 4, value: '三级指标' }, { r: ih, c: 5, value: '指标值', right: 7 });
  indicatorCells(cells, ih + 1, form.indicators, { level1: 2, level2: 3, name: 4, value: 5 });
  return { kind: 'form', id: 'T14', label: '表14', width: 7, cells };
}

function projectForms(doc: DepartmentBudget, value: Lookup, unitText: string, structure: ReturnType<typeof graphOf>['structure']): PrintedForm[] {
  return projectProjectForms(doc, structure).map((form) => {
    const cells: FormCell[] = [
      { r: 1, c: 1, value: form.label },
      { r: 2, c: 1, value: form.title, right: 5 },
      { r: 3, c: 1, value: form.yearLine, right: 5 },
      { r: 4, c: 1, value: `实施单位：${form.implementingUnit}`, right: 2 },
      { r: 4, c: 3, value: `主管单位：${form.competentUnit}`, right: 4 },
      { r: 4, c: 5, value: `单位：${unitText}` },
    ];
    let r = 5;
    const wide = (label: string, text: string) => {
      cells.push({ r, c: 1, value: label });
      if (text) cells.push({ r, c: 2, value: text, right: 5 });
      r++;
    };
    wide('项目名称', form.projectName);
    wide('项目类型', form.typeLine);
    wide('资金用途', form.fundUseLine);
    cells.push({ r, c: 1, value: '计划开始日期' }, { r, c: 3, value: '计划完成日期' });
    if (form.startDate) cells.push({ r, c: 2, value: form.startDate });
    if (form.endDate) cells.push({ r, c: 4, value: form.endDate, right: 5 });
    r++;
    cells.push({ r, c: 1, value: '项目总金额' }, { r, c: 3, value: '本年度项目金额' });
    amountCell(cells, r, 2, value(form.totalAmountKey));
    amountCell(cells, r, 4, value(form.currentYearKey), 5);
    r++;
    cells.push({ r, c: 1, value: '财政拨款资金' }, { r, c: 3, value: '其他资金' });
    amountCell(cells, r, 2, value(form.fiscalKey));
    amountCell(cells, r, 4, value(form.otherKey), 5);
    r++;
    cells.push({ r, c: 1, value: '资产采购计划' }, { r, c: 2, value: '固定资产采购金额' }, { r, c: 4, value: '采购品目' });
    amountCell(cells, r, 3, value(form.assetPurchaseKey));
    if (form.assetPurchaseItems) cells.push({ r, c: 5, value: form.assetPurchaseItems });
    r++;
    wide('项目概况', form.overview);
    wide('项目用途', form.usage);
    wide('项目总(中期)目标', form.midTermGoal);
    wide('年度绩效目标', form.annualGoal);
    if (form.indicators.length) {
      cells.push({ r, c: 1, value: '目标内容' }, { r, c: 2, value: '二级指标' }, { r, c: 3, value: '绩效指标' }, { r, c: 4, value: '指标目标值' }, { r, c: 5, value: '目标值来源' });
      indicatorCells(cells, r + 1, form.indicators, { level1: 1, level2: 2, name: 3, value: 4, source: 5 });
    }
    return { kind: 'form', id: 'T15', label: form.label, width: 5, cells };
  });
}
