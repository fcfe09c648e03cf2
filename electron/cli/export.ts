/**
 * `export FILE.budget -o OUT.xlsx [--blank] [--adjust-rounding] [--force] [--unit 万元|元] [--decimals N] [--json]`:
 * the official workbook of a document, by default in the unit and decimals the document keeps. Refuses (exit 1) when the audit finds 强制性 errors,
 * unless --force; the export report lists them either way.
 */
import { basename } from 'node:path';
import type { DisplayUnit } from '../../shared/model/document';
import { exportWorkbook } from '../../shared/xlsx/exportWorkbook';
import { formatExportReport } from '../../shared/xlsx/report';
import { FileSaveError, writeFileAtomic } from '../files/atomicWrite';
import { loadDocument } from './loadDocument';
import { parseDecimalsArg, parseUnitArg } from './precisionArgs';
import { nodeZip } from './nodeZip';

export async function runExport(args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let file: string | undefined;
  let output: string | undefined;
  let unit: DisplayUnit | undefined;
  let decimals: number | undefined;
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-o' || a === '--output') output = args[++i];
    else if (a === '--unit' || a === '--decimals') {
      const parsed = a === '--unit' ? parseUnitArg('export', args[++i]) : parseDecimalsArg('export', args[++i]);
      if (!parsed.ok) {
        err(`${parsed.message}\n`);
        return 2;
      }
      if (typeof parsed.value === 'number') decimals = parsed.value;
      else unit = parsed.value;
    } else if (['--blank', '--adjust-rounding', '--force', '--json'].includes(a)) flags.add(a);
    else if (a.startsWith('-')) {
      err(`export：未知参数 ${a}\n`);
      return 2;
    } else if (!file) file = a;
    else {
      err('export：只能指定一个预算文件\n');
      return 2;
    }
  }
  if (!file || !output) {
    err('export：用法 export FILE.budget -o OUT.xlsx [--blank] [--adjust-rounding] [--force] [--unit 万元|元] [--decimals N]\n');
    return 2;
  }
  if (!/\.xlsx$/i.test(output)) {
    err(`export：输出文件应以 .xlsx 结尾：${output}\n`);
    return 2;
  }
  const loaded = await loadDocument(file);
  if (!loaded.ok) {
    err(`${loaded.error.message}\n`);
    return 2;
  }
  const result = await exportWorkbook(loaded.doc, {
    blank: flags.has('--blank'),
    adjustRounding: flags.has('--adjust-rounding'),
    force: flags.has('--force'),
    zip: nodeZip,
    ...(unit ? { unit } : {}),
    ...(decimals !== undefined ? { decimals } : {}),
  });
  if (!result.ok) {
    // The shared message names no way to insist; on the command line that way is --force.
    err(`${result.error.message}${result.error.code === 'blockingErrors' ? '如确需导出，请加参数 --force。' : ''}\n`);
    if (flags.has('--json')) out(`${JSON.stringify({ ok: false, error: result.error, report: result.report })}\n`);
    else out(`${formatExportReport(result.report)}\n`);
    return 1;
  }
  try {
    await writeFileAtomic(output, result.bytes, { keepBackup: false });
  } catch (e) {
    err(`${e instanceof FileSaveError ? e.message : `无法保存“${basename(output)}”：${e instanceof Error ? e.message : String(e)}`}\n`);
    return 2;
  }
  if (flags.has('--json')) out(`${JSON.stringify({ ok: true, output, bytes: result.bytes.length, report: result.report })}\n`);
  else out(`已导出 ${output}（${(result.bytes.length / 1024).toFixed(0)} KB）\n${formatExportReport(result.report)}\n`);
  return 0;
}
