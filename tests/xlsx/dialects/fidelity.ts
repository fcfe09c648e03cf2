/**
 * How exactly an import reproduces a document: its rows (units, incomes, lines, projects,
 * sub-items, functional/transfer/procurement lines, 三公 and procurement inputs, indicators, the
 * department) compared at the printed precision (tests/xlsx/canonical.ts), each row either read
 * exactly or not; and its audit, as id-free finding signatures.
 */
import type { DepartmentBudget } from '../../../shared/model/document';
import type { Finding } from '../../../shared/rules/finding';
import { canonical } from '../canonical';

/** Rows of a document at the printed step, by category, each as a comparable string. */
export function printedRows(doc: DepartmentBudget, step: number): Record<string, string[]> {
  const c = canonical(doc, step);
  const s = (x: unknown) => JSON.stringify(x);
  return {
    department: [s({ ...c.department, catalogueId: c.catalogueId })],
    units: c.units.map(s),
    incomes: c.incomes.map(s),
    economicLines: c.economicLines.map(s),
    projects: c.projects.map(({ subItems: _s, ...p }) => s(p)),
    subItems: c.projects.flatMap((p) => p.subItems.map((x) => s({ unit: p.unit, project: p.name, ...x }))),
    functionalLines: c.functionalLines.map(s),
    transferLines: c.transferLines.map(s),
    procurementItems: c.procurementItems.map(s),
    unitProcurement: c.unitProcurement.map(s),
    threePublicExpenses: c.threePublicExpenses.map(s),
    performance: [s({ overallGoal: c.performance.overallGoal, basicTaskContent: c.performance.basicTaskContent }), ...c.performance.indicators.map(s)],
  };
}

export interface Fidelity {
  rows: number;
  exact: number;
  /** Categories with a row missing, extra or different. */
  differing: string[];
}

/**
 * Rows read exactly: per category, the expected rows found among the imported ones (as a
 * multiset), out of the larger of the two counts (an import that invents rows loses as much as
 * one that drops them).
 */
export function fidelity(expected: DepartmentBudget, imported: DepartmentBudget | null, step: number): Fidelity {
  const want = printedRows(expected, step);
  const got = imported ? printedRows(imported, step) : {};
  let rows = 0;
  let exact = 0;
  const differing: string[] = [];
  for (const [cat, exp] of Object.entries(want)) {
    const have = new Map<string, number>();
    for (const r of got[cat] ?? []) have.set(r, (have.get(r) ?? 0) + 1);
    let hit = 0;
    for (const r of exp) {
      const n = have.get(r) ?? 0;
      if (n > 0) {
        hit++;
        have.set(r, n - 1);
      }
    }
    const total = Math.max(exp.length, got[cat]?.length ?? 0);
    rows += total;
    exact += hit;
    if (hit !== total) differing.push(cat);
  }
  return { rows, exact, differing };
}

/**
 * A finding without ids or wording: 强制性 or not, rule, the amounts compared and the cells'
 * tables and columns. Row keys carry document ids; messages quote amounts at the display
 * precision; and whether a non-blocking difference is 提示性 or 尾差 depends on whether the
 * amounts were rounded, which a workbook at 4 decimals of 万元 cannot tell from one in 元.
 */
export function signature(f: Finding): string {
  const cells = f.cells.map((c) => `${c.table}.${c.column}`).join(',');
  return `${f.severity === 'error' ? 'error' : 'notice'}|${f.rule}|${f.differenceFen ?? ''}|${f.leftFen ?? ''}|${f.rightFen ?? ''}|${cells}`;
}

/**
 * A 强制性 finding of a rounded workbook, without the amounts: the audit of the exact document
 * and of its rounded print must raise the same 强制性 findings at the same places, while the
 * amounts they quote differ by rounding and 尾差 notes come with the rounding.
 */
export function roundedSignature(f: Finding): string | null {
  return f.severity === 'error' ? `error|${f.rule}|${f.cells.map((c) => `${c.table}.${c.column}`).join(',')}` : null;
}

