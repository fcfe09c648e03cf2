import fc from 'fast-check';
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { smallBudget } from '../../tests/fixtures/smallBudget';
import { cellKey } from '../model/cellKey';
import { INPUT_HOLDERS, type DepartmentBudget } from '../model/document';
import type { Fen } from '../money/fen';
import { buildGraph } from './buildGraph';
import { applyInput, evaluate, readPath } from './evaluate';
import { GraphBuilder, NodeKind } from './graph';

const Y = 100; // 分 per 元

function valueOf(doc: DepartmentBudget) {
  const { graph } = buildGraph(doc);
  const ev = evaluate(graph, doc);
  return (table: string, row: string, col: string) => {
    const id = graph.idOf(cellKey(table as `T${number}`, row, col));
    if (id === undefined) throw new Error(`no cell ${table}|${row}|${col}`);
    return ev.computed[id]! / Y;
  };
}

describe('cell graph of a small department', () => {
  const v = valueOf(smallBudget());

  it('sums 表4 lines into 类, units and the department', () => {
    expect(v('T4', 'ec:a:301', 'total')).toBe(500);
    expect(v('T4', 'ec:a:302', 'generalFunding')).toBe(60);
    expect(v('T4', 'u:a', 'total')).toBe(560);
    expect(v('T4', 'u:b', 'institutionRevenue')).toBe(20);
    expect(v('T4', 'u:b', 'fiscalAppropriation')).toBe(200);
    expect(v('T4', 'dept', 'total')).toBe(780);
  });

  it('sums 表5 sub-items into projects, units and the department', () => {
    expect(v('T5', 'p:p1', 'total')).toBe(440);
    expect(v('T5', 'p:p2', 'investmentFunding')).toBe(50);
    expect(v('T5', 'p:p2', 'generalPublicBudget')).toBe(50);
    expect(v('T5', 'u:a', 'total')).toBe(490);
    expect(v('T5', 'dept', 'total')).toBe(590);
  });

  it('derives 表3 from 表4, 表5 and 表11', () => {
    expect(v('T3', 'u:a', 'basic')).toBe(560);
    expect(v('T3', 'u:a', 'project')).toBe(490);
    expect(v('T3', 'u:a', 'total')).toBe(1050);
    expect(v('T3', 'u:b', 'total')).toBe(320);
    expect(v('T3', 'dept', 'total')).toBe(1370);
    expect(v('T3', 'u:a', 'procurement')).toBe(230);
    expect(v('T3', 'dept', 'procurement')).toBe(280);
    expect(v('T3', 'dept', 'smeReserved')).toBe(120);
  });

  it('builds 表2 totals and the department row', () => {
    expect(v('T2', 'u:a', 'incomeTotal')).toBe(1050);
    expect(v('T2', 'u:b', 'incomeTotal')).toBe(320);
    expect(v('T2', 'dept', 'generalFunding')).toBe(1300);
    expect(v('T2', 'dept', 'incomeTotal')).toBe(1370);
  });

  it('builds 表1 from 表2 and the functional lines of every fund', () => {
    expect(v('T1', 'in:fiscalAppropriation', 'amount')).toBe(1350);
    expect(v('T1', 'in:institutionRevenue', 'amount')).toBe(20);
    expect(v('T1', 'in:currentYearIncome', 'amount')).toBe(1370);
    expect(v('T1', 'in:incomeTotal', 'amount')).toBe(1370);
    expect(v('T1', 'out:2010301', 'amount')).toBe(1050);
    expect(v('T1', 'out:2010350', 'amount')).toBe(320);
    expect(v('T1', 'out:20103', 'amount')).toBe(1370);
    expect(v('T1', 'out:201', 'amount')).toBe(1370);
    expect(v('T1', 'out:expenditureTotal', 'amount')).toBe(1370);
  });

  it('builds 表6 from 财政拨款 only', () => {
    expect(v('T6', 'in:generalPublicBudget', 'amount')).toBe(1350);
    expect(v('T6', 'in:incomeTotal', 'amount')).toBe(1350);
    expect(v('T6', 'out:2010350', 'amount')).toBe(300);
    expect(v('T6', 'out:expenditureTotal', 'amount')).toBe(1350);
  });

  it('builds 表7, 表11, 表12, 表13, 表14 and 表15 amounts', () => {
    expect(v('T7', 'u:a', 'total')).toBe(1050);
    expect(v('T7', 'dept', 'basic')).toBe(760);
    expect(v('T11', 'pg:a:C', 'amount')).toBe(200);
    expect(v('T11', 'dept', 'amount')).toBe(280);
    expect(v('T12', 'u:a:cur', 'total')).toBe(16);
    expect(v('T12', 'u:b:cur', 'vehicleSubtotal')).toBe(30);
    expect(v('T12', 'dept:cur', 'total')).toBe(46);
    expect(v('T12', 'dept:prev', 'total')).toBe(18);
    expect(v('T13', 'p:p1', 'total')).toBe(440);
    expect(v('T13', 'p:p1', 'other')).toBe(0);
    expect(v('T14', 'basic', 'total')).toBe(780);
    expect(v('T14', 'basic', 'fiscal')).toBe(760);
    expect(v('T14', 'basic', 'other')).toBe(20);
    expect(v('T14', 'total', 'total')).toBe(1370);
    expect(v('T14', 'total', 'fiscal')).toBe(1350);
    expect(v('T15', 'p:p1', 'currentYear')).toBe(440);
    expect(v('T15', 'p:p1', 'totalAmount')).toBe(500);
  });

  it('orders nodes topologically and binds every input to a readable document path', () => {
    const doc = smallBudget();
    const { graph } = buildGraph(doc);
    for (let i = 0; i < graph.size; i++) {
      for (let p = graph.termStart[i]!; p < graph.termStart[i + 1]!; p++) expect(graph.termList[p]!).toBeLessThan(i);
      if (graph.kind[i] === NodeKind.Input) expect(graph.inputAtPath(graph.inputPath[i]!)).toBe(i);
    }
    const id = graph.idOf('T4|e:a1|generalFunding')!;
    expect(graph.inputPath[id]).toEqual(['economicLines', 'byId', 'a1', 'amounts', 'generalFunding']);
    expect(readPath(doc, graph.inputPath[id]!)).toBe(400 * Y);
  });

  it('keeps empty cells empty and distinguishes them from zero', () => {
    const doc = smallBudget();
    const { graph } = buildGraph(doc);
    const ev = evaluate(graph, doc);
    const empty = (k: string) => ev.nonEmpty[graph.idOf(k)!] === 0;
    expect(empty('T4|u:a|specialFunding')).toBe(true);
    expect(empty('T4|u:a|generalFunding')).toBe(false);
    expect(empty('T3|u:a|priorYearProcurementPayable')).toBe(true);
    const zeroed = produce(doc, (d) => {
      d.unitProcurement.a!.priorYearProcurementPayable = 0 as never;
    });
    const ev2 = evaluate(buildGraph(zeroed).graph, zeroed);
    expect(ev2.nonEmpty[buildGraph(zeroed).graph.idOf('T3|u:a|priorYearProcurementPayable')!]).toBe(1);
  });
});

describe('printed values and rounding looseness', () => {
  it('keeps reported values as shown values and counts rounded terms', () => {
    const doc = produce(smallBudget(), (d) => {
      d.printedPrecisionFen = 1_000_000;
      d.reported['T4|ec:a:301|total'] = 499 * Y as never;
      d.reported['T3|u:a|basic'] = 561 * Y as never;
    });
    const { graph } = buildGraph(doc);
    const ev = evaluate(graph, doc);
    const id = (k: string) => graph.idOf(k)!;
    // computed ignores printed values; shown uses them
    expect(ev.computed[id('T4|ec:a:301|total')]! / Y).toBe(500);
    expect(ev.shown[id('T4|ec:a:301|total')]! / Y).toBe(499);
    // the unit's row-wise total adds printed leaves (looseness = number of printed terms)
    expect(ev.looseness[id('T4|ec:a:301|generalFunding')]).toBe(2);
    // a copy of a printed figure adds no looseness: the same quantity printed twice must match exactly
    expect(ev.looseness[id('T3|u:a|basic')]).toBeGreaterThan(0);
    expect(ev.shown[id('T3|u:a|basic')]! / Y).toBe(561);
    // the copy's source (T4 unit total) is not printed, so its looseness carries through
    expect(ev.looseness[id('T3|u:a|basic')]).toBe(ev.looseness[id('T4|u:a|total')]);
  });
});

describe('incremental propagation', () => {
  const doc = smallBudget();
  const { graph } = buildGraph(doc);
  const inputs: number[] = [];
  for (let i = 0; i < graph.size; i++) if (graph.kind[i] === NodeKind.Input) inputs.push(i);

  it('a random sequence of input edits gives the same values as a full evaluation', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(inputs.length - 1), fc.option(fc.integer({ min: -1e9, max: 1e9 }), { nil: null })), { minLength: 1, maxLength: 30 }),
        (edits) => {
          const ev = evaluate(graph, doc);
          let current = doc;
          for (const [which, value] of edits) {
            const node = inputs[which]!;
            applyInput(ev, node, value);
            const path = graph.inputPath[node]!;
            current = produce(current, (d) => {
              let cur = d as unknown as Record<string, unknown>;
              for (const p of path.slice(0, -1)) {
                cur[p] ??= {};
                cur = cur[p] as Record<string, unknown>;
              }
              cur[path[path.length - 1]!] = value;
            });
          }
          const full = evaluate(graph, current);
          expect(Array.from(ev.computed)).toEqual(Array.from(full.computed));
          expect(Array.from(ev.shown)).toEqual(Array.from(full.shown));
          expect(Array.from(ev.nonEmpty)).toEqual(Array.from(full.nonEmpty));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reports the changed cells up to the derived tables, and nothing for a no-op', () => {
    const ev = evaluate(graph, doc);
    const node = graph.idOf('T4|e:a3|generalFunding')!;
    const changed = applyInput(ev, node, 70 * Y).map((i) => graph.keys[i]);
    expect(changed[0]).toBe('T4|e:a3|generalFunding');
    for (const k of ['T4|ec:a:302|total', 'T4|u:a|total', 'T3|u:a|basic', 'T3|dept|total', 'T14|basic|total', 'T14|total|total']) expect(changed).toContain(k);
    expect(changed).not.toContain('T5|u:a|total');
    expect(applyInput(ev, node, 70 * Y)).toEqual([]);
  });
});

describe('graph builder', () => {
  it('grows its storage past the initial capacity (string API)', () => {
    const g = new GraphBuilder(16, 16);
    const n = 5000;
    for (let i = 0; i < n; i++) g.input(`T2|u:${i}|generalFunding`, ['incomes', String(i), 'generalFunding']);
    for (let i = 0; i < n; i++) g.sum(`T2|u:${i}|total`, [`T2|u:${i}|generalFunding`, `T2|u:${(i + 1) % n}|generalFunding`], 'T2-row-total');
    for (let i = 0; i < n; i++) g.check(`T2|u:${i}|total`, [`T2|u:${i}|generalFunding`, `T2|u:${(i + 2) % n}|generalFunding`], 'T2-dept-sum');
    const graph = g.build();
    expect(graph.size).toBe(2 * n);
    expect(graph.checkCount).toBe(n);
    const last = n - 1;
    expect(graph.checkNode[last]).toBe(2 * n - 1);
    expect(Array.from(graph.checkTermList.subarray(graph.checkTermStart[last]!, graph.checkTermStart[last + 1]!))).toEqual([n - 1, 1]);
    expect(graph.relationNames[graph.checkRelation[last]!]).toBe('T2-dept-sum');
    expect(Array.from(graph.termList.subarray(graph.termStart[2 * n - 1]!, graph.termStart[2 * n]!))).toEqual([n - 1, 0]);
    expect(graph.kind[n]).toBe(NodeKind.Sum);
    expect(graph.idOf(`T2|u:${n - 1}|total`)).toBe(2 * n - 1);
    expect(graph.inputAtPath(['incomes', String(n - 1), 'generalFunding'])).toBe(n - 1);
    expect(graph.inputsUnder(['incomes', '7'])).toEqual([7]);
    expect(() => g.sum('T2|u:0|total', [], 'x')).toThrow('duplicate cell T2|u:0|total');
  });
});

describe('the inputs of the graph are the document schema’s input holders', () => {
  it('binds every input to a field INPUT_HOLDERS lists, and every listed holder and field to inputs', () => {
    const doc = produce(smallBudget(), (d) => {
      d.transferLines.byId.t1 = { id: 't1', unitId: 'a', code: '2010301', projectName: '专项', amount: 100 as Fen };
      d.transferLines.order.push('t1');
    });
    const { graph } = buildGraph(doc);
    const holders = Object.entries(INPUT_HOLDERS);
    const used = new Set<string>();
    for (let i = 0; i < graph.size; i++) {
      if (graph.kind[i] !== NodeKind.Input) continue;
      const path = graph.inputPathOf(i)!;
      const leaf = path[path.length - 1]!;
      const holder = holders.find(([, h]) => {
        const shape = [...h.prefix, path[h.prefix.length], ...h.suffix];
        return path.length === shape.length + 1 && shape.every((p, k) => p === path[k]);
      });
      expect(holder && (holder[1].fields as readonly string[]).includes(leaf), `${graph.keyOf(i)} at ${path.join('/')}`).toBe(true);
      used.add(`${holder![0]}.${leaf}`);
    }
    expect([...used].sort()).toEqual(holders.flatMap(([name, h]) => h.fields.map((f) => `${name}.${f}`)).sort());
  });
});
