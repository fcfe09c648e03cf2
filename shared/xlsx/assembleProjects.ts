/**
 * 表5 项目支出预算表: department, unit, project and sub-item rows. Totals rows (合计/总计 wherever
 * they sit, 小计) are totals, never items; units are found by any form of their name; below each
 * unit row, which rows are projects and which their sub-items is decided by rowEvidence.ts from the
 * printed arithmetic together with indentation, numbering, bold and the names 表13–表15 list.
 */
import { rowKeys as R } from '../model/cellKey';
import type { BudgetUnit, DisplayUnit, Project, SubItem } from '../model/document';
import { printedStepOf } from './cellValues';
import { newProject } from '../model/newProject';
import { hasAmounts, leafInputs, readRowAmounts, rowRef, unitOrDept, type TableResult } from './assembleTables';
import type { ImportContext } from './importContext';
import type { ReadRow, ReadTable } from './importTables';
import { normalizeName } from './norm';
import { partitionProjects, totalsKind, type EvidenceRow } from './rowEvidence';

interface Block {
  unit: BudgetUnit;
  rows: ReadRow[];
}

/** Printed amounts of a row without recording anything (unreadable cells are left out here). */
function quietAmounts(ctx: ImportContext, unit: DisplayUnit, row: ReadRow): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [col, cell] of Object.entries(row.amounts)) {
    const v = ctx.amountQuiet(cell.raw, unit);
    if (v !== null) out[col] = v;
  }
  return out;
}


export function assembleProjects(ctx: ImportContext, t: ReadTable, unit: DisplayUnit, knownProjectNames: Set<string>): TableResult {
  let amounts = 0;
  const blocks: Block[] = [];
  let current: Block | null = null;
  const nameOf = (row: ReadRow) => (row.labels.name ?? '').trim();
  t.rows.forEach((row, i) => {
    const name = nameOf(row);
    if (!name) {
      if (hasAmounts(row)) ctx.skip(rowRef(t, row), '本行没有项目名称，已跳过');
      return;
    }
    if (totalsKind(name) === 'unit') {
      // A unit's 小计 (above or below its projects) is the unit's printed total.
      if (current) amounts += readRowAmounts(ctx, t, unit, row, R.unit((current as Block).unit.id), null);
      return;
    }
    const who = unitOrDept(ctx, name, i, () => false);
    if (who === 'dept') {
      amounts += readRowAmounts(ctx, t, unit, row, R.dept, null);
      return;
    }
    if (who) {
      amounts += readRowAmounts(ctx, t, unit, row, R.unit(who.id), null);
      current = { unit: who, rows: [] };
      blocks.push(current);
      return;
    }
    if (!current) return ctx.skip(rowRef(t, row), `“${name}”之前没有预算单位行，本行已跳过`);
    (current as Block).rows.push(row);
  });

  const printed = new Map<ReadRow, Record<string, number>>();
  // The values in a plain array, not a generator over `printed`: with the generator, each young-generation
  // GC during imports of the sample promoted ~0.8 MB instead of ~0.13 MB (--trace-gc-nvp), twice the pauses.
  const values: number[] = [];
  for (const b of blocks) {
    for (const r of b.rows) {
      const amounts = quietAmounts(ctx, unit, r);
      printed.set(r, amounts);
      for (const c in amounts) values.push(amounts[c]!);
    }
  }
  const step = printedStepOf(values, unit);
  for (const block of blocks) {
    const evidence: EvidenceRow[] = block.rows.map((row) => {
      const key = normalizeName(nameOf(row));
      return { indent: row.indent, bold: row.bold, numberingDepth: row.numbering, knownProject: knownProjectNames.has(key), key, amounts: printed.get(row)! };
    });
    const isProject = partitionProjects(evidence, step);
    let project: Project | null = null;
    block.rows.forEach((row, k) => {
      const name = nameOf(row);
      if (isProject[k] || !project) {
        const id = ctx.ids.take(`p|${block.unit.id}|${normalizeName(name)}`, 'p');
        project = newProject(id, block.unit.id, name);
        ctx.doc.projects.byId[id] = project;
        ctx.doc.projects.order.push(id);
        amounts += readRowAmounts(ctx, t, unit, row, R.project(id), null);
        return;
      }
      const p: Project = project;
      const id = ctx.ids.take(`s|${p.id}|${normalizeName(name)}`, 's');
      const sub: SubItem = { id, projectId: p.id, name, amounts: {} };
      ctx.doc.subItems.byId[id] = sub;
      ctx.doc.subItems.order.push(id);
      amounts += readRowAmounts(ctx, t, unit, row, R.subItem(id), leafInputs(sub.amounts));
    });
  }
  return { rows: t.rows.length, amounts };
}
