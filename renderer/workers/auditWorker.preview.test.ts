/**
 * Previews in the audit worker: trying out an uncommitted amount edit must leave the worker exactly
 * as it was, and must predict the delta that committing the same edit then reports. Checked against
 * a second worker that gets the same commits and never a preview.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { enablePatches, produceWithPatches, type Draft, type Patch } from 'immer';
import { describe, expect, it } from 'vitest';
import { NodeKind } from '../../shared/compute/graph';
import { graphOf } from '../../shared/compute/inputCells';
import { parseBudgetFile } from '../../shared/io/budgetFile';
import type { DepartmentBudget } from '../../shared/model/document';
import type { FindingsDelta } from '../../shared/rules/finding';
import { auditWorkerResponseSchema, type AuditWorkerResponse } from '../../shared/rules/workerProtocol';
import { sameDelta } from '../audit/workerAuditClient';
import { createAuditHandler } from './auditWorker';
import { writeInputPath } from '../../tests/fixtures/writeInput';
import { setCells } from '../../shared/edit/setCells';
import type { Fen } from '../../shared/money/fen';
import { runAudit } from '../../shared/rules/audit';

enablePatches();

const SAMPLE = new URL('../../resources/samples/shenzhen-xinfang-2020.budget', import.meta.url);
const parsed = parseBudgetFile(readFileSync(SAMPLE, 'utf8'), 'sample');
if (!parsed.ok) throw new Error(parsed.error.message);
const doc = parsed.doc;

function worker() {
  let last: AuditWorkerResponse | null = null;
  const handle = createAuditHandler((m) => (last = auditWorkerResponseSchema.parse(m)));
  return (data: unknown): AuditWorkerResponse => {
    handle(data);
    return last!;
  };
}

const { graph } = graphOf(doc);
const inputs: number[] = [];
for (let i = 0; i < graph.size; i++) if (graph.kind[i] === NodeKind.Input) inputs.push(i);

/** Set one input cell (an empty partial-record cell is an absent key). */
function setPlainInput(current: DepartmentBudget, input: number, value: number | null): [DepartmentBudget, Patch[]] {
  const path = graph.inputPathOf(inputs[input % inputs.length]!)!;
  return produceWithPatches(current, (d: Draft<DepartmentBudget>) => {
    writeInputPath(d, path, value);
  }) as unknown as [DepartmentBudget, Patch[]];
}

const amount = fc.oneof(fc.constant(null), fc.integer({ min: -3, max: 3 }).map((v) => v * 1_000_000), fc.integer({ min: 0, max: 900_000_000 }));
const edit = fc.tuple(fc.nat(), amount);
const step = fc.record({
  previews: fc.array(edit, { minLength: 0, maxLength: 3 }),
  /** Commit the last preview's edit (as Enter after typing), or another edit. */
  commitLast: fc.boolean(),
  other: edit,
});

/** The same edit as the editor makes it: printed totals above the cell are dropped with it (setCells). */
function setCellAsEditor(current: DepartmentBudget, input: number, value: number | null): [DepartmentBudget, Patch[]] {
  const key = graph.keyOf(inputs[input % inputs.length]!);
  const out = setCells(current, graph, [{ key, value: value as Fen | null }], { label: '输入' });
  if (!out.ok) throw new Error(out.message);
  return out.result ? [out.result.doc, out.result.edit.patches] : [current, []];
}

describe('audit worker previews', () => {
  for (const [what, setInput] of [
    ['plain amount patches', setPlainInput],
    ['the editor’s patches, which drop the printed totals above the edit', setCellAsEditor],
  ] as const)
  it(`predict the committed delta and never change what later edits report (${what})`, () => {
    let tried = 0;
    let withPrinted = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), (steps) => {
        const previewing = worker();
        const plain = worker();
        previewing({ id: 'o', type: 'open', doc });
        const opened = plain({ id: 'o', type: 'open', doc });
        const findings = new Map((opened.type === 'findings' ? opened.delta.added : []).map((f) => [f.id, f]));
        let current = doc;
        steps.forEach((s, i) => {
          let lastPreview: { patches: Patch[]; delta: FindingsDelta | null } | null = null;
          for (const [input, value] of s.previews) {
            const [, patches] = setInput(current, input, value);
            const reply = previewing({ id: `v${i}`, type: 'preview', seq: i, patches });
            expect(reply.type).toBe('preview');
            if (reply.type !== 'preview') return;
            lastPreview = { patches, delta: reply.delta };
            if (reply.delta) tried++;
          }
          const [input, value] = s.commitLast && s.previews.length ? s.previews[s.previews.length - 1]! : s.other;
          const [next, patches] = setInput(current, input, value);
          current = next;
          if (patches.some((p) => p.path[0] === 'reported')) withPrinted++;
          const a = previewing({ id: `p${i}`, type: 'patches', seq: i + 1, patches });
          const b = plain({ id: `p${i}`, type: 'patches', seq: i + 1, patches });
          expect(a.type).toBe('findings');
          expect(b.type).toBe('findings');
          if (a.type !== 'findings' || b.type !== 'findings') return;
          expect(sameDelta(a.delta, b.delta)).toBe(true);
          if (lastPreview?.delta && JSON.stringify(lastPreview.patches) === JSON.stringify(patches)) expect(sameDelta(lastPreview.delta, a.delta)).toBe(true);
          for (const f of [...b.delta.added, ...b.delta.changed]) findings.set(f.id, f);
          for (const id of b.delta.removed) findings.delete(id);
        });
        // The incremental findings are those of a full check of the edited document.
        const full = runAudit(current);
        expect([...findings.keys()].sort()).toEqual(full.map((f) => f.id).sort());
        for (const f of full) expect(findings.get(f.id)?.message).toBe(f.message);
      }),
      { numRuns: 60, seed: 20201130 },
    );
    expect(tried).toBeGreaterThan(50); // the property really exercised previews
    if (setInput === setCellAsEditor) expect(withPrinted).toBeGreaterThan(20);
  });

  it('tries out only plain amount edits on top of the last applied edit', () => {
    const w = worker();
    const path = ['economicLines', 'byId', 'e-30101', 'amounts', 'generalFunding'];
    // No document yet: nothing to try out, and no failure that would make the editor re-open.
    expect(w({ id: 'v0', type: 'preview', seq: 0, patches: [{ op: 'replace', path, value: 1 }] })).toMatchObject({ type: 'preview', delta: null });
    w({ id: 'o', type: 'open', doc });
    const wages = w({ id: 'v1', type: 'preview', seq: 0, patches: [{ op: 'replace', path, value: 1_100_000_000 }] });
    expect(wages.type === 'preview' && wages.delta?.added.map((f) => f.rule)).toContain('T2-source-eq-T4-T5');
    // A name is not an amount; a preview on top of an edit the worker has not applied is stale.
    expect(w({ id: 'v2', type: 'preview', seq: 0, patches: [{ op: 'replace', path: ['units', 'byId', 'u-bj', 'name'], value: 'x' }] })).toMatchObject({ delta: null });
    expect(w({ id: 'v3', type: 'preview', seq: 1, patches: [{ op: 'replace', path, value: 1 }] })).toMatchObject({ delta: null });
    // The previews left nothing behind: the first real edit numbers 1 and reports from the original.
    const real = w({ id: 'p1', type: 'patches', seq: 1, patches: [{ op: 'replace', path, value: 1_100_000_000 }] });
    expect(real.type === 'findings' && wages.type === 'preview' && wages.delta && sameDelta(real.delta, wages.delta)).toBe(true);
  });
});
