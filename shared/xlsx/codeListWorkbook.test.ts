import ExcelJS from 'exceljs';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCodeList } from '../codes/codeList';
import { readCodeListFile } from './codeListWorkbook';

const CATALOGUE = fileURLToPath(new URL('../../../shared/codes/procurement-catalogue-2022.csv', import.meta.url));

/** A catalogue as a finance bureau's workbook: a title row, a blank row, then the table; codes of 功能分类 as numbers. */
async function workbook(sheets: { name: string; rows: unknown[][] }[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('导入代码表 from a workbook or CSV', () => {
  it('reads the first sheet whose header it recognises, codes stored as numbers included', async () => {
    const bytes = await workbook([
      { name: '说明', rows: [['本表由财政局印发'], ['请勿修改']] },
      {
        name: '支出功能分类',
        rows: [['2024年政府收支分类科目'], [], ['科目编码', '科目名称'], [201, '一般公共服务支出'], [20101, '人大事务'], [2010101, '行政运行']],
      },
    ]);
    const result = await readCodeListFile(bytes, { fileName: '科目表.xlsx' });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.kind).toBe('functional');
    expect(result.year).toBe(2024);
    expect(createCodeList(result.file).pathOf('2010101').map((e) => e.code)).toEqual(['201', '20101', '2010101']);
  });

  it('names sheet!cell of a bad row, and refuses a file that is not a workbook in words', async () => {
    const bytes = await workbook([{ name: '品目', rows: [['品目编码', '品目名称', '上级编码'], ['A', '货物', ''], ['A02000000', '设备', 'A09000000']] }]);
    const result = await readCodeListFile(bytes, { fileName: '品目.xlsx', year: 2022 });
    expect(result).toEqual({ ok: false, problems: ['品目!A3：代码 A02000000 的上级 A09000000 不存在'] });
    const notWorkbook = await readCodeListFile(new TextEncoder().encode('hello'), { fileName: '品目.xlsx', year: 2022 });
    expect(notWorkbook.ok).toBe(false);
    if (!notWorkbook.ok) expect(notWorkbook.problems[0]).toContain('“品目.xlsx”');
  });

  it('reads a CSV Excel saved on a Chinese Windows (GB18030, not UTF-8)', async () => {
    // 「编码,名称 / 301,工资福利支出 / 30101,基本工资」 encoded as GB18030 (by Python's codec, not by the code under test).
    const hex = 'b1e0c2eb2cc3fbb3c60d0a3330312cb9a4d7cab8a3c0fbd6a7b3f60d0a33303130312cbbf9b1beb9a4d7ca0d0a';
    const bytes = new Uint8Array(hex.match(/../g)!.map((h) => parseInt(h, 16)));
    const result = await readCodeListFile(bytes, { fileName: '经济分类.csv', year: 2023 });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.kind).toBe('economic');
    expect(result.file.entries.map((e) => `${e.code} ${e.name}`)).toEqual(['301 工资福利支出', '30101 基本工资']);
  });

  it.skipIf(!existsSync(CATALOGUE))('reads the 2022 procurement catalogue CSV (../shared/codes) with all 4,304 entries', async () => {
    const result = await readCodeListFile(new Uint8Array(readFileSync(CATALOGUE)), { fileName: 'procurement-catalogue-2022.csv' });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.file.entries).toHaveLength(4304);
    expect(result.notes).toEqual(['按编码判断为政府采购品目', '按文件名或标题判断为 2022 年']);
  });
});
