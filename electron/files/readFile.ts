/**
 * Reading a user's file with a size limit and Chinese error messages that name the file.
 * Plain Node module: no 'electron' import, so it is tested in Node.
 */
import * as nodeFs from 'node:fs/promises';
import * as path from 'node:path';

export type FileReadErrorCode = 'notFound' | 'tooLarge' | 'permission' | 'isDirectory' | 'locked' | 'unknown';

export class FileReadError extends Error {
  override readonly name = 'FileReadError';
  constructor(
    readonly code: FileReadErrorCode,
    readonly filePath: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

interface StatLike {
  size: number;
  isFile(): boolean;
  isDirectory(): boolean;
}

/** The subset of `fs/promises` used here; injectable so tests can simulate failures. */
export interface ReadFileFs {
  stat(path: string): Promise<StatLike>;
  open(path: string, flags: string): Promise<{
    stat(): Promise<StatLike>;
    read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
    close(): Promise<void>;
  }>;
}

export interface ReadFileSafeOptions {
  maxBytes: number;
  fs?: ReadFileFs;
}

export async function readFileSafe(filePath: string, opts: ReadFileSafeOptions): Promise<Uint8Array> {
  const fs: ReadFileFs = opts.fs ?? (nodeFs as unknown as ReadFileFs);
  const fullPath = path.resolve(filePath);
  const name = path.basename(fullPath);
  const fail = (code: FileReadErrorCode, reason: string, cause?: unknown) =>
    new FileReadError(code, fullPath, `无法打开“${name}”：${reason}`, { cause });
  const checkKind = (st: StatLike) => {
    if (st.isDirectory()) return fail('isDirectory', '这是一个文件夹，不是文件');
    // FIFOs, sockets and devices: opening a FIFO would block forever
    if (!st.isFile()) return fail('unknown', '不是普通文件');
    if (st.size > opts.maxBytes) {
      return fail('tooLarge', `文件过大（${formatBytes(st.size)}），最大支持 ${formatBytes(opts.maxBytes)}`);
    }
    return null;
  };

  let handle: Awaited<ReturnType<ReadFileFs['open']>> | undefined;
  try {
    const early = checkKind(await fs.stat(fullPath));
    if (early) throw early;
    handle = await fs.open(fullPath, 'r');
    const st = await handle.stat();
    const problem = checkKind(st);
    if (problem) throw problem;
    return await readAll(handle, st.size, opts.maxBytes, () =>
      fail('tooLarge', `文件过大，最大支持 ${formatBytes(opts.maxBytes)}`),
    );
  } catch (err) {
    if (err instanceof FileReadError) throw err;
    throw mapReadError(err, fail);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Reads to EOF; the file may have grown since stat, so never trust the size blindly. */
async function readAll(
  handle: { read(b: Uint8Array, o: number, l: number, p: number): Promise<{ bytesRead: number }> },
  size: number,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Uint8Array> {
  let buf = new Uint8Array(size);
  let n = 0;
  const probe = new Uint8Array(1);
  for (;;) {
    if (n === buf.length) {
      const { bytesRead } = await handle.read(probe, 0, 1, n);
      if (bytesRead === 0) return buf;
      if (n + 1 > maxBytes) throw tooLarge();
      const grown = new Uint8Array(Math.min(maxBytes, Math.max(64 * 1024, buf.length * 2)));
      grown.set(buf);
      grown[n] = probe[0] ?? 0;
      buf = grown;
      n += 1;
      continue;
    }
    const { bytesRead } = await handle.read(buf, n, buf.length - n, n);
    if (bytesRead === 0) return buf.slice(0, n);
    n += bytesRead;
  }
}

function mapReadError(err: unknown, fail: (c: FileReadErrorCode, r: string, cause?: unknown) => FileReadError) {
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return fail('notFound', '文件不存在，可能已被移动或删除', err);
    case 'EACCES':
    case 'EPERM':
      return fail('permission', '没有读取权限', err);
    case 'EISDIR':
      return fail('isDirectory', '这是一个文件夹，不是文件', err);
    case 'EBUSY':
      return fail('locked', '文件正被其他程序（如 Excel、WPS）占用，请关闭后重试', err);
    case 'EIO':
      return fail('unknown', '磁盘读写错误', err);
    default:
      return fail('unknown', `未知错误（${typeof code === 'string' ? code : String(err)}）`, err);
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} 字节`;
}
