/**
 * Property: any sequence of user commands, each recorded as one undo step, undone completely gives
 * back the original document, and redone completely gives the final one. Every intermediate
 * document stays valid (schema and cross-references).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { smallBudget } from '../../tests/fixtures/smallBudget';
import { graphOf } from '../compute/inputCells';
import { NodeKind } from '../compute/graph';
import { checkReferences } from '../io/budgetFile';
import { departmentBudgetSchema, type DepartmentBudget } from '../model/document';
import type { Fen } from '../money/fen';
import {
  acceptWarning,
  addEconomicLine,
  addFunctionalLine,
  addIndicator,
  addProcurementItem,
  addProject,
  addSubItem,
  addUnit,
  emptyHistory,
  moveRow,
  record,
  redo,
  removeIndicator,
  removeRow,
  renameUnit,
  setCells,
  setProjectFields,
  undo,
  type EditOutcome,
  type History,
  type RowTargetKind,
} from './index';

/** A command drawn as numbers, interpreted against the current document (ids exist only then). */
interface Seed {
  op: number;
  a: number;
  b: number;
  value: number;
}

const ECON_CODES = ['30101', '30102', '30103', '30201', '30202', '30211', '30302', '30309'];
const FUNC_CODES = ['2010301', '2010308', '2080505', '2210201'];
const PROC_CODES = ['A03', 'C1000', 'C1600', 'C9900'];
const KINDS: RowTargetKind[] = ['unit', 'project', 'subItem', 'economicLine', 'functionalLine', 'procurementItem'];

const pick = <T>(xs: readonly T[], n: number): T | undefined => (xs.length === 0 ? undefined : xs[n % xs.length]);

function run(doc: DepartmentBudget, s: Seed): EditOutcome {
  const units = doc.units.order;
  const unit = pick(units, s.a) ?? 'a';
  switch (s.op % 13) {
    case 0:
    case 1:
    case 2: {
      // typing / paste / fill: set 1–3 random input cells
      const { graph } = graphOf(doc);
      const inputs: string[] = [];
      for (let i = 0; i < graph.size; i++) if (graph.kind[i] === NodeKind.Input) inputs.push(graph.keys[i]!);
      const n = 1 + (s.b % 3);
      const cells = Array.from({ length: n }, (_, i) => ({ key: pick(inputs, s.a + i * 7919)!, value: (s.value % 5 === 0 ? null : (s.value * (i + 1)) % 10_000_000_000) as Fen | null }));
      return setCells(doc, graph, cells, { label: '输入' });
    }
    case 3:
      return addUnit(doc, { name: `单位${s.value}` });
    case 4:
      return addProject(doc, { unitId: unit, name: `项目${s.value}` });
    case 5: {
      const p = pick(doc.projects.order, s.b);
      return p ? addSubItem(doc, { projectId: p, name: `子项${s.value}` }) : addProject(doc, { unitId: unit, name: `项目${s.value}` });
    }
    case 6:
      return addEconomicLine(doc, { unitId: unit, code: pick(ECON_CODES, s.b)! });
    case 7:
      return addFunctionalLine(doc, { unitId: unit, code: pick(FUNC_CODES, s.b)!, fund: s.value % 2 ? 'generalPublicBudget' : 'nonFiscal' });
    case 8:
      return addProcurementItem(doc, { unitId: unit, code: pick(PROC_CODES, s.b)! });
    case 9: {
      const kind = pick(KINDS, s.b)!;
      const ids = collectionIds(doc, kind);
      const id = pick(ids, s.value);
      return id ? removeRow(doc, { kind, id }) : { ok: true, result: null };
    }
    case 10: {
      const kind = pick(KINDS, s.b)!;
      const id = pick(collectionIds(doc, kind), s.value);
      return id ? moveRow(doc, { kind, id }, s.a % 2 ? 1 : -1) : { ok: true, result: null };
    }
    case 11: {
      const p = pick(doc.projects.order, s.b);
      if (s.value % 3 === 0) return renameUnit(doc, unit, `改名${s.value}`);
      if (s.value % 3 === 1 && p) return setProjectFields(doc, p, { type: s.a % 2 ? 'special' : 'general', texts: { overview: `概况${s.value}` } });
      return acceptWarning(doc, `W-${s.b % 4}`, `理由${s.value}`, '2021-01-01T00:00:00Z');
    }
    default: {
      if (s.value % 2 === 0 || doc.performance.indicators.length === 0) return addIndicator(doc, 'overall', { level1: '产出指标', name: `指标${s.value}` }, s.b % 3);
      return removeIndicator(doc, 'overall', pick(doc.performance.indicators, s.b)!.id);
    }
  }
}

function collectionIds(doc: DepartmentBudget, kind: RowTargetKind): string[] {
  switch (kind) {
    case 'unit':
      return doc.units.order;
    case 'project':
      return doc.projects.order;
    case 'subItem':
      return doc.subItems.order;
    case 'economicLine':
      return doc.economicLines.order;
    case 'functionalLine':
      return doc.functionalLines.order;
    default:
      return doc.procurementItems.order;
  }
}

const seed = fc.record({ op: fc.nat(1000), a: fc.nat(1000), b: fc.nat(1000), value: fc.integer({ min: 0, max: 2_000_000_000 }) });

describe('history', () => {
  it('undo all gives the original document, redo all gives the final one', () => {
    fc.assert(
      fc.property(fc.array(seed, { minLength: 1, maxLength: 25 }), (seeds) => {
        const original = smallBudget();
        let doc = original;
        let history: History = emptyHistory();
        for (const s of seeds) {
          const out = run(doc, s);
          if (!out.ok || !out.result) continue; // refused or no-op: the document is unchanged
          doc = out.result.doc;
          history = record(history, out.result.edit);
          expect(departmentBudgetSchema.safeParse(doc).success).toBe(true);
          expect(checkReferences(doc)).toBeNull();
        }
        const final = doc;
        const steps = history.past.length;
        for (let i = 0; i < steps; i++) {
          const r = undo(history, doc)!;
          doc = r.doc;
          history = r.history;
        }
        expect(undo(history, doc)).toBeNull();
        expect(doc).toEqual(original);
        for (let i = 0; i < steps; i++) {
          const r = redo(history, doc)!;
          doc = r.doc;
          history = r.history;
        }
        expect(redo(history, doc)).toBeNull();
        expect(doc).toEqual(final);
      }),
      { numRuns: 150 },
    );
  });

  it('a new edit after undo drops the redo stack', () => {
    const doc0 = smallBudget();
    const a = addUnit(doc0, { name: '甲' });
    if (!a.ok || !a.result) throw new Error('add failed');
    let h = record(emptyHistory(), a.result.edit);
    const u = undo(h, a.result.doc)!;
    h = u.history;
    expect(h.future).toHaveLength(1);
    const b = addUnit(u.doc, { name: '乙' });
    if (!b.ok || !b.result) throw new Error('add failed');
    h = record(h, b.result.edit);
    expect(h.future).toHaveLength(0);
    expect(h.past).toHaveLength(1);
  });

  it('keeps at most `limit` steps', () => {
    let doc = smallBudget();
    let h = emptyHistory(3);
    for (let i = 0; i < 5; i++) {
      const out = addUnit(doc, { name: `单位${i}` });
      if (!out.ok || !out.result) throw new Error('add failed');
      doc = out.result.doc;
      h = record(h, out.result.edit);
    }
    expect(h.past).toHaveLength(3);
    expect(h.past[0]!.label).toContain('单位2');
  });
});
