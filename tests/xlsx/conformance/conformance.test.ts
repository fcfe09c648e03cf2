/**
 * Conformance over the real-world corpus (../shared/xlsx-corpus; skipped when absent): every file
 * goes through the importer's reader; no crash and no unclassified error anywhere; every top-level
 * file reads cell by cell as its reference reading, except the differences listed with Excel's
 * reason in knownDifferences.ts; password-protected, malformed and hostile files fail with a
 * classified error that says what the file is. `npm run conformance` runs this file alone.
 */
import { describe, expect, it } from 'vitest';
import { importWorkbook } from '../../../shared/xlsx/importWorkbook';
import { classified, corpusBytes, corpusFiles, corpusPresent, differences, readCells, referenceOf } from './corpus';
import { KNOWN_DIFFERENCES, KNOWN_REFUSALS } from './knownDifferences';

interface Summary {
  files: number;
  equal: number;
  /** Top-level files whose only differences are listed ones, and those cells. */
  listedFiles: number;
  listedCells: number;
  /** Top-level files the reference reader could not read (we read them). */
  referenceFailed: number;
  classifiedErrors: number;
  crashes: string[];
  unexplained: string[];
}

describe.skipIf(!corpusPresent)('conformance over the real-world workbook corpus', () => {
  const summary: Summary = { files: 0, equal: 0, listedFiles: 0, listedCells: 0, referenceFailed: 0, classifiedErrors: 0, crashes: [], unexplained: [] };

  it('reads every top-level workbook as the reference does, except the differences listed with Excel’s reason', async () => {
    for (const file of corpusFiles('')) {
      summary.files++;
      const reading = await readCells(corpusBytes('', file), file);
      if (!reading.ok) {
        const error = classified(reading.error);
        if (!error) summary.crashes.push(`${file}: ${String(reading.error)}`);
        else {
          summary.classifiedErrors++;
          if (KNOWN_REFUSALS[file]?.code !== error.code) summary.unexplained.push(`${file}: refused (${error.code}) ${error.message}`);
        }
        continue;
      }
      if (KNOWN_REFUSALS[file]) summary.unexplained.push(`${file}: listed as refused but read`);
      const reference = referenceOf(file);
      if ('error' in reference) {
        summary.referenceFailed++;
        continue;
      }
      const found = differences(reading.sheets, reference.sheets);
      const listed = KNOWN_DIFFERENCES.filter((k) => k.file === file);
      if (found.length === 0 && listed.length === 0) {
        summary.equal++;
        continue;
      }
      if (listed.some((k) => k.cells === 'all')) {
        // Only where the reference has no sheet at all: then every cell we read is a listed difference.
        if (Object.keys(reference.sheets).length > 0) summary.unexplained.push(`${file}: listed as unread by the reference, but it has sheets`);
        else if (found.length === 0) summary.unexplained.push(`${file}: listed, but nothing differs`);
        else {
          summary.listedFiles++;
          summary.listedCells += found.length;
        }
        continue;
      }
      const expected = new Set(listed.flatMap((k) => (k.cells === 'all' ? [] : k.cells)));
      const actual = new Set(found.map((d) => d.cell));
      const extra = found.filter((d) => !expected.has(d.cell));
      const gone = [...expected].filter((c) => !actual.has(c));
      for (const d of extra) summary.unexplained.push(`${file} ${d.sheet}!${d.cell}: ours ${JSON.stringify(d.ours)}, reference ${JSON.stringify(d.reference)}`);
      for (const c of gone) summary.unexplained.push(`${file} ${c}: listed as a difference but reads as the reference`);
      if (extra.length === 0 && gone.length === 0) {
        summary.listedFiles++;
        summary.listedCells += found.length;
      }
    }
    expect(summary.crashes).toEqual([]);
    expect(summary.unexplained).toEqual([]);
    expect(summary.files).toBeGreaterThan(150);
  }, 300_000);

  it('refuses password-protected, malformed and hostile files with classified errors that say what the file is', async () => {
    const said: Record<string, RegExp> = { _encrypted: /密码/, _malformed: /./, _hostile: /./ };
    for (const folder of ['_encrypted', '_malformed', '_hostile']) {
      for (const file of corpusFiles(folder)) {
        summary.files++;
        const result = await importWorkbook(corpusBytes(folder, file), { fileName: file });
        if (result.ok) {
          summary.unexplained.push(`${folder}/${file}: imported`);
          continue;
        }
        if (!classified(result.error)) {
          summary.crashes.push(`${folder}/${file}: ${result.error.code} ${result.error.message}`);
          continue;
        }
        summary.classifiedErrors++;
        if (!said[folder]!.test(result.error.message) || !result.error.message.includes(file)) summary.unexplained.push(`${folder}/${file}: ${result.error.message}`);
        if (folder === '_encrypted') expect(result.error.code, file).toBe('encrypted');
        if (folder === '_hostile') expect(result.error.message, file).toMatch(/DTD|文档类型声明/);
      }
    }
    // A renamed legacy workbook says so.
    const xls = await importWorkbook(corpusBytes('_malformed', 'roo-rb_roo__type_excel.xlsx'), { fileName: 'roo-rb_roo__type_excel.xlsx' });
    expect(!xls.ok && xls.error.message).toMatch(/\.xls/);
    expect(summary.crashes).toEqual([]);
    expect(summary.unexplained).toEqual([]);

    console.log(
      `conformance: ${summary.files} files, ${summary.equal} equal to the reference, ${summary.listedFiles} with listed differences (${summary.listedCells} cells), ` +
        `${summary.referenceFailed} read where the reference reader failed, ${summary.classifiedErrors} classified errors, ${summary.crashes.length} crashes`,
    );
  }, 300_000);
});
