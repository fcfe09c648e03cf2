/**
 * The CLI reads legacy .xls like its .xlsx twin (import and check), and refuses a password-protected
 * or damaged .xls with a classified Chinese message and exit 2 (fixtures: tests/xlsx/fixtures/README.md).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main';

const dir = mkdtempSync(join(tmpdir(), 'xls-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fixture(name: string, as: string): string {
  const path = join(dir, as);
  copyFileSync(fileURLToPath(new URL(`../../tests/xlsx/fixtures/${name}`, import.meta.url)), path);
  return path;
}

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
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
