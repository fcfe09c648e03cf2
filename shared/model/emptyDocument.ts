/** The one definition of an empty document: a department with no units, lines or amounts. */
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type DepartmentBudget, type Department } from './document';

export function emptyDocument(department: Department, catalogueId: string): DepartmentBudget {
  return {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    catalogueId,
    department,
    printedPrecisionFen: null,
    units: { byId: {}, order: [] },
    incomes: {},
    economicLines: { byId: {}, order: [] },
    projects: { byId: {}, order: [] },
    subItems: { byId: {}, order: [] },
    functionalLines: { byId: {}, order: [] },
    transferLines: { byId: {}, order: [] },
    procurementItems: { byId: {}, order: [] },
    unitProcurement: {},
    threePublicExpenses: {},
    otherExpenditure: {},
    performance: { overallGoal: '', basicTaskContent: '', indicators: [] },
    notes: {},
    reported: {},
    previousYear: {},
    acceptedWarnings: {},
  };
}
