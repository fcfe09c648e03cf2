/**
 * The CLI's Excel commands, run in-process on temporary files: export (refusal, --force, --blank,
 * --adjust-rounding), import (plain, --roll-forward, --into), check of an .xlsx, and bad input; legacy .xls
 * read like its .xlsx twin (import, check), a password-protected or damaged .xls refused with exit 2.
 */
import { copyFileSync, mkdtempSync, readFileSync, existsSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBudgetFile } from '../../shared/io/budgetFile';
import { SAMPLE_PATH } from '../../tests/xlsx/helpers';
import { main } from './main';
import type { Fen } from '../../shared/money/fen';
import { exportWorkbook } from '../../shared/xlsx/exportWorkbook';
import { smallBudget } from '../../tests/xlsx/helpers';

const dir = mkdtempSync(join(tmpdir(), 'xlsx-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

describe('cli export / import', () => {
  const xlsx = join(dir, '2020.xlsx');

  it('refuses to export a document with 强制性 errors (exit 1) and writes nothing', async () => {
    const r = await run('export', SAMPLE_PATH, '-o', xlsx);
    expect(r.code).toBe(1);
    expect(r.err).toContain('强制性错误');
    expect(r.err).toContain('--force');
    expect(r.out).toContain('审核有');
    expect(existsSync(xlsx)).toBe(false);
  });

  it('exports with --force, listing the errors in the report', async () => {
    const r = await run('export', SAMPLE_PATH, '-o', xlsx, '--force', '--adjust-rounding');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已按要求强制导出');
    expect(r.out).toContain('尾差调整');
    const bytes = readFileSync(xlsx);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
  });

  it('exports a blank template without asking', async () => {
    const r = await run('export', SAMPLE_PATH, '-o', join(dir, 'blank.xlsx'), '--blank', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { ok: boolean; report: { blank: boolean } };
    expect(json).toMatchObject({ ok: true, report: { blank: true } });
  });

  it('imports the workbook into a valid .budget, printing the import report', async () => {
    const out = join(dir, 'back.budget');
    const r = await run('import', xlsx, '-o', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain('导入报告');
    expect(r.out).toContain('表4（工作表“表4”）：已读取');
    const parsed = parseBudgetFile(readFileSync(out, 'utf8'), 'back.budget');
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.doc.department.fiscalYear).toBe(2020);
  });

  it('rolls forward into next year, and imports last year into an existing document', async () => {
    const next = join(dir, '2021.budget');
    expect((await run('import', xlsx, '-o', next, '--roll-forward')).code).toBe(0);
    const rolled = parseBudgetFile(readFileSync(next, 'utf8'), '2021.budget');
    expect(rolled.ok && rolled.doc.department.fiscalYear).toBe(2021);
    const withPrev = join(dir, '2021-prev.budget');
    const r = await run('import', xlsx, '--into', next, '-o', withPrev);
    expect(r.code).toBe(0);
    const doc = parseBudgetFile(readFileSync(withPrev, 'utf8'), 'x');
    expect(doc.ok && Object.keys(doc.doc.previousYear).length).toBeGreaterThan(100);
  });

  it('check and show accept .xlsx', async () => {
    const r = await run('check', xlsx, '--json');
    expect(r.code).not.toBe(2);
    const json = JSON.parse(r.out) as { files: { ok: boolean; error: unknown }[] };
    expect(json.files[0]!.error).toBeNull();
    const show = await run('show', xlsx, '--table', '表2');
    expect(show.code).toBe(0);
    expect(show.out).toContain('部门收入预算总表');
  });

  it('reports a bad workbook with its classified message (exit 2) and writes nothing', async () => {
    const bad = join(dir, 'bad.xlsx');
    writeFileSync(bad, '<html><table></table></html>');
    const out = join(dir, 'bad.budget');
    const r = await run('import', bad, '-o', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain('网页');
    expect(existsSync(out)).toBe(false);
    const c = await run('check', bad);
    expect(c.code).toBe(2);
  });

  it('a workbook read in 万元 with 2 decimals is shown and exported with 2 decimals unless told otherwise', async () => {
    const doc = smallBudget();
    doc.department.displayUnit = 'wan';
    doc.economicLines.byId.a1!.amounts.generalFunding = 123_455_000 as Fen; // 123.455 万元
    const published = await exportWorkbook(doc, { audit: false, metadata: false, decimals: 2 });
    if (!published.ok) throw new Error('export refused');
    const source = join(dir, 'two-decimals.xlsx');
    writeFileSync(source, published.bytes);
    const budget = join(dir, 'two-decimals.budget');
    expect((await run('import', source, '-o', budget)).code).toBe(0);
    const shown = await run('show', budget, '--table', '表4');
    expect(shown.out).toContain('123.46');
    expect((await run('show', budget, '--table', '表4', '--decimals', '0')).out).not.toContain('123.46');
    const again = await run('export', budget, '-o', join(dir, 'two-decimals-again.xlsx'), '--force', '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ ok: true, report: { unit: 'wan', decimals: 2 } });
    const chosen = await run('export', budget, '-o', join(dir, 'two-decimals-yuan.xlsx'), '--force', '--json', '--unit', '元', '--decimals', '0');
    expect(JSON.parse(chosen.out)).toMatchObject({ ok: true, report: { unit: 'yuan', decimals: 0 } });
    for (const bad of ['7', '-1', '2.5', 'two']) {
      const r = await run('export', budget, '-o', join(dir, 'bad.xlsx'), '--decimals', bad);
      expect(r.code).toBe(2);
      expect(r.err).toContain('小数位数应为 0 到 6 的整数');
    }
    expect((await run('show', budget, '--decimals', '9')).code).toBe(2);
  });

  it('rejects wrong arguments', async () => {
    expect((await run('export', SAMPLE_PATH)).code).toBe(2);
    expect((await run('export', SAMPLE_PATH, '-o', join(dir, 'x.pdf'))).code).toBe(2);
    expect((await run('import', xlsx, '-o', join(dir, 'y.budget'), '--bogus')).code).toBe(2);
    expect((await run('help')).out).toContain('export FILE.budget -o OUT.xlsx');
  });
});

/** A fixture of tests/xlsx/fixtures (see its README) copied under another name. */
function fixture(name: string, as: string): string {
  const path = join(dir, as);
  copyFileSync(fileURLToPath(new URL(`../../tests/xlsx/fixtures/${name}`, import.meta.url)), path);
  return path;
}

describe('cli and legacy .xls', () => {
  it('imports a .xls into the same .budget as its .xlsx twin', async () => {
    const out = join(dir, '预算.budget');
    const xls = await run('import', fixture('budget-2020-plain.xls', '预算.xls'), '-o', out);
    const fromXls = readFileSync(out, 'utf8');
    const xlsx = await run('import', fixture('budget-2020-plain.xlsx', '预算.xlsx'), '-o', out);
    expect(xls.code).toBe(0);
    expect(xlsx.code).toBe(0);
    expect(xls.out).toContain('表4（工作表“表4”）：已读取');
    expect(xls.out.replaceAll('预算.xls', '预算.xlsx')).toBe(xlsx.out);
    expect(fromXls).toBe(readFileSync(out, 'utf8'));
  });

  it('checks a .xls with the same findings as its .xlsx twin', async () => {
    const xls = await run('check', fixture('budget-2020.xls', '2020.xls'));
    const xlsx = await run('check', fixture('budget-2020.xlsx', '2020.xlsx'));
    expect(xls.code).toBe(xlsx.code);
    expect(xls.out.replaceAll('2020.xls', '2020.xlsx')).toBe(xlsx.out);
  });

  it('refuses a password-protected .xls and a damaged one with exit 2 and a Chinese message, no stack trace', async () => {
    const locked = await run('import', fixture('password.xls', '加密.xls'), '-o', join(dir, 'x.budget'));
    expect(locked.code).toBe(2);
    expect(locked.err).toContain('“加密.xls”');
    expect(locked.err).toContain('打开密码');
    const bytes = readFileSync(fixture('budget-2020.xls', 'ok.xls'));
    const damaged = join(dir, '损坏.xls');
    writeFileSync(damaged, bytes.subarray(0, 3000));
    const r = await run('import', damaged, '-o', join(dir, 'y.budget'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('“损坏.xls”');
    expect(r.err).toMatch(/已损坏|不完整/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
