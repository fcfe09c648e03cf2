import { evaluate } from '../../shared/compute/evaluate';
import { graphOf } from '../../shared/compute/inputCells';
import type { DepartmentBudget } from '../../shared/model/document';
import { formatFen } from '../../shared/money/format';
import type { Fen } from '../../shared/money/fen';
import type { Finding } from '../../shared/rules/finding';
import { unitTotals, type UnitTotals } from '../../shared/report/unitTotals';
import { loadDocument } from './loadDocument';

export interface CheckedFile {
  file: string;
  ok: boolean;
  error: { code: string; message: string } | null;
  units: UnitTotals[];
  findings: Omit<Finding, 'id' | 'acceptedReason'>[];
}

/** Audit hook: the rules module registers itself here (kept separate so the CLI works before/without it). */
export type Auditor = (doc: DepartmentBudget) => Finding[];
let auditor: Auditor | null = null;
export function setAuditor(a: Auditor): void {
  auditor = a;
}

export async function checkFile(file: string): Promise<CheckedFile> {
  const loaded = await loadDocument(file);
  if (!loaded.ok) return { file, ok: false, error: loaded.error, units: [], findings: [] };
  const doc = loaded.doc;
  const { graph } = graphOf(doc);
  const ev = evaluate(graph, doc);
  const findings = (auditor ? auditor(doc) : []).map(({ rule, severity, message, cells, differenceFen }) => ({ rule, severity, message, cells, differenceFen }));
  return { file, ok: !findings.some((f) => f.severity === 'error'), error: null, units: unitTotals(doc, ev), findings };
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
  const count = (s: string) => r.findings.filter((f) => f.severity === s).length;
  lines.push(`  审核：强制性错误 ${count('error')} 项，提示性 ${count('warning')} 项，尾差 ${count('info')} 项`);
  for (const f of r.findings) lines.push(`  [${f.severity === 'error' ? '强制' : f.severity === 'warning' ? '提示' : '尾差'}] ${f.rule} ${f.message}`);
  return lines.join('\n');
}
