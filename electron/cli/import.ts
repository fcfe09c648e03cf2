/**
 * `import FILE.xlsx -o OUT.budget [--roll-forward] [--into OPEN.budget] [--year N] [--json]`:
 * a workbook as a document (this year's; with --roll-forward, last year's rolled into the next
 * year; with --into, last year's figures as 上年数 of an existing document). Prints the import
 * report; writes the .budget atomically. Exit 0 on success, 2 when the file cannot be read.
 */
import { basename } from 'node:path';
import { serializeBudget } from '../../shared/io/budgetFile';
import { importWorkbook } from '../../shared/xlsx/importWorkbook';
import { formatImportReport, type ImportReport } from '../../shared/xlsx/report';
import { importPreviousYear, rollForwardWorkbook } from '../../shared/xlsx/yearImports';
import { FileSaveError, writeFileAtomic } from '../files/atomicWrite';
import { FileReadError, readFileSafe } from '../files/readFile';
import { loadDocument } from './loadDocument';
import { nodeZip } from './nodeZip';
import { loadXlsLibrary } from './xlsLibrary';

const MAX_BYTES = 200 * 1024 * 1024;

export async function runImport(args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let file: string | undefined;
  let output: string | undefined;
  let into: string | undefined;
  let year: number | undefined;
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-o' || a === '--output') output = args[++i];
    else if (a === '--into') into = args[++i];
    else if (a === '--year') {
      const y = Number(args[++i]);
      if (!Number.isInteger(y) || y < 2000 || y > 2100) {
        err(`import：预算年度应为 2000 到 2100 之间的整数\n`);
        return 2;
      }
      year = y;
    } else if (a === '--roll-forward' || a === '--json') flags.add(a);
    else if (a.startsWith('-')) {
      err(`import：未知参数 ${a}\n`);
      return 2;
    } else if (!file) file = a;
    else {
      err('import：只能指定一个工作簿\n');
      return 2;
    }
  }
  if (!file || !output) {
    err('import：用法 import FILE.xlsx -o OUT.budget [--roll-forward] [--into OPEN.budget] [--year N]\n');
    return 2;
  }
  if (flags.has('--roll-forward') && into) {
    err('import：--roll-forward 与 --into 不能同时使用\n');
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFileSafe(file, { maxBytes: MAX_BYTES });
  } catch (e) {
    if (e instanceof FileReadError) {
      err(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const options = { fileName: basename(file), zip: nodeZip, xls: loadXlsLibrary, ...(year !== undefined ? { fiscalYear: year } : {}) };
  let doc;
  let report: ImportReport;
  if (into) {
    const open = await loadDocument(into);
    if (!open.ok) {
      err(`${open.error.message}\n`);
      return 2;
    }
    const r = await importPreviousYear(open.doc, bytes, options);
    if (!r.ok) return fail(r.error.message, r.report);
    doc = r.doc;
    report = r.report;
  } else if (flags.has('--roll-forward')) {
    const r = await rollForwardWorkbook(bytes, options);
    if (!r.ok) return fail(r.error.message, r.report);
    doc = r.doc;
    report = r.report;
  } else {
    const r = await importWorkbook(bytes, options);
    if (!r.ok) return fail(r.error.message, r.report);
    doc = r.doc;
    report = r.report;
  }
  try {
    await writeFileAtomic(output, serializeBudget(doc));
  } catch (e) {
    err(`${e instanceof FileSaveError ? e.message : `无法保存“${basename(output)}”：${e instanceof Error ? e.message : String(e)}`}\n`);
    return 2;
  }
  if (flags.has('--json')) out(`${JSON.stringify({ ok: true, output, report })}\n`);
  else out(`已导入为 ${output}\n${formatImportReport(report)}\n`);
  return 0;

  function fail(message: string, r: ImportReport): number {
    err(`${message}\n`);
    if (flags.has('--json')) out(`${JSON.stringify({ ok: false, error: message, report: r })}\n`);
    return 2;
  }
}
