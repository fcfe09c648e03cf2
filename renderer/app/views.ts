/** The views of the table list: 表1…表14, then one 表15-N per project (by project name). */
import type { Catalogue } from '../../shared/catalogue';
import type { TableId } from '../../shared/model/cellKey';
import type { DepartmentBudget } from '../../shared/model/document';
import type { BudgetStructure } from '../../shared/compute/structure';
import { AUXILIARY_TABLE } from '../../shared/tables/auxiliary';

/** A grid table id (T1…T14) or `T15:<projectId>`. */
export type ViewId = string;

export interface ViewEntry {
  id: ViewId;
  label: string;
  title: string;
  kind: 'grid' | 'overallForm' | 'projectForm';
  projectId?: string;
}

export function viewEntries(doc: DepartmentBudget, catalogue: Catalogue, structure: BudgetStructure): ViewEntry[] {
  const out: ViewEntry[] = [];
  for (const t of catalogue.tables) {
    if (t.layout === 'projectPerformanceForm') {
      structure.projects.forEach((p, i) =>
        out.push({ id: `T15:${p.id}`, label: `表15-${i + 1}`, title: p.tableNames.table15 ?? p.name, kind: 'projectForm', projectId: p.id }),
      );
    } else out.push({ id: t.id, label: `表${t.number}`, title: t.title, kind: t.layout === 'overallPerformanceForm' ? 'overallForm' : 'grid' });
  }
  // Not an official table: the functional lines of the other funds (see shared/tables/auxiliary.ts).
  out.push({ id: AUXILIARY_TABLE.id, label: AUXILIARY_TABLE.sheetName, title: '其他资金支出功能分类', kind: 'grid' });
  void doc;
  return out;
}

export function isGridView(view: ViewId): view is TableId {
  return /^T\d+$/.test(view) && view !== 'T14' && view !== 'T15';
}

/** The view showing a cell of a table (T15 cells live on their project's form). */
export function viewOfKey(table: string, row: string): ViewId {
  return table === 'T15' && row.startsWith('p:') ? `T15:${row.slice(2)}` : table;
}
