/**
 * Amounts have a domain bound (|amount| < 10^15 分, money/fen.ts) and a document's amounts a bound
 * on their absolute sum (9 × 10^15 分 < 2^53), so every total is exact: checked by the `.budget`
 * schema, the importer (naming the cell) and every edit. Expected values are written by hand or
 * computed with BigInt, never taken from the code under test.
 */
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../shared/compute/buildGraph';
import { evaluate } from '../../shared/compute/evaluate';
import { setCells } from '../../shared/edit/setCells';
import { parseBudgetFile, serializeBudget } from '../../shared/io/budgetFile';
import { amountVolume, knownVolume } from '../../shared/model/amountVolume';
import type { DepartmentBudget } from '../../shared/model/document';
import { formatFen } from '../../shared/money/format';
import type { Fen } from '../../shared/money/fen';
import { exportWorkbook } from '../../shared/xlsx/exportWorkbook';
import { importWorkbook } from '../../shared/xlsx/importWorkbook';
import { rollForwardWorkbook } from '../../shared/xlsx/yearImports';
import { generateLargeBudget } from '../fixtures/largeBudget';
import { exercise } from './exercise';
import { loadSample, smallBudget } from './helpers';
import { findCell, mutate, smallWorkbook } from './workbookEdits';

const MAX = 999_999_999_999_999; // 9,999,999,999,999.99 元: the largest amount of one cell
const CODES = ['30101', '30102', '30103', '30106', '30107', '30108', '30109', '30110', '30111', '30112'];

/** The small department with its 表4 lines replaced by `n` lines of `amount` 分 each, in unit a. */
function withLines(n: number, amount: number): DepartmentBudget {
  const doc = structuredClone(smallBudget());
  doc.economicLines = { byId: {}, order: [] };
  for (let i = 0; i < n; i++) {
    const id = `x${i}`;
    doc.economicLines.byId[id] = { id, unitId: 'a', code: CODES[i]!, amounts: { generalFunding: amount as Fen } };
    doc.economicLines.order.push(id);
  }
  return doc;
}

describe('the importer refuses amounts beyond the bound, naming the cell', () => {
  it('two cells of 50,000,000,000,000 元: each is reported as sheet!A1, the rest is read, audited, shown and exported', async () => {
    const bytes = await mutate(await smallWorkbook(), (wb) => {
      const ws = wb.getWorksheet('表4')!;
      // column E: 一般性经费拨款, an input
      ws.getCell(`E${findCell(ws, '基本工资').row}`).value = 50_000_000_000_000;
      ws.getCell(`E${findCell(ws, '津贴补贴').row}`).value = '50,000,000,000,000';
    });
    const r = await importWorkbook(bytes, { fileName: '预算.xlsx' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const refused = r.report.cells.filter((c) => c.message.includes('超出了允许的范围（绝对值须小于 10 万亿元）'));
    expect(refused.map((c) => c.ref)).toEqual(['表4!E10', '表4!E11']);
    await exercise(r.doc);
  });

  it('a workbook whose amounts together exceed 90 万亿元 is refused as a whole with a classified message', async () => {
    const bytes = await mutate(await smallWorkbook(), (wb) => {
      // ten input cells of 9,999,999,999,999.99 元: each within the bound, together beyond it
      const t4 = wb.getWorksheet('表4')!;
      for (const row of [10, 11, 13, 16]) t4.getCell(`E${row}`).value = '9,999,999,999,999.99';
      const t2 = wb.getWorksheet('表2')!;
      for (const row of [9, 10]) for (const col of ['E', 'F', 'G']) t2.getCell(`${col}${row}`).value = 9_999_999_999_999.99;
    });
    const r = await importWorkbook(bytes, { fileName: '预算.xlsx' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('amountRange');
    expect(r.error.message).toContain('预算.xlsx');
    expect(r.error.message).toContain('90 万亿元');
  });
});

describe('last year’s figures stay within the bound too', () => {
  it('a roll-forward whose printed totals would exceed 10 万亿元 is refused, not turned into a file that cannot be opened', async () => {
    // two lines of 9,000,000,000,000 元: each within the bound, their printed totals not
    const exported = await exportWorkbook(withLines(2, 900_000_000_000_000), { audit: false });
    if (!exported.ok) throw new Error('export refused');
    const bytes = exported.bytes;
    const imported = await importWorkbook(bytes, { fileName: '上年.xlsx' });
    expect(imported.ok).toBe(true); // as this year's document it is fine
    const r = await rollForwardWorkbook(bytes, { fileName: '上年.xlsx' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('amountRange');
    expect(r.error.message).toMatch(/^“上年\.xlsx”中的上年数无法使用（previousYear\["T\d+\|.+"\]：金额超出了允许的范围（绝对值须小于 10 万亿元））/);
  });

  it('last year’s figures do not count in the volume: they are compared one by one, never summed', () => {
    const doc = withLines(9, MAX - 100_000_000);
    doc.previousYear = { 'T4|dept|total': MAX as Fen, 'T3|dept|total': MAX as Fen };
    expect(parseBudgetFile(serializeBudget(doc), 'a.budget').ok).toBe(true);
  });
});

describe('the .budget schema bounds every amount and their sum', () => {
  it('refuses 9007199254740991 分, naming the place', () => {
    const doc = structuredClone(loadSample()) as unknown as { economicLines: { byId: Record<string, { amounts: Record<string, number> }>; order: string[] } };
    const id = doc.economicLines.order[0]!;
    doc.economicLines.byId[id]!.amounts.generalFunding = 9007199254740991;
    const r = parseBudgetFile(JSON.stringify(doc), '预算.budget');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('schema');
    expect(r.error.message).toBe(`文件“预算.budget”内容有误：economicLines.byId[${JSON.stringify(id)}].amounts.generalFunding：金额超出了允许的范围（绝对值须小于 10 万亿元）`);
  });

  it('refuses a printed precision that is no unit of a printed digit (found by the fuzzer: 9007199254740991 broke the audit)', () => {
    for (const p of [9007199254740991, 3, 0, 10_000_000]) {
      const doc = { ...smallBudget(), printedPrecisionFen: p };
      const r = parseBudgetFile(JSON.stringify(doc), '预算.budget');
      expect(r.ok, String(p)).toBe(false);
      if (!r.ok) expect(r.error.message).toBe('文件“预算.budget”内容有误：printedPrecisionFen：打印精度应为 1、10、100、1000、10000、100000、1000000 分之一');
    }
    for (const p of [null, 1, 100, 10_000, 1_000_000]) expect(parseBudgetFile(JSON.stringify({ ...smallBudget(), printedPrecisionFen: p }), 'a.budget').ok, String(p)).toBe(true);
  });

  it('accepts the largest amount and its negative', () => {
    const doc = withLines(2, MAX);
    doc.economicLines.byId.x1!.amounts.generalFunding = -MAX as Fen;
    expect(parseBudgetFile(serializeBudget(doc), 'a.budget').ok).toBe(true);
  });

  it('refuses a document whose amounts add up (in absolute value) beyond 90 万亿元', () => {
    const r = parseBudgetFile(serializeBudget(withLines(10, MAX)), '预算.budget');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toBe('文件“预算.budget”内容有误：全部金额（按绝对值）合计超过了 90 万亿元，超出了允许的范围');
  });
});

describe('sums cannot overflow', () => {
  it('nine maximal amounts (plus the rest of the department) add up exactly, and are audited, formatted and exported', async () => {
    const doc = withLines(9, MAX - 100_000_000); // leaves room for the department's other amounts
    const text = serializeBudget(doc);
    const parsed = parseBudgetFile(text, 'a.budget');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const { graph } = buildGraph(parsed.doc);
    const ev = evaluate(graph, parsed.doc);
    const expected = 9n * BigInt(MAX - 100_000_000); // 8,999,999,099,999,991 分, by BigInt
    expect(BigInt(ev.computed[graph.idOf('T4|dept|total')!]!)).toBe(expected);
    expect(formatFen(ev.computed[graph.idOf('T4|dept|total')!]! as Fen, { unit: 'yuan', decimals: 2 })).toBe('89,999,990,999,999.91');
    await exercise(parsed.doc);
  });

  it('every total is a sum of distinct amounts, so no partial sum exceeds the document volume', () => {
    for (const doc of [loadSample(), smallBudget(), generateLargeBudget({ units: 3, projectsPerUnit: 2, subItemsPerProject: 2 })]) {
      const { graph } = buildGraph(doc);
      // Inputs reaching each node, with multiplicity: a set per node, so any repeat is found.
      const reach: Set<number>[] = [];
      for (let i = 0; i < graph.size; i++) {
        const s = new Set<number>();
        if (graph.kind[i] === 0) s.add(i);
        for (let p = graph.termStart[i]!; p < graph.termStart[i + 1]!; p++) {
          for (const input of reach[graph.termList[p]!]!) {
            expect(s.has(input), `${graph.keyOf(i)} counts ${graph.keyOf(input)} twice`).toBe(false);
            s.add(input);
          }
        }
        reach.push(s);
      }
    }
  });

  it('an edit that would take the amounts beyond 90 万亿元 is refused; one amount beyond 10 万亿元 too', () => {
    const doc = withLines(9, MAX);
    const { graph } = buildGraph(doc);
    const push = setCells(doc, graph, [{ key: 'T2|u:b|generalFunding', value: MAX as Fen }], { label: '输入' });
    expect(push).toEqual({ ok: false, message: '输入后全部金额（按绝对值）合计超过了 90 万亿元，超出了本程序可精确计算的范围，请检查金额的单位（元/万元）是否正确' });
    const big = setCells(doc, graph, [{ key: 'T2|u:b|generalFunding', value: (MAX + 1) as Fen }], { label: '输入' });
    expect(big).toEqual({ ok: false, message: '金额超出了允许的范围（绝对值须小于 10 万亿元）' });
    // Lowering an amount is always possible, and the next edit knows the new volume.
    const lower = setCells(doc, graph, [{ key: 'T4|e:x0|generalFunding', value: 0 as Fen }], { label: '输入' });
    expect(lower.ok && lower.result !== null).toBe(true);
    if (!lower.ok || !lower.result) return;
    // the edited document's volume is carried over (typing never walks the document), and it is right
    expect(knownVolume(lower.result.doc)).toBe(amountVolume(lower.result.doc));
    const again = setCells(lower.result.doc, graph, [{ key: 'T2|u:b|generalFunding', value: 100_000_000_000_000 as Fen }], { label: '输入' });
    expect(again.ok).toBe(true);
  });
});
