import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeBudget } from '../../shared/io/budgetFile';
import { smallBudget } from '../../tests/fixtures/smallBudget';
import { main } from './main';

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'cli-show-'));
const file = join(dir, 'small.budget');
writeFileSync(file, serializeBudget(smallBudget()));

describe('cli show', () => {
  it('prints a table with its title, unit line, header and aligned amounts', async () => {
    const { code, out } = await run(['show', file, '--table', '表4']);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe('表4  基本支出预算表');
    expect(lines[1]).toContain('单位名称：测试市测试局');
    expect(lines[1]).toContain('单位：元');
    expect(out).toContain('一般公共预算拨款');
    const unitRow = lines.find((l) => l.trimStart().startsWith('市测试局本级'))!;
    expect(unitRow).toContain('560.00');
    const dept = lines.find((l) => l.startsWith('市测试局 '))!;
    expect(dept).toContain('780.00');
  });

  it('switches the display unit', async () => {
    const { out } = await run(['show', file, '--table', 'T3', '--unit', '万元']);
    expect(out).toContain('单位：万元');
  });

  it('prints the 表15 forms, one per project', async () => {
    const { out } = await run(['show', file, '--table', '表15-2']);
    expect(out).toContain('表15-2  项目支出绩效目标表');
    expect(out).toContain('项目名称：基建尾款');
    expect(out).not.toContain('表15-1');
  });

  it('refuses bad arguments and unreadable files with Chinese messages and exit 2', async () => {
    expect((await run(['show', file, '--table', '表99'])).code).toBe(2);
    const missing = await run(['show', join(dir, 'nope.budget')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.budget/);
    const broken = join(dir, 'broken.budget');
    writeFileSync(broken, '{');
    const b = await run(['show', broken]);
    expect(b.code).toBe(2);
    expect(b.err).toContain('broken.budget');
    expect((await run(['frobnicate'])).code).toBe(2);
  });
});
