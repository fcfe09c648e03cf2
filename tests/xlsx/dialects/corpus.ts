/**
 * The documents of the dialect corpus and what importing a dialect of one must give:
 * - sample: the bundled 深圳市信访局 2020 budget (万元, printed totals of its own, 尾差 included);
 * - multi-unit-a / multi-unit-b: generated 2–3-unit departments with projects and sub-items
 *   (tests/xlsx/docGen.ts, fixed seeds), amounts in whole 万元 so every printed precision is exact;
 * - multi-unit-rounded: the same kind of department with amounts in whole 元, so a workbook in
 *   万元 rounds every figure on its own and its totals differ from the sums of its parts (尾差);
 * - small-yuan: the hand-built two-unit department in 元 (tests/fixtures/smallBudget.ts), without
 *   the functional lines no printed table shows.
 * A document is printed only at precisions that keep its amounts (the sample only as it was
 * published, at whole 万元).
 */
import fc from 'fast-check';
import { getCatalogue } from '../../../shared/catalogue';
import type { DepartmentBudget } from '../../../shared/model/document';
import { documentArbitrary } from '../docGen';
import { loadSample, smallBudget } from '../helpers';
import { DIALECT_CHOICES, type Dialect, type Scale } from './dialect';
import { fullUnitName, SUBTOTAL_TABLES } from './layoutGrid';
import { printScale, type PrintScale } from './writeDialect';

export interface CorpusDocument {
  name: string;
  doc: DepartmentBudget;
  scales: readonly Scale[];
  /** The coarsest printed step (分) at which every amount of the document is exact; coarser printing rounds. */
  exactStep: number;
}

const INPUT_SECTIONS = ['incomes', 'economicLines', 'subItems', 'functionalLines', 'transferLines', 'procurementItems', 'unitProcurement', 'threePublicExpenses', 'otherExpenditure', 'projects'] as const;

/** Every amount of the document rounded to a multiple of `step` 分 (half away from zero). */
export function roundedTo(doc: DepartmentBudget, step: number): DepartmentBudget {
  const out = structuredClone(doc);
  const walk = (x: unknown): unknown => {
    if (typeof x === 'number') {
      const r = Math.sign(x) * Math.round(Math.abs(x) / step) * step;
      return r === 0 ? 0 : r;
    }
    if (Array.isArray(x)) return x.map(walk);
    if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, walk(v)]));
    return x;
  };
  const rec = out as unknown as Record<string, unknown>;
  for (const s of INPUT_SECTIONS) rec[s] = walk(rec[s]);
  return out;
}

/** A generated department with several units and projects with sub-items, from a fixed seed. */
function generated(seed: number, minUnits: number, step: number): DepartmentBudget {
  const docs = fc.sample(documentArbitrary(true), { seed, numRuns: 400 });
  const fits = docs.find(({ doc }) => doc.units.order.length >= minUnits && doc.projects.order.length >= 3 && doc.subItems.order.length >= 3 && doc.economicLines.order.length >= 3 && doc.department.displayUnit === 'wan');
  if (!fits) throw new Error(`no generated document for seed ${seed}`);
  return roundedTo(fits.doc, step);
}

function smallYuan(): DepartmentBudget {
  const doc = smallBudget();
  const hidden = doc.functionalLines.order.filter((id) => !['generalPublicBudget', 'governmentFund', 'stateCapitalBudget'].includes(doc.functionalLines.byId[id]!.fund));
  for (const id of hidden) delete doc.functionalLines.byId[id];
  doc.functionalLines.order = doc.functionalLines.order.filter((id) => !hidden.includes(id));
  return doc;
}

let cached: CorpusDocument[] | null = null;

export function corpusDocuments(): CorpusDocument[] {
  const all = DIALECT_CHOICES.scale;
  cached ??= [
    { name: 'sample', doc: loadSample(), scales: ['native', 'wan0'], exactStep: 1_000_000 },
    { name: 'multi-unit-a', doc: generated(13, 3, 1_000_000), scales: all, exactStep: 1_000_000 },
    { name: 'multi-unit-b', doc: generated(2026, 2, 1_000_000), scales: all, exactStep: 1_000_000 },
    { name: 'multi-unit-rounded', doc: generated(7, 3, 100), scales: all, exactStep: 100 },
    { name: 'small-yuan', doc: smallYuan(), scales: ['native', 'yuan', 'yuan0', 'wan4'], exactStep: 100 },
  ];
  return cached;
}

/** The dialect as printable for the document: a precision the document cannot keep falls back to its own. */
export function forDocument(dialect: Dialect, doc: CorpusDocument): Dialect {
  return doc.scales.includes(dialect.scale) ? dialect : { ...dialect, scale: 'native' };
}

/**
 * The document an import of the dialect must give: the unit printed, under full unit names the
 * units' full names as printed (in 表13 only: those of the units 表13 lists), and without
 * department rows or unit totals none of those printed totals.
 */
export function expectedDocument(doc: DepartmentBudget, dialect: Dialect, scale: PrintScale = printScale(doc, dialect.scale)): DepartmentBudget {
  const out = structuredClone(doc);
  out.department.displayUnit = scale.unit;
  // The document keeps the decimals it was read at, where they are not the catalogue's for the unit.
  delete out.department.displayDecimals;
  if (scale.decimals !== getCatalogue(doc.catalogueId).decimals[scale.unit]) out.department.displayDecimals = scale.decimals;
  // Without department rows the workbook prints none of the department's own totals.
  if (dialect.totals === 'absent') for (const key of Object.keys(out.reported)) if (/^T\d+\|dept[|:]/.test(key)) delete out.reported[key];
  // Unit rows as headings: none of the units' totals of those tables.
  if (dialect.bareUnits && !dialect.subtotals) for (const key of Object.keys(out.reported)) if (SUBTOTAL_TABLES.has(key.split('|')[0]!) && key.split('|')[1]!.startsWith('u:')) delete out.reported[key];
  if (dialect.unitNames !== 'short') {
    const book = { year: doc.department.fiscalYear, departmentName: doc.department.name, shortName: doc.department.shortName, units: doc.units.order.map((id) => ({ name: doc.units.byId[id]!.name, fullName: doc.units.byId[id]!.fullName ?? doc.units.byId[id]!.name })), tables: [] };
    // Only in 表13: the units it lists (those with projects under performance management).
    const in13 = new Set(Object.values(doc.projects.byId).filter((p) => p.performanceManaged).map((p) => p.unitId));
    doc.units.order.forEach((id, i) => {
      if (dialect.unitNames === 'full' || in13.has(id)) out.units.byId[id] = { ...out.units.byId[id]!, fullName: fullUnitName(book, i) };
    });
  }
  return out;
}
