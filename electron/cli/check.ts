/**
 * `check FILE... [--json]`: read each file and audit it with the rule catalogue (shared/rules).
 * Exit code 0: no 强制性 error; 1: some file has one; 2: some file could not be read (the
 * others are still checked and reported).
 */
import { formatFen } from '../../shared/money/format';
import type { Fen } from '../../shared/money/fen';
import { unitTotals, type UnitTotals } from '../../shared/report/unitTotals';
import { createAuditSession } from '../../shared/rules/engine';
import type { Finding, Severity } from '../../shared/rules/finding';
import { loadDocument } from './loadDocument';

/** A finding as the CLI reports it (JSON shape of `check --json`). */
export type ReportedFinding = Pick<Finding, 'rule' | 'severity' | 'message' | 'differenceFen'> & { cells: { table: string; row: string; column: string; valueFen: number | null }[] };

export interface CheckedFile {
  file: string;
  ok: boolean;
  error: { code: string; message: string } | null;
  units: UnitTotals[];
  findings: ReportedFinding[];
}

export async function checkFile(file: string): Promise<CheckedFile> {
  const loaded = await loadDocument(file);
  if (!loaded.ok) return { file, ok: false, error: loaded.error, units: [], findings: [] };
  const doc = loaded.doc;
  const session = createAuditSession(doc);
  const findings = session.findings().map(({ rule, severity, message, cells, differenceFen }) => ({
    rule,
    severity,
    message,
    cells: cells.map(({ table, row, column, valueFen }) => ({ table, row, column, valueFen })),
    differenceFen,
  }));
  return { file, ok: !findings.some((f) => f.severity === 'error'), error: null, units: unitTotals(doc, session.evaluation), findings };
}

export async function runCheck(args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const json = args.includes('--json');
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--json');
  if (unknown.length) {
    err(`check：未知参数 ${unknown.join(' ')}\n`);
    return 2;
  }
  const files = args.filter((a) => !a.startsWith('--'));
  if (files.length === 0) {
    err('check：请至少指定一个文件\n');
    return 2;
  }
  const results: CheckedFile[] = [];
  for (const f of files) results.push(await checkFile(f));
  for (const r of results) if (r.error) err(`${r.error.message}\n`);
  if (json) out(`${JSON.stringify({ files: results })}\n`);
  else out(`${results.map(formatResult).join('\n\n')}\n`);
  if (results.some((r) => r.error)) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

function yuan(v: number): string {
  return formatFen(v as Fen, { unit: 'yuan', decimals: 2 });
}

function formatResult(r: CheckedFile): string {
  if (r.error) return `${r.file}：无法读取`;
  const lines = [`${r.file}`];
  for (const u of r.units) {
    lines.push(`  ${u.name}：收入总计 ${yuan(u.incomeTotalFen)} 元；支出总计 ${yuan(u.expenditureTotalFen)} 元（基本支出 ${yuan(u.basicExpenditureFen)}，项目支出 ${yuan(u.projectExpenditureFen)}）`);
  }
  const count = (s: Severity) => r.findings.filter((f) => f.severity === s).length;
  lines.push(`  审核：强制性错误 ${count('error')} 项，提示性 ${count('warning')} 项，尾差 ${count('info')} 项`);
  const headings: Record<Severity, string> = { error: '强制性审核错误（须改正后才能报送）', warning: '提示性审核结果（可说明理由后接受）', info: '尾差（四舍五入造成，不是错误）' };
  for (const severity of ['error', 'warning', 'info'] as const) {
    const group = r.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push('', `  ${headings[severity]}：`);
    group.forEach((f, i) => lines.push(`    ${i + 1}. ${f.message}（${f.rule}）`));
  }
  return lines.join('\n');
}
