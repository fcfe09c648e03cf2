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
import { removeRow } from './structure';

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

  it('after an edit, adopting the computed totals drops every printed total and checks exact amounts; undo restores', () => {
    const { graph } = graphOf(published);
    const typed = setCells(published, graph, [{ key: WAGES, value: 1_100_000_000 as Fen }], { label: '输入' });
    if (!typed.ok || !typed.result) throw new Error('edit refused');
    const edited = typed.result.doc;
    // The printed totals above the edit follow the detail now: none of them contradicts its parts.
    const stale = runAudit(edited).filter((f) => f.rule === 'T4-row-total' && f.cells.some((c) => c.row === 'e:e-30101'));
    expect(stale).toEqual([]);

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

/** Findings as id → severity, for comparing what an edit adds. */
const findingsOf = (doc: typeof published) => new Map(runAudit(doc).map((f) => [f.id, f.severity]));
const added = (before: Map<string, string>, after: Map<string, string>, severities: string[]) =>
  [...after].filter(([id, sev]) => severities.includes(sev) && before.get(id) !== sev).map(([id]) => id).sort();

describe('an amount edit turns only the printed totals above it into computed ones', () => {
  const { graph } = graphOf(published);
  const W = 1_000_000; // 分 per 万元
  // 基本工资 1,011 → 1,111 万元 (表4, 市信访局本级, 一般性经费拨款).
  const typed = setCells(published, graph, [{ key: WAGES, value: (1_111 * W) as Fen }], { label: '输入' });
  if (!typed.ok || !typed.result) throw new Error('edit refused');
  const edited = typed.result.doc;

  it('drops the printed values of the totals computed from the edited cell, and keeps every other', () => {
    // Above 基本工资: its row's 小计 columns, 工资福利支出, the unit and department rows of 表4, 表3 基本支出 and
    // 支出总计 (copies of 表4), 表14 基本支出事项 and 合计.
    for (const key of ['T4|e:e-30101|total', 'T4|ec:u-bj:301|total', 'T4|ec:u-bj:301|generalFunding', 'T4|u:u-bj|total', 'T4|dept|generalFunding', 'T3|dept|basic', 'T3|dept|total', 'T14|basic|fiscal', 'T14|total|total']) {
      expect(key in published.reported, key).toBe(true);
      expect(key in edited.reported, key).toBe(false);
    }
    // Not above it: 商品和服务支出, 表5, 表1 (by 功能分类), 表2 (income) keep what the workbook prints.
    for (const key of ['T4|ec:u-bj:302|total', 'T5|u:u-bj|total', 'T3|dept|project', 'T1|out:currentYearExpenditure|amount', 'T1|in:incomeTotal|amount', 'T12|dept:cur|vehicleSubtotal']) {
      expect(key in published.reported, key).toBe(true);
      expect(edited.reported[key], key).toBe(published.reported[key]);
    }
    // Undo gives the printed totals back.
    expect(applyPatches(edited, typed.result!.edit.inversePatches)).toEqual(published);
  });

  it('adds only the findings the edit causes, not one per stale printed total', () => {
    // 100 万元 more basic expenditure, with income (表2), 功能分类 (表7, hence 表1) unchanged, breaks exactly:
    // 表2 收入 = 表3 支出 (department and unit), 表1 = 表3, 表14 合计 = 表1, 表2 一般性经费拨款 = 表4 + 表5
    // (department and unit), 表7 基本支出 = 表4 (department and unit).
    const before = findingsOf(published);
    const after = findingsOf(edited);
    expect(added(before, after, ['error', 'warning', 'info'])).toEqual(
      [
        'T1-eq-T3|dept',
        'T14-total-eq-T1|T14|total|total',
        'T2-eq-T3|dept',
        'T2-eq-T3|u:u-bj',
        'T2-source-eq-T4-T5|dept|generalFunding',
        'T2-source-eq-T4-T5|u:u-bj|generalFunding',
        'T7-eq-T4-T5|dept|basic',
        'T7-eq-T4-T5|u:u-bj|basic',
      ].sort(),
    );
    // Where both sides are few printed figures the difference is an error. (表3 支出总计, now the sum of every
    // 表4 cell including blank ones, gets the rounding tolerance of all those figures: see tolerance.ts.)
    expect(added(before, after, ['error'])).toEqual(['T2-source-eq-T4-T5|dept|generalFunding', 'T2-source-eq-T4-T5|u:u-bj|generalFunding', 'T7-eq-T4-T5|dept|basic', 'T7-eq-T4-T5|u:u-bj|basic']);
    // The publication's own errors stay reported.
    for (const [id, sev] of before) if (sev === 'error') expect(after.get(id), id).toBe('error');
  });

  it('an edit that moves 100 万元 between two 工资福利支出 lines adds no error or warning', () => {
    const moved = setCells(
      published,
      graph,
      [
        { key: WAGES, value: (911 * W) as Fen },
        { key: cellKey('T4', 'e:e-30102', 'generalFunding'), value: (421 * W) as Fen },
      ],
      { label: '粘贴' },
    );
    if (!moved.ok || !moved.result) throw new Error('edit refused');
    expect(published.economicLines.byId['e-30101']!.amounts.generalFunding).toBe(1_011 * W);
    expect(published.economicLines.byId['e-30102']!.amounts.generalFunding).toBe(321 * W);
    expect(added(findingsOf(published), findingsOf(moved.result.doc), ['error', 'warning'])).toEqual([]);
  });
});

describe('removing a row that holds amounts turns the printed totals above it into computed ones', () => {
  it('drops them, keeps the others, adds no stale-total finding; undo restores', () => {
    // 津贴补贴 (表4, 市信访局本级) 321 万元, under 工资福利支出 1,681.
    const out = removeRow(published, { kind: 'economicLine', id: 'e-30102' });
    if (!out.ok || !out.result) throw new Error('refused');
    const removed = out.result.doc;
    expect('T4|ec:u-bj:301|total' in removed.reported).toBe(false);
    expect('T4|u:u-bj|total' in removed.reported).toBe(false);
    expect(removed.reported['T4|ec:u-bj:302|total']).toBe(published.reported['T4|ec:u-bj:302|total']);
    expect(removed.reported['T1|out:currentYearExpenditure|amount']).toBe(published.reported['T1|out:currentYearExpenditure|amount']);
    const stale = ['T4-row-total', 'T4-category-sum', 'T4-unit-sum', 'T4-dept-sum'];
    expect(runAudit(removed).filter((f) => stale.includes(f.rule) && f.severity !== 'info')).toEqual([]);
    expect(applyPatches(removed, out.result.edit.inversePatches)).toEqual(published);
  });
});

