import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBudgetFile, serializeBudget } from './budgetFile';
import { migrateDocument } from '../model/documentMigration';

const ok = (text: string) => {
  const r = parseBudgetFile(text, '旧版.budget');
  if (!r.ok) throw new Error(r.error.message);
  return r.doc;
};
const err = (text: string) => {
  const r = parseBudgetFile(text, '旧版.budget');
  if (r.ok) throw new Error('expected an error');
  return r.error;
};

/**
 * One small document as the previous version (1) wrote it, typed by hand: `threePublic`, and the
 * functional lines' `basic` / `project`. `names` swaps in today's names (version 2).
 */
function documentText(version: 1 | 2, names: { threePublic: string; basic: string; project: string }, lineBasic: unknown = 56000): string {
  return `{
  "format": "budget-tables/department-budget",
  "version": ${version},
  "catalogueId": "shenzhen-2020",
  "department": { "name": "测试市测试局", "shortName": "市测试局", "fiscalYear": 2021, "displayUnit": "yuan" },
  "units": { "byId": { "a": { "id": "a", "name": "市测试局本级", "kind": "ownOffice" } }, "order": ["a"] },
  "incomes": { "a": { "generalFunding": 106000 } },
  "economicLines": { "byId": {}, "order": [] },
  "projects": { "byId": {}, "order": [] },
  "subItems": { "byId": {}, "order": [] },
  "functionalLines": {
    "byId": {
      "f1": { "id": "f1", "unitId": "a", "code": "2010301", "fund": "generalPublicBudget", "${names.basic}": ${JSON.stringify(lineBasic)}, "${names.project}": 49000 },
      "f2": { "id": "f2", "unitId": "a", "code": "2010350", "fund": "nonFiscal", "${names.basic}": 2000, "${names.project}": null }
    },
    "order": ["f1", "f2"]
  },
  "transferLines": { "byId": {}, "order": [] },
  "procurementItems": { "byId": {}, "order": [] },
  "unitProcurement": { "a": {} },
  "${names.threePublic}": { "a": { "previousYear": { "officialReception": 1200 }, "currentYear": { "officialReception": 1000, "vehicleOperation": 600 } } },
  "performance": { "overallGoal": "目标" },
  "acceptedWarnings": { "T7-eq-T4-T5|u:a|basic": { "reason": "已核实", "acceptedAt": "2021-01-05T08:00:00Z" } }
}
`;
}
const OLD_NAMES = { threePublic: 'threePublic', basic: 'basic', project: 'project' };
const NEW_NAMES = { threePublic: 'threePublicExpenses', basic: 'basicExpenditure', project: 'projectExpenditure' };

describe('.budget files of the previous version (1)', () => {
  it('open to the same document as their equivalent in today’s names', () => {
    const old = ok(documentText(1, OLD_NAMES));
    const now = ok(documentText(2, NEW_NAMES));
    expect(old).toEqual(now);
    expect(serializeBudget(old)).toBe(serializeBudget(now));
    expect(old.version).toBe(2);
    expect(old.threePublicExpenses.a!.currentYear).toEqual({ officialTravelAbroad: null, officialReception: 1000, vehiclePurchase: null, vehicleOperation: 600 });
    expect(old.functionalLines.byId.f1).toMatchObject({ basicExpenditure: 56000, projectExpenditure: 49000 });
    expect(old.functionalLines.byId.f2).toMatchObject({ basicExpenditure: 2000, projectExpenditure: null });
    // Keys that name table columns are not document fields: they stay as the file has them.
    expect(Object.keys(old.acceptedWarnings)).toEqual(['T7-eq-T4-T5|u:a|basic']);
  });

  it('are saved in today’s names and version', () => {
    const text = serializeBudget(ok(documentText(1, OLD_NAMES)));
    const saved = JSON.parse(text) as Record<string, unknown>;
    expect(saved.version).toBe(2);
    expect(Object.hasOwn(saved, 'threePublic')).toBe(false);
    expect(Object.hasOwn(saved, 'threePublicExpenses')).toBe(true);
    const line = (saved.functionalLines as { byId: Record<string, Record<string, unknown>> }).byId.f1!;
    expect(Object.keys(line).filter((k) => /basic|project/i.test(k))).toEqual(['basicExpenditure', 'projectExpenditure']);
  });

  it('read the old names only in old files, and only the names that version wrote', () => {
    // Today's file with the old names lacks today's fields.
    expect(err(documentText(2, OLD_NAMES)).message).toContain('threePublicExpenses');
    // An old file with today's names: version 1 never read them, so they are still missing.
    const e = err(documentText(1, NEW_NAMES));
    expect(e.code).toBe('schema');
    expect(e.message).toContain('threePublic：');
  });

  it('name a bad value by the field name the file uses', () => {
    const e = err(documentText(1, OLD_NAMES, 12.5));
    expect(e.code).toBe('schema');
    expect(e.message).toContain('functionalLines.byId.f1.basic：');
  });

  it('are renamed without changing the parsed input, own properties only', () => {
    const raw = JSON.parse(documentText(1, OLD_NAMES)) as Record<string, unknown>;
    const before = JSON.stringify(raw);
    const inherited = Object.create({ threePublic: { a: {} } }) as Record<string, unknown>;
    Object.assign(inherited, { format: 'x', version: 1 });
    expect(Object.hasOwn(migrateDocument(inherited, 1), 'threePublicExpenses')).toBe(false);
    const migrated = migrateDocument(raw, 1);
    expect(JSON.stringify(raw)).toBe(before);
    expect(Object.hasOwn(migrated, 'threePublic')).toBe(false);
    // A line id that is an own `__proto__` key stays an own key (and the schema refuses it by name).
    const proto = JSON.parse('{"format":"x","version":1,"functionalLines":{"byId":{"__proto__":{"basic":1}},"order":[]}}') as Record<string, unknown>;
    const byId = (migrateDocument(proto, 1).functionalLines as { byId: Record<string, unknown> }).byId;
    expect(Object.getPrototypeOf(byId)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(byId, '__proto__')?.value).toEqual({ basicExpenditure: 1 });
  });

  it('the bundled sample, written by version 1, opens with every amount under its new name', () => {
    const text = readFileSync(fileURLToPath(new URL('../../resources/samples/shenzhen-xinfang-2020.budget', import.meta.url)), 'utf8');
    const raw = JSON.parse(text) as { version: number; threePublic: unknown; functionalLines: { byId: Record<string, { basic: unknown; project: unknown }> } };
    expect(raw.version).toBe(1);
    const doc = ok(text);
    expect(doc.threePublicExpenses).toEqual(raw.threePublic);
    const lines = Object.entries(raw.functionalLines.byId);
    expect(lines.length).toBeGreaterThan(5);
    for (const [id, line] of lines) {
      expect([doc.functionalLines.byId[id]!.basicExpenditure, doc.functionalLines.byId[id]!.projectExpenditure]).toEqual([line.basic, line.project]);
    }
  });
});
