import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { storeCodeListRequestSchema } from '../../shared/host/contract';
import { createCodeListStore } from './codeListStore';

const root = mkdtempSync(join(tmpdir(), 'code-lists-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const list = (year: number, name: string) =>
  storeCodeListRequestSchema.parse({ kind: 'procurement', year, title: `${year}年品目`, entries: [{ code: 'A', name }] });

describe('imported code lists in the user data folder', () => {
  it('keeps one file per year and kind, a new list replacing the old, and reads them back', async () => {
    const dir = join(root, 'code-lists');
    const store = createCodeListStore(dir);
    expect(await store.codeLists()).toEqual([]);
    await store.storeCodeList(list(2022, '货物'));
    await store.storeCodeList(list(2023, '货物'));
    await store.storeCodeList(list(2022, '货物类'));
    expect(readdirSync(dir).sort()).toEqual(['2022-procurement.json', '2023-procurement.json']);
    const back = (await store.codeLists()) as { year: number; entries: { name: string }[] }[];
    expect(back.map((l) => [l.year, l.entries[0]!.name])).toEqual([
      [2022, '货物类'],
      [2023, '货物'],
    ]);
  });

  it('skips a damaged file and says so in the log', async () => {
    const dir = join(root, 'damaged');
    const logged: string[] = [];
    const store = createCodeListStore(dir, (m) => logged.push(m));
    await store.storeCodeList(list(2022, '货物'));
    writeFileSync(join(dir, '2021-economic.json'), '{ not json');
    expect(await store.codeLists()).toHaveLength(1);
    expect(logged).toEqual(['代码表文件“2021-economic.json”无法读取，已跳过']);
  });

  it('the contract refuses a list that is not a code list before it reaches the store', () => {
    expect(storeCodeListRequestSchema.safeParse({ kind: 'procurement', year: 2022, title: 'x', entries: [{ code: '../x', name: 'y' }] }).success).toBe(false);
  });
});
