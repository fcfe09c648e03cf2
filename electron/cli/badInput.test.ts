/**
 * Issue 16's attacks through the command line: a workbook with two cells of 50,000,000,000,000 元,
 * a `.budget` holding 9007199254740991 分, a `.budget` with a byte that is no UTF-8. Every command
 * answers with a classified message naming the place; none reports an internal error.
 */
import { mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE_PATH } from '../../tests/xlsx/helpers';
import { findCell, mutate, smallWorkbook } from '../../tests/xlsx/workbookEdits';
import { main } from './main';

const dir = mkdtempSync(join(tmpdir(), 'cli-bounds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, (s) => (out += s), (s) => (err += s), { logDir: dir });
  return { code, out, err };
}

describe('cli: amounts beyond the bound', () => {
  it('two cells of 50,000,000,000,000 元: import names both cells; check, show and export work on the result', async () => {
    const xlsx = join(dir, '大额.xlsx');
    writeFileSync(
      xlsx,
      await mutate(await smallWorkbook(), (wb) => {
        const ws = wb.getWorksheet('表4')!;
        for (const name of ['基本工资', '津贴补贴']) ws.getCell(`E${findCell(ws, name).row}`).value = 50_000_000_000_000;
      }),
    );
    const budget = join(dir, '大额.budget');
    const imported = await run('import', xlsx, '-o', budget);
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('表4!E10');
    expect(imported.out).toContain('表4!E11');
    expect(imported.out).toContain('超出了允许的范围（绝对值须小于 10 万亿元）');
    for (const file of [xlsx, budget]) {
      for (const argv of [['check', file], ['show', file], ['export', file, '-o', join(dir, 'out.xlsx'), '--force']]) {
        if (argv[0] === 'export' && file === xlsx) continue; // export takes a .budget
        const r = await run(...argv);
        expect(r.err, argv.join(' ')).not.toContain('内部错误');
        expect([0, 1], argv.join(' ')).toContain(r.code);
      }
    }
    expect(existsSync(join(dir, 'out.xlsx'))).toBe(true);
  });

  it('a .budget with 9007199254740991: check, show and export refuse it naming the place (exit 2), writing nothing', async () => {
    const doc = JSON.parse(readFileSync(SAMPLE_PATH, 'utf8')) as { economicLines: { byId: Record<string, { amounts: Record<string, number> }>; order: string[] } };
    const id = doc.economicLines.order[0]!;
    doc.economicLines.byId[id]!.amounts.generalFunding = 9007199254740991;
    const file = join(dir, '越界.budget');
    writeFileSync(file, JSON.stringify(doc));
    const out = join(dir, '越界.xlsx');
    for (const argv of [['check', file], ['show', file], ['export', file, '-o', out, '--force']]) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toContain(`economicLines.byId[${JSON.stringify(id)}].amounts.generalFunding：金额超出了允许的范围（绝对值须小于 10 万亿元）`);
      expect(r.err).not.toContain('内部错误');
    }
    expect(existsSync(out)).toBe(false);
  });

  it('a .budget with an invalid UTF-8 byte is refused with its offset (exit 2), not read as U+FFFD', async () => {
    const bytes = readFileSync(SAMPLE_PATH);
    const at = bytes.indexOf(Buffer.from('信访', 'utf8'));
    bytes[at] = 0xff;
    const file = join(dir, '乱码.budget');
    writeFileSync(file, bytes);
    const r = await run('check', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`文件“乱码.budget”不是有效的预算文件：第 ${at} 字节处（从 0 起算）不是有效的 UTF-8 编码`);
  });
});
