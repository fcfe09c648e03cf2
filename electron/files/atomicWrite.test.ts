import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileSaveError, writeFileAtomic, type AtomicFileHandle, type AtomicWriteFs } from './atomicWrite';

let dir: string;
let target: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atomic-write-'));
  target = path.join(dir, '预算.budget');
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const read = (p: string) => fs.readFile(p, 'utf8');
const listDir = async () => (await fs.readdir(dir)).sort();
const errnoError = (code: string) => Object.assign(new Error(`simulated ${code}`), { code });

type FaultPoint = 'openTemp' | 'write' | 'sync' | 'rename' | 'link' | 'copyFile' | 'openDir';

/** Real fs/promises with one injected failure; `times` failures then it works again. */
function faultyFs(point: FaultPoint, code: string, times = Infinity): AtomicWriteFs & { hits: number } {
  const state = { hits: 0 };
  const shouldFail = (p: FaultPoint) => p === point && state.hits++ < times;
  const wrapHandle = (h: fs.FileHandle): AtomicFileHandle => ({
    async writeFile(data) {
      if (shouldFail('write')) {
        // a realistic partial write before the disk fills up
        const bytes = typeof data === 'string' ? Buffer.from(data) : data;
        await h.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
        throw errnoError(code);
      }
      await h.writeFile(data);
    },
    async sync() {
      if (shouldFail('sync')) throw errnoError(code);
      await h.sync();
    },
    close: () => h.close(),
  });
  const api: AtomicWriteFs = {
    async open(p, flags, mode) {
      if (flags === 'wx' && shouldFail('openTemp')) throw errnoError(code);
      if (p === dir && shouldFail('openDir')) throw errnoError(code);
      return wrapHandle(await fs.open(p, flags, mode));
    },
    lstat: (p) => fs.lstat(p),
    realpath: (p) => fs.realpath(p),
    async link(a, b) {
      if (shouldFail('link')) throw errnoError(code);
      await fs.link(a, b);
    },
    async copyFile(a, b) {
      if (shouldFail('copyFile')) throw errnoError(code);
      await fs.copyFile(a, b);
    },
    async rename(a, b) {
      if (!b.endsWith('.bak') && shouldFail('rename')) throw errnoError(code);
      await fs.rename(a, b);
    },
    unlink: (p) => fs.unlink(p),
  };
  return Object.defineProperty(api, 'hits', { get: () => state.hits }) as AtomicWriteFs & { hits: number };
}

describe('writeFileAtomic', () => {
  it('creates a new file without a backup or temp files', async () => {
    await writeFileAtomic(target, '第一版');
    expect(await read(target)).toBe('第一版');
    expect(await listDir()).toEqual(['预算.budget']);
  });

  it('overwrites and keeps the previous version as .bak', async () => {
    await writeFileAtomic(target, 'v1');
    await writeFileAtomic(target, new TextEncoder().encode('v2'));
    expect(await read(target)).toBe('v2');
    expect(await read(`${target}.bak`)).toBe('v1');
    await writeFileAtomic(target, 'v3');
    expect(await read(`${target}.bak`)).toBe('v2');
    expect(await listDir()).toEqual(['预算.budget', '预算.budget.bak']);
  });

  it('keepBackup: false writes no .bak', async () => {
    await writeFileAtomic(target, 'v1', { keepBackup: false });
    await writeFileAtomic(target, 'v2', { keepBackup: false });
    expect(await listDir()).toEqual(['预算.budget']);
  });

  it('leaves no stray link when .bak already is a hard link of the target', async () => {
    await fs.writeFile(target, 'old');
    await fs.link(target, `${target}.bak`); // POSIX rename between two links of one file is a no-op
    await writeFileAtomic(target, 'new');
    expect(await read(target)).toBe('new');
    expect(await read(`${target}.bak`)).toBe('old');
    expect(await listDir()).toEqual(['预算.budget', '预算.budget.bak']);
  });

  it('saves through a symlink and keeps the link', async () => {
    const real = path.join(dir, 'real.budget');
    await fs.writeFile(real, 'old');
    await fs.symlink(real, target);
    await writeFileAtomic(target, 'new');
    expect((await fs.lstat(target)).isSymbolicLink()).toBe(true);
    expect(await read(real)).toBe('new');
    expect(await read(`${real}.bak`)).toBe('old');
  });

  const failures: Array<[FaultPoint, string, FileSaveError['code'], string]> = [
    ['openTemp', 'EACCES', 'permission', '没有写入权限'],
    ['openTemp', 'EPERM', 'permission', '没有写入权限'],
    ['openTemp', 'EROFS', 'readOnly', '只读文件系统'],
    ['write', 'ENOSPC', 'diskFull', '磁盘空间不足'],
    ['write', 'EDQUOT', 'diskFull', '磁盘空间不足'],
    ['sync', 'ENOSPC', 'diskFull', '磁盘空间不足'],
    ['sync', 'EIO', 'unknown', '磁盘读写错误'],
    ['rename', 'EBUSY', 'locked', '文件正被其他程序（如 Excel、WPS）占用，请关闭后重试'],
    ['rename', 'ETXTBSY', 'locked', '占用'],
    ['rename', 'EPERM', 'locked', '占用'],
    ['rename', 'EACCES', 'permission', '没有写入权限'],
  ];
  it.each(failures)('%s failing with %s → %s, old file and old .bak intact, no temp files', async (point, code, kind, text) => {
    await fs.writeFile(target, '旧内容');
    await fs.writeFile(`${target}.bak`, '更旧的内容');
    const err = await writeFileAtomic(target, '新内容'.repeat(1000), {
      fs: faultyFs(point, code),
      renameRetryDelaysMs: [],
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileSaveError);
    const saveErr = err as FileSaveError;
    expect(saveErr.code).toBe(kind);
    expect(saveErr.message).toContain('无法保存“预算.budget”：');
    expect(saveErr.message).toContain(text);
    expect(saveErr.filePath).toBe(target);
    expect(await read(target)).toBe('旧内容');
    expect(await read(`${target}.bak`)).toBe('更旧的内容');
    expect(await listDir()).toEqual(['预算.budget', '预算.budget.bak']);
  });

  it('reports a missing folder', async () => {
    const err = await writeFileAtomic(path.join(dir, 'nope', '预算.budget'), 'x').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'notFound', message: '无法保存“预算.budget”：文件夹不存在' });
  });

  it('refuses to replace a read-only file or a folder', async () => {
    await fs.writeFile(target, 'old', { mode: 0o444 });
    await expect(writeFileAtomic(target, 'new')).rejects.toMatchObject({ code: 'readOnly' });
    expect(await read(target)).toBe('old');
    const sub = path.join(dir, 'sub');
    await fs.mkdir(sub);
    await expect(writeFileAtomic(sub, 'new')).rejects.toMatchObject({ code: 'unknown' });
    expect(await listDir()).toEqual(['sub', '预算.budget']);
  });

  it('retries a briefly locked rename (Windows antivirus) and then succeeds', async () => {
    await fs.writeFile(target, 'old');
    const faulty = faultyFs('rename', 'EPERM', 2);
    await writeFileAtomic(target, 'new', { fs: faulty, renameRetryDelaysMs: [0, 0, 0] });
    expect(faulty.hits).toBe(3);
    expect(await read(target)).toBe('new');
    expect(await read(`${target}.bak`)).toBe('old');
  });

  it('falls back to copying when hard links are unsupported (FAT/exFAT)', async () => {
    await fs.writeFile(target, 'old');
    await writeFileAtomic(target, 'new', { fs: faultyFs('link', 'EPERM') });
    expect(await read(`${target}.bak`)).toBe('old');
    expect(await listDir()).toEqual(['预算.budget', '预算.budget.bak']);
  });

  it('still saves when no backup can be made, and reports it', async () => {
    await fs.writeFile(target, 'old');
    const onBackupError = vi.fn();
    const faulty = faultyFs('link', 'ENOSPC');
    const api = { ...faulty, copyFile: () => Promise.reject(errnoError('ENOSPC')) };
    await writeFileAtomic(target, 'new', { fs: api, onBackupError });
    expect(await read(target)).toBe('new');
    expect(onBackupError).toHaveBeenCalledOnce();
    expect(onBackupError.mock.calls[0]?.[0]).toMatchObject({ code: 'diskFull', step: 'backup' });
    expect(await listDir()).toEqual(['预算.budget']);
  });

  it('ignores folders that cannot be fsynced (Windows)', async () => {
    await writeFileAtomic(target, 'new', { fs: faultyFs('openDir', 'EISDIR') });
    expect(await read(target)).toBe('new');
  });
});
