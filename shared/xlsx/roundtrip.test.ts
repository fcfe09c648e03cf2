/**
 * Round trip: import(export(doc)) equals doc for every amount at the printed precision and every
 * text — for the sample, for a workbook re-saved by LibreOffice (another writer), and as a property
 * over random documents, with and without the hidden metadata.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getCatalogue } from '../catalogue';
import { evaluate } from '../compute/evaluate';
import { graphOf } from '../compute/inputCells';
import { printedPrecisionFen } from '../money/format';
import type { DepartmentBudget } from '../model/document';
import { canonical } from '../../tests/xlsx/canonical';
import { documentArbitrary } from '../../tests/xlsx/docGen';
import { fixture, loadSample } from '../../tests/xlsx/helpers';
import { exportWorkbook } from './exportWorkbook';
import { importWorkbook } from './importWorkbook';

async function roundTrip(doc: DepartmentBudget, options: { metadata?: boolean; decimals?: number } = {}): Promise<DepartmentBudget> {
  const out = await exportWorkbook(doc, { audit: false, ...options });
  if (!out.ok) throw new Error('export refused');
  const back = await importWorkbook(out.bytes, { fileName: 'rt.xlsx' });
  if (!back.ok) throw new Error(back.error.message);
  expect(back.report.cells).toEqual([]);
  return back.doc;
}

const sample = loadSample();
const STEP = 1_000_000; // the sample prints whole 万元

describe('round trip of the sample', () => {
  it('with the hidden metadata: the same document (ids included); printed totals become reported values', async () => {
    const back = await roundTrip(sample);
    const { reported: _r1, ...rest } = back;
    const { reported: _r2, ...expected } = sample;
    expect(rest).toEqual(expected);
    // Every printed total comes back as printed (表4 工资福利支出 1,681, 本年支出合计 3,380, not the sums of
    // their rounded parts 1,682 and 3,381) ...
    expect(sample.reported['T4|ec:u-bj:301|total']).toBe(1_681 * STEP);
    expect(sample.reported['T1|out:currentYearExpenditure|amount']).toBe(3_380 * STEP);
    // (表12's 公务用车 小计 printed blank over non-zero detail stays blank; a blank over a zero total says nothing.)
    expect(sample.reported['T12|u:u-bj:cur|vehicleSubtotal']).toBeNull();
    const { graph } = graphOf(sample);
    const ev = evaluate(graph, sample);
    const meaningful = Object.entries(sample.reported).filter(([key, value]) => value !== null || ev.computed[graph.idOf(key)!] !== 0);
    for (const [key, value] of meaningful) expect(back.reported[key], key).toBe(value);
    // ... and nothing else: the sample keeps every printed total, so the workbook prints no other computed cell.
    expect(Object.keys(back.reported).sort()).toEqual(meaningful.map(([key]) => key).sort());
  });

  it('without metadata (the official layout only): every amount and text, fresh ids', async () => {
    const back = await roundTrip(sample, { metadata: false });
    expect(back.units.order).toEqual(['u-1']);
    expect(canonical(back, STEP)).toEqual(canonical(sample, STEP));
    expect(back.printedPrecisionFen).toBe(STEP);
    expect(back.notes.T8).toBe('注：我局无政府性基金预算支出。');
  });

  it('a workbook exported without metadata and re-saved by LibreOffice Calc imports the same', async () => {
    const back = await importWorkbook(fixture('sample-libreoffice.xlsx'), { fileName: 'sample-libreoffice.xlsx' });
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.report.metadata).toBe('absent');
    expect(canonical(back.doc, STEP)).toEqual(canonical(sample, STEP));
  });
});

describe('round-trip property over random documents', () => {
  for (const metadata of [true, false]) {
    it(`${metadata ? 'with' : 'without'} metadata`, async () => {
      await fc.assert(
        fc.asyncProperty(documentArbitrary(!metadata), async ({ doc, decimals }) => {
          const back = await roundTrip(doc, { metadata, decimals });
          const unit = doc.department.displayUnit;
          const step = printedPrecisionFen(unit, decimals);
          // The document keeps the decimals it was read at (where they are not the catalogue's).
          const { displayDecimals, ...department } = back.department;
          expect(displayDecimals).toBe(decimals === getCatalogue(doc.catalogueId).decimals[unit] ? undefined : decimals);
          expect(canonical({ ...back, department }, step)).toEqual(canonical(doc, step));
          expect(back.printedPrecisionFen === null || back.printedPrecisionFen <= step).toBe(true);
          if (metadata) {
            expect(back.economicLines.order).toEqual(doc.economicLines.order);
            expect(back.projects.order).toEqual(doc.projects.order);
            expect(back.functionalLines.order).toEqual(doc.functionalLines.order);
          }
        }),
        { numRuns: Number(process.env.XLSX_PROPERTY_RUNS ?? 25) },
      );
    }, 120_000);
  }
});
