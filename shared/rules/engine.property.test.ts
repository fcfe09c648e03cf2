/**
 * Property: after any sequence of edits (input values incl. clearing, texts, dates, notes,
 * accepted warnings, printed values, and structural edits: sub-items, lines, projects, units added
 * and removed), the incremental session's findings — the initial list with every reported change
 * applied — equal a full recheck of the edited document.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { enablePatches, produce, produceWithPatches, type Draft, type Patch } from 'immer';
import { describe, expect, it } from 'vitest';
import { graphOf } from '../compute/inputCells';
import { NodeKind } from '../compute/graph';
import { evaluate } from '../compute/evaluate';
import { parseBudgetFile } from '../io/budgetFile';
import type { DepartmentBudget } from '../model/document';
import type { Fen } from '../money/fen';
import { generateLargeBudget } from '../../tests/fixtures/largeBudget';
import { writeInputPath } from '../../tests/fixtures/writeInput';
import { createAuditSession, runAudit } from './audit';
import { sameFinding, type FindingChanges } from './engine';
import type { Finding } from './finding';

enablePatches();

const SAMPLE = new URL('../../resources/samples/shenzhen-xinfang-2020.budget', import.meta.url);
function sample(): DepartmentBudget {
  const r = parseBudgetFile(readFileSync(SAMPLE, 'utf8'), 'sample');
  if (!r.ok) throw new Error(r.error.message);
  return r.doc;
}

type Recipe = (d: Draft<DepartmentBudget>) => void;
type EditGen = (doc: DepartmentBudget) => fc.Arbitrary<Recipe>;

/** Pick an element by an index drawn from fc. */
const at = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;

const amount = fc.oneof(fc.constant(null), fc.integer({ min: -5, max: 5 }).map((v) => v * 1_000_000), fc.integer({ min: 0, max: 900_000_000 }));


/** Set one input cell (or clear it). */
const inputEdit: EditGen = (doc) => {
  const { graph } = graphOf(doc);
  const inputs: number[] = [];
  for (let i = 0; i < graph.size; i++) if (graph.kind[i] === NodeKind.Input) inputs.push(i);
  return fc.tuple(fc.nat(), amount).map(([i, v]) => {
    const path = graph.inputPathOf(at(inputs, i))!;
    return (d: Draft<DepartmentBudget>) => writeInputPath(d, path, v);
  });
};

/** Replace a whole `amounts` object of a line (a holder patch). */
const amountsEdit: EditGen = (doc) =>
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 50_000_000 }), fc.boolean()).map(([i, v, sub]) => (d: Draft<DepartmentBudget>) => {
    const ids = sub ? doc.subItems.order : doc.economicLines.order;
    if (ids.length === 0) return;
    const id = at(ids, i);
    if (sub) d.subItems.byId[id]!.amounts = { generalFunding: v as never, otherIncome: 100 as never };
    else d.economicLines.byId[id]!.amounts = { generalFunding: v as never };
  });

const datesEdit: EditGen = (doc) =>
  fc.tuple(fc.nat(), fc.constantFrom('2020-01-01', '2020-12-31', '2021-03-01', null), fc.boolean()).map(([i, date, start]) => (d: Draft<DepartmentBudget>) => {
    if (doc.projects.order.length === 0) return;
    const p = d.projects.byId[at(doc.projects.order, i)]!;
    if (start) p.startDate = date;
    else p.endDate = date;
  });

const notesEdit: EditGen = () =>
  fc.tuple(fc.constantFrom('T7', 'T8', 'T9', 'T10'), fc.boolean()).map(([t, set]) => (d: Draft<DepartmentBudget>) => {
    if (set) d.notes[t] = '注：本部门无此项支出。';
    else delete d.notes[t];
  });

const indicatorsEdit: EditGen = () =>
  fc.constantFrom('clear', 'output', 'effect').map((what) => (d: Draft<DepartmentBudget>) => {
    if (what === 'clear') d.performance.indicators = [];
    else d.performance.indicators.push({ id: `i-${d.performance.indicators.length + 1}-${what}`, level1: what === 'output' ? '产出指标' : '效益指标', level2: '数量指标', name: '新增指标', value: '1' });
  });

const textEdit: EditGen = (doc) =>
  fc.tuple(fc.nat(), fc.string()).map(([i, t]) => (d: Draft<DepartmentBudget>) => {
    if (doc.projects.order.length) d.projects.byId[at(doc.projects.order, i)]!.texts.overview = t;
    d.performance.overallGoal = t;
  });

/** Accept (or un-accept) one current warning, or accept an error id (which must have no effect). */
const acceptEdit: EditGen = (doc) => {
  const findings = runAudit(doc);
  return fc.tuple(fc.nat(), fc.boolean()).map(([i, accept]) => (d: Draft<DepartmentBudget>) => {
    if (findings.length === 0) return;
    const f = at(findings, i);
    if (accept) d.acceptedWarnings[f.id] = { reason: '经核实，情况属实。', acceptedAt: '2020-03-01T00:00:00.000Z' };
    else delete d.acceptedWarnings[f.id];
  });
};

/** A printed value of a derived cell set or removed (structural for the engine: rebuild). */
const reportedEdit: EditGen = (doc) => {
  const { graph } = graphOf(doc);
  const derived: number[] = [];
  for (let i = 0; i < graph.size; i += 7) if (graph.kind[i] !== NodeKind.Input) derived.push(i);
  return fc.tuple(fc.nat(), amount).map(([i, v]) => (d: Draft<DepartmentBudget>) => {
    const key = graph.keyOf(at(derived, i));
    if (v === null && key in d.reported) delete d.reported[key];
    else d.reported[key] = v as Fen | null;
  });
};

let serial = 0;
const fresh = (p: string) => `${p}-new-${++serial}`;

const structuralEdit: EditGen = (doc) =>
  fc.tuple(fc.constantFrom('addSub', 'removeSub', 'addLine', 'removeLine', 'addProject', 'removeProject', 'addUnit', 'removeUnit', 'addFunctional', 'moveLine', 'renameUnit'), fc.nat(), fc.integer({ min: 0, max: 90_000_000 })).map(
    ([kind, i, v]) =>
      (d: Draft<DepartmentBudget>) => {
        const units = doc.units.order;
        switch (kind) {
          case 'addSub': {
            if (!doc.projects.order.length) return;
            const id = fresh('s');
            d.subItems.byId[id] = { id, projectId: at(doc.projects.order, i), name: i % 2 ? '公务接待' : '新增二级项目', amounts: { generalFunding: v as never } };
            d.subItems.order.push(id);
            return;
          }
          case 'removeSub': {
            if (!doc.subItems.order.length) return;
            const id = at(doc.subItems.order, i);
            delete d.subItems.byId[id];
            d.subItems.order.splice(d.subItems.order.indexOf(id), 1);
            return;
          }
          case 'addLine': {
            const id = fresh('e');
            d.economicLines.byId[id] = { id, unitId: at(units, i), code: at(['30101', '30217', '30231', '30108', '39999', '30199'], i), amounts: { generalFunding: v as never } };
            d.economicLines.order.push(id);
            return;
          }
          case 'removeLine': {
            if (!doc.economicLines.order.length) return;
            const id = at(doc.economicLines.order, i);
            delete d.economicLines.byId[id];
            d.economicLines.order.splice(d.economicLines.order.indexOf(id), 1);
            return;
          }
          case 'moveLine': {
            if (doc.economicLines.order.length < 2) return;
            const id = d.economicLines.order.shift()!;
            d.economicLines.order.push(id);
            return;
          }
          case 'addProject': {
            const pid = fresh('p');
            const sid = fresh('s');
            d.projects.byId[pid] = {
              id: pid,
              unitId: at(units, i),
              name: '新增项目',
              tableNames: {},
              type: 'general',
              fundUses: [],
              startDate: '2020-01-01',
              endDate: '2020-12-31',
              performanceManaged: i % 3 !== 0,
              totalAmount: null,
              assetPurchaseAmount: i % 2 ? (v as never) : null,
              assetPurchaseItems: '',
              texts: { task: '', overview: '', usage: '', midTermGoal: '', annualGoal: '' },
              indicators: [],
            };
            d.projects.order.push(pid);
            d.subItems.byId[sid] = { id: sid, projectId: pid, name: '新增二级项目', amounts: { generalFunding: v as never } };
            d.subItems.order.push(sid);
            return;
          }
          case 'removeProject': {
            if (!doc.projects.order.length) return;
            const pid = at(doc.projects.order, i);
            delete d.projects.byId[pid];
            d.projects.order.splice(d.projects.order.indexOf(pid), 1);
            for (const sid of doc.subItems.order) {
              if (doc.subItems.byId[sid]!.projectId !== pid) continue;
              delete d.subItems.byId[sid];
              d.subItems.order.splice(d.subItems.order.indexOf(sid), 1);
            }
            return;
          }
          case 'addUnit': {
            const u = fresh('u');
            d.units.byId[u] = { id: u, name: `新增单位${serial}`, kind: 'subordinateUnit' };
            d.units.order.push(u);
            d.incomes[u] = { generalFunding: v as never };
            d.unitProcurement[u] = { smeReserved: null, microReserved: null, priorYearProcurementPayable: null };
            const none = { officialTravelAbroad: null, officialReception: null, vehiclePurchase: null, vehicleOperation: null };
            d.threePublicExpenses[u] = { previousYear: { ...none }, currentYear: { ...none } };
            return;
          }
          case 'removeUnit': {
            if (units.length < 2) return;
            const u = at(units, i);
            delete d.units.byId[u];
            d.units.order.splice(d.units.order.indexOf(u), 1);
            delete d.incomes[u];
            delete d.unitProcurement[u];
            delete d.threePublicExpenses[u];
            delete d.otherExpenditure[u];
            for (const c of ['economicLines', 'functionalLines', 'transferLines', 'procurementItems'] as const) {
              for (const id of doc[c].order) {
                if (doc[c].byId[id]!.unitId !== u) continue;
                delete d[c].byId[id];
                d[c].order.splice(d[c].order.indexOf(id), 1);
              }
            }
            for (const pid of doc.projects.order) {
              if (doc.projects.byId[pid]!.unitId !== u) continue;
              delete d.projects.byId[pid];
              d.projects.order.splice(d.projects.order.indexOf(pid), 1);
              for (const sid of doc.subItems.order) {
                if (doc.subItems.byId[sid]!.projectId !== pid) continue;
                delete d.subItems.byId[sid];
                d.subItems.order.splice(d.subItems.order.indexOf(sid), 1);
              }
            }
            for (const key of Object.keys(doc.reported)) if (key.includes(`u:${u}`)) delete d.reported[key];
            return;
          }
          case 'addFunctional': {
            const id = fresh('f');
            d.functionalLines.byId[id] = { id, unitId: at(units, i), code: at(['2010308', '2080505', '2010399', '9999999'], i), fund: at(['generalPublicBudget', 'governmentFund', 'nonFiscal'] as const, i), basicExpenditure: v as never, projectExpenditure: null };
            d.functionalLines.order.push(id);
            return;
          }
          case 'renameUnit': {
            d.units.byId[at(units, i)]!.name = `改名单位${i}`;
            return;
          }
        }
      },
  );

/** Weighted mix: mostly value edits (the editor's common case), some of everything else. */
function anyEdit(doc: DepartmentBudget): fc.Arbitrary<Recipe> {
  return fc.oneof(
    { weight: 8, arbitrary: inputEdit(doc) },
    { weight: 1, arbitrary: amountsEdit(doc) },
    { weight: 1, arbitrary: datesEdit(doc) },
    { weight: 1, arbitrary: notesEdit(doc) },
    { weight: 1, arbitrary: indicatorsEdit(doc) },
    { weight: 1, arbitrary: textEdit(doc) },
    { weight: 2, arbitrary: acceptEdit(doc) },
    { weight: 1, arbitrary: reportedEdit(doc) },
    { weight: 2, arbitrary: structuralEdit(doc) },
  );
}

function applyChanges(current: Map<string, Finding>, changes: FindingChanges): void {
  for (const id of changes.removed) {
    expect(current.has(id), `removed finding ${id} was not present`).toBe(true);
    current.delete(id);
  }
  for (const f of changes.added) {
    expect(current.has(f.id), `added finding ${f.id} was already present`).toBe(false);
    current.set(f.id, f);
  }
  for (const f of changes.changed) {
    expect(current.has(f.id), `changed finding ${f.id} was not present`).toBe(true);
    expect(sameFinding(current.get(f.id)!, f), `changed finding ${f.id} did not change`).toBe(false);
    current.set(f.id, f);
  }
}

function expectSameFindings(actual: Map<string, Finding>, expected: Finding[]): void {
  const expectedIds = expected.map((f) => f.id).sort();
  expect([...actual.keys()].sort()).toEqual(expectedIds);
  for (const f of expected) expect(actual.get(f.id)).toEqual(f);
}

/** Run `steps` random edits from `start`, checking incremental == full after each. */
async function checkSequence(start: DepartmentBudget, runs: number, maxSteps: number, replay?: { seed: number; path: string }): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.nat(), { minLength: 1, maxLength: maxSteps }), fc.integer(), async (choices, seed) => {
      let doc = start;
      const session = createAuditSession(doc);
      const current = new Map(session.findings().map((f) => [f.id, f]));
      let rng = seed;
      for (const c of choices) {
        // Draw the edit against the current document (edits depend on its rows).
        const recipe = fc.sample(anyEdit(doc), { numRuns: 1, seed: (rng = (rng * 1103515245 + 12345 + c) | 0) })[0]!;
        const [next, patches] = produceWithPatches(doc, recipe) as [DepartmentBudget, Patch[], Patch[]];
        if (patches.length === 0) continue;
        applyChanges(current, session.applyPatches(next, patches));
        doc = next;
        expectSameFindings(current, runAudit(doc));
      }
    }),
    { numRuns: runs, ...(replay ? { ...replay, endOnFailure: true } : {}) },
  );
}

/** A small generated document with every derived cell printed (at 1 元 precision). */
function fullyPrinted(): DepartmentBudget {
  const exact = generateLargeBudget({ units: 2, projectsPerUnit: 2, subItemsPerProject: 2, seed: 5 });
  const { graph } = graphOf(exact);
  const computed = evaluate(graph, exact).computed;
  return produce(exact, (d) => {
    d.printedPrecisionFen = 100;
    for (let i = 0; i < graph.size; i++) if (graph.kind[i] !== NodeKind.Input) d.reported[graph.keyOf(i)] = computed[i]! as Fen;
  });
}

/** Runs per property (raise with AUDIT_PROPERTY_RUNS=500 for a longer search). */
const RUNS = Number(process.env.AUDIT_PROPERTY_RUNS ?? 40);
const TIMEOUT = Math.max(120_000, RUNS * 2_000);

describe('incremental audit equals a full recheck', () => {
  it('on the published sample (printed values, rounding gaps, real inconsistencies)', async () => {
    await checkSequence(sample(), RUNS, 12);
  }, TIMEOUT);

  it('on a small editor document (exact amounts)', async () => {
    await checkSequence(generateLargeBudget({ units: 3, projectsPerUnit: 2, subItemsPerProject: 2, seed: 7 }), RUNS, 12);
  }, TIMEOUT);

  it('on a fully printed document (every derived cell printed: effective values, substitutions)', async () => {
    const printed = fullyPrinted();
    await checkSequence(printed, RUNS, 12);
  }, TIMEOUT);

  it('replays a found case: a project added, then its total changed, updates the 表13 finding that shows the total', async () => {
    const printed = fullyPrinted();
    await checkSequence(printed, 1, 12, { seed: -967477282, path: '8:23:8:4:3:28:7:7:8:7:35:13:12:12:12:13:12:39:38:39:31:27:28:23' });
  }, TIMEOUT);

  it('reports no change for an edit that changes nothing the rules read', () => {
    const doc = sample();
    const session = createAuditSession(doc);
    const [next, patches] = produceWithPatches(doc, (d) => {
      d.performance.overallGoal = '新的总体目标';
    });
    expect(session.applyPatches(next, patches)).toEqual({ added: [], changed: [], removed: [] });
  });
});
