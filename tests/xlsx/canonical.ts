/**
 * An id-free view of a document for comparing a document with what an import made of it: units,
 * lines and projects in order with their printed names, every amount rounded to the printed step
 * (half away from zero) and every text. Written independently of the importer (it reads only the
 * document model and the code lists).
 */
import { getCodeLists } from '../../shared/codes/registry';
import type { DepartmentBudget, FundingAmounts, Indicator } from '../../shared/model/document';
import { FUNDING_LEAVES } from '../../shared/model/funding';

function round(v: number | null | undefined, step: number): number | null {
  if (v === null || v === undefined) return null;
  const m = Math.abs(v);
  const r = m % step;
  const q = m - r + (2 * r >= step ? step : 0);
  return q === 0 ? 0 : v < 0 ? -q : q;
}

function amounts(a: FundingAmounts, step: number): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const leaf of FUNDING_LEAVES) out[leaf] = round(a[leaf], step);
  return out;
}

const indicator = (i: Indicator) => ({ level1: i.level1, level2: i.level2, name: i.name, value: i.value, source: i.source ?? '' });

const FUND_RANK: Record<string, number> = { generalPublicBudget: 0, governmentFund: 1, stateCapitalBudget: 2, specialAccountFunding: 3, nonFiscal: 4 };

/**
 * Lines in the order the printed tables list them: by unit, economic lines by category
 * (工资福利 before 商品和服务 …), functional lines by table (表7, 表8, 表9), procurement items by group;
 * otherwise in document order.
 */
function printedOrder<T>(items: T[], key: (x: T) => (number | string)[]): T[] {
  return items
    .map((x, i) => ({ x, k: [...key(x), i] }))
    .sort((a, b) => {
      for (let j = 0; j < a.k.length; j++) if (a.k[j] !== b.k[j]) return a.k[j]! < b.k[j]! ? -1 : 1;
      return 0;
    })
    .map((e) => e.x);
}

export function canonical(doc: DepartmentBudget, step: number) {
  const lists = getCodeLists(doc.department.fiscalYear);
  const all = <T>(c: { byId: Record<string, T>; order: string[] }) => c.order.map((id) => c.byId[id]!);
  const unitIndex = new Map(doc.units.order.map((id, i) => [id, i]));
  const u = (id: string) => unitIndex.get(id) ?? -1;
  const subItems = all(doc.subItems);
  return {
    catalogueId: doc.catalogueId,
    department: doc.department,
    units: all(doc.units).map((x) => ({ name: x.name, fullName: x.fullName ?? x.name, kind: x.kind })),
    incomes: doc.units.order.map((id) => amounts(doc.incomes[id] ?? {}, step)),
    economicLines: printedOrder(all(doc.economicLines), (l) => [u(l.unitId), l.code.slice(0, 3)]).map((l) => ({ unit: u(l.unitId), code: l.code, name: l.name ?? lists.economic.get(l.code)?.name, amounts: amounts(l.amounts, step) })),
    projects: printedOrder(all(doc.projects), (p) => [u(p.unitId)]).map((p) => ({
      unit: u(p.unitId),
      name: p.name,
      table13: p.tableNames.table13 ?? p.name,
      table14: p.tableNames.table14 ?? p.name,
      table15: p.tableNames.table15 ?? p.name,
      type: p.type,
      fundUses: [...p.fundUses].sort(),
      startDate: p.startDate,
      endDate: p.endDate,
      performanceManaged: p.performanceManaged,
      totalAmount: round(p.totalAmount, step),
      assetPurchaseAmount: round(p.assetPurchaseAmount, step),
      assetPurchaseItems: p.assetPurchaseItems,
      texts: p.texts,
      indicators: p.indicators.map(indicator),
      subItems: subItems.filter((s) => s.projectId === p.id).map((s) => ({ name: s.name, amounts: amounts(s.amounts, step) })),
    })),
    functionalLines: printedOrder(all(doc.functionalLines), (l) => [FUND_RANK[l.fund] ?? 9, u(l.unitId)]).map((l) => ({ unit: u(l.unitId), code: l.code, name: l.name ?? lists.functional.get(l.code)?.name, fund: l.fund, basic: round(l.basicExpenditure, step), project: round(l.projectExpenditure, step) })),
    transferLines: printedOrder(all(doc.transferLines), (l) => [u(l.unitId)]).map((l) => ({ unit: u(l.unitId), code: l.code, name: l.name ?? lists.functional.get(l.code)?.name, projectName: l.projectName, amount: round(l.amount, step) })),
    procurementItems: printedOrder(all(doc.procurementItems), (l) => [u(l.unitId), l.code.slice(0, 1)]).map((l) => ({ unit: u(l.unitId), code: l.code, name: l.name ?? lists.procurement.get(l.code)?.name, amount: round(l.amount, step) })),
    unitProcurement: doc.units.order.map((id) => {
      const p = doc.unitProcurement[id];
      return { sme: round(p?.smeReserved, step), micro: round(p?.microReserved, step), prior: round(p?.priorYearProcurementPayable, step) };
    }),
    threePublicExpenses: doc.units.order.map((id) => {
      const t = doc.threePublicExpenses[id];
      const f = (x: Record<string, number | null> | undefined) => ({
        officialTravelAbroad: round(x?.officialTravelAbroad, step),
        officialReception: round(x?.officialReception, step),
        vehiclePurchase: round(x?.vehiclePurchase, step),
        vehicleOperation: round(x?.vehicleOperation, step),
      });
      return { previousYear: f(t?.previousYear), currentYear: f(t?.currentYear) };
    }),
    otherExpenditure: doc.units.order.map((id) => {
      const o = doc.otherExpenditure[id];
      return { a: round(o?.subsidyToAffiliates, step), b: round(o?.remittanceToSuperior, step), c: round(o?.carryOverOut, step) };
    }),
    performance: { overallGoal: doc.performance.overallGoal, basicTaskContent: doc.performance.basicTaskContent, indicators: doc.performance.indicators.map(indicator) },
  };
}
