/** Which document row a grid row stands for (for structural commands on the focused row). */
import type { RowTarget } from '../../shared/edit';
import type { DepartmentBudget } from '../../shared/model/document';

export function rowTargetOf(rowId: string): RowTarget | null {
  const [prefix, id, extra] = rowId.split(':');
  if (id === undefined) return null;
  switch (prefix) {
    case 'u':
      return { kind: 'unit', id };
    case 'p':
      return { kind: 'project', id };
    case 's':
      return { kind: 'subItem', id };
    case 'e':
      return { kind: 'economicLine', id };
    case 'f':
      return { kind: 'functionalLine', id };
    case 't':
      return { kind: 'transferLine', id };
    case 'pi':
      return { kind: 'procurementItem', id };
    default:
      void extra;
      return null;
  }
}

/** The budget unit a row belongs to (the department row: none). */
export function unitOfRow(doc: DepartmentBudget, rowId: string): string | null {
  const [prefix, id] = rowId.split(':');
  if (id === undefined) return null;
  switch (prefix) {
    case 'u':
    case 'ec':
    case 'pg':
      return Object.hasOwn(doc.units.byId, id) ? id : null;
    case 'p':
      return doc.projects.byId[id]?.unitId ?? null;
    case 's': {
      const s = doc.subItems.byId[id];
      return s ? (doc.projects.byId[s.projectId]?.unitId ?? null) : null;
    }
    case 'e':
      return doc.economicLines.byId[id]?.unitId ?? null;
    case 'f':
      return doc.functionalLines.byId[id]?.unitId ?? null;
    case 't':
      return doc.transferLines.byId[id]?.unitId ?? null;
    case 'pi':
      return doc.procurementItems.byId[id]?.unitId ?? null;
    default:
      return null;
  }
}

/** The project a 表5 row belongs to (project row or sub-item row). */
export function projectOfRow(doc: DepartmentBudget, rowId: string): string | null {
  const [prefix, id] = rowId.split(':');
  if (id === undefined) return null;
  if (prefix === 'p') return Object.hasOwn(doc.projects.byId, id) ? id : null;
  if (prefix === 's') return doc.subItems.byId[id]?.projectId ?? null;
  return null;
}
