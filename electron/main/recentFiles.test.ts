import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRecentFilesStore } from './recentFiles';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'recent-'));
  file = path.join(dir, 'userData', 'recent-files.json');
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('recent files store', () => {
  it('keeps the newest first, one entry per path, at most the limit', async () => {
    let t = Date.parse('2025-03-01T08:00:00Z');
    const store = createRecentFilesStore(file, { limit: 3, now: () => new Date((t += 1000)), platform: 'linux' });
    for (const name of ['a', 'b', 'c', 'a', 'd']) await store.add(path.join(dir, `${name}.budget`));
    const list = await store.list();
    expect(list.map((e) => e.name)).toEqual(['d.budget', 'a.budget', 'c.budget']);
    expect(list[0]?.openedAt).toBe('2025-03-01T08:00:05.000Z');
    expect(await store.find(path.join(dir, 'b.budget'))).toBeNull();
    await store.remove(path.join(dir, 'a.budget'));
    expect((await store.list()).map((e) => e.name)).toEqual(['d.budget', 'c.budget']);
    await store.clear();
    expect(await store.list()).toEqual([]);
  });

  it('compares paths case-insensitively on Windows and macOS', async () => {
    const store = createRecentFilesStore(file, { platform: 'win32' });
    await store.add('/x/预算.BUDGET');
    await store.add('/x/预算.budget');
    expect(await store.list()).toHaveLength(1);
    expect(await store.find('/X/预算.Budget')).not.toBeNull();
  });

  it('treats a corrupt or foreign file as empty and replaces it on the next write', async () => {
    await fs.mkdir(path.dirname(file), { recursive: true });
    for (const content of ['{"format":"budget-tables/recent-fi', '[1,2,3]', JSON.stringify({ format: 'budget-tables/recent-files', version: 1, files: [{ path: 1 }] })]) {
      await fs.writeFile(file, content);
      const store = createRecentFilesStore(file);
      expect(await store.list()).toEqual([]);
    }
    const store = createRecentFilesStore(file);
    await store.add('/x/a.budget');
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toMatchObject({ format: 'budget-tables/recent-files', version: 1, files: [{ path: '/x/a.budget' }] });
  });

  it('does not lose entries when adds overlap', async () => {
    const store = createRecentFilesStore(file, { platform: 'linux' });
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((n) => store.add(`/x/${n}.budget`)));
    expect((await store.list()).map((e) => e.name).sort()).toEqual(['a.budget', 'b.budget', 'c.budget', 'd.budget', 'e.budget']);
  });
});
