import { readFileSync } from 'node:fs';
import { applyPatches } from 'immer';
import { describe, expect, it } from 'vitest';
import { smallBudget } from '../../tests/fixtures/smallBudget';
import { parseBudgetFile } from '../io/budgetFile';
import { cellKey } from '../model/cellKey';
import type { Fen } from '../money/fen';
import { graphOf } from '../compute/inputCells';
import { runAudit } from '../rules/audit';
import { adoptComputedTotals, hasPrintedTotals, printedTotalsOf } from './printedTotals';
import { setCells } from './setCells';

const SAMPLE = new URL('../../resources/samples/shenzhen-xinfang-2020.budget', import.meta.url);
const parsed = parseBudgetFile(readFileSync(SAMPLE, 'utf8'), 'sample');
if (!parsed.ok) throw new Error(parsed.error.message);
const published = parsed.doc;
const WAGES = cellKey('T4', 'e:e-30101', 'generalFunding');

describe('adopting the computed totals (按明细重算合计)', () => {
  it('the published sample keeps printed totals; an exact document does not', () => {
    expect(hasPrintedTotals(published)).toBe(true);
    expect(printedTotalsOf(published)).toEqual({ count: Object.keys(published.reported).length, rounded: true });
    expect(printedTotalsOf(published).count).toBeGreaterThan(100);
    expect(hasPrintedTotals(smallBudget())).toBe(false);
    const refused = adoptComputedTotals(smallBudget());
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).toContain('没有原表列示的合计数');
  });

  it('after an edit, stale printed subtotals are findings; adopting drops them and checks exact amounts; undo restores', () => {
    const { graph } = graphOf(published);
    const typed = setCells(published, graph, [{ key: WAGES, value: 1_100_000_000 as Fen }], { label: '输入' });
    if (!typed.ok || !typed.result) throw new Error('edit refused');
    const edited = typed.result.doc;
    const stale = runAudit(edited).filter((f) => f.rule === 'T4-row-total' && f.cells.some((c) => c.row === 'e:e-30101'));
    expect(stale.length).toBeGreaterThan(0); // "printed 1,011 but its parts add up to 1,100"

    const out = adoptComputedTotals(edited);
    if (!out.ok || !out.result) throw new Error('adopt refused');
    const adopted = out.result.doc;
    expect(adopted.reported).toEqual({});
    expect(adopted.printedPrecisionFen).toBeNull();
    expect(out.result.edit.effect.kind).toBe('structure');
    const findings = runAudit(adopted);
    // Totals follow the detail: no printed total contradicts its parts, and nothing is a rounding gap.
    expect(findings.filter((f) => f.rule === 'T4-row-total' || f.rule === 'T4-category-sum' || f.rule === 'T4-unit-sum')).toEqual([]);
    expect(findings.filter((f) => f.severity === 'info')).toEqual([]);
    // Cross-table differences the edit made stay: 表2's income no longer covers 表4 + 表5.
    // By exactly the 89 万元 typed on top of 基本工资 1,011 (whatever the published rounding left).
    const t2Of = (doc: typeof published) => runAudit(doc).find((f) => f.rule === 'T2-source-eq-T4-T5' && f.cells[0]!.row === 'dept')?.differenceFen ?? 0;
    const untouched = adoptComputedTotals(published);
    if (!untouched.ok || !untouched.result) throw new Error('adopt refused');
    expect(t2Of(adopted)).toBe(t2Of(untouched.result.doc) - 89_000_000);
    expect(findings.some((f) => f.rule === 'T2-source-eq-T4-T5' && f.severity === 'error')).toBe(true);
    // Undo gives back exactly the edited document.
    expect(applyPatches(adopted, out.result.edit.inversePatches)).toEqual(edited);
  });
});
