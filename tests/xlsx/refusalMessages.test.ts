/**
 * Refusals that must say what is really wrong: a zip of 100,000 parts (too many parts, not "ZIP64"),
 * and a password-protected legacy .xls (password-protected and how to remove the password, not
 * only "legacy .xls"). password.xls: a small workbook saved by LibreOffice 7.4 as "MS Excel 97"
 * with the opening password 123456 (storeToURL with a Password property).
 */
import { describe, expect, it } from 'vitest';
import { importWorkbook } from '../../shared/xlsx/importWorkbook';
import { fixture } from './helpers';
import { writeZip } from './zipTools';

async function failure(bytes: Uint8Array, fileName: string) {
  const r = await importWorkbook(bytes, { fileName });
  if (r.ok) throw new Error('import succeeded');
  return r.error;
}

describe('refusal messages name the real cause', () => {
  it('a zip of 100,000 parts says it has too many parts, with the count and the limit', async () => {
    const empty = new Uint8Array(0);
    const entries = Array.from({ length: 100_000 }, (_, i) => ({ name: `xl/media/p${i}.bin`, data: empty }));
    const bytes = writeZip([{ name: 'xl/workbook.xml', data: new TextEncoder().encode('<workbook/>') }, ...entries], { store: true });
    const e = await failure(bytes, '部件过多.xlsx');
    expect(e.code).toBe('tooLarge');
    expect(e.message).toContain('“部件过多.xlsx”');
    expect(e.message).toContain('100,001 个内部文件');
    expect(e.message).toContain('上限 20,000 个');
    expect(e.message).not.toContain('ZIP64');
  }, 30_000);

  it('a password-protected .xls says it is password protected and how to remove the password', async () => {
    const e = await failure(fixture('password.xls'), '2019年预算.xls');
    expect(e.code).toBe('encrypted');
    expect(e.message).toContain('“2019年预算.xls”');
    expect(e.message).toContain('打开密码');
    expect(e.message).toContain('.xls');
    expect(e.message).toContain('用密码进行加密');
    expect(e.message).toContain('清空');
  });

  it('a .xls cut short before its directory says it is incomplete, not that it is another Office document', async () => {
    const bytes = fixture('budget-2020.xls');
    for (const size of [600, 3000, Math.floor(bytes.length / 2)]) {
      const e = await failure(bytes.slice(0, size), '上年.xls');
      expect(e.code).toBe('truncated');
      expect(e.message).toContain('不完整');
    }
  });

  it('an unprotected .xls is not taken for a password-protected one', async () => {
    const e = await failure(fixture('legacy.xls'), '2019年预算.xls');
    expect(e.code).toBe('legacyXls');
    expect(e.message).not.toContain('密码');
  });
});
