/**
 * An import that checks itself: how well the imported document explains the printed numbers.
 * Every printed total (a printed value of a computed cell) is compared with what the document
 * computes from its printed detail — the audit's own comparison (rules/effective.ts: equal, a
 * rounding gap within n × half a printed unit, or a real difference; one misprint counts once).
 * Disagreements that pile up in one table look like a misread structure (a sub-item read as a
 * project, a unit row missed) rather than the publisher's own misprints: those tables are named
 * with their rows.
 */
import { buildGraph } from '../compute/buildGraph';
import { evaluate } from '../compute/evaluate';
import { NodeKind } from '../compute/graph';
import { parseCellKey } from '../model/cellKey';
import type { DepartmentBudget } from '../model/document';
import { computeEffective, Status } from '../rules/effective';
import type { PrintedLog } from './importContext';
import type { ReportItem, StructureCheck } from './report';

/** A table is suspect when at least this many of its rows disagree … */
const SUSPECT_ROWS = 2;
/** … and they are at least this share of its rows with printed totals. */
const SUSPECT_SHARE = 0.2;
const ROWS_NAMED = 12;

interface TableTally {
  sheet: string;
  rows: Set<number>;
  differingRows: Set<number>;
}

export function checkStructure(doc: DepartmentBudget, printed: PrintedLog): StructureCheck {
  const { graph } = buildGraph(doc);
  // Every printed total as reported (the last printed value of a key decides); a blank over a zero total says nothing.
  const last = new Map<string, number>();
  for (let i = 0; i < printed.keys.length; i++) last.set(printed.keys[i]!, i);
  const all: Record<string, number | null> = {};
  const nodeEntry = new Map<number, number>();
  for (const [key, i] of last) {
    const id = graph.idOf(key);
    if (id === undefined || graph.kind[id] === NodeKind.Input) continue;
    all[key] = printed.fens[i]!;
    nodeEntry.set(id, i);
  }
  const ev = evaluate(graph, { ...doc, reported: all } as DepartmentBudget);
  const eff = computeEffective(ev);
  let agree = 0;
  let roundingGaps = 0;
  let differ = 0;
  const tables = new Map<string, TableTally>();
  for (const [id, i] of nodeEntry) {
    const fen = printed.fens[i];
    if ((fen === null || fen === 0) && ev.computed[id] === 0) continue;
    const status = eff.trivial ? Status.Equal : (eff.status[id] as Status);
    const table = parseCellKey(printed.keys[i]!).table;
    const row = Math.floor(printed.cells[i]! / 16_384);
    let tally = tables.get(table);
    if (!tally) tables.set(table, (tally = { sheet: printed.sheets[i]!.name, rows: new Set(), differingRows: new Set() }));
    tally.rows.add(row);
    if (status === Status.Differs) {
      differ++;
      tally.differingRows.add(row);
    } else {
      agree++;
      if (status === Status.RoundingGap) roundingGaps++;
    }
  }
  const warnings: ReportItem[] = [];
  for (const [table, t] of tables) {
    const n = t.differingRows.size;
    if (n < SUSPECT_ROWS || n < SUSPECT_SHARE * t.rows.size) continue;
    const rows = [...t.differingRows].sort((a, b) => a - b);
    const named = rows.slice(0, ROWS_NAMED).join('、') + (rows.length > ROWS_NAMED ? ` 等 ${rows.length} 行` : '');
    warnings.push({
      message: `${tableLabel(table)}（工作表“${t.sheet}”）第 ${named} 行打印的合计与读入的明细不一致，可能是表格结构没有读对（单位行、项目与二级项目的层级、合计行）。请核对这些行；若原表本身有误，可忽略本提示。`,
    });
  }
  return { agree, roundingGaps, differ, warnings };
}

function tableLabel(table: string): string {
  return /^T\d+$/.test(table) ? `表${table.slice(1)}` : table;
}
