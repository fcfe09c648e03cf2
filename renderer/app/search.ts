/**
 * 查找 (Ctrl+F): names and codes across every table — row labels, 科目编码 / 编号 columns, the codes
 * behind 经济分类 and 功能分类 rows that print only a name, and the projects of 表14/表15.
 */
import type { Catalogue } from '../../shared/catalogue';
import type { BudgetStructure } from '../../shared/compute/structure';
import { parseCellKey, type TableId } from '../../shared/model/cellKey';
import type { DepartmentBudget } from '../../shared/model/document';
import type { NameLookup } from '../../shared/tables/names';
import { projectTable } from '../../shared/tables/project';
import { AUXILIARY_TABLE } from '../../shared/tables/auxiliary';

export interface SearchHit {
  view: string;
  tableLabel: string;
  rowId: string;
  colId: string;
  text: string;
}

/** A code the row stands for but does not print (and the label column to point at for it). */
function hiddenCode(doc: DepartmentBudget, rowId: string, cells: Record<string, { key?: string }>): { code: string; col?: string } {
  const [prefix, id, extra] = rowId.split(':');
  if (prefix === 'e') return { code: doc.economicLines.byId[id ?? '']?.code ?? '' };
  if (prefix === 'ec') return { code: extra ?? '' };
  for (const c of Object.values(cells)) {
    if (!c.key) continue;
    const row = parseCellKey(c.key).row;
    if (row.startsWith('out:') && /^\d+$/.test(row.slice(4))) return { code: row.slice(4), col: 'outLabel' };
  }
  return { code: '' };
}

export function searchDocument(doc: DepartmentBudget, catalogue: Catalogue, names: NameLookup, structure: BudgetStructure, query: string, limit = 200): SearchHit[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const hits: SearchHit[] = [];
  for (const def of [...catalogue.tables, AUXILIARY_TABLE]) {
    if (def.layout === 'overallPerformanceForm') {
      structure.projects.forEach((p) => {
        const name = p.tableNames.table14 ?? p.name;
        if (name.toLowerCase().includes(q)) hits.push({ view: 'T14', tableLabel: '表14', rowId: `p:${p.id}`, colId: 'name', text: name });
      });
      continue;
    }
    if (def.layout === 'projectPerformanceForm') {
      structure.projects.forEach((p, i) => {
        const name = p.tableNames.table15 ?? p.name;
        if (name.toLowerCase().includes(q)) hits.push({ view: `T15:${p.id}`, tableLabel: `表15-${i + 1}`, rowId: `p:${p.id}`, colId: 'name', text: name });
      });
      continue;
    }
    const table = projectTable(doc, catalogue, def.id as TableId, names, structure);
    for (const row of table.rows) {
      const { code, col: codeCol } = hiddenCode(doc, row.id, row.cells);
      let matched = false;
      for (const col of table.columns) {
        const text = row.cells[col.key]?.text;
        if (!text) continue;
        if (text.toLowerCase().includes(q)) {
          hits.push({ view: def.id, tableLabel: table.label, rowId: row.id, colId: col.key, text: code && !text.includes(code) ? `${code} ${text}` : text });
          matched = true;
          break;
        }
      }
      if (!matched && code && code.toLowerCase().includes(q)) {
        const firstLabel = table.columns.find((c) => c.kind === 'label' && row.cells[c.key]?.text && (!codeCol || c.key === codeCol));
        if (firstLabel) hits.push({ view: def.id, tableLabel: table.label, rowId: row.id, colId: firstLabel.key, text: `${code} ${row.cells[firstLabel.key]!.text}` });
      }
      if (hits.length >= limit) return hits;
    }
  }
  return hits;
}
