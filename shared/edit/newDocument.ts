/** A new, empty department budget (新建): one own-office unit and no amounts. */
import { DEFAULT_CATALOGUE_ID } from '../catalogue';
import { departmentBudgetSchema, emptyUnitRecords, type DepartmentBudget, type DisplayUnit } from '../model/document';
import { emptyDocument } from '../model/emptyDocument';

export interface NewDocumentSpec {
  name: string;
  shortName?: string;
  fiscalYear: number;
  displayUnit?: DisplayUnit;
  catalogueId?: string;
}

export function createEmptyBudget(spec: NewDocumentSpec): DepartmentBudget {
  const name = spec.name.trim() || '新部门';
  const shortName = (spec.shortName ?? '').trim() || name;
  const doc = emptyDocument(
    { name, shortName, competentDepartment: name, fiscalYear: spec.fiscalYear, displayUnit: spec.displayUnit ?? 'wan' },
    spec.catalogueId ?? DEFAULT_CATALOGUE_ID,
  );
  return departmentBudgetSchema.parse({
    ...doc,
    units: { byId: { 'u-1': { id: 'u-1', name: `${shortName}本级`, kind: 'ownOffice' } }, order: ['u-1'] },
    ...Object.fromEntries(Object.entries(emptyUnitRecords()).map(([k, record]) => [k, { 'u-1': record }])),
  });
}
