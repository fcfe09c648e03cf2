/**
 * Excel benchmark (Node, the CLI's runtime; the editor runs the same code in a Web Worker):
 * - exportSampleMs / importSampleMs: the bundled sample (深圳市信访局 2020), median of runs.
 * - exportLargeMs / importLargeMs: the large generated department (tests/fixtures/largeBudget.ts:
 *   300 units, ~3,000 projects, so ~3,000 表15 sheets); the faster of two runs each.
 * - exceljsBareLoadLargeMs: exceljs loading the same large workbook with no checks and no mapping,
 *   the baseline measured in the same run; ratioImportLargeVsBareLoad = importLargeMs /
 *   exceljsBareLoadLargeMs (our whole import — zip checks, own reader and mapping — against it).
 * Also reported: the large workbook's size and sheet count, and importLargeGuardMs (the zip checks).
 * - importTallMergesMs / importDescendingCellsMs: the sample workbook with one sheet replaced by a
 *   shape a naive reader is slow on: 3,000 stacked (overlapping) merges 1,300 rows tall (3.9 million
 *   merged cells, inside the limits), and 960,000 cells in 60 rows written in descending column
 *   order (before issue 14: 0.7 s and 30 s); the faster of two imports each.
 * Exports and imports use Node's zlib (deflate, inflate, CRC-32), as the CLI does.
 */
import ExcelJS from 'exceljs';
import { generateLargeBudget } from '../../fixtures/largeBudget';
import { loadSample } from '../../xlsx/helpers';
import { exportWorkbook } from '../../../shared/xlsx/exportWorkbook';
import { importWorkbook } from '../../../shared/xlsx/importWorkbook';
import { guardWorkbookBytes } from '../../../shared/xlsx/zipGuard';
import { nodeZip } from '../../../electron/cli/nodeZip';
import type { BenchSuite } from '../run';
import { median } from '../stats';
import { readZip, writeZip } from '../../xlsx/zipTools';
import { columnLetters } from '../../../shared/xlsx/layout';

const round = (x: number) => Math.round(x * 10) / 10;

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

async function exportBytes(doc: Parameters<typeof exportWorkbook>[0]): Promise<Uint8Array> {
  const r = await exportWorkbook(doc, { force: true, audit: false, zip: nodeZip });
  if (!r.ok) throw new Error('export refused');
  return r.bytes;
}

const suite: BenchSuite = {
  name: 'xlsx',
  async run() {
    const sample = loadSample();
    // Warm-up: the same calls as measured (the CLI's zip), enough of them for the compiler to settle.
    for (let i = 0; i < 10; i++) await importWorkbook(await exportBytes(sample), { zip: nodeZip });
    const exportRuns: number[] = [];
    const importRuns: number[] = [];
    let sampleBytes: Uint8Array = new Uint8Array();
    for (let i = 0; i < 15; i++) {
      const e = await time(() => exportBytes(sample));
      exportRuns.push(e.ms);
      sampleBytes = e.value;
      const im = await time(() => importWorkbook(sampleBytes, { zip: nodeZip }));
      if (!im.value.ok) throw new Error(im.value.error.message);
      importRuns.push(im.ms);
    }

    const large = generateLargeBudget();
    const exportsLarge = [await time(() => exportBytes(large)), await time(() => exportBytes(large))];
    const bytes = exportsLarge[1]!.value;
    const bare: number[] = [];
    const imports: number[] = [];
    for (let i = 0; i < 2; i++) {
      const b = await time(async () => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(bytes.slice().buffer as unknown as ExcelJS.Buffer);
        return wb.worksheets.length;
      });
      bare.push(b.ms);
      const im = await time(() => importWorkbook(bytes, { zip: nodeZip }));
      if (!im.value.ok) throw new Error(im.value.error.message);
      imports.push(im.ms);
    }
    const guard = await time(() => guardWorkbookBytes(bytes, { platform: nodeZip }));

    // Shapes a naive reader is quadratic on, in place of 表4 of the sample.
    const replaced = (xml: string) => writeZip(readZip(sampleBytes).map((e) => (e.name === 'xl/worksheets/sheet4.xml' ? { name: e.name, data: new TextEncoder().encode(xml) } : e)));
    const merges = Array.from({ length: 3_000 }, (_, k) => `<mergeCell ref="B${k + 1}:B${k + 1300}"/>`).join('');
    const tallMerges = replaced(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData><mergeCells>${merges}</mergeCells></worksheet>`);
    const rows: string[] = [];
    for (let r = 1; r <= 60; r++) {
      let cells = '';
      for (let c = 16_000; c >= 1; c--) cells += `<c r="${columnLetters(c)}${r}"><v>${r + c}</v></c>`;
      rows.push(`<row r="${r}">${cells}</row>`);
    }
    const descending = replaced(`<worksheet><sheetData>${rows.join('')}</sheetData></worksheet>`);
    const shapeMs = async (b: Uint8Array) => Math.min((await time(() => importWorkbook(b, { zip: nodeZip }))).ms, (await time(() => importWorkbook(b, { zip: nodeZip }))).ms);
    const importTallMergesMs = await shapeMs(tallMerges);
    const importDescendingCellsMs = await shapeMs(descending);
    const importLargeMs = Math.min(...imports);
    const bareMs = Math.min(...bare);
    return {
      exportSampleMs: round(median(exportRuns)),
      importSampleMs: round(median(importRuns)),
      exportLargeMs: round(Math.min(...exportsLarge.map((e) => e.ms))),
      importLargeMs: round(importLargeMs),
      exceljsBareLoadLargeMs: round(bareMs),
      ratioImportLargeVsBareLoad: Math.round((importLargeMs / bareMs) * 1000) / 1000,
      importLargeGuardMs: round(guard.ms),
      largeWorkbookBytes: bytes.length,
      largeWorkbookSheets: guard.value.sheets.length,
      importTallMergesMs: round(importTallMergesMs),
      importDescendingCellsMs: round(importDescendingCellsMs),
    };
  },
};

export default suite;
