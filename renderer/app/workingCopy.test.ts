/**
 * The working copy's amount patches give the same documents as immer's immutable application, for
 * random sequences of typing and undo/redo, and leave objects held by earlier states untouched
 * except the big byId records (which the editor alone owns).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyPatches, freeze } from 'immer';
import { smallBudget } from '../../tests/fixtures/smallBudget';
import { graphOf } from '../../shared/compute/inputCells';
import { NodeKind } from '../../shared/compute/graph';
import { planSetCells, type Edit } from '../../shared/edit';
import type { DepartmentBudget } from '../../shared/model/document';
import type { Fen } from '../../shared/money/fen';
import { applyToWorkingCopy } from './workingCopy';

describe('applyToWorkingCopy', () => {
  it('matches immer on random typing, undo and redo', () => {
    const base = freeze(smallBudget(), true);
    const { graph } = graphOf(base);
    const inputs: string[] = [];
    for (let i = 0; i < graph.size; i++) if (graph.kind[i] === NodeKind.Input) inputs.push(graph.keyOf(i));
    fc.assert(
      fc.property(fc.array(fc.record({ cell: fc.nat(inputs.length - 1), value: fc.option(fc.integer({ min: -1e9, max: 1e9 }), { nil: null }), undo: fc.boolean() }), { maxLength: 30 }), (steps) => {
        let fast: DepartmentBudget = base;
        let pure: DepartmentBudget = base;
        const done: Edit[] = [];
        for (const s of steps) {
          if (s.undo && done.length > 0) {
            const e = done.pop()!;
            fast = applyToWorkingCopy(fast, e.inversePatches, graph);
            pure = applyPatches(pure, e.inversePatches);
          } else {
            const plan = planSetCells(fast, graph, [{ key: inputs[s.cell]!, value: s.value as Fen | null }], { label: '输入' });
            if (!plan.ok || !plan.edit) continue;
            done.push(plan.edit);
            fast = applyToWorkingCopy(fast, plan.edit.patches, graph);
            pure = applyPatches(pure, plan.edit.patches);
          }
          expect(fast).toEqual(pure);
        }
        while (done.length) {
          const e = done.pop()!;
          fast = applyToWorkingCopy(fast, e.inversePatches, graph);
        }
        expect(fast).toEqual(smallBudget());
      }),
      { numRuns: 200 },
    );
  });

  it('copies small containers on write and keeps the old objects intact', () => {
    const before = freeze(smallBudget(), true);
    const line = before.economicLines.byId.a1!;
    const { graph } = graphOf(before);
    const next = applyToWorkingCopy(before, [{ op: 'replace', path: ['economicLines', 'byId', 'a1', 'amounts', 'generalFunding'], value: 5 }], graph);
    expect(next).not.toBe(before);
    expect(next.economicLines.byId.a1!.amounts.generalFunding).toBe(5);
    expect(line.amounts.generalFunding).toBe(40_000);
    expect(next.economicLines.byId.a1).not.toBe(line);
    // The unit records are copied too (not written in place).
    const withIncome = applyToWorkingCopy(next, [{ op: 'add', path: ['incomes', 'a', 'otherIncome'], value: 7 }], graph);
    expect(next.incomes.a!.otherIncome).toBeUndefined();
    expect(withIncome.incomes.a!.otherIncome).toBe(7);
  });
});
