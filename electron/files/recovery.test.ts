import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRecoveryStore, recoveryFileName, type RecoveryStore } from './recovery';

let dir: string;
let store: RecoveryStore;
beforeEach(async () => {
  dir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'recovery-')), 'recovery');
  store = createRecoveryStore(dir);
});
afterEach(async () => {
  await fs.rm(path.dirname(dir), { recursive: true, force: true });
});

describe('recovery store', () => {
  it('is empty when the folder does not exist yet', async () => {
    expect(await store.list()).toEqual({ entries: [], problems: [] });
    expect(await store.load('doc-1')).toBeNull();
    await store.remove('doc-1');
    await store.removeAll();
  });

  it('saves, lists newest first, loads and removes', async () => {
    await store.save('doc-1', { sourcePath: 'C:\\预算\\2025.budget', savedAt: '2025-03-01T08:00:00.000Z', content: '{"a":1}' });
    await store.save('新文档/../2', { sourcePath: null, savedAt: '2025-03-01T09:30:00+08:00', content: '未保存' });
    await store.save('doc-3', { sourcePath: null, savedAt: '2025-03-02T00:00:00Z', content: 'x' });
    await store.save('doc-1', { sourcePath: 'C:\\预算\\2025.budget', savedAt: '2025-03-01T10:00:00.000Z', content: '{"a":2}' });

    const { entries, problems } = await store.list();
    expect(problems).toEqual([]);
    expect(entries.map((e) => e.docId)).toEqual(['doc-3', 'doc-1', '新文档/../2']);
    expect(entries[1]).toMatchObject({ sourcePath: 'C:\\预算\\2025.budget', contentLength: 7 });
    expect(await store.load('doc-1')).toEqual({
      docId: 'doc-1',
      sourcePath: 'C:\\预算\\2025.budget',
      savedAt: '2025-03-01T10:00:00.000Z',
      content: '{"a":2}',
    });
    expect((await fs.readdir(dir)).every((n) => /^recovery-[0-9a-f]{64}\.json$/.test(n))).toBe(true);

    await store.remove('doc-1');
    expect(await store.load('doc-1')).toBeNull();
    expect((await store.list()).entries).toHaveLength(2);
    await store.removeAll();
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('validates what it saves', async () => {
    await expect(store.save('d', { sourcePath: null, savedAt: 'yesterday', content: '' })).rejects.toThrow();
    await expect(store.save('', { sourcePath: null, savedAt: '2025-03-01T08:00:00Z', content: '' })).rejects.toThrow(
      '文档标识不能为空',
    );
  });

  it('skips and reports corrupt files without throwing', async () => {
    await store.save('good', { sourcePath: null, savedAt: '2025-03-01T08:00:00Z', content: 'ok' });
    await fs.writeFile(path.join(dir, recoveryFileName('truncated')), '{"format":"budget-tables/recov');
    await fs.writeFile(path.join(dir, recoveryFileName('wrong-shape')), JSON.stringify({ hello: 1 }));
    const mismatched = { format: 'budget-tables/recovery', version: 1, docId: 'other', sourcePath: null, savedAt: '2025-03-01T08:00:00Z', content: '' };
    await fs.writeFile(path.join(dir, recoveryFileName('mismatch')), JSON.stringify(mismatched));
    await fs.writeFile(path.join(dir, recoveryFileName('binary')), new Uint8Array([0xff, 0xfe, 0x00]));
    await fs.writeFile(path.join(dir, 'unrelated.txt'), 'not ours');

    const { entries, problems } = await store.list();
    expect(entries.map((e) => e.docId)).toEqual(['good']);
    expect(problems).toHaveLength(4);
    expect(problems.map((p) => p.message.replace(/^恢复文件“recovery-[0-9a-f]{64}\.json”/, '')).sort()).toEqual([
      '已损坏：不是有效的 JSON',
      '已损坏：不是有效的 JSON',
      '已损坏：内容格式不正确',
      '已损坏：文档标识不匹配',
    ].sort());
    await expect(store.load('truncated')).rejects.toThrow('已损坏');

    await fs.writeFile(path.join(dir, `.${recoveryFileName('x')}.123.abcdefabcdef.tmp`), 'stray');
    await fs.writeFile(path.join(dir, `${recoveryFileName('y')}.保存中-123-abcdefabcdef.tmp`), 'stray');
    await store.removeAll();
    expect(await fs.readdir(dir)).toEqual(['unrelated.txt']);
  });
});
