/**
 * Audit engine benchmark on the large generated department (tests/fixtures/largeBudget.ts:
 * 300 units, ~470,000 cells): a full check, then single-cell edits at random places re-checked
 * incrementally — and the same sums written as formulas in HyperFormula (devDependency, GPL:
 * benchmark only, never bundled), timed on the same edits in the same process.
 *
 * Reported (milliseconds unless named otherwise; names without the `rules` prefix are the ones
 * the issue asks for):
 * - fullCheckMs: runAudit(doc) end to end (graph, evaluation, every rule), median of runs
 *   (fullCheckMinMs the fastest); rulesGraphBuildMs / rulesEvaluateMs: its first two stages alone.
 * - incrementalCheckMedianMs / incrementalCheckP95Ms: session.applyPatches for one edit (delta
 *   propagation, effective values, the rules reading the changed cells, the findings diff).
 * - hyperformulaIncrementalMedianMs: setCellContents of the same cell to the same value, which
 *   recomputes its dependents and returns their new values; ratioIncrementalVsHyperformula =
 *   ours / HyperFormula's median.
 */
import { HyperFormula } from 'hyperformula';
import { enablePatches, produceWithPatches, type Draft } from 'immer';
import { buildGraph } from '../../../shared/compute/buildGraph';
import { evaluate } from '../../../shared/compute/evaluate';
import { NodeKind, type Graph } from '../../../shared/compute/graph';
import type { DepartmentBudget } from '../../../shared/model/document';
import { createAuditSession } from '../../../shared/rules/engine';
import { runAudit } from '../../../shared/rules/audit';
import { generateLargeBudget } from '../../fixtures/largeBudget';
import type { BenchSuite } from '../run';
import { median, percentile } from '../stats';
import { prng } from '../../fixtures/prng';

enablePatches();

const FULL_RUNS = 7;
const WARMUP_EDITS = 300;
const TIMED_EDITS = 1000;

function time(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}


interface Edit {
  node: number;
  path: readonly string[];
  value: number;
}

function plannedEdits(graph: Graph, count: number, seed: number): Edit[] {
  const inputs: number[] = [];
  for (let i = 0; i < graph.size; i++) if (graph.kind[i] === NodeKind.Input) inputs.push(i);
  const rnd = prng(seed);
  return Array.from({ length: count }, () => {
    const node = inputs[Math.floor(rnd() * inputs.length)]!;
    return { node, path: graph.inputPathOf(node)!, value: Math.floor(rnd() * 100_000) * 100 };
  });
}

function writePath(d: Draft<DepartmentBudget>, path: readonly string[], value: number): void {
  let cur = d as unknown as Record<string, unknown>;
  for (const p of path.slice(0, -1)) {
    if (cur[p] === undefined || cur[p] === null) cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[path[path.length - 1]!] = value;
}

/** One sheet row per graph node: inputs as values, sums and copies as formulas over the rows of their terms. */
function hyperformulaSheet(graph: Graph, doc: DepartmentBudget): (number | string)[][] {
  const ev = evaluate(graph, doc);
  const rows: (number | string)[][] = new Array(graph.size);
  const { kind, termStart, termList } = graph;
  for (let i = 0; i < graph.size; i++) {
    if (kind[i] === NodeKind.Input) rows[i] = [ev.computed[i]!];
    else {
      const refs: string[] = [];
      for (let p = termStart[i]!; p < termStart[i + 1]!; p++) refs.push(`A${termList[p]! + 1}`);
      rows[i] = [refs.length === 0 ? '=0' : kind[i] === NodeKind.Copy ? `=${refs[0]}` : `=SUM(${refs.join(',')})`];
    }
  }
  return rows;
}

const suite: BenchSuite = {
  name: 'rules',
  async run() {
    const results: Record<string, number | string | boolean> = {};
    let doc!: DepartmentBudget;
    results.rulesGenerateMs = time(() => (doc = generateLargeBudget()));

    // Full check.
    runAudit(doc); // warm-up (JIT)
    const full: number[] = [];
    const builds: number[] = [];
    const evals: number[] = [];
    let findings = 0;
    for (let r = 0; r < FULL_RUNS; r++) {
      full.push(time(() => (findings = runAudit(doc).length)));
      let built!: ReturnType<typeof buildGraph>;
      builds.push(time(() => (built = buildGraph(doc))));
      evals.push(time(() => evaluate(built.graph, doc)));
    }
    const { graph } = buildGraph(doc);
    let inputs = 0;
    for (let i = 0; i < graph.size; i++) if (graph.kind[i] === NodeKind.Input) inputs++;
    results.rulesUnits = doc.units.order.length;
    results.rulesCells = graph.size;
    results.rulesInputCells = inputs;
    results.rulesFindingsOnCleanDocument = findings;
    results.fullCheckMs = median(full);
    results.fullCheckMinMs = Math.min(...full);
    results.rulesGraphBuildMs = median(builds);
    results.rulesEvaluateMs = median(evals);

    // Incremental: the same edits for both engines.
    const warmup = plannedEdits(graph, WARMUP_EDITS, 1);
    const timed = plannedEdits(graph, TIMED_EDITS, 2);

    let sessionDoc = doc;
    let session!: ReturnType<typeof createAuditSession>;
    results.rulesSessionOpenMs = time(() => (session = createAuditSession(sessionDoc)));
    const ours: number[] = [];
    let changedFindings = 0;
    const apply = (e: Edit, record: boolean) => {
      const [next, patches] = produceWithPatches(sessionDoc, (d) => writePath(d, e.path, e.value));
      const t = time(() => {
        const ch = session.applyPatches(next, patches);
        changedFindings += ch.added.length + ch.changed.length + ch.removed.length;
      });
      sessionDoc = next;
      if (record) ours.push(t);
      return t;
    };
    results.rulesPrepareIncrementalMs = time(() => session.prepareIncremental()); // reverse edges and indexes (the worker does this after posting the findings)
    results.rulesFirstEditMs = apply(warmup[0]!, false);
    for (const e of warmup.slice(1)) apply(e, false);
    for (const e of timed) apply(e, true);
    results.incrementalCheckMedianMs = median(ours);
    results.incrementalCheckP95Ms = percentile(ours, 95);
    results.rulesIncrementalFindingChanges = changedFindings;

    // HyperFormula: same graph as formulas, same edits.
    let hf!: HyperFormula;
    const sheet = hyperformulaSheet(graph, doc);
    results.hyperformulaBuildMs = time(() => (hf = HyperFormula.buildFromArray(sheet, { licenseKey: 'gpl-v3', maxRows: graph.size + 1 })));
    const theirs: number[] = [];
    let hfChanges = 0;
    const setCell = (e: Edit, record: boolean) => {
      const t = time(() => {
        hfChanges += hf.setCellContents({ sheet: 0, col: 0, row: e.node }, [[e.value]]).length;
      });
      if (record) theirs.push(t);
    };
    for (const e of warmup) setCell(e, false);
    for (const e of timed) setCell(e, true);
    results.hyperformulaIncrementalMedianMs = median(theirs);
    results.hyperformulaIncrementalP95Ms = percentile(theirs, 95);
    results.hyperformulaChangedCells = hfChanges;
    // Both engines must agree on the result (a sanity check of the comparison, not a timing).
    const finalEval = session.evaluation;
    let mismatches = 0;
    for (let i = 0; i < graph.size; i += 97) if (hf.getCellValue({ sheet: 0, col: 0, row: i }) !== finalEval.computed[i]) mismatches++;
    results.hyperformulaValueMismatches = mismatches;
    hf.destroy();
    results.ratioIncrementalVsHyperformula = (results.incrementalCheckMedianMs as number) / (results.hyperformulaIncrementalMedianMs as number);
    for (const [k, v] of Object.entries(results)) if (typeof v === 'number' && !Number.isInteger(v)) results[k] = Math.round(v * 1000) / 1000;
    return results;
  },
};

export default suite;
