/**
 * Last year's budget as the start of this year's ("拷入上年库"), and last year's figures as
 * reference in an open document.
 *
 * rollForwardDocument: the next year's document with the same units, economic and functional
 * lines, projects and sub-items, procurement items, transfer lines, texts and indicators (ids
 * kept); every amount of the new year empty; last year's printed figures kept in `previousYear`
 * (cell key → 分) for year-over-year comparison; 表12's previous-year rows filled with last year's
 * current-year “三公” amounts.
 *
 * previousYearInto: last year's figures matched onto an open document's rows (units by name, lines
 * by code, projects and sub-items by name) and stored in its `previousYear` — nothing else of the
 * open document changes.
 */
import { getCatalogue } from '../catalogue';
import { fillYear } from '../catalogue/headers';
import { evaluate } from '../compute/evaluate';
import { graphOf } from '../compute/inputCells';
import { normalizeName } from '../codes/normalize';
import { parseCellKey, cellKey, type TableId } from '../model/cellKey';
import type { DepartmentBudget, Project, ThreePublicExpensesAmounts } from '../model/document';
import type { Fen } from '../money/fen';
import { headerKey } from './headerMatch';

export interface RollForwardSummary {
  fromYear: number;
  toYear: number;
  units: number;
  economicLines: number;
  projects: number;
  subItems: number;
  functionalLines: number;
  procurementItems: number;
  transferLines: number;
  /** Cells of last year kept in `previousYear`. */
  previousYearCells: number;
}

/** Every non-empty amount of a document as printed (reported where printed, else computed), by cell key. */
export function printedAmounts(doc: DepartmentBudget): Map<string, Fen> {
  const { graph } = graphOf(doc);
  const ev = evaluate(graph, doc);
  const out = new Map<string, Fen>();
  for (let i = 0; i < graph.size; i++) {
    if (ev.nonEmpty[i] === 0) continue;
    const key = graph.keys[i]!;
    if (key.startsWith('T0|')) continue;
    out.set(key, ev.shown[i]! as Fen);
  }
  return out;
}

function shiftDate(d: string | null): string | null {
  if (!d) return d;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m) return d;
  const year = Number(m[1]) + 1;
  let day = m[3]!;
  if (m[2] === '02' && day === '29') day = '28';
  return `${year}-${m[2]}-${day}`;
}

const emptyThree = (): ThreePublicExpensesAmounts => ({ officialTravelAbroad: null, officialReception: null, vehiclePurchase: null, vehicleOperation: null });

export function rollForwardDocument(last: DepartmentBudget): { doc: DepartmentBudget; summary: RollForwardSummary } {
  const year = last.department.fiscalYear + 1;
  const catalogue = getCatalogue(last.catalogueId);
  const mapById = <T, U>(c: { byId: Record<string, T>; order: string[] }, f: (x: T) => U) => ({
    byId: Object.fromEntries(c.order.map((id) => [id, f(c.byId[id]!)])) as Record<string, U>,
    order: [...c.order],
  });
  const notes: Record<string, string> = {};
  for (const [table, note] of Object.entries(last.notes)) {
    const def = catalogue.tables.find((t) => t.id === table);
    const defaults = [def?.note, def?.emptyNote].filter((n): n is string => !!n).map((n) => headerKey(fillYear(n, last.department.fiscalYear)));
    if (!defaults.includes(headerKey(note))) notes[table] = note;
  }
  const threePublicExpenses: DepartmentBudget['threePublicExpenses'] = {};
  for (const u of last.units.order) {
    const tp = last.threePublicExpenses[u];
    threePublicExpenses[u] = { previousYear: tp ? { ...tp.currentYear } : emptyThree(), currentYear: emptyThree() };
  }
  const previousYear: Record<string, Fen | null> = {};
  for (const [k, v] of printedAmounts(last)) previousYear[k] = v;
  const doc: DepartmentBudget = {
    ...last,
    department: { ...last.department, fiscalYear: year },
    printedPrecisionFen: null,
    units: mapById(last.units, (u) => ({ ...u })),
    incomes: Object.fromEntries(last.units.order.map((u) => [u, {}])),
    economicLines: mapById(last.economicLines, (l) => ({ ...l, amounts: {} })),
    projects: mapById(last.projects, (p): Project => ({
      ...p,
      tableNames: { ...p.tableNames },
      fundUses: [...p.fundUses],
      startDate: shiftDate(p.startDate),
      endDate: shiftDate(p.endDate),
      totalAmount: null,
      assetPurchaseAmount: null,
      texts: { ...p.texts },
      indicators: p.indicators.map((i) => ({ ...i })),
    })),
    subItems: mapById(last.subItems, (s) => ({ ...s, amounts: {} })),
    functionalLines: mapById(last.functionalLines, (l) => ({ ...l, basicExpenditure: null, projectExpenditure: null })),
    transferLines: mapById(last.transferLines, (l) => ({ ...l, amount: null })),
    procurementItems: mapById(last.procurementItems, (l) => ({ ...l, amount: null })),
    unitProcurement: Object.fromEntries(last.units.order.map((u) => [u, { smeReserved: null, microReserved: null, priorYearProcurementPayable: null }])),
    threePublicExpenses,
    otherExpenditure: Object.fromEntries(last.units.order.map((u) => [u, { subsidyToAffiliates: null, remittanceToSuperior: null, carryOverOut: null }])),
    performance: { ...last.performance, indicators: last.performance.indicators.map((i) => ({ ...i })) },
    notes,
    reported: {},
    previousYear,
    acceptedWarnings: {},
  };
  return {
    doc,
    summary: {
      fromYear: last.department.fiscalYear,
      toYear: year,
      units: last.units.order.length,
      economicLines: last.economicLines.order.length,
      projects: last.projects.order.length,
      subItems: last.subItems.order.length,
      functionalLines: last.functionalLines.order.length,
      procurementItems: last.procurementItems.order.length,
      transferLines: last.transferLines.order.length,
      previousYearCells: Object.keys(previousYear).length,
    },
  };
}

export interface PreviousYearResult {
  doc: DepartmentBudget;
  /** Cells of the open document that received last year's figure. */
  matchedCells: number;
  /** Last year's rows with no counterpart in the open document (Chinese descriptions). */
  unmatched: string[];
}

/** Row-key translation from last year's document to the open one. */
function rowMapper(last: DepartmentBudget, open: DepartmentBudget): { map(row: string): string | null; unmatched: string[] } {
  const unmatched: string[] = [];
  const unitMap = new Map<string, string>();
  const openUnits = new Map<string, string>();
  for (const id of open.units.order) {
    const u = open.units.byId[id]!;
    for (const n of [u.name, u.fullName]) if (n) openUnits.set(normalizeName(n), id);
  }
  for (const id of last.units.order) {
    const u = last.units.byId[id]!;
    const hit = [u.name, u.fullName].filter((n): n is string => !!n).map((n) => openUnits.get(normalizeName(n))).find(Boolean);
    if (hit) unitMap.set(id, hit);
    else unmatched.push(`预算单位“${u.name}”`);
  }
  const items = <T>(c: { byId: Record<string, T>; order: string[] }) => c.order.map((id) => c.byId[id]!);
  const lastUnit = (id: string) => unitMap.get(id) ?? null;
  const translate = <T extends { id: string; unitId: string }>(lastItems: T[], openItems: T[], key: (x: T, unit: string) => string, describe: (x: T) => string) => {
    const pool = new Map<string, string[]>();
    for (const x of openItems) {
      const k = key(x, x.unitId);
      pool.set(k, [...(pool.get(k) ?? []), x.id]);
    }
    const out = new Map<string, string>();
    for (const x of lastItems) {
      const u = lastUnit(x.unitId);
      const hit = u ? pool.get(key(x, u))?.shift() : undefined;
      if (hit) out.set(x.id, hit);
      else unmatched.push(describe(x));
    }
    return out;
  };
  const econMap = translate(items(last.economicLines), items(open.economicLines), (l, u) => `${u}|${l.code}`, (l) => `经济分类 ${l.code}`);
  const projectNames = (p: Project) => [p.name, p.tableNames.table13, p.tableNames.table14, p.tableNames.table15].filter((n): n is string => !!n).map(normalizeName);
  const projectMap = new Map<string, string>();
  const openProjects = items(open.projects);
  const usedProjects = new Set<string>();
  for (const p of items(last.projects)) {
    const u = lastUnit(p.unitId);
    const names = projectNames(p);
    const hit = u ? openProjects.find((q) => q.unitId === u && !usedProjects.has(q.id) && projectNames(q).some((n) => names.includes(n))) : undefined;
    if (hit) {
      projectMap.set(p.id, hit.id);
      usedProjects.add(hit.id);
    } else unmatched.push(`项目“${p.name}”`);
  }
  const subMap = new Map<string, string>();
  const openSubs = new Map<string, string[]>();
  for (const s of items(open.subItems)) {
    const k = `${s.projectId}|${normalizeName(s.name)}`;
    openSubs.set(k, [...(openSubs.get(k) ?? []), s.id]);
  }
  for (const s of items(last.subItems)) {
    const p = projectMap.get(s.projectId);
    const hit = p ? openSubs.get(`${p}|${normalizeName(s.name)}`)?.shift() : undefined;
    if (hit) subMap.set(s.id, hit);
    else if (p) unmatched.push(`二级项目“${s.name}”`);
  }
  const funcMap = translate(items(last.functionalLines), items(open.functionalLines), (l, u) => `${u}|${l.fund}|${l.code}`, (l) => `功能分类 ${l.code}`);
  const transferMap = translate(items(last.transferLines), items(open.transferLines), (l, u) => `${u}|${l.code}|${normalizeName(l.projectName)}`, (l) => `上级专项转移支付 ${l.code}`);
  const procMap = translate(items(last.procurementItems), items(open.procurementItems), (l, u) => `${u}|${l.code}`, (l) => `采购品目 ${l.code}`);

  const map = (row: string): string | null => {
    const colon = row.indexOf(':');
    if (colon < 0) return row; // dept, basic, total
    const kind = row.slice(0, colon);
    const rest = row.slice(colon + 1);
    const via = (m: Map<string, string>, prefix: string) => {
      const id = m.get(rest);
      return id ? `${prefix}:${id}` : null;
    };
    switch (kind) {
      case 'dept':
      case 'in':
      case 'out':
        return row;
      case 'u': {
        const parts = rest.split(':');
        const u = unitMap.get(parts[0]!);
        return u ? ['u', u, ...parts.slice(1)].join(':') : null;
      }
      case 'ec':
      case 'pg': {
        const i = rest.lastIndexOf(':');
        const u = unitMap.get(rest.slice(0, i));
        return u ? `${kind}:${u}:${rest.slice(i + 1)}` : null;
      }
      case 'e':
        return via(econMap, 'e');
      case 'p':
        return via(projectMap, 'p');
      case 's':
        return via(subMap, 's');
      case 'f':
        return via(funcMap, 'f');
      case 't':
        return via(transferMap, 't');
      case 'pi':
        return via(procMap, 'pi');
      default:
        return null;
    }
  };
  return { map, unmatched };
}

export function previousYearInto(open: DepartmentBudget, last: DepartmentBudget): PreviousYearResult {
  const { map, unmatched } = rowMapper(last, open);
  const openGraph = graphOf(open).graph;
  const previousYear: Record<string, Fen | null> = {};
  let matchedCells = 0;
  for (const [key, value] of printedAmounts(last)) {
    const ref = parseCellKey(key);
    const row = map(ref.row);
    if (row === null) continue;
    const target = cellKey(ref.table as TableId, row, ref.column);
    if (openGraph.idOf(target) === undefined) continue;
    previousYear[target] = value;
    matchedCells++;
  }
  return { doc: { ...open, previousYear }, matchedCells, unmatched };
}
