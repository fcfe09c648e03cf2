import { describe, expect, it } from 'vitest';
import { applyPatches, freeze, type Patch } from 'immer';
import { smallBudget } from '../../tests/fixtures/smallBudget';
import { graphOf } from '../compute/inputCells';
import { cellKey } from '../model/cellKey';
import type { DepartmentBudget } from '../model/document';
import type { Fen } from '../money/fen';
import { applyAmountPatches } from './amountPatches';
import { createEmptyBudget } from './newDocument';
import { planSetCells } from './setCells';

const LINE = ['economicLines', 'byId', 'a1', 'amounts', 'generalFunding'];

describe('applyAmountPatches (in place)', () => {
  it('writes amount values in place and returns the inverse that puts them back', () => {
    const doc = smallBudget();
    const { graph } = graphOf(doc);
    const line = doc.economicLines.byId.a1!;
    const patches: Patch[] = [
      { op: 'replace', path: LINE, value: 5 },
      { op: 'replace', path: LINE, value: 6 },
      { op: 'add', path: ['reported', 'T4|u:a|total'], value: 9 },
    ];
    const inverse = applyAmountPatches(doc, patches, graph);
    expect(doc.economicLines.byId.a1).toBe(line);
    expect(line.amounts.generalFunding).toBe(6);
    expect(doc.reported['T4|u:a|total']).toBe(9);
    applyAmountPatches(doc, inverse!, graph);
    expect(doc).toEqual(smallBudget());
  });

  it('refuses anything but amount values of existing records, or a frozen record, changing nothing', () => {
    const doc = smallBudget();
    const { graph } = graphOf(doc);
    const refused: Patch[][] = [
      [{ op: 'replace', path: LINE, value: 5 }, { op: 'replace', path: ['units', 'byId', 'a', 'name'], value: 'x' }],
      [{ op: 'replace', path: LINE, value: 5 }, { op: 'replace', path: LINE, value: 1.5 }],
      [{ op: 'replace', path: LINE, value: 5 }, { op: 'remove', path: ['economicLines', 'order', 0] }],
      [{ op: 'add', path: ['incomes', 'zz'], value: { generalFunding: 1 } }],
    ];
    for (const patches of refused) expect(applyAmountPatches(doc, patches, graph)).toBeNull();
    expect(doc).toEqual(smallBudget());
    const frozen = freeze(smallBudget(), true);
    expect(applyAmountPatches(frozen, [{ op: 'replace', path: LINE, value: 5 }], graph)).toBeNull();
  });
});

describe('planSetCells over a missing record', () => {
  it('adds the record once, then the values set into it, and its inverse removes it', () => {
    const doc: DepartmentBudget = { ...createEmptyBudget({ name: '测试局', fiscalYear: 2021 }), incomes: {} };
    const { graph } = graphOf(doc);
    const cells = [
      { key: cellKey('T2', 'u:u-1', 'generalFunding'), value: 100 as Fen },
      { key: cellKey('T2', 'u:u-1', 'otherIncome'), value: 7 as Fen },
      { key: cellKey('T2', 'u:u-1', 'specialFunding'), value: null },
    ];
    const plan = planSetCells(doc, graph, cells, { label: '粘贴' });
    if (!plan.ok || !plan.edit) throw new Error('expected an edit');
    expect(plan.edit.patches).toEqual([
      { op: 'add', path: ['incomes', 'u-1'], value: {} },
      { op: 'add', path: ['incomes', 'u-1', 'generalFunding'], value: 100 },
      { op: 'add', path: ['incomes', 'u-1', 'otherIncome'], value: 7 },
    ]);
    expect(plan.volume === undefined || plan.volume === 107).toBe(true);
    const next = applyPatches(doc, plan.edit.patches);
    expect(next.incomes['u-1']).toEqual({ generalFunding: 100, otherIncome: 7 });
    expect(applyPatches(next, plan.edit.inversePatches)).toEqual(doc);
  });
});
