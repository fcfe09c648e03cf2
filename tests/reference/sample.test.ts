/**
 * The bundled sample (resources/samples/shenzhen-xinfang-2020.budget) against the reference text:
 * every amount printed in 表1–表15 (read by referenceTables.ts, independently of the sample's
 * source) must be in the document — as the input value where the cell is an input, else as the
 * printed (`reported`) value of the computed cell — and the texts and indicators must be the
 * printed ones.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { graphOf, readInputCell } from '../../shared/compute/inputCells';
import { parseBudgetFile, serializeBudget } from '../../shared/io/budgetFile';
import { FUND_USE_LABELS, PROJECT_TYPE_LABELS, type DepartmentBudget } from '../../shared/model/document';
import { DOCUMENTED_QUIRKS, loadReferenceText, readReferenceTables, squash, stripParagraphs, WORKSPACE_REFERENCE_URL, type PrintedCell, type ReferenceIndicator } from './referenceTables';
import { SAMPLE_URL, sampleJson } from './writeSample';

const sampleText = readFileSync(SAMPLE_URL, 'utf8');
const opened = parseBudgetFile(sampleText, 'sample');
if (!opened.ok) throw new Error(opened.error.message);
const doc: DepartmentBudget = opened.doc;
const referenceText = loadReferenceText();
const ref = readReferenceTables(referenceText);

/** Text compared without whitespace and <p> tags (the PDF wraps cells with spaces). */
const norm = (s: string) => squash(stripParagraphs(s));
const normalizedReference = norm(referenceText.replace(/<\/?p>/g, ''));

function where(c: PrintedCell): string {
  return `表${c.table}${c.form ? `-${c.form}` : ''} line ${c.line} “${c.rowLabel}” ${c.column} [${c.key}] printed “${c.raw}”`;
}

/** Numbers of printed amounts (non-blank) and blanks per table. */
function countsByTable(cells: PrintedCell[]): Record<string, { numbers: number; blanks: number }> {
  const out: Record<string, { numbers: number; blanks: number }> = {};
  for (const c of cells) {
    const t = (out[`T${c.table}`] ??= { numbers: 0, blanks: 0 });
    if (c.value === null) t.blanks++;
    else t.numbers++;
  }
  return out;
}

describe.skipIf(!existsSync(WORKSPACE_REFERENCE_URL))('the reference kept in the repository', () => {
  it('is the workspace’s shared/reference file, byte for byte', () => {
    expect(readFileSync(WORKSPACE_REFERENCE_URL, 'utf8')).toBe(referenceText);
  });
});

describe('reference reader (表1–表15 of the 2020 budget of 深圳市信访局)', () => {
  it('reads every table and form, meeting each documented PDF quirk', () => {
    expect(ref.sections).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15-1', '15-2', '15-3', '15-4', '15-5', '15-6', '15-7']);
    expect([...ref.quirksSeen].sort()).toEqual([...DOCUMENTED_QUIRKS].sort());
    expect(ref.fiscalYear).toBe(2020);
    expect(ref.departmentName).toBe('深圳市信访局');
  });

  it('extracts the expected number of printed amounts from every table', () => {
    // Facts of the reference: amounts printed per table, and printed blanks of amount columns.
    expect(countsByTable(ref.cells)).toEqual({
      T1: { numbers: 26, blanks: 14 },
      T2: { numbers: 10, blanks: 22 },
      T3: { numbers: 14, blanks: 0 },
      T4: { numbers: 108, blanks: 324 },
      T5: { numbers: 94, blanks: 274 },
      T6: { numbers: 25, blanks: 6 },
      T7: { numbers: 23, blanks: 7 },
      T8: { numbers: 0, blanks: 6 },
      T9: { numbers: 0, blanks: 6 },
      T10: { numbers: 0, blanks: 2 },
      T11: { numbers: 8, blanks: 0 },
      T12: { numbers: 12, blanks: 12 },
      T13: { numbers: 14, blanks: 7 },
      T14: { numbers: 27, blanks: 0 },
      T15: { numbers: 31, blanks: 4 },
    });
    expect(ref.cells.filter((c) => c.value !== null).length).toBeGreaterThanOrEqual(200);
    expect(new Set(ref.cells.map((c) => c.key)).size).toBe(ref.cells.length);
  });
});

describe('sample document', () => {
  it('opens as the output of writeSample.ts (regenerate: npx tsx tests/reference/writeSample.ts)', () => {
    // The file may be one an older version wrote (version 1: threePublic, basic / project): it must open
    // to exactly the document the source describes, saved again byte for byte as today's writer writes it.
    expect(serializeBudget(doc)).toBe(sampleJson());
  });

  it('holds every printed amount: inputs as entered, computed cells in `reported`', () => {
    const problems: string[] = [];
    let inputs = 0;
    let computed = 0;
    const absentBlankCells: string[] = [];
    for (const c of ref.cells) {
      const cell = readInputCell(doc, c.key);
      if (cell.input) {
        inputs++;
        if (cell.value !== c.value) problems.push(`${where(c)}: input holds ${cell.value}`);
        continue;
      }
      computed++;
      const reported = doc.reported[c.key];
      if (c.value === null) {
        // A printed blank of a computed cell: nothing, or a recorded blank (null), may be reported.
        if (reported !== undefined && reported !== null) problems.push(`${where(c)}: reported ${reported} for a printed blank`);
        if (!cell.exists) absentBlankCells.push(c.key);
        continue;
      }
      if (!cell.exists) problems.push(`${where(c)}: the document has no such cell`);
      else if (reported !== c.value) problems.push(`${where(c)}: reported ${reported === undefined ? 'missing' : reported}`);
    }
    expect(problems).toEqual([]);
    expect(inputs).toBeGreaterThan(100);
    expect(computed).toBeGreaterThan(200);
    // Printed blank rows the model does not have as cells (表6 上年结余、结转 / 结转下年).
    expect(absentBlankCells.every((k) => k.startsWith('T6|'))).toBe(true);
  });

  it('reports nothing but printed values of computed cells', () => {
    const printed = new Map(ref.cells.map((c) => [c.key, c]));
    const problems: string[] = [];
    for (const [key, value] of Object.entries(doc.reported)) {
      const c = printed.get(key);
      if (!c) problems.push(`${key}: not a printed cell of the reference`);
      else if (c.value !== value) problems.push(`${where(c)}: reported ${value}`);
      if (readInputCell(doc, key).input) problems.push(`${key}: is an input`);
    }
    expect(problems).toEqual([]);
    // The blanks recorded on purpose: 表12 公务用车购置及运行维护费 小计 (printed blank although
    // 运行维护费 is 6) and 表15-6/15-7 其他资金 (blank where the other forms print 0).
    expect(Object.keys(doc.reported).filter((k) => doc.reported[k] === null).sort()).toEqual(
      ['T12|dept:cur|vehicleSubtotal', 'T12|dept:prev|vehicleSubtotal', 'T12|u:u-bj:cur|vehicleSubtotal', 'T12|u:u-bj:prev|vehicleSubtotal', 'T15|p:p-touzi|other', 'T15|p:p-zhunbeijin|other'].sort(),
    );
  });

  it('has no input value that the reference does not print', () => {
    const printed = new Set(ref.cells.map((c) => c.key));
    const { graph } = graphOf(doc);
    const unprinted = graph.keys.filter((key) => {
      const cell = readInputCell(doc, key);
      return cell.input && cell.value !== null && !printed.has(key);
    });
    expect(unprinted).toEqual([]);
  });
});

describe('sample rows and names', () => {
  const rowsOf = (table: number, prefix: string) => ref.rows.filter((r) => r.table === table && r.rowKey.startsWith(prefix));

  it('department and unit rows carry the printed names', () => {
    expect(doc.department.name).toBe(ref.departmentName);
    expect(doc.department.fiscalYear).toBe(ref.fiscalYear);
    for (const r of ref.rows) {
      if (r.table === 12 && r.label === '') continue; // merged 预算单位 cell of the 2020年 row
      if (r.rowKey === 'dept' || r.rowKey.startsWith('dept:')) expect(r.label, `表${r.table} line ${r.line}`).toBe(doc.department.shortName);
      const unit = /^u:([^:]+)/.exec(r.rowKey)?.[1];
      if (unit) expect(r.label, `表${r.table} line ${r.line}`).toBe(doc.units.byId[unit]!.name);
    }
    for (const r of rowsOf(13, 'p:')) expect(r.unitLabel).toBe(doc.units.byId[doc.projects.byId[r.rowKey.slice(2)]!.unitId]!.fullName);
  });

  it('表4 款 lines: order, codes and printed names', () => {
    const rows = rowsOf(4, 'e:');
    expect(rows.map((r) => r.rowKey.slice(2))).toEqual(doc.economicLines.order);
    for (const r of rows) {
      const line = doc.economicLines.byId[r.rowKey.slice(2)]!;
      expect(line.code).toBe(r.code);
      expect(line.name ?? r.standardName, `表4 line ${r.line}`).toBe(r.label);
      if (line.name !== undefined) expect(line.name).not.toBe(r.standardName); // names are kept only where they differ
    }
  });

  it('表5 projects and sub-items: order, names, parents', () => {
    expect(rowsOf(5, 'p:').map((r) => r.rowKey.slice(2))).toEqual(doc.projects.order);
    expect(rowsOf(5, 's:').map((r) => r.rowKey.slice(2))).toEqual(doc.subItems.order);
    for (const r of rowsOf(5, 'p:')) expect(doc.projects.byId[r.rowKey.slice(2)]!.name).toBe(r.label);
    for (const r of rowsOf(5, 's:')) {
      const s = doc.subItems.byId[r.rowKey.slice(2)]!;
      expect(s.name).toBe(r.label);
      expect(`p:${s.projectId}`).toBe(r.parentRowKey);
    }
  });

  it('表7–表11 lines: order and codes', () => {
    const f = rowsOf(7, 'f:');
    expect(f.map((r) => r.rowKey.slice(2))).toEqual(doc.functionalLines.order.filter((id) => doc.functionalLines.byId[id]!.fund === 'generalPublicBudget'));
    for (const r of f) expect(doc.functionalLines.byId[r.rowKey.slice(2)]!.code).toBe(r.code);
    // 表8/表9 print no lines, 表10 none.
    expect(rowsOf(8, 'f:').length + rowsOf(9, 'f:').length).toBe(0);
    expect(doc.functionalLines.order.every((id) => doc.functionalLines.byId[id]!.fund === 'generalPublicBudget')).toBe(true);
    expect(doc.transferLines.order).toEqual([]);
    const pi = rowsOf(11, 'pi:');
    expect(pi.map((r) => r.rowKey.slice(3))).toEqual(doc.procurementItems.order);
    for (const r of pi) expect(doc.procurementItems.byId[r.rowKey.slice(3)]!.code).toBe(r.code);
  });

  it('表13/表14/表15 project names and 表13 dates', () => {
    const printedName = (table: 13 | 14 | 15, id: string) => {
      const p = doc.projects.byId[id]!;
      return p.tableNames[`table${table}`] ?? p.name;
    };
    for (const table of [13, 14, 15] as const) {
      const rows = rowsOf(table, 'p:');
      expect(rows.map((r) => r.rowKey.slice(2)), `表${table}`).toEqual(doc.projects.order);
      for (const r of rows) expect(r.label, `表${table} line ${r.line}`).toBe(squash(printedName(table, r.rowKey.slice(2))));
    }
    for (const r of rowsOf(13, 'p:')) {
      const p = doc.projects.byId[r.rowKey.slice(2)]!;
      expect(p.performanceManaged).toBe(true);
      expect([p.startDate, p.endDate]).toEqual([r.startDate, r.endDate]);
    }
  });

  it('notes under the tables', () => {
    expect(doc.notes).toEqual(ref.notes);
  });
});

describe('sample texts and indicators', () => {
  const expectInReference = (text: string, label: string) => {
    if (norm(text) !== '') expect(normalizedReference.includes(norm(text)), `${label}: “${text.slice(0, 40)}…” not in the reference`).toBe(true);
  };
  const sameIndicators = (actual: { level1: string; level2: string; name: string; value: string; source?: string }[], printed: ReferenceIndicator[], label: string) => {
    const pick = (i: { level1: string; level2: string; name: string; value: string; source?: string }) => [i.level1, i.level2, i.name, i.value, i.source ?? ''].map(squash);
    expect(actual.map(pick), label).toEqual(printed.map(pick));
    for (const i of actual) {
      expectInReference(i.name, `${label} ${i.name}`);
      expectInReference(i.value, `${label} ${i.name} 指标值`);
      // name, value (and source) are printed side by side on one row of the grid
      expectInReference(i.name + i.value + (i.source ?? ''), `${label} ${i.name} row`);
    }
  };

  it('表15 forms: type, fund use, dates, asset plan, texts and indicator grid of every project', () => {
    expect(ref.projectForms.map((f) => f.projectId)).toEqual(doc.projects.order);
    for (const form of ref.projectForms) {
      const p = doc.projects.byId[form.projectId]!;
      const label = `表15-${form.form} ${p.name}`;
      expect(form.implementingUnit, label).toBe(doc.department.name);
      expect(form.competentDepartment, label).toBe(doc.department.competentDepartment);
      expect(form.types, label).toEqual([PROJECT_TYPE_LABELS[p.type]]);
      expect(form.fundUses, label).toEqual(p.fundUses.map((u) => FUND_USE_LABELS[u]));
      expect([form.startDate, form.endDate], label).toEqual([p.startDate, p.endDate]);
      expect(norm(p.assetPurchaseItems), `${label} 采购品目`).toBe(norm(form.assetPurchaseItems));
      for (const field of ['overview', 'usage', 'midTermGoal', 'annualGoal'] as const) {
        expect(norm(p.texts[field]), `${label} ${field}`).toBe(norm(form.texts[field]));
        expectInReference(p.texts[field], `${label} ${field}`);
      }
      sameIndicators(p.indicators, form.indicators, label);
    }
    expect(ref.projectForms.reduce((n, f) => n + f.indicators.length, 0)).toBe(40);
  });

  it('表14: 年度主要任务, 年度总体目标 and 年度绩效指标', () => {
    const perf = ref.performance;
    expect(perf.departmentName).toBe(doc.department.name);
    expect(perf.competentDepartment).toBe(doc.department.competentDepartment);
    expect(norm(doc.performance.basicTaskContent)).toBe(norm(perf.basicTaskContent));
    expectInReference(doc.performance.basicTaskContent, '表14 基本支出事项');
    expect(doc.performance.overallGoal).toBe(perf.overallGoal);
    expect(doc.performance.overallGoal.split('\n')).toHaveLength(10);
    expectInReference(doc.performance.overallGoal, '表14 年度总体目标');
    expect(perf.tasks.map((t) => t.rowKey.slice(2))).toEqual(doc.projects.order);
    for (const t of perf.tasks) {
      const p = doc.projects.byId[t.rowKey.slice(2)]!;
      expect(norm(p.texts.task), `表14 ${p.name}`).toBe(norm(t.content));
    }
    sameIndicators(doc.performance.indicators, perf.indicators, '表14');
    expect(perf.indicators).toHaveLength(24);
  });
});
