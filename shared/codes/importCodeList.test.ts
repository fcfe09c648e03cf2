import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCodeList } from './codeList';
import { codeListFromRows, guessYear, parseCsv } from './importCodeList';

const CATALOGUE = fileURLToPath(new URL('../../../shared/codes/procurement-catalogue-2022.csv', import.meta.url));
const haveCatalogue = existsSync(CATALOGUE);

describe.skipIf(!haveCatalogue)('the 2022 政府采购品目分类目录 (../shared/codes, 4,304 entries)', () => {
  const rows = haveCatalogue ? parseCsv(readFileSync(CATALOGUE, 'utf8')) : [];

  it('imports every entry with the hierarchy the catalogue gives (parent column), kind and year guessed', () => {
    const result = codeListFromRows(rows, { fileName: 'procurement-catalogue-2022.csv' });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.kind).toBe('procurement');
    expect(result.year).toBe(2022);
    expect(result.file.entries).toHaveLength(4304);
    const list = createCodeList(result.file);
    expect(list.roots.map((e) => e.code)).toEqual(['A', 'B', 'C']);
    // Padded codes hang under their padded parents, not under the letter.
    expect(list.parentOf('A01010100')?.code).toBe('A01010000');
    expect(list.pathOf('A01010100').map((e) => e.code)).toEqual(['A', 'A01000000', 'A01010000', 'A01010100']);
    expect(list.get('A02010104')?.name).toBe('服务器');
    expect(list.levelOf('A01010100')).toBe(4);
    expect(list.entries.filter((e) => e.code.startsWith('C')).length).toBe(621);
  });

  it('names the place of a bad row', () => {
    const broken = rows.map((r) => [...r]);
    broken[10]![1] = '';
    broken[20]![3] = 'A99000000';
    const result = codeListFromRows(broken, { fileName: 'x.csv', kind: 'procurement', year: 2022 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toBe(`第 11 行：编码 ${rows[10]![0]} 没有名称`);
    const withParent = codeListFromRows(rows.map((r, i) => (i === 20 ? [r[0]!, r[1]!, r[2]!, 'A99000000'] : r)), { fileName: 'x.csv', year: 2022 });
    expect(withParent.ok).toBe(false);
    if (!withParent.ok) expect(withParent.problems).toEqual([`第 21 行：代码 ${rows[20]![0]} 的上级 A99000000 不存在`]);
  });
});

describe('code-list tables as finance bureaus hand them out', () => {
  it('recognises the header under title rows, by its text, with codes Excel stored as numbers', () => {
    const rows = [
      ['2023年政府收支分类科目（支出功能分类）'],
      [],
      ['科目编码', '科目名称', '备注'],
      [201, '一般公共服务支出'],
      [20101, '人大事务'],
      [2010101, '行政运行'],
      ['', ''],
    ];
    const result = codeListFromRows(rows, { fileName: '功能分类.xlsx', sheetName: '科目' });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.kind).toBe('functional');
    expect(result.year).toBe(2023);
    expect(result.file.entries.map((e) => e.code)).toEqual(['201', '20101', '2010101']);
    expect(createCodeList(result.file).parentOf('2010101')?.code).toBe('20101');
  });

  it('takes the hierarchy from a level column when there is no parent column', () => {
    const rows = [
      ['代码', '名称', '级次'],
      ['A', '货物', 1],
      ['A01000000', '房屋和构筑物', 2],
      ['A01010000', '房屋', 3],
      ['A02000000', '设备', 2],
    ];
    const result = codeListFromRows(rows, { fileName: 'p.csv', kind: 'procurement', year: 2024 });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const list = createCodeList(result.file);
    expect(list.parentOf('A01010000')?.code).toBe('A01000000');
    expect(list.parentOf('A02000000')?.code).toBe('A');
  });

  it('refuses a sheet without a recognisable header or with bad codes, naming sheet!cell', () => {
    const none = codeListFromRows([['甲', '乙'], ['1', '2']], { fileName: 'a.xlsx', sheetName: 'Sheet1', year: 2022 });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.problems[0]).toContain('找不到表头');
    const bad = codeListFromRows([['编码', '名称'], ['301', '工资福利支出'], ['3019', '错位']], { fileName: 'e.xlsx', sheetName: '经济', kind: 'economic', year: 2022 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]).toMatch(/^经济!A3：代码 3019 格式不对/);
    const noYear = codeListFromRows([['编码', '名称'], ['301', '工资福利支出']], { fileName: 'e.xlsx', kind: 'economic' });
    expect(noYear.ok).toBe(false);
  });

  it('reads CSV quoting and guesses years', () => {
    expect(parseCsv('\uFEFFcode,name\r\nA,"货物,""类"""\n')).toEqual([['code', 'name'], ['A', '货物,"类"']]);
    expect(guessYear('2022年政府采购品目分类目录')).toBe(2022);
    expect(guessYear('目录.xlsx')).toBeUndefined();
  });
});
