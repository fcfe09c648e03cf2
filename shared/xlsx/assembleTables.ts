/**
 * Turning the rows read from 表2–表13 into the document: which row is the department, a unit,
 * an economic category or line, a project or sub-item, a functional/transfer/procurement line —
 * by unit name, classification code or name, and project name. Inputs go into the document;
 * printed values of computed cells are recorded for `reported`.
 */
import { cellKey, rowKeys as R, tableRowKey, type TableId } from '../model/cellKey';
import { normalizeName } from './norm';
import type { BudgetUnit, DisplayUnit, EconomicLine, FundingAmounts, Project } from '../model/document';
import { FUNDING_LEAVES, type FundingLeaf } from '../model/funding';
import type { Fen } from '../money/fen';
import { T3_INPUT_COLUMNS, T12_LEAF_COLUMNS } from '../compute/buildGraph';
import type { ImportContext } from './importContext';
import type { ReadRow, ReadTable } from './importTables';
import { totalsKind } from './rowEvidence';
import { printedStepOf } from './cellValues';
import { judgeEquality, type Verdict } from '../rules/tolerance';

const LEAVES = new Set<string>(FUNDING_LEAVES);

export function rowRef(t: ReadTable, row: ReadRow): string {
  return t.sheet.ref(row.r, 1);
}

/**
 * Read every amount of a row: leaf columns into `inputs`, the others as printed cells of `rowKey`.
 * In a row that prints amounts, an empty amount cell is printed too: a blank (over a total of 0 it
 * says nothing; over any other total it is what the workbook prints).
 */
export function readRowAmounts(ctx: ImportContext, t: ReadTable, unit: DisplayUnit, row: ReadRow, rowKey: string | null, inputs: ((col: string, fen: Fen | null) => boolean) | null): number {
  let n = 0;
  const row_ = rowKey ? tableRowKey(t.def.id as TableId, rowKey) : '';
  for (const col in row.amounts) {
    const cell = row.amounts[col]!;
    const fen = ctx.amount(t.sheet, unit, cell.raw, row.r, cell.col);
    if (fen === undefined) continue;
    if (fen !== null) n++;
    if (inputs && inputs(col, fen)) continue;
    if (rowKey) ctx.print(row_, col, fen, t.sheet, row.r, cell.col);
  }
  if (rowKey && n > 0) {
    for (const [c, col] of t.amountColumns) {
      if (col in row.amounts) continue;
      // An empty input is just empty (inputs take a blank as nothing); only totals are printed blank.
      if (inputs && inputs(col, null)) continue;
      ctx.print(row_, col, null, t.sheet, row.r, c);
    }
  }
  return n;
}

export function hasAmounts(row: ReadRow): boolean {
  return Object.keys(row.amounts).length > 0;
}

export interface TableResult {
  rows: number;
  amounts: number;
}

/**
 * Which row of 表2/表3 is the department's: a 合计/总计 row or the department's name wherever it
 * sits; else the first row when it is no known unit and its amounts are the sum of the rows below
 * (or, with nothing to add up, when it is not a 本级 name). -1 when the table has no department row.
 */
export function departmentRowOf(ctx: ImportContext, t: ReadTable, unit: DisplayUnit): number {
  const label = (r: ReadRow) => r.labels.unit ?? '';
  const total = t.rows.findIndex((r) => totalsKind(label(r)) === 'all');
  if (total >= 0) return total;
  const named = t.rows.findIndex((r) => label(r) !== '' && ctx.isDepartmentName(label(r)));
  if (named >= 0) return named;
  const first = t.rows.findIndex((r) => label(r) !== '');
  if (first < 0 || ctx.unitByName(label(t.rows[first]!))) return -1;
  const others = t.rows.filter((r, k) => k !== first && label(r) !== '' && !totalsKind(label(r)));
  const amountsOf = (r: ReadRow) => {
    const out = new Map<string, number>();
    for (const [col, cell] of Object.entries(r.amounts)) out.set(col, ctx.amountQuiet(cell.raw, unit) ?? 0);
    return out;
  };
  const top = amountsOf(t.rows[first]!);
  const sums = new Map<string, number>();
  for (const r of others) for (const [col, v] of amountsOf(r)) sums.set(col, (sums.get(col) ?? 0) + v);
  const step = printedStepOf([...top.values(), ...others.flatMap((r) => [...amountsOf(r).values()])], unit);
  const cols = new Set([...top.keys(), ...sums.keys()]);
  const nonZero = [...cols].some((c) => (top.get(c) ?? 0) !== 0 || (sums.get(c) ?? 0) !== 0);
  if (others.length === 0 || !nonZero) return /本级$/.test(normalizeName(label(t.rows[first]!))) ? -1 : first;
  const tolerance = (others.length * step) / 2;
  return [...cols].every((c) => Math.abs((top.get(c) ?? 0) - (sums.get(c) ?? 0)) <= tolerance) ? first : -1;
}

/** Units listed by a unit-rows table (表2/表3): every row but the department's and totals. */
export function unitsFromUnitRows(ctx: ImportContext, t: ReadTable, unit: DisplayUnit): void {
  const dept = departmentRowOf(ctx, t, unit);
  t.rows.forEach((row, i) => {
    const name = row.labels.unit;
    if (!name) return;
    if (i === dept) {
      if (!totalsKind(name)) ctx.deptShortName ??= name;
      return;
    }
    if (totalsKind(name)) return;
    ctx.addUnit(name);
  });
}

/** 表2 (incomes) and 表3 (expenditure overview with its procurement inputs). */
export function assembleUnitRows(ctx: ImportContext, t: ReadTable, unit: DisplayUnit): TableResult {
  const table = t.def.id;
  let amounts = 0;
  const dept = departmentRowOf(ctx, t, unit);
  t.rows.forEach((row, i) => {
    const name = row.labels.unit ?? '';
    if (i === dept) {
      amounts += readRowAmounts(ctx, t, unit, row, R.dept, null);
      return;
    }
    const u = ctx.unitByName(name);
    if (!u) {
      if (name || hasAmounts(row)) ctx.skip(rowRef(t, row), name ? `单位“${name}”无法识别，本行已跳过` : '本行没有单位名称，已跳过');
      return;
    }
    amounts += readRowAmounts(ctx, t, unit, row, R.unit(u.id), (col, fen) => {
      if (table === 'T2' && LEAVES.has(col)) {
        const inc = (ctx.doc.incomes[u.id] ??= {});
        if (fen !== null) inc[col as FundingLeaf] = fen;
        return true;
      }
      if (table === 'T3' && (T3_INPUT_COLUMNS as readonly string[]).includes(col)) {
        const p = (ctx.doc.unitProcurement[u.id] ??= { smeReserved: null, microReserved: null, priorYearProcurementPayable: null });
        p[col as (typeof T3_INPUT_COLUMNS)[number]] = fen;
        return true;
      }
      return false;
    });
  });
  return { rows: t.rows.length, amounts };
}

export function leafInputs(target: FundingAmounts): (col: string, fen: Fen | null) => boolean {
  return (col, fen) => {
    if (!LEAVES.has(col)) return false;
    if (fen !== null) target[col as FundingLeaf] = fen;
    return true;
  };
}

/**
 * Department row of 表4/表5 and unit rows; returns the unit for unit rows, 'dept' for the department
 * row: a 合计/总计 row or the department's name wherever it sits, or an unknown first row.
 */
export function unitOrDept(ctx: ImportContext, name: string, index: number, isOther: (name: string) => boolean): BudgetUnit | 'dept' | null {
  if (totalsKind(name) === 'all') return 'dept';
  const u = ctx.unitByName(name);
  if (u && !(index === 0 && ctx.isDepartmentName(name))) return u;
  if (ctx.isDepartmentName(name) || (index === 0 && !isOther(name))) return 'dept';
  return null;
}

const CODE_PREFIX = /^(\d{3,7})\s*[-—.、:：]?\s*(.*)$/;

/** 表4 基本支出预算表: department, unit, 经济分类 类 and 款 rows. */
export function assembleEconomic(ctx: ImportContext, t: ReadTable, unit: DisplayUnit): TableResult {
  const econ = ctx.lists.economic;
  let current: BudgetUnit | null = null;
  let category: string | null = null;
  let amounts = 0;
  const categoryOf = (name: string) => {
    const m = CODE_PREFIX.exec(name);
    if (m && m[1]!.length === 3) return m[1]!;
    return econ.findOneByName(name, { level: 1 })?.code ?? null;
  };
  const isOther = (n: string) => categoryOf(n) !== null || econ.findByName(n, { level: 2 }).length > 0;
  // Indentation relative to each unit's rows: its categories are the least indented (null: one level only).
  const categoryIndent = new Map<number, number | null>();
  // Each row's unit-or-department reading, worked out once for both passes (units are all known by now).
  const who: (BudgetUnit | 'dept' | null | undefined)[] = [];
  const whoOf = (name: string, i: number) => (who[i] !== undefined ? who[i] : (who[i] = unitOrDept(ctx, name, i, isOther)));
  let members: number[] = [];
  const flush = () => {
    const levels = new Set(members.map((k) => t.rows[k]!.indent));
    const top = levels.size >= 2 ? Math.min(...levels) : null;
    for (const k of members) categoryIndent.set(k, top);
    members = [];
  };
  t.rows.forEach((row, i) => {
    const name = row.labels.name ?? '';
    if (!name || totalsKind(name)) return;
    if (whoOf(name, i)) flush();
    else members.push(i);
  });
  flush();
  t.rows.forEach((row, i) => {
    const name = row.labels.name ?? '';
    if (!name) {
      if (hasAmounts(row)) ctx.skip(rowRef(t, row), '本行没有项目名称，已跳过');
      return;
    }
    if (totalsKind(name) === 'unit') {
      if (current) amounts += readRowAmounts(ctx, t, unit, row, R.unit(current.id), null);
      return;
    }
    const rowIs = whoOf(name, i);
    if (rowIs === 'dept') {
      amounts += readRowAmounts(ctx, t, unit, row, R.dept, null);
      return;
    }
    if (rowIs) {
      current = rowIs;
      category = null;
      amounts += readRowAmounts(ctx, t, unit, row, R.unit(rowIs.id), null);
      return;
    }
    // A line named like a category (39999 其他支出 under 399 其他支出) stays a line: indentation decides
    // where the sheet has it, else being a child of the current category.
    const childOfCurrent = category !== null && econ.findOneByName(name, { level: 2, parent: category }) !== undefined;
    const top = categoryIndent.get(i) ?? null;
    const cat = top !== null ? (row.indent <= top ? categoryOf(name) : null) : childOfCurrent ? null : categoryOf(name);
    if (cat) {
      category = cat;
      if (!current) return ctx.skip(rowRef(t, row), `“${name}”之前没有预算单位行，本行已跳过`);
      amounts += readRowAmounts(ctx, t, unit, row, R.econCategory(current.id, cat), null);
      return;
    }
    const m = CODE_PREFIX.exec(name);
    const printedName = m && m[1]!.length === 5 ? m[2]!.trim() || name : name;
    let code: string | undefined = m && m[1]!.length === 5 ? m[1] : undefined;
    if (!code) code = (category ? econ.findOneByName(name, { level: 2, parent: category }) : undefined)?.code ?? econ.findOneByName(name, { level: 2 })?.code;
    // A name of the document's own (kept in the hidden metadata) for a line of this unit.
    if (!code && current) code = ctx.meta?.economicLines.find((l) => l.unitId === current!.id && l.name !== undefined && normalizeName(l.name) === normalizeName(printedName))?.code;
    if (!code) return ctx.skip(rowRef(t, row), `无法识别的经济分类科目“${name}”（不在${ctx.lists.economic.year}年经济分类科目中），本行已跳过`);
    if (!current) return ctx.skip(rowRef(t, row), `“${name}”之前没有预算单位行，本行已跳过`);
    const u: BudgetUnit = current;
    const id = ctx.ids.take(`e|${u.id}|${code}`, 'e');
    const listName = econ.get(code)?.name;
    const line: EconomicLine = { id, unitId: u.id, code, ...(printedName !== listName ? { name: printedName } : {}), amounts: {} };
    ctx.doc.economicLines.byId[id] = line;
    ctx.doc.economicLines.order.push(id);
    amounts += readRowAmounts(ctx, t, unit, row, R.econLine(id), leafInputs(line.amounts));
  });
  return { rows: t.rows.length, amounts };
}

/** Unit rows of the 预算单位-column tables (表7–表11): a unit label and no code; 合计 the department's, 小计 the unit's. */
/**
 * A row of a line under a unit, whose unit cell (if any) repeats the unit it stands under: it has a
 * code, or a name of its own (the code printed before it: 2010301 行政运行).
 */
function isLineRow(row: ReadRow): boolean {
  const name = row.labels.name?.trim();
  return !!row.labels.code || (!!name && normalizeName(name) !== normalizeName(row.labels.unit ?? ''));
}

function unitRow(ctx: ImportContext, t: ReadTable, row: ReadRow, index: number): BudgetUnit | 'dept' | 'subtotal' | null | undefined {
  const name = row.labels.unit ?? '';
  if (!name || isLineRow(row)) return undefined;
  const total = totalsKind(name);
  if (total) return total === 'all' ? 'dept' : 'subtotal';
  if (ctx.isDepartmentName(name) && !(ctx.unitByName(name) && index > 0)) return 'dept';
  if (index === 0 && !ctx.unitByName(name)) return 'dept';
  const u = ctx.unitByName(name);
  if (!u) ctx.skip(rowRef(t, row), `单位“${name}”无法识别，本行已跳过`);
  return u ?? null;
}

export function unitsFromUnitColumn(ctx: ImportContext, t: ReadTable): void {
  t.rows.forEach((row, i) => {
    const name = row.labels.unit ?? '';
    if (!name || isLineRow(row) || totalsKind(name)) return;
    if (i === 0 && (ctx.isDepartmentName(name) || !ctx.unitByName(name))) {
      ctx.deptShortName ??= name;
      return;
    }
    if (!ctx.unitByName(name) && !ctx.isDepartmentName(name)) {
      ctx.note(`${t.def.sheetName}中的单位“${name}”在表2中没有，已按新单位读取`, rowRef(t, row));
      ctx.addUnit(name);
    }
  });
}

function codeText(text: string | undefined): string {
  return normalizeName(text ?? '').replace(/\s/g, '');
}

const FUNCTIONAL_PREFIX = /^(\d{7}|\d{5}|\d{3})(?:\s*[-—.、:：]?\s*(\S.*))?$/;
const PROCUREMENT_PREFIX = /^([A-CＡ-Ｃ](?:[\d０-９][0-9A-Z０-９Ａ-Ｚ]*)?)(?:[\s\u3000]+(\S.*))?$/;

/** The row's code and name: from the code column, else a code printed before the name (2010301 行政运行). */
function codeAndName(row: ReadRow, prefix: RegExp): { code: string; name: string } {
  const name = row.labels.name ?? '';
  const code = codeText(row.labels.code);
  if (code || !name) return { code, name };
  const m = prefix.exec(name.trim());
  return m ? { code: codeText(m[1]), name: (m[2] ?? '').trim() } : { code, name };
}

/**
 * Rows of a table that lists lines under unit rows (表7–表11): department and unit rows are read
 * as printed totals; every other row is handed to `onLine` with the unit it stands under (null
 * before the first unit row). Returns how many rows and amounts were read.
 */
function forEachLineRow(
  ctx: ImportContext,
  t: ReadTable,
  unit: DisplayUnit,
  onLine: (row: ReadRow, current: BudgetUnit | null, add: (amounts: number) => void) => void,
): TableResult {
  let current: BudgetUnit | null = null;
  let amounts = 0;
  const add = (n: number) => {
    amounts += n;
  };
  t.rows.forEach((row, i) => {
    const who = unitRow(ctx, t, row, i);
    if (who === 'dept') return add(readRowAmounts(ctx, t, unit, row, R.dept, null));
    if (who === 'subtotal') {
      if (current) add(readRowAmounts(ctx, t, unit, row, R.unit(current.id), null));
      return;
    }
    if (who === null) return;
    if (who) {
      current = who;
      return add(readRowAmounts(ctx, t, unit, row, R.unit(who.id), null));
    }
    onLine(row, current, add);
  });
  return { rows: t.rows.length, amounts };
}

/** 表7/表8/表9: functional 项 lines of one fund. */
export function assembleFunctional(ctx: ImportContext, t: ReadTable, unit: DisplayUnit): TableResult {
  const fund = t.def.fund!;
  const list = ctx.lists.functional;
  return forEachLineRow(ctx, t, unit, (row, current, add) => {
    const read = codeAndName(row, FUNCTIONAL_PREFIX);
    const name = read.name;
    let code = read.code;
    if (!code && name) code = list.findOneByName(name, { level: 3 })?.code ?? '';
    if (!/^\d{7}$/.test(code)) {
      if (/^\d{3}$|^\d{5}$/.test(code)) return ctx.skip(rowRef(t, row), `科目编码 ${code} 是类/款汇总行，已跳过（由项级明细汇总计算）`);
      if (code || name || hasAmounts(row)) ctx.skip(rowRef(t, row), `无法识别的科目编码“${row.labels.code ?? ''}”${name ? `（${name}）` : ''}，应为 7 位项级编码，本行已跳过`);
      return;
    }
    if (!current) return ctx.skip(rowRef(t, row), `科目 ${code} 之前没有预算单位行，本行已跳过`);
    const u: BudgetUnit = current;
    const id = ctx.ids.take(`f|${u.id}|${fund}|${code}`, 'f');
    const listName = list.get(code)?.name;
    const line = { id, unitId: u.id, code, ...(name && name !== listName ? { name } : {}), fund, basicExpenditure: null as Fen | null, projectExpenditure: null as Fen | null };
    ctx.doc.functionalLines.byId[id] = line;
    ctx.doc.functionalLines.order.push(id);
    add(readRowAmounts(ctx, t, unit, row, R.functionalLine(id), (col, fen) => {
      // The table's column ids (basic / project) hold the line's basicExpenditure / projectExpenditure.
      if (col === 'basic') line.basicExpenditure = fen;
      else if (col === 'project') line.projectExpenditure = fen;
      else return false;
      return true;
    }));
  });
}

/** 表10 上级专项转移支付 lines. */
export function assembleTransfers(ctx: ImportContext, t: ReadTable, unit: DisplayUnit): TableResult {
  const list = ctx.lists.functional;
  return forEachLineRow(ctx, t, unit, (row, current, add) => {
    const read = codeAndName(row, FUNCTIONAL_PREFIX);
    const name = read.name;
    const projectName = row.labels.projectName ?? '';
    let code = read.code;
    if (!code && name) code = list.findOneByName(name, { level: 3 })?.code ?? '';
    if (!/^\d{7}$/.test(code)) {
      if (code || name || projectName || hasAmounts(row)) ctx.skip(rowRef(t, row), `无法识别的科目编码“${row.labels.code ?? ''}”，应为 7 位项级编码，本行已跳过`);
      return;
    }
    if (!current) return ctx.skip(rowRef(t, row), `科目 ${code} 之前没有预算单位行，本行已跳过`);
    const u: BudgetUnit = current;
    const id = ctx.ids.take(`t|${u.id}|${code}|${normalizeName(projectName)}`, 't');
    const listName = list.get(code)?.name;
    const line = { id, unitId: u.id, code, ...(name && name !== listName ? { name } : {}), projectName, amount: null as Fen | null };
    ctx.doc.transferLines.byId[id] = line;
    ctx.doc.transferLines.order.push(id);
    add(readRowAmounts(ctx, t, unit, row, R.transferLine(id), (col, fen) => {
      if (col !== 'amount') return false;
      line.amount = fen;
      return true;
    }));
  });
}

/** 表11 政府采购: department, unit, 品目 group and item rows. */
export function assembleProcurement(ctx: ImportContext, t: ReadTable, unit: DisplayUnit): TableResult {
  const list = ctx.lists.procurement;
  return forEachLineRow(ctx, t, unit, (row, current, add) => {
    const read = codeAndName(row, PROCUREMENT_PREFIX);
    const name = read.name;
    let code = read.code.toUpperCase();
    if (!code && name) code = list.findOneByName(name)?.code ?? '';
    if (!/^[A-C][0-9A-Z]*$/.test(code)) {
      if (code || name || hasAmounts(row)) ctx.skip(rowRef(t, row), `无法识别的采购品目编号“${row.labels.code ?? ''}”${name ? `（${name}）` : ''}，本行已跳过`);
      return;
    }
    if (!current) return ctx.skip(rowRef(t, row), `品目 ${code} 之前没有预算单位行，本行已跳过`);
    const u: BudgetUnit = current;
    if (code.length === 1) return add(readRowAmounts(ctx, t, unit, row, R.procurementGroup(u.id, code), null));
    const id = ctx.ids.take(`pi|${u.id}|${code}`, 'pi');
    const listName = list.get(code)?.name;
    const item = { id, unitId: u.id, code, ...(name && name !== listName ? { name } : {}), amount: null as Fen | null };
    ctx.doc.procurementItems.byId[id] = item;
    ctx.doc.procurementItems.order.push(id);
    add(readRowAmounts(ctx, t, unit, row, R.procurementItem(id), (col, fen) => {
      if (col !== 'amount') return false;
      item.amount = fen;
      return true;
    }));
  });
}

/** 表12 “三公”经费: per unit a previous-year and a current-year row. */
export function assembleThreePublic(ctx: ImportContext, t: ReadTable, unit: DisplayUnit): TableResult {
  let label = '';
  let first: string | null = null;
  let amounts = 0;
  for (const row of t.rows) {
    if (row.labels.unit) label = row.labels.unit;
    first ??= label;
    const yearText = row.labels.year ?? '';
    const m = /((?:19|20)\d{2})/.exec(normalizeName(yearText));
    const y = m ? Number(m[1]) : NaN;
    const which = y === ctx.fiscalYear ? 'cur' : y === ctx.fiscalYear - 1 ? 'prev' : null;
    if (!which) {
      if (yearText || hasAmounts(row)) ctx.skip(rowRef(t, row), `年度“${yearText}”既不是 ${ctx.fiscalYear} 年也不是 ${ctx.fiscalYear - 1} 年，本行已跳过`);
      continue;
    }
    if (totalsKind(label) === 'all' || (label === first && (ctx.isDepartmentName(label) || !ctx.unitByName(label)))) {
      if (!totalsKind(label)) ctx.deptShortName ??= label;
      amounts += readRowAmounts(ctx, t, unit, row, R.threePublic(null, which), null);
      continue;
    }
    const u = ctx.unitByName(label);
    if (!u) {
      ctx.skip(rowRef(t, row), `单位“${label}”无法识别，本行已跳过`);
      continue;
    }
    const tp = (ctx.doc.threePublicExpenses[u.id] ??= { previousYear: emptyThreePublicExpenses(), currentYear: emptyThreePublicExpenses() });
    const target = which === 'cur' ? tp.currentYear : tp.previousYear;
    amounts += readRowAmounts(ctx, t, unit, row, R.threePublic(u.id, which), (col, fen) => {
      if (!(T12_LEAF_COLUMNS as readonly string[]).includes(col)) return false;
      target[col as (typeof T12_LEAF_COLUMNS)[number]] = fen;
      return true;
    });
  }
  return { rows: t.rows.length, amounts };
}

export function emptyThreePublicExpenses() {
  return { officialTravelAbroad: null, officialReception: null, vehiclePurchase: null, vehicleOperation: null };
}

export function unitsFromThreePublic(ctx: ImportContext, t: ReadTable): void {
  let first: string | null = null;
  for (const row of t.rows) {
    const name = row.labels.unit;
    if (!name) continue;
    if (totalsKind(name)) continue;
    if (first === null) {
      first = name;
      if (ctx.isDepartmentName(name) || !ctx.unitByName(name)) {
        ctx.deptShortName ??= name;
        continue;
      }
    }
    if (name !== first && !ctx.unitByName(name) && !ctx.isDepartmentName(name)) {
      ctx.note(`表12中的单位“${name}”在表2中没有，已按新单位读取`, rowRef(t, row));
      ctx.addUnit(name);
    }
  }
}

/** Parse 2020.1.1-2020.12.31 (表13 预算执行时间) into ISO dates. */
export function parsePeriod(text: string): { start: string | null; end: string | null } {
  const date = /((?:19|20)\d{2})[.\-/年](\d{1,2})[.\-/月](\d{1,2})日?/g;
  const found = [...normalizeName(text).matchAll(date)].map((m) => `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`);
  return { start: found[0] ?? null, end: found[1] ?? null };
}

export interface MatchHints<T> {
  /** Index of the project an item stands at (表15-N is the N-th project). */
  position?: (item: T, index: number) => number | null;
  /** Whether a project can be the item's at all (e.g. the same unit). */
  compatible?: (item: T, project: Project) => boolean;
  /** Whether a project is a likely match (e.g. equal amounts). */
  prefer?: (item: T, project: Project) => boolean;
}

/**
 * Match printed project names to projects: equal names first (the 表5 name or one of the other
 * tables' names), then by position, then in order — each remaining item takes the next compatible
 * unmatched project after the previous match, preferring a likely one (tables list projects in the
 * same order).
 */
export function matchProjects<T extends { name: string }>(items: T[], projects: Project[], hints: MatchHints<T> = {}): (Project | null)[] {
  const byName = new Map<string, Project[]>();
  projects.forEach((p) => {
    const names = new Set([p.name, p.tableNames.table13, p.tableNames.table14, p.tableNames.table15].filter((n): n is string => !!n).map(normalizeName));
    for (const n of names) {
      const list = byName.get(n);
      if (list) list.push(p);
      else byName.set(n, [p]);
    }
  });
  const compatible = (item: T, p: Project) => !hints.compatible || hints.compatible(item, p);
  const index = new Map(projects.map((p, i) => [p.id, i]));
  const taken = new Set<string>();
  const out: (Project | null)[] = items.map(() => null);
  items.forEach((item, i) => {
    const p = byName.get(normalizeName(item.name))?.find((x) => !taken.has(x.id) && compatible(item, x));
    if (p) {
      out[i] = p;
      taken.add(p.id);
    }
  });
  let cursor = -1;
  items.forEach((item, i) => {
    if (out[i]) {
      cursor = index.get(out[i]!.id)!;
      return;
    }
    const pos = hints.position?.(item, i);
    if (pos !== null && pos !== undefined && projects[pos] && !taken.has(projects[pos].id)) {
      out[i] = projects[pos];
      taken.add(projects[pos].id);
      cursor = pos;
      return;
    }
    let chosen = -1;
    for (const pass of [0, 1]) {
      for (let k = cursor + 1; k < projects.length && chosen < 0; k++) {
        const p = projects[k]!;
        if (taken.has(p.id) || !compatible(item, p)) continue;
        if (pass === 1 || !hints.prefer || hints.prefer(item, p)) chosen = k;
      }
      if (chosen >= 0 || !hints.prefer) break;
    }
    if (chosen >= 0) {
      out[i] = projects[chosen]!;
      taken.add(projects[chosen]!.id);
      cursor = chosen;
    }
  });
  return out;
}

/** 表13 部门预算绩效管理项目情况表: which projects are performance-managed, their 表13 names, units' full names, dates. */
export function assemblePerformanceProjects(ctx: ImportContext, t: ReadTable, unit: DisplayUnit, projects: Project[]): TableResult {
  // 合计 and 小计 rows are totals, never projects.
  const rows = t.rows.filter((r) => r.labels.name && !totalsKind(r.labels.name) && !totalsKind(r.labels.unit));
  const step = ctx.sheetStep(t.sheet.name, unit);
  const items = rows.map((r) => ({
    name: r.labels.name!,
    unit: r.labels.unit ? ctx.unitByName(r.labels.unit) : undefined,
    total: r.amounts.total ? ctx.amountQuiet(r.amounts.total.raw, unit) : null,
  }));
  const metaOrder = ctx.meta?.performanceProjects ?? [];
  const matched = matchProjects(items, projects, {
    position: (_item, i) => {
      const id = metaOrder[i];
      const k = id === undefined ? -1 : projects.findIndex((p) => p.id === id);
      return k >= 0 ? k : null;
    },
    compatible: (item, p) => !item.unit || item.unit.id === p.unitId,
    prefer: (item, p) => {
      const printed = ctx.printed.fenOf(cellKey('T5', R.project(p.id), 'total')) ?? null;
      return item.total !== null && printed !== null && Math.abs(printed - item.total) < step;
    },
  });
  for (const p of projects) p.performanceManaged = false;
  let amounts = 0;
  rows.forEach((row, i) => {
    const p = matched[i];
    if (!p) return ctx.skip(rowRef(t, row), `项目“${row.labels.name}”在表5中没有，本行已跳过`);
    p.performanceManaged = true;
    if (row.labels.name !== p.name) p.tableNames.table13 = row.labels.name!;
    const unitText = row.labels.unit;
    const u = ctx.units.find((x) => x.id === p.unitId);
    if (u && unitText && unitText !== u.name && !u.fullName) ctx.setFullName(u, unitText);
    if (row.labels.period) {
      const { start, end } = parsePeriod(row.labels.period);
      p.startDate ??= start;
      p.endDate ??= end;
    }
    amounts += readRowAmounts(ctx, t, unit, row, R.project(p.id), null);
  });
  checkTotalsRows(ctx, t, unit, rows);
  return { rows: rows.length, amounts };
}

/** 表13's 合计 (all projects) and 小计 (one unit's projects) rows against the project rows they add up. */
function checkTotalsRows(ctx: ImportContext, t: ReadTable, unit: DisplayUnit, projectRows: ReadRow[]): void {
  const step = ctx.sheetStep(t.sheet.name, unit);
  const value = (row: ReadRow, col: string) => (row.amounts[col] ? (ctx.amountQuiet(row.amounts[col].raw, unit) ?? 0) : 0);
  for (const row of t.rows) {
    const kind = totalsKind(row.labels.name) ?? totalsKind(row.labels.unit);
    if (!kind || !hasAmounts(row)) continue;
    const u = kind === 'unit' && row.labels.unit ? ctx.unitByName(row.labels.unit) : undefined;
    if (kind === 'unit' && !u) continue;
    const parts = kind === 'all' ? projectRows : projectRows.filter((r) => r.labels.unit && ctx.unitByName(r.labels.unit) === u);
    const cols = new Set([...Object.keys(row.amounts), ...parts.flatMap((r) => Object.keys(r.amounts))]);
    const order: Verdict[] = ['equal', 'roundingGap', 'differs'];
    let verdict: Verdict = 'equal';
    for (const col of cols) {
      const v = judgeEquality(value(row, col) - parts.reduce((s, r) => s + value(r, col), 0), parts.length, step);
      if (order.indexOf(v) > order.indexOf(verdict)) verdict = v;
    }
    ctx.localTotals.push({ table: t.def.id, sheet: t.sheet.name, row: row.r, verdict });
  }
}
