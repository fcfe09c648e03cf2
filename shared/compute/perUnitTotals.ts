/**
 * 表1's per-unit totals: 对附属单位补助支出 / 上缴上级支出 / 结转下年 are each the sum of one input
 * per unit, kept in the unit's row of 辅助表 (`T0|u:<unitId>|<field>`) and printed by no official
 * table (buildGraph.ts, relation `T1-other-expenditure`). With several units the clerk fills them in
 * through the total (按单位填写); with a single unit the 表1 cell is that unit's input.
 */
import { cellKey, parseCellKey, rowKeys } from '../model/cellKey';
import type { DepartmentBudget } from '../model/document';
import { OTHER_EXPENDITURE_FIELDS } from './buildGraph';

type PerUnitField = (typeof OTHER_EXPENDITURE_FIELDS)[number];

/** One unit's input behind a per-unit total. */
export interface PerUnitPart {
  unitId: string;
  unitName: string;
  key: string;
}

const totalKey = (field: string) => cellKey('T1', rowKeys.expenditure(field), 'amount');
const unitInputKey = (unitId: string, field: PerUnitField) => cellKey('T0', rowKeys.unit(unitId), field);
const FIELD_OF_TOTAL = new Map<string, PerUnitField>(OTHER_EXPENDITURE_FIELDS.map((f) => [totalKey(f), f]));
const PER_UNIT_FIELDS: ReadonlySet<string> = new Set(OTHER_EXPENDITURE_FIELDS);

/** The cell an edit of `key` sets: with a single unit, a per-unit total is that unit's input. */
export function editedCellOf(doc: DepartmentBudget, key: string): string {
  const field = FIELD_OF_TOTAL.get(key);
  if (field === undefined || doc.units.order.length !== 1) return key;
  return unitInputKey(doc.units.order[0]!, field);
}

/** The inputs a per-unit total adds up, one per unit in the units' order; null for any other cell, or with a single unit. */
export function perUnitPartsOf(doc: DepartmentBudget, key: string): PerUnitPart[] | null {
  const field = FIELD_OF_TOTAL.get(key);
  if (field === undefined || doc.units.order.length < 2) return null;
  return doc.units.order.map((unitId) => ({ unitId, unitName: doc.units.byId[unitId]?.name ?? unitId, key: unitInputKey(unitId, field) }));
}

/** The cell that shows `key` in a table: a unit's per-unit input is shown (and entered) through 表1's total. */
export function shownCellOf(key: string): string {
  const { table, row, column } = parseCellKey(key);
  return table === 'T0' && row.startsWith('u:') && PER_UNIT_FIELDS.has(column) ? totalKey(column) : key;
}
