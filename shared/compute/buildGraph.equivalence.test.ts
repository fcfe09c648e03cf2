/**
 * The optimised cell graph (integer ids, no per-cell strings) must be the graph as first written
 * (tests/fixtures/legacyGraph.ts, string keys): same nodes in the same order, same keys, kinds,
 * relations, terms, input paths and checks — and the public lookups (idOf, inputAtPath, keys,
 * checksByNode, parents) must answer as before.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBudgetFile } from '../io/budgetFile';
import type { DepartmentBudget } from '../model/document';
import { generateLargeBudget } from '../../tests/fixtures/largeBudget';
import { legacyBuildGraph } from '../../tests/fixtures/legacyGraph';
import { buildGraph } from './buildGraph';
import { GraphBuilder, NodeKind } from './graph';

const SAMPLE = new URL('../../resources/samples/shenzhen-xinfang-2020.budget', import.meta.url);
function sample(): DepartmentBudget {
  const r = parseBudgetFile(readFileSync(SAMPLE, 'utf8'), 'sample');
  if (!r.ok) throw new Error(r.error.message);
  return r.doc;
}

function expectSameGraph(doc: DepartmentBudget): void {
  const { graph: a } = buildGraph(doc);
  const { graph: b } = legacyBuildGraph(doc);
  expect(a.size).toBe(b.size);
  expect(a.keys).toEqual(b.keys);
  expect(Array.from(a.kind)).toEqual(Array.from(b.kind));
  expect(a.relation).toEqual(b.relation);
  expect(Array.from(a.termStart)).toEqual(Array.from(b.termStart));
  expect(Array.from(a.termList)).toEqual(Array.from(b.termList));
  expect(Array.from(a.parentStart)).toEqual(Array.from(b.parentStart));
  expect(Array.from(a.parentList)).toEqual(Array.from(b.parentList));
  expect(a.checks).toEqual(b.checks);
  expect([...a.checksByNode.entries()]).toEqual([...b.checksByNode.entries()]);
  const mismatches: string[] = [];
  for (let i = 0; i < b.size; i++) {
    const key = b.keys[i]!;
    const path = b.inputPath[i];
    if (JSON.stringify(a.inputPath[i]) !== JSON.stringify(path)) mismatches.push(`inputPath ${key}`);
    if (a.keyOf(i) !== key) mismatches.push(`keyOf ${key}`);
    if (a.idOf(key) !== i) mismatches.push(`idOf ${key}`);
    if (path && a.inputAtPath(path) !== i) mismatches.push(`inputAtPath ${key}`);
  }
  expect(mismatches).toEqual([]);
  expect(a.idOf('T4|u:nobody|total')).toBeUndefined();
  expect(a.inputAtPath(['incomes', 'nobody', 'generalFunding'])).toBeUndefined();
}

describe('optimised cell graph', () => {
  it('equals the original construction on the bundled sample', () => expectSameGraph(sample()));
  it('equals the original construction on a generated department of 70 units', () => expectSameGraph(generateLargeBudget({ units: 70, projectsPerUnit: 3, subItemsPerProject: 2 })));

  it('grows its storage past the initial capacity (string API)', () => {
    const g = new GraphBuilder(16, 16);
    const n = 5000;
    for (let i = 0; i < n; i++) g.input(`T2|u:${i}|generalFunding`, ['incomes', String(i), 'generalFunding']);
    for (let i = 0; i < n; i++) g.sum(`T2|u:${i}|total`, [`T2|u:${i}|generalFunding`, `T2|u:${(i + 1) % n}|generalFunding`], 'T2-row-total');
    for (let i = 0; i < n; i++) g.check(`T2|u:${i}|total`, [`T2|u:${i}|generalFunding`, `T2|u:${(i + 2) % n}|generalFunding`], 'T2-dept-sum');
    const graph = g.build();
    expect(graph.size).toBe(2 * n);
    expect(graph.checks).toHaveLength(n);
    expect(graph.checks[n - 1]).toEqual({ node: 2 * n - 1, terms: [n - 1, 1], relation: 'T2-dept-sum' });
    expect(Array.from(graph.termList.subarray(graph.termStart[2 * n - 1]!, graph.termStart[2 * n]!))).toEqual([n - 1, 0]);
    expect(graph.kind[n]).toBe(NodeKind.Sum);
    expect(graph.idOf(`T2|u:${n - 1}|total`)).toBe(2 * n - 1);
    expect(graph.inputAtPath(['incomes', String(n - 1), 'generalFunding'])).toBe(n - 1);
    expect(graph.inputsUnder(['incomes', '7'])).toEqual([7]);
    expect(() => g.sum('T2|u:0|total', [], 'x')).toThrow('duplicate cell T2|u:0|total');
  });
});
