/**
 * Headline totals per unit (the department first): income (表2 收入总计), expenditure (表3 支出总计),
 * basic and project expenditure — computed from the inputs.
 */
import { cellKey, rowKeys as R } from '../model/cellKey';
import type { DepartmentBudget } from '../model/document';
import type { Evaluation } from '../compute/evaluate';

export interface UnitTotals {
  name: string;
  incomeTotalFen: number;
  expenditureTotalFen: number;
  basicExpenditureFen: number;
  projectExpenditureFen: number;
}

export function unitTotals(doc: DepartmentBudget, ev: Evaluation): UnitTotals[] {
  const value = (k: string) => {
    const id = ev.graph.idOf(k);
    return id === undefined ? 0 : ev.computed[id]!;
  };
  const row = (rowKey: string, name: string): UnitTotals => ({
    name,
    incomeTotalFen: value(cellKey('T2', rowKey, 'incomeTotal')),
    expenditureTotalFen: value(cellKey('T3', rowKey, 'total')),
    basicExpenditureFen: value(cellKey('T3', rowKey, 'basic')),
    projectExpenditureFen: value(cellKey('T3', rowKey, 'project')),
  });
  return [row(R.dept, doc.department.name), ...doc.units.order.map((u) => row(R.unit(u), doc.units.byId[u]!.name))];
}
