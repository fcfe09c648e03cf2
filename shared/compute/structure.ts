/**
 * Row structure derived from the document: which lines belong to which unit/project, in order.
 * Shared by the cell graph and the table projection so both enumerate rows identically.
 */
import type { DepartmentBudget, EconomicLine, FunctionalLine, ProcurementItem, Project, SubItem, TransferLine } from '../model/document';
import type { FunctionalFund } from '../model/funding';

export interface EconomicCategory {
  code: string;
  lines: EconomicLine[];
}

export interface UnitStructure {
  unitId: string;
  economicCategories: EconomicCategory[];
  projects: { project: Project; subItems: SubItem[] }[];
  functionalLines: FunctionalLine[];
  transferLines: TransferLine[];
  /** 表11 品目 groups (first letter) in A, B, C order, with their items. */
  procurementGroups: { group: string; items: ProcurementItem[] }[];
}

export interface BudgetStructure {
  units: UnitStructure[];
  unitById: Map<string, UnitStructure>;
  /** Every project in document order (units in unit order). */
  projects: Project[];
}

function byUnit<T extends { unitId: string }>(order: string[], byId: Record<string, T>): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const id of order) {
    const item = byId[id]!;
    const list = map.get(item.unitId);
    if (list) list.push(item);
    else map.set(item.unitId, [item]);
  }
  return map;
}

/** Codes are ASCII digits and capital letters: plain code-unit order (same as localeCompare for them, much faster). */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildStructure(doc: DepartmentBudget): BudgetStructure {
  const econ = byUnit(doc.economicLines.order, doc.economicLines.byId);
  const projects = byUnit(doc.projects.order, doc.projects.byId);
  const functional = byUnit(doc.functionalLines.order, doc.functionalLines.byId);
  const transfers = byUnit(doc.transferLines.order, doc.transferLines.byId);
  const procurement = byUnit(doc.procurementItems.order, doc.procurementItems.byId);
  const subItems = new Map<string, SubItem[]>();
  for (const id of doc.subItems.order) {
    const s = doc.subItems.byId[id]!;
    const list = subItems.get(s.projectId);
    if (list) list.push(s);
    else subItems.set(s.projectId, [s]);
  }

  const units: UnitStructure[] = doc.units.order.map((unitId) => {
    const categories = new Map<string, EconomicLine[]>();
    for (const line of econ.get(unitId) ?? []) {
      const cat = line.code.slice(0, 3);
      const list = categories.get(cat);
      if (list) list.push(line);
      else categories.set(cat, [line]);
    }
    const groups = new Map<string, ProcurementItem[]>();
    for (const item of procurement.get(unitId) ?? []) {
      const g = item.code.slice(0, 1);
      const list = groups.get(g);
      if (list) list.push(item);
      else groups.set(g, [item]);
    }
    return {
      unitId,
      economicCategories: [...categories.entries()].sort(([a], [b]) => compareCodes(a, b)).map(([code, lines]) => ({ code, lines })),
      projects: (projects.get(unitId) ?? []).map((project) => ({ project, subItems: subItems.get(project.id) ?? [] })),
      functionalLines: functional.get(unitId) ?? [],
      transferLines: transfers.get(unitId) ?? [],
      procurementGroups: [...groups.entries()].sort(([a], [b]) => compareCodes(a, b)).map(([group, items]) => ({ group, items })),
    };
  });
  return {
    units,
    unitById: new Map(units.map((u) => [u.unitId, u])),
    projects: units.flatMap((u) => u.projects.map((p) => p.project)),
  };
}

/** The table showing functional lines of a fund: 表7 一般公共预算, 表8 政府性基金, 表9 国有资本经营; other funds sit in the auxiliary sheet T0. */
export function functionalTableOf(fund: FunctionalFund): 'T7' | 'T8' | 'T9' | 'T0' {
  switch (fund) {
    case 'generalPublicBudget':
      return 'T7';
    case 'governmentFund':
      return 'T8';
    case 'stateCapitalBudget':
      return 'T9';
    default:
      return 'T0';
  }
}
