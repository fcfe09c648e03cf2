/**
 * The layout-dialect corpus (issue 13, point 5): every document of the corpus, written with
 * exceljs in every named dialect, imports to the document at the printed precision — units,
 * projects with their sub-items, lines, every amount and text — and its audit is the document's;
 * random combinations of the dialects the importer reads do the same; and a workbook whose
 * printed totals were changed imports as printed, its audit naming exactly the changed totals.
 *
 * Cases today's importer gets wrong are listed in ./knownFailing.ts and run as `it.fails`.
 * DIALECT_PROPERTY_RUNS sets the number of random combinations (default 8).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DepartmentBudget } from '../../../shared/model/document';
import type { Finding } from '../../../shared/rules/finding';
import { canonical } from '../canonical';
import { corpusDocuments, type CorpusDocument } from './corpus';
import { DIALECT_CHOICES, NAMED_DIALECTS, OFFICIAL, type Dialect } from './dialect';
import { knownFailing, type Aspect } from './knownFailing';
import { printedLookup } from './printedBook';
import { runCase, type CaseResult } from './runCase';

const docs = corpusDocuments();
const results = new Map<string, Promise<CaseResult>>();
function result(doc: CorpusDocument, name: string): Promise<CaseResult> {
  const id = `${name}@${doc.name}`;
  let r = results.get(id);
  if (!r) results.set(id, (r = runCase(doc, NAMED_DIALECTS[name]!)));
  return r;
}

const described = (f: Finding) => `${f.severity} ${f.rule}: ${f.message}`;

function expectRows(r: CaseResult): void {
  expect(r.error).toBeNull();
  expect(canonical(r.imported as DepartmentBudget, r.scale.step)).toEqual(canonical(r.expected, r.scale.step));
  expect(r.rows.exact).toBe(r.rows.rows);
}

function expectAudit(r: CaseResult): void {
  expect(r.error).toBeNull();
  expect({ extra: r.extraFindings.map(described), missing: r.missingFindings.map(described) }).toEqual({ extra: [], missing: [] });
}

describe('the corpus', () => {
  it('has at least 15 dialects, several multi-unit documents with sub-items, one in 元 and one rounded in 万元', () => {
    expect(Object.keys(NAMED_DIALECTS).length).toBeGreaterThanOrEqual(15);
    expect(docs.map((d) => d.name)).toEqual(['sample', 'multi-unit-a', 'multi-unit-b', 'multi-unit-rounded', 'small-yuan']);
    // One document whose amounts a workbook in 万元 rounds (尾差 between printed totals and printed parts).
    expect(docs.some((d) => d.exactStep < 10_000)).toBe(true);
    const multi = docs.filter((d) => d.doc.units.order.length >= 2);
    expect(multi.length).toBeGreaterThanOrEqual(3);
    for (const d of multi) expect(d.doc.subItems.order.length).toBeGreaterThanOrEqual(3);
    expect(docs.some((d) => d.doc.department.displayUnit === 'yuan')).toBe(true);
  });
});

for (const name of Object.keys(NAMED_DIALECTS)) {
  describe(`dialect ${name}`, () => {
    for (const doc of docs) {
      const test = (aspect: Aspect) => (knownFailing(name, doc.name, aspect) ? it.fails : it);
      test('rows')(`${doc.name}: every unit, line, project, sub-item, amount and text reads back`, async () => expectRows(await result(doc, name)), 60_000);
      test('audit')(`${doc.name}: the audit is the document's`, async () => expectAudit(await result(doc, name)), 60_000);
    }
  });
}

/** Choices whose single-change dialect fails nothing beyond what the official layout fails. */
function readableChoices(): { [K in keyof Dialect]: Dialect[K][] } {
  const failures = (name: string) => docs.flatMap((d) => (['rows', 'audit'] as const).filter((a) => knownFailing(name, d.name, a)).map((a) => `${d.name}:${a}`)).join(' ');
  const official = failures('official');
  const out = {} as { [K in keyof Dialect]: Dialect[K][] };
  for (const key of Object.keys(DIALECT_CHOICES) as (keyof Dialect)[]) {
    const values = (DIALECT_CHOICES[key] as readonly unknown[]).filter((v) => {
      if (v === OFFICIAL[key]) return true;
      const single = Object.entries(NAMED_DIALECTS).find(([, dl]) => dl[key] === v && (Object.keys(dl) as (keyof Dialect)[]).every((k) => k === key || dl[k] === OFFICIAL[k]));
      return single !== undefined && failures(single[0]) === official;
    });
    (out as Record<string, unknown[]>)[key] = values;
  }
  return out;
}

describe('random combinations of the dialects the importer reads', () => {
  const choices = readableChoices();
  it('are read back, with the document’s audit', async () => {
    const dialect = fc.record(Object.fromEntries(Object.entries(choices).map(([k, vs]) => [k, fc.constantFrom(...(vs as unknown[]))])) as { [K in keyof Dialect]: fc.Arbitrary<Dialect[K]> });
    await fc.assert(
      fc.asyncProperty(dialect, fc.constantFrom(...docs.map((x) => x.name)), async (d, docName) => {
        const doc = docs.find((x) => x.name === docName)!;
        const r = await runCase(doc, d);
        if (!knownFailing('official', doc.name, 'rows')) expectRows(r);
        if (!knownFailing('official', doc.name, 'audit')) expectAudit(r);
      }),
      { numRuns: Number(process.env.DIALECT_PROPERTY_RUNS ?? 8) },
    );
  }, 240_000);
});

describe('printed totals that disagree with their detail', () => {
  // The department's 基本支出 total (表4) and its “三公” total of the budget year (表12), changed by 97 万元.
  const changes = new Map([
    ['T4|dept|total', 97_000_000],
    ['T12|dept:cur|total', -97_000_000],
  ]);
  const changedCell = (f: Finding) => f.cells.some((c) => changes.has(`${c.table}|${c.row}|${c.column}`));
  for (const name of ['official', 'bold-units-no-indent', 'header-split', 'numbers-text']) {
    for (const doc of docs.filter((d) => d.name !== 'sample')) {
      it(`${name}, ${doc.name}: import as printed, and the audit reports exactly the changed totals`, async () => {
        const r = await runCase(doc, NAMED_DIALECTS[name]!, changes);
        expectRows(r);
        const imported = r.imported!;
        const printed = printedLookup(doc.doc, r.scale.step);
        for (const [key, delta] of changes) expect(imported.reported[key], key).toBe((printed(key) ?? 0) + delta);
        // Every finding the change adds or removes is about a changed total; each changed total gets a 强制性 one.
        expect(r.extraFindings.filter((f) => !changedCell(f)).map(described)).toEqual([]);
        expect(r.missingFindings.filter((f) => !changedCell(f)).map(described)).toEqual([]);
        for (const key of changes.keys()) expect(r.extraFindings.some((f) => f.severity === 'error' && f.cells.some((c) => `${c.table}|${c.row}|${c.column}` === key)), key).toBe(true);
      }, 60_000);
    }
  }
});
