import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { serializeBudget } from '../../shared/io/budgetFile';
import { generateLargeBudget } from '../../tests/fixtures/largeBudget';
import { main } from './main';

const SAMPLE = fileURLToPath(new URL('../../resources/samples/shenzhen-xinfang-2020.budget', import.meta.url));

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'cli-check-'));
const clean = join(dir, 'clean.budget');
writeFileSync(clean, serializeBudget(generateLargeBudget({ units: 2, projectsPerUnit: 2, subItemsPerProject: 2 })));
const broken = join(dir, 'broken.budget');
writeFileSync(broken, '{ "format": "budget-tables/department-budget", ');

describe('cli check', () => {
  it('audits the bundled sample: JSON shape, the publication’s real inconsistencies as errors, exit code 1', async () => {
    const { code, out } = await run(['check', SAMPLE, '--json']);
    expect(code).toBe(1);
    const json = JSON.parse(out) as { files: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual(['files']);
    expect(json.files).toHaveLength(1);
    const file = json.files[0]!;
    expect(Object.keys(file).sort()).toEqual(['error', 'file', 'findings', 'ok', 'units']);
    expect(file.file).toBe(SAMPLE);
    expect(file.ok).toBe(false);
    expect(file.error).toBeNull();
    const findings = file.findings as Record<string, unknown>[];
    for (const f of findings) {
      expect(Object.keys(f).sort()).toEqual(['cells', 'differenceFen', 'message', 'rule', 'severity']);
      expect(['error', 'warning', 'info']).toContain(f.severity);
      for (const c of f.cells as Record<string, unknown>[]) expect(Object.keys(c).sort()).toEqual(['column', 'row', 'table', 'valueFen']);
    }
    const errors = findings.filter((f) => f.severity === 'error');
    // 表14 prints 251 for 待支付以前年度采购项目 (表5: 252), in 总额 and 财政拨款; 表12 prints 小计 blank
    // in four rows although 运行维护费 is 6.
    expect(errors.map((f) => f.rule).sort()).toEqual(['T12-vehicle-subtotal', 'T12-vehicle-subtotal', 'T12-vehicle-subtotal', 'T12-vehicle-subtotal', 'T14-project-eq-T5', 'T14-project-eq-T5']);
    const t14 = errors.find((f) => f.rule === 'T14-project-eq-T5' && (f.cells as { column: string }[])[0]!.column === 'total')!;
    expect(t14.differenceFen).toBe(-1_000_000);
    expect(t14.cells).toEqual([
      { table: 'T14', row: 'p:p-daizhifu', column: 'total', valueFen: 251_000_000 },
      { table: 'T5', row: 'p:p-daizhifu', column: 'total', valueFen: 252_000_000 },
    ]);
    expect(t14.message).toBe('表14“待支付以前年度采购项目”的“总额”为 251 万元，表5 市信访局本级“待支付以前年度采购项目”行“总计”列为 252 万元，同一数字应当相等，相差 -1 万元。');
    expect(findings.filter((f) => f.severity === 'warning')).toEqual([]);
    expect(findings.filter((f) => f.severity === 'info').length).toBeGreaterThan(0);
  });

  it('prints the findings grouped by severity in Chinese', async () => {
    const { code, out } = await run(['check', SAMPLE]);
    expect(code).toBe(1);
    expect(out).toContain('审核：强制性错误 6 项，提示性 0 项，尾差 28 项');
    const errorsAt = out.indexOf('强制性审核错误（须改正后才能报送）：');
    const gapsAt = out.indexOf('尾差（四舍五入造成，不是错误）：');
    expect(errorsAt).toBeGreaterThan(0);
    expect(gapsAt).toBeGreaterThan(errorsAt);
    expect(out.slice(errorsAt, gapsAt)).toContain('表12 “市信访局 2020年”行“公务用车购置及运行维护费小计”列为空白');
    expect(out.slice(gapsAt)).toContain('尾差：表4 市信访局本级“工资福利支出”行“总计”列为 1,681 万元，所属各款之和为 1,682 万元');
  });

  it('exits 0 for a consistent document', async () => {
    const { code, out } = await run(['check', clean, '--json']);
    expect(code).toBe(0);
    const file = (JSON.parse(out) as { files: { ok: boolean; findings: unknown[] }[] }).files[0]!;
    expect(file.ok).toBe(true);
    expect(file.findings).toEqual([]);
  });

  it('exits 2 for an unreadable file and still checks the others', async () => {
    const missing = join(dir, 'missing.budget');
    const { code, out, err } = await run(['check', missing, broken, SAMPLE, '--json']);
    expect(code).toBe(2);
    const files = (JSON.parse(out) as { files: { file: string; ok: boolean; error: { code: string; message: string } | null; findings: unknown[] }[] }).files;
    expect(files.map((f) => f.file)).toEqual([missing, broken, SAMPLE]);
    expect(files[0]!.ok).toBe(false);
    expect(files[0]!.error!.message).toContain('missing.budget');
    expect(files[1]!.error!.code).toBe('notJson');
    expect(files[1]!.findings).toEqual([]);
    expect(files[2]!.error).toBeNull();
    expect(files[2]!.findings.length).toBe(34);
    expect(err).toContain('missing.budget');
  });
});
