/**
 * Every relation of the cell graph (catalogue RELATION_RULES): one case where it holds, one where
 * it fails, one rounding case within tolerance.
 *
 * The documents: a small generated editor document (exact amounts, every rule holds) and the same
 * document "as published": printed precision 1 元 and every derived cell printed with its value.
 * Then, per rule:
 * - holds: no finding of the rule in either document;
 * - fails: a printed cell of the rule is moved beyond its tolerance → a 强制性 finding at that cell;
 * - rounding: moved by one printed unit where the rule adds at least two independently rounded
 *   figures → a 尾差 (info) finding; where the same quantity is printed twice (a copy of a printed
 *   figure, a sum of one figure, an empty sum) one unit is already an error.
 * Checks (alternative sums) hold by construction on exact data; they fail when printed figures
 * drift: the checked cell moves within its own formula's tolerance but beyond the check's.
 */
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../compute/buildGraph';
import { evaluate } from '../compute/evaluate';
import { NodeKind, type Graph } from '../compute/graph';
import type { DepartmentBudget } from '../model/document';
import type { Fen } from '../money/fen';
import { generateLargeBudget } from '../../tests/fixtures/largeBudget';
import { runAudit } from './audit';
import { CHECK_RULE_ALIASES, RELATION_RULES } from './catalogue';
import type { Finding } from './finding';

const P = 100; // printed precision of the "published" variant: 1 元

const exact = generateLargeBudget({ units: 4, projectsPerUnit: 2, subItemsPerProject: 2, seed: 11 });
const { graph } = buildGraph(exact);
const computed = evaluate(graph, exact).computed;

/** The exact document as a publication would print it: every derived cell printed with its value. */
const printed: DepartmentBudget = produce(exact, (d) => {
  d.printedPrecisionFen = P;
  for (let i = 0; i < graph.size; i++) if (graph.kind[i] !== NodeKind.Input) d.reported[graph.keyOf(i)] = computed[i]! as Fen;
});

const terms = (g: Graph, n: number) => Array.from(g.termList.subarray(g.termStart[n]!, g.termStart[n + 1]!));
const key = (n: number) => graph.keyOf(n);

/** Rounding count of a cell in a printed document (written independently of the engine): printed → 1, else Σ of its terms. */
function roundingCount(doc: DepartmentBudget, n: number): number {
  if (graph.kind[n] === NodeKind.Input || key(n) in doc.reported) return 1;
  return terms(graph, n).reduce((s, t) => s + roundingCount(doc, t), 0);
}

const withReported = (doc: DepartmentBudget, changes: Record<string, number | undefined>) =>
  produce(doc, (d) => {
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) delete d.reported[k];
      else d.reported[k] = v as Fen;
    }
  });

function findingsOf(doc: DepartmentBudget, rule: string): Finding[] {
  return runAudit(doc).filter((f) => f.rule === rule);
}
function findingAt(doc: DepartmentBudget, id: string): Finding | undefined {
  return runAudit(doc).find((f) => f.id === id);
}

const relationOf = (n: number) => graph.relationNames[graph.relationIndex[n]!]!;
const checkRuleOf = (c: number) => {
  const r = graph.relationNames[graph.checkRelation[c]!]!;
  return CHECK_RULE_ALIASES[r] ?? r;
};

describe('relations of the cell graph', () => {
  it('the generated editor document and its printed form are clean', () => {
    expect(runAudit(exact)).toEqual([]);
    expect(runAudit(printed)).toEqual([]);
  });

  for (const rule of RELATION_RULES) {
    const defs: number[] = [];
    for (let i = 0; i < graph.size; i++) if (graph.kind[i] !== NodeKind.Input && relationOf(i) === rule.id) defs.push(i);
    const checks: number[] = [];
    for (let c = 0; c < graph.checkCount; c++) if (checkRuleOf(c) === rule.id) checks.push(c);

    describe(`${rule.id}（${rule.title}）`, () => {
      it('is used by the graph', () => {
        expect(defs.length + checks.length).toBeGreaterThan(0);
      });

      it('holds on consistent data (exact and printed)', () => {
        expect(findingsOf(exact, rule.id)).toEqual([]);
        expect(findingsOf(printed, rule.id)).toEqual([]);
      });

      if (defs.length > 0) {
        // The printed cell with the most terms (ties: the first).
        const node = defs.reduce((best, n) => (terms(graph, n).length > terms(graph, best).length ? n : best), defs[0]!);
        const ts = terms(graph, node);
        const id = `${rule.id}|${key(node)}`;

        it(`fails when ${key(node)} is printed beyond its tolerance`, () => {
          const doc = withReported(printed, { [key(node)]: computed[node]! + (ts.length + 2) * P });
          const f = findingAt(doc, id);
          expect(f?.severity).toBe('error');
          expect(f?.differenceFen).toBe((ts.length + 2) * P);
          expect(f?.cells[0]).toMatchObject({ table: key(node).split('|')[0], row: graph.rowOf(node), column: graph.columnOf(node) });
        });

        it('treats one printed unit as a rounding gap when it adds several rounded figures', () => {
          const isCopy = graph.kind[node] === NodeKind.Copy;
          let doc = printed;
          if (isCopy || ts.length === 1) {
            // The same quantity printed twice is exact …
            const same = withReported(printed, { [key(node)]: computed[node]! + P });
            expect(findingAt(same, id)?.severity).toBe('error');
            // … but against an unprinted total of several printed parts, one unit is 尾差.
            if (graph.kind[ts[0]!] !== NodeKind.Input) doc = withReported(printed, { [key(ts[0]!)]: undefined });
          }
          const count = ts.reduce((s, t) => s + roundingCount(doc, t), 0);
          const moved = withReported(doc, { [key(node)]: computed[node]! + P });
          const f = findingAt(moved, id);
          if (count >= 2) {
            expect(f?.severity).toBe('info');
            expect(f?.toleranceFen).toBe((count * P) / 2);
            expect(f?.message.startsWith('尾差：')).toBe(true);
          } else {
            // An empty sum (or a sum of one input) has nothing to round: one unit is a real difference.
            expect(f?.severity).toBe('error');
          }
        });
      }

      // Checks: the one whose checked cell adds the most printed figures (a check over an empty
      // table, e.g. 表9 without lines, cannot drift: its rule is covered by the relation cases above).
      const checkCases = checks.map((c) => {
        const node = graph.checkNode[c]!;
        const loose: Record<string, undefined> = {};
        for (const t of terms(graph, node)) if (graph.kind[t] !== NodeKind.Input) loose[key(t)] = undefined;
        const base = withReported(printed, loose);
        return { c, node, base, ownCount: terms(graph, node).reduce((s, t) => s + roundingCount(base, t), 0) };
      });
      const best = checkCases.reduce<(typeof checkCases)[number] | undefined>((b, x) => (!b || x.ownCount > b.ownCount ? x : b), undefined);
      if (best && best.ownCount >= 2) {
        const { c, node, base, ownCount } = best;
        const checkTerms = Array.from(graph.checkTermList.subarray(graph.checkTermStart[c]!, graph.checkTermStart[c + 1]!));
        const id = `${rule.id}|${key(node)}`;
        const checkCount = checkTerms.length === 1 && key(checkTerms[0]!) in base.reported ? 0 : checkTerms.reduce((s, t) => s + roundingCount(base, t), 0);

        it(`check at ${key(node)}: fails when printed figures drift beyond the check's tolerance`, () => {
          const drift = Math.floor(ownCount / 2);
          expect(drift * P).toBeGreaterThan((checkCount * P) / 2);
          const doc = withReported(base, { [key(node)]: computed[node]! + drift * P });
          // Within its own formula's tolerance …
          expect(findingAt(doc, `${relationOf(node)}|${key(node)}`)?.severity ?? 'none').not.toBe('error');
          // … but not within the check's.
          const f = findingAt(doc, id);
          expect(f?.severity).toBe('error');
          expect(f?.differenceFen).toBe(drift * P);
        });

        it(`check at ${key(node)}: one printed unit is a rounding gap`, () => {
          let doc = withReported(base, { [key(node)]: computed[node]! + P });
          let count = checkCount;
          if (count < 2) {
            // The other side is one printed figure: let it be an unprinted total instead.
            const t = checkTerms[0]!;
            doc = withReported(doc, { [key(t)]: undefined });
            count = roundingCount(doc, t);
          }
          expect(count).toBeGreaterThanOrEqual(2);
          expect(findingAt(doc, id)?.severity).toBe('info');
        });
      }
    });
  }
});
