import { readFileSync } from 'node:fs';
import { enablePatches, produceWithPatches } from 'immer';
import { describe, expect, it } from 'vitest';
import { parseBudgetFile } from '../io/budgetFile';
import type { DepartmentBudget } from '../model/document';
import type { Fen } from '../money/fen';
import { generateLargeBudget } from '../../tests/fixtures/largeBudget';
import { createAuditSession, runAudit } from './audit';
import { ALL_RULES, RELATION_RULES } from './catalogue';
import { buildGraph } from '../compute/buildGraph';
import { setCells } from '../edit/setCells';

enablePatches();

const SAMPLE = new URL('../../resources/samples/shenzhen-xinfang-2020.budget', import.meta.url);
function sample(): DepartmentBudget {
  const r = parseBudgetFile(readFileSync(SAMPLE, 'utf8'), 'sample');
  if (!r.ok) throw new Error(r.error.message);
  return r.doc;
}

describe('audit engine', () => {
  it('has a catalogue entry, in Chinese, for every relation the cell graph uses', () => {
    const { graph } = buildGraph(generateLargeBudget({ units: 3, projectsPerUnit: 2, subItemsPerProject: 2 }));
    const ids = new Set(RELATION_RULES.map((r) => r.id));
    const used = graph.relationNames.filter((r) => r !== '');
    expect(used.filter((r) => !ids.has(r))).toEqual([]);
    for (const r of ALL_RULES) {
      expect(r.title).toMatch(/[\u4e00-\u9fff]/);
      expect(r.message).toMatch(/[\u4e00-\u9fff\uff1a]/);
      expect(['error', 'warning']).toContain(r.severity);
    }
  });

  it('re-checks a value edit incrementally (the graph is kept) and only reports what changed', () => {
    const doc = generateLargeBudget({ units: 3, projectsPerUnit: 2, subItemsPerProject: 2 });
    const session = createAuditSession(doc);
    const graphBefore = session.built.graph;
    const line = doc.economicLines.order[5]!;
    const [next, patches] = produceWithPatches(doc, (d) => void (d.economicLines.byId[line]!.amounts.generalFunding = 123_400 as Fen));
    const changes = session.applyPatches(next, patches);
    expect(session.built.graph).toBe(graphBefore);
    expect(changes.removed).toEqual([]);
    expect(changes.changed).toEqual([]);
    // 表2 no longer equals 表4 + 表5, nor 表3; 表7 no longer equals 表4 …
    expect(changes.added.map((f) => f.rule).sort()).toEqual(runAudit(next).map((f) => f.rule).sort());
    expect(changes.added.length).toBeGreaterThan(0);
    // … and undoing the edit removes exactly those findings.
    const [back, undo] = produceWithPatches(next, (d) => void (d.economicLines.byId[line]!.amounts = doc.economicLines.byId[line]!.amounts));
    const undone = session.applyPatches(back, undo);
    expect(undone.removed.sort()).toEqual(changes.added.map((f) => f.id).sort());
    expect(session.findings()).toEqual([]);
  });

  it('an amount edit that drops the printed totals above it is re-checked incrementally, and so is its undo', () => {
    const doc = sample();
    const session = createAuditSession(doc);
    const graphBefore = session.built.graph;
    const typed = setCells(doc, graphBefore, [{ key: 'T4|e:e-30101|generalFunding', value: 1_100_000_000 as Fen }], { label: '输入' });
    if (!typed.ok || !typed.result) throw new Error('edit refused');
    const { doc: next, edit } = typed.result;
    expect(edit.patches.some((p) => p.path[0] === 'reported')).toBe(true);
    const sorted = (fs: readonly { id: string; message: string; severity: string }[]) => fs.map((f) => `${f.severity} ${f.id} ${f.message}`).sort();
    const changes = session.applyPatches(next, edit.patches);
    expect(session.built.graph).toBe(graphBefore); // not rebuilt
    expect(sorted(session.findings())).toEqual(sorted(runAudit(next)));
    expect(changes.added.length + changes.removed.length + changes.changed.length).toBeGreaterThan(0);
    session.applyPatches(doc, edit.inversePatches);
    expect(session.built.graph).toBe(graphBefore);
    expect(sorted(session.findings())).toEqual(sorted(runAudit(doc)));
  });

  it('rebuilds on a structural edit and still reports a diff', () => {
    const doc = sample();
    const session = createAuditSession(doc);
    const graphBefore = session.built.graph;
    const [next, patches] = produceWithPatches(doc, (d) => {
      d.subItems.byId['s-new'] = { id: 's-new', projectId: 'p-daizhifu', name: '新增', amounts: { generalFunding: 1_000_000 as Fen } };
      d.subItems.order.push('s-new');
    });
    const changes = session.applyPatches(next, patches);
    expect(session.built.graph).not.toBe(graphBefore);
    // The printed 表5 project and unit totals now fall one 万元 short of their parts.
    expect(changes.added.map((f) => f.id)).toContain('T5-project-sum|T5|p:p-daizhifu|total');
    expect(new Set(session.findings().map((f) => f.id))).toEqual(new Set(runAudit(next).map((f) => f.id)));
  });

  it('orders findings: errors, warnings, rounding gaps', () => {
    const f = runAudit(sample());
    const rank = { error: 0, warning: 1, info: 2 };
    for (let i = 1; i < f.length; i++) expect(rank[f[i - 1]!.severity]).toBeLessThanOrEqual(rank[f[i]!.severity]);
  });

  it('reports its stages while checking', () => {
    const stages: string[] = [];
    createAuditSession(sample(), { onProgress: (stage, done, total) => stages.push(`${stage} ${done}/${total}`) });
    expect(stages).toEqual(['graph 1/4', 'evaluate 2/4', 'relations 3/4', 'rules 4/4']);
  });
});
