/** A new, empty department budget (新建): one own-office unit and no amounts. */
import { DEFAULT_CATALOGUE_ID } from '../catalogue';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, departmentBudgetSchema, type DepartmentBudget, type DisplayUnit } from '../model/document';

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
  const none = { officialTravelAbroad: null, officialReception: null, vehiclePurchase: null, vehicleOperation: null };
  return departmentBudgetSchema.parse({
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    catalogueId: spec.catalogueId ?? DEFAULT_CATALOGUE_ID,
    department: { name, shortName, competentDepartment: name, fiscalYear: spec.fiscalYear, displayUnit: spec.displayUnit ?? 'wan' },
    printedPrecisionFen: null,
    units: { byId: { 'u-1': { id: 'u-1', name: `${shortName}本级`, kind: 'ownOffice' } }, order: ['u-1'] },
    incomes: { 'u-1': {} },
    economicLines: { byId: {}, order: [] },
    projects: { byId: {}, order: [] },
    subItems: { byId: {}, order: [] },
    functionalLines: { byId: {}, order: [] },
    transferLines: { byId: {}, order: [] },
    procurementItems: { byId: {}, order: [] },
    unitProcurement: { 'u-1': { smeReserved: null, microReserved: null, priorYearProcurementPayable: null } },
    threePublic: { 'u-1': { previousYear: { ...none }, currentYear: { ...none } } },
    otherExpenditure: { 'u-1': { subsidyToAffiliates: null, remittanceToSuperior: null, carryOverOut: null } },
    performance: { overallGoal: '', basicTaskContent: '', indicators: [] },
    notes: {},
    reported: {},
    previousYear: {},
    acceptedWarnings: {},
  });
}
