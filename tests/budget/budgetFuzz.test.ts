/**
 * 2,000 structure-aware mutations of `.budget` files through the loader (see budgetFuzzCore.ts):
 * every outcome is a classified Chinese error or a sound document that survives audit, formatting,
 * export and saving. `npm run fuzz` runs a longer campaign.
 */
import { describe, expect, it } from 'vitest';
import { BUDGET_ERROR_CODES, checkBudgetCase, runBudgetFuzz } from './budgetFuzzCore';

describe('.budget loader fuzzing', () => {
  it('2,000 mutated files: classified errors or sound documents only', async () => {
    const stats = await runBudgetFuzz(2_000, 16);
    expect(stats.violations).toEqual([]);
    expect(stats.iterations).toBe(2_000);
    // Every mutation kind ran; some files are still accepted, and refusals fall in several classes.
    expect(Object.keys(stats.mutations).length).toBe(18);
    expect(stats.accepted).toBeGreaterThan(100);
    for (const code of Object.keys(stats.failures)) expect(BUDGET_ERROR_CODES).toContain(code);
    for (const code of ['schema', 'reference', 'encoding', 'notJson']) expect(stats.failures[code] ?? 0, code).toBeGreaterThan(0);
  }, 300_000);

  it('the contract itself: a file with a phantom order entry would be a violation', async () => {
    // the checker must be able to fail: a document whose order names a unit without a record
    const { structuralProblem } = await import('./budgetFuzzCore');
    const { smallBudget } = await import('../fixtures/smallBudget');
    const doc = smallBudget();
    doc.units.order.push('constructor');
    expect(structuralProblem(doc)).toBe('units: order and records differ');
    expect(await checkBudgetCase(new TextEncoder().encode('{'))).toEqual({ ok: false, code: 'notJson' });
  });
});
