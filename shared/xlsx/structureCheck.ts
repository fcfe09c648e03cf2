/**
 * An import that checks itself: how well the imported document explains the printed numbers.
 * Every printed total (a printed value of a computed cell) is compared with what the document
 * computes from its printed detail — the audit's own comparison (rules/effective.ts: equal, a
 * rounding gap within n × half a printed unit, or a real difference; one misprint counts once).
 * Disagreements that pile up in one table look like a misread structure (a sub-item read as a
 * project, a unit row missed) rather than the publisher's own misprints: those tables are named
 * with their rows. Totals printed blank over parts that are not count as disagreements but not
 * as signs of a misread structure (a publisher leaving a 小计 empty).
 */
import { buildGraph } from '../compute/buildGraph';
import { evaluate, type Evaluation } from '../compute/evaluate';
import type { DepartmentBudget } from '../model/document';
import { computeEffective, Status } from '../rules/effective';
import type { LocalTotal, PrintedLog } from './importContext';
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

/**
 * `ev`: the evaluation of the imported document (without printed totals); `lastEntry[node]`: the
 * index in `printed` of the last printed value of each computed node (-1: never printed).
 */
export function checkStructure(ev: Evaluation, printed: PrintedLog, lastEntry: Int32Array, local: readonly LocalTotal[] = []): StructureCheck {
  // Every printed total as reported (the last printed value of a node decides).
  const n = ev.graph.size;
  const hasReported = new Uint8Array(n);
  const reported = new Float64Array(n);
  for (let id = 0; id < n; id++) {
    const i = lastEntry[id]!;
    if (i < 0) continue;
    hasReported[id] = 1;
    reported[id] = printed.fens[i] ?? 0;
  }
  const eff = computeEffective({ ...ev, hasReported, reported });
  let agree = 0;
  let roundingGaps = 0;
  let differ = 0;
  const tables = new Map<string, TableTally>();
  for (let id = 0; id < n; id++) {
    const i = lastEntry[id]!;
    if (i < 0) continue;
    // A blank or 0 over a total of 0 says nothing.
    if (reported[id] === 0 && ev.computed[id] === 0) continue;
    const status = eff.trivial ? Status.Equal : (eff.status[id] as Status);
    const table = printed.tableAt(i);
    const row = Math.floor(printed.cells[i]! / 16_384);
    let tally = tables.get(table);
    if (!tally) tables.set(table, (tally = { sheet: printed.sheets[i]!, rows: new Set(), differingRows: new Set() }));
    tally.rows.add(row);
    if (status === Status.Differs) {
      differ++;
      // A total printed blank is the publisher's omission, not a sign of rows read wrongly.
      if (printed.fens[i] !== null) tally.differingRows.add(row);
    } else {
      agree++;
      if (status === Status.RoundingGap) roundingGaps++;
    }
  }
  // Totals rows that are no cell of the document (表13's 合计 and 小计), checked on their own.
  for (const l of local) {
    let tally = tables.get(l.table);
    if (!tally) tables.set(l.table, (tally = { sheet: l.sheet, rows: new Set(), differingRows: new Set() }));
    tally.rows.add(l.row);
    if (l.verdict === 'differs') {
      differ++;
      tally.differingRows.add(l.row);
    } else {
      agree++;
      if (l.verdict === 'roundingGap') roundingGaps++;
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

/** The same check of a document on its own (the importer reuses the evaluation it has). */
export function checkDocumentStructure(doc: DepartmentBudget, printed: PrintedLog): StructureCheck {
  const { graph } = buildGraph(doc);
  return checkStructure(evaluate(graph, { ...doc, reported: {} }), printed, printed.lastByNode(graph).lastEntry);
}

function tableLabel(table: string): string {
  return /^T\d+$/.test(table) ? `表${table.slice(1)}` : table;
}
