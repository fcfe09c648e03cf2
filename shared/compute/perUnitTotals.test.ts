import { describe, expect, it } from 'vitest';
import { smallBudget } from '../../tests/fixtures/smallBudget';
import { removeRow } from '../edit/structure';
import { cellKey } from '../model/cellKey';
import type { DepartmentBudget } from '../model/document';
import { buildGraph } from './buildGraph';
import { NodeKind, type Graph } from './graph';
import { inputSourceOf } from './inputSource';
import { editedCellOf, perUnitPartsOf, shownCellOf } from './perUnitTotals';

const TOTALS = ['subsidyToAffiliates', 'remittanceToSuperior', 'carryOverOut'].map((f) => cellKey('T1', `out:${f}`, 'amount'));

function termKeys(graph: Graph, key: string): string[] {
  const id = graph.idOf(key)!;
  const out: string[] = [];
  for (let p = graph.termStart[id]!; p < graph.termStart[id + 1]!; p++) out.push(graph.keyOf(graph.termList[p]!));
  return out;
}

function oneUnit(): DepartmentBudget {
  const out = removeRow(smallBudget(), { kind: 'unit', id: 'b' });
  if (!out.ok || !out.result) throw new Error('remove refused');
  return out.result.doc;
}

describe('表1’s per-unit totals', () => {
  it('with several units, each total breaks down into the inputs the cell graph adds up, one per unit', () => {
    const doc = smallBudget();
    const { graph } = buildGraph(doc);
    for (const total of TOTALS) {
      const parts = perUnitPartsOf(doc, total)!;
      expect(parts.map((p) => p.key)).toEqual(termKeys(graph, total));
      expect(parts.map((p) => [p.unitId, p.unitName])).toEqual([['a', '市测试局本级'], ['b', '市测试中心']]);
      for (const p of parts) expect(graph.kind[graph.idOf(p.key)!]).toBe(NodeKind.Input);
      expect(editedCellOf(doc, total)).toBe(total);
    }
  });

  it('no other cell breaks down per unit', () => {
    const doc = smallBudget();
    for (const key of [cellKey('T1', 'out:expenditureTotal', 'amount'), cellKey('T4', 'dept', 'total'), cellKey('T0', 'u:a', 'carryOverOut'), cellKey('T6', 'out:carryOverOut', 'amount')]) {
      expect(perUnitPartsOf(doc, key)).toBeNull();
      expect(editedCellOf(doc, key)).toBe(key);
    }
  });

  it('with a single unit, the total is edited as that unit’s input and has no per-unit form', () => {
    const doc = oneUnit();
    const { graph } = buildGraph(doc);
    for (const total of TOTALS) {
      expect(perUnitPartsOf(doc, total)).toBeNull();
      const input = editedCellOf(doc, total);
      expect(termKeys(graph, total)).toEqual([input]);
      expect(graph.kind[graph.idOf(input)!]).toBe(NodeKind.Input);
    }
  });

  it('a unit’s input is shown through 表1’s total; other cells are shown where they are', () => {
    const doc = smallBudget();
    for (const total of TOTALS) for (const p of perUnitPartsOf(doc, total)!) expect(shownCellOf(p.key)).toBe(total);
    for (const key of [cellKey('T0', 'f:x1', 'total'), cellKey('T4', 'u:a', 'total'), cellKey('T1', 'out:carryOverOut', 'amount'), cellKey('T0', 'u:a', 'unit')]) expect(shownCellOf(key)).toBe(key);
  });
});

describe('where a computed cell’s amounts are typed', () => {
  const doc = smallBudget();
  const { graph } = buildGraph(doc);

  it('an input is its own source; a total’s source is an input of an official table it is worked out from', () => {
    const input = cellKey('T4', 'e:a1', 'generalFunding');
    expect(inputSourceOf(graph, input)).toBe(input);
    const source = inputSourceOf(graph, cellKey('T4', 'u:a', 'total'))!;
    expect(graph.kind[graph.idOf(source)!]).toBe(NodeKind.Input);
    expect(source.startsWith('T4|')).toBe(true);
    expect(source).not.toMatch(/^T0\|/);
  });

  it('falls back to 辅助表 only when no official table holds a source, and knows no unknown cell', () => {
    expect(inputSourceOf(graph, TOTALS[2]!)).toBe(cellKey('T0', 'u:a', 'carryOverOut'));
    expect(inputSourceOf(graph, cellKey('T4', 'u:nobody', 'total'))).toBeUndefined();
  });
});
