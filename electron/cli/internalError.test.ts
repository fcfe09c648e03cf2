/**
 * An unexpected failure inside a command: the clerk reads what failed and where the details are,
 * never a stack trace; the details (with the stack) are in the log file; no file is touched.
 * The failure is injected by making the budget loader throw, as a bug in it would.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('../../shared/io/budgetFile', async (original) => ({
  ...(await original<typeof import('../../shared/io/budgetFile')>()),
  parseBudgetBytes: () => {
    throw new RangeError('not an integer number of 分: 1e16');
  },
}));

const { main } = await import('./main');

const dir = mkdtempSync(join(tmpdir(), 'cli-internal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cli internal errors', () => {
  for (const command of ['show', 'check', 'export']) {
    it(`${command}: says what failed and where the log is, without a stack trace, and writes nothing else`, async () => {
      const logDir = mkdtempSync(join(dir, `${command}-log-`));
      const work = mkdtempSync(join(dir, `${command}-work-`));
      const input = join(work, '预算.budget');
      writeFileSync(input, '{}');
      let out = '';
      let err = '';
      const args = command === 'export' ? [command, input, '-o', join(work, '预算.xlsx'), '--force'] : [command, input];
      const code = await main(args, (s) => (out += s), (s) => (err += s), { logDir });
      expect(code).toBe(3);
      expect(out).toBe('');
      expect(err).toMatch(/^内部错误：.+未能完成，程序出现了意外的问题。详细信息已写入日志文件 .+\.log，请把它提供给技术支持。没有修改任何文件。\n$/);
      expect(err).not.toMatch(/RangeError|\bat |\.ts:/);
      const logs = readdirSync(logDir);
      expect(logs).toHaveLength(1);
      expect(err).toContain(join(logDir, logs[0]!));
      const log = readFileSync(join(logDir, logs[0]!), 'utf8');
      expect(log).toContain('RangeError: not an integer number of 分: 1e16');
      expect(log).toContain(JSON.stringify(args));
      expect(readdirSync(work)).toEqual(['预算.budget']);
      expect(readFileSync(input, 'utf8')).toBe('{}');
    });
  }

  it('still says what failed when the log cannot be written', async () => {
    let err = '';
    writeFileSync(join(dir, 'x.budget'), '{}');
    const code = await main(['check', join(dir, 'x.budget')], () => {}, (s) => (err += s), { logDir: join(dir, 'no', 'such', 'folder') });
    expect(code).toBe(3);
    expect(err).toBe('内部错误：审核（check）未能完成，程序出现了意外的问题。详细信息未能写入日志文件。没有修改任何文件。\n');
  });
});
