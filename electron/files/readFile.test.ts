import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileReadError, readFileSafe, type ReadFileFs } from './readFile';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'read-file-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const failWith = (code: string): ReadFileFs => ({
  stat: () => Promise.reject(Object.assign(new Error(code), { code })),
  open: () => Promise.reject(Object.assign(new Error(code), { code })),
});

describe('readFileSafe', () => {
  it('reads a file, including an empty one and one of exactly maxBytes', async () => {
    const file = path.join(dir, '预算.budget');
    await fs.writeFile(file, '部门预算');
    expect(new TextDecoder().decode(await readFileSafe(file, { maxBytes: 1024 }))).toBe('部门预算');
    await fs.writeFile(file, '');
    expect((await readFileSafe(file, { maxBytes: 0 })).length).toBe(0);
    await fs.writeFile(file, new Uint8Array(100).fill(7));
    expect(await readFileSafe(file, { maxBytes: 100 })).toEqual(new Uint8Array(100).fill(7));
  });

  it('reads a large file completely', async () => {
    const file = path.join(dir, 'big.budget');
    const data = new Uint8Array(3 * 1024 * 1024 + 17).map((_, i) => i % 251);
    await fs.writeFile(file, data);
    const read = await readFileSafe(file, { maxBytes: 10 * 1024 * 1024 });
    expect(Buffer.from(read).equals(data)).toBe(true); // toEqual on MBs of bytes is very slow
  });

  it('rejects with Chinese messages and codes', async () => {
    const missing = readFileSafe(path.join(dir, '不存在.budget'), { maxBytes: 10 });
    await expect(missing).rejects.toBeInstanceOf(FileReadError);
    await expect(missing).rejects.toMatchObject({
      code: 'notFound',
      message: '无法打开“不存在.budget”：文件不存在，可能已被移动或删除',
    });

    const big = path.join(dir, '大.budget');
    await fs.writeFile(big, new Uint8Array(3 * 1024 * 1024));
    await expect(readFileSafe(big, { maxBytes: 2 * 1024 * 1024 })).rejects.toMatchObject({
      code: 'tooLarge',
      message: '无法打开“大.budget”：文件过大（3.0 MB），最大支持 2.0 MB',
    });

    await expect(readFileSafe(dir, { maxBytes: 10 })).rejects.toMatchObject({ code: 'isDirectory' });
    await expect(readFileSafe('x.budget', { maxBytes: 10, fs: failWith('EACCES') })).rejects.toMatchObject({
      code: 'permission',
      message: '无法打开“x.budget”：没有读取权限',
    });
    await expect(readFileSafe('x.budget', { maxBytes: 10, fs: failWith('EBUSY') })).rejects.toMatchObject({
      code: 'locked',
    });
  });

  it('notices a file that grew past the limit after stat', async () => {
    const content = new Uint8Array(50).fill(1);
    const grown: ReadFileFs = {
      stat: async () => ({ size: 10, isFile: () => true, isDirectory: () => false }),
      open: async () => ({
        stat: async () => ({ size: 10, isFile: () => true, isDirectory: () => false }),
        read: async (buf, offset, length, position) => {
          const chunk = content.subarray(position, position + length);
          buf.set(chunk, offset);
          return { bytesRead: chunk.length };
        },
        close: async () => undefined,
      }),
    };
    await expect(readFileSafe('g.budget', { maxBytes: 40, fs: grown })).rejects.toMatchObject({ code: 'tooLarge' });
    expect(await readFileSafe('g.budget', { maxBytes: 50, fs: grown })).toEqual(content);
  });
});
