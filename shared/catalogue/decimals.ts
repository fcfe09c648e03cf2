/**
 * How many decimals amounts are shown and exported with: the document's own precision (the decimals
 * of the workbook it was read from) in its own unit, else the catalogue's decimals for the unit.
 */
import type { Department, DisplayUnit } from '../model/document';
import type { Catalogue } from './types';

/** Most decimals a clerk can choose for an exported or shown amount. */
export const MAX_DECIMALS = 6;

export function amountDecimals(catalogue: Catalogue, department: Department, unit: DisplayUnit = department.displayUnit): number {
  if (unit === department.displayUnit && department.displayDecimals !== undefined) return department.displayDecimals;
  return catalogue.decimals[unit];
}
