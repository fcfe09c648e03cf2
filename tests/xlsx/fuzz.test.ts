/**
 * ≥ 10,000 mutated workbooks through the importer (see fuzzCore.ts): no crash, no hang, bounded
 * memory, and every failure one of the importer's own classified errors. `npm run fuzz -- N` runs
 * a longer campaign.
 */
import { describe, expect, it } from 'vitest';
import { IMPORT_ERROR_CODES } from '../../shared/xlsx/errors';
import { fuzzBases, respelledCase, runFuzz } from './fuzzCore';
import { importWorkbook } from '../../shared/xlsx/importWorkbook';

describe('importer fuzzing', () => {
  it('survives 10,000 mutated workbooks with classified errors only, in bounded memory', async () => {
    const stats = await runFuzz(10_000, 20_201, { caseTimeoutMs: 20_000 });
    expect(stats.violations).toEqual([]);
    expect(stats.iterations).toBe(10_000);
    // Every mutation kind ran, some cases still import, and the failures are spread over many classes.
    expect(Object.keys(stats.mutations).length).toBe(13);
    expect(stats.imported).toBeGreaterThan(500);
    for (const code of Object.keys(stats.failures)) expect(IMPORT_ERROR_CODES).toContain(code);
    for (const code of ['corrupt', 'truncated', 'notZip', 'notWorkbook']) expect(stats.failures[code] ?? 0, code).toBeGreaterThan(0);
    expect(stats.heapMaxGrowthMb).toBeLessThan(64);
    expect(stats.maxCaseMs).toBeLessThan(20_000);
  }, 300_000);

  it('imports a workbook respelled as other programs write it (prefixes, quotes, comments, CDATA, cell order) exactly as the original', async () => {
    const bases = await fuzzBases();
    const originals = await Promise.all(bases.map((b) => importWorkbook(b.bytes, { fileName: 'fuzz.xlsx' })));
    for (let i = 0; i < 200; i++) {
      const seed = 77_000 + i;
      const bytes = respelledCase(bases, seed);
      const result = await importWorkbook(bytes, { fileName: 'fuzz.xlsx' });
      expect(result.ok, `seed ${seed}: ${!result.ok ? result.error.message : ''}`).toBe(true);
      if (!result.ok) continue;
      // The same base the case drew (its first random number picks it).
      const same = originals.some((o) => o.ok && JSON.stringify(o.doc) === JSON.stringify(result.doc));
      expect(same, `seed ${seed}`).toBe(true);
    }
  }, 300_000);
});
