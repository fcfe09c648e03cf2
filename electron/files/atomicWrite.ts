/**
 * Crash-safe file saving: write a temp file in the same folder, fsync it, then rename it over the
 * target, so the target is always either the complete old version or the complete new version.
 *
 * Order of steps (the old file is untouched until the final rename):
 *   1. open `<base>.保存中-<pid>-<random>.tmp` exclusively, write everything, fsync, close
 *   2. (keepBackup, old file exists) hard-link the old file to `<base>.保存中-<pid>-<random>.bak.tmp`
 *      (or copy + fsync where hard links are unsupported, e.g. FAT/exFAT USB sticks)
 *   3. rename the temp file over the target (retried briefly on Windows, where antivirus or the
 *      search indexer may hold a freshly written file for a moment)
 *   4. rename the prepared backup to `<path>.bak` (only after a successful save, so a failed save
 *      never replaces an older good backup)
 *   5. fsync the folder so the rename itself survives a power loss
 * Any failure before step 3 removes the temp files and leaves the old file as it was.
 *
 * The temp files must live in the target's folder (a rename is atomic only within one file system).
 * Their names are visible and say what they are (保存中 = "being saved"), so a save killed half-way
 * does not leave an unexplained hidden file of the document's size: `removeStaleTempFilesIn` removes
 * them (and those of older versions, `.<base>.<pid>.<random>[.bak].tmp`) when a folder is opened and
 * at start (see hostServices.ts).
 *
 * Plain Node module: no 'electron' import, so it is tested in Node.
 */
import * as nodeFs from 'node:fs/promises';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

export type FileSaveErrorCode = 'permission' | 'diskFull' | 'locked' | 'notFound' | 'readOnly' | 'unknown';
export type FileSaveStep = 'prepare' | 'open' | 'write' | 'sync' | 'backup' | 'rename' | 'syncDir';

/** A save failure with a Chinese message that names the file, ready to show to the user. */
export class FileSaveError extends Error {
  override readonly name = 'FileSaveError';
  constructor(
    readonly code: FileSaveErrorCode,
    readonly filePath: string,
    readonly step: FileSaveStep,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The subset of a `fs/promises` FileHandle this module uses. */
export interface AtomicFileHandle {
  writeFile(data: Uint8Array | string): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The subset of `fs/promises` this module uses; injectable so tests can simulate failures. */
export interface AtomicWriteFs {
  open(path: string, flags: string, mode?: number): Promise<AtomicFileHandle>;
  lstat(path: string): Promise<{ mode: number; isFile(): boolean; isSymbolicLink(): boolean }>;
  realpath(path: string): Promise<string>;
  link(existingPath: string, newPath: string): Promise<void>;
  copyFile(src: string, dest: string): Promise<void>;
  rename(oldPath: string, newPath: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

export interface WriteFileAtomicOptions {
  /** Keep the previous version as `<path>.bak` (default true). */
  keepBackup?: boolean;
  /** Called when the backup could not be made; the save itself still goes ahead. */
  onBackupError?: (error: FileSaveError) => void;
  /** Internal: file system to use (tests inject failures). */
  fs?: AtomicWriteFs;
  /** Internal: waits between rename retries (default: a short series on Windows, none elsewhere). */
  renameRetryDelaysMs?: readonly number[];
}

const WINDOWS_RENAME_RETRY_DELAYS_MS = [20, 50, 100, 200, 400, 800];
const RENAME_RETRYABLE = new Set(['EPERM', 'EACCES', 'EBUSY']);
const DIR_SYNC_UNSUPPORTED = new Set(['EISDIR', 'EINVAL', 'EPERM', 'EACCES', 'ENOTSUP', 'EBADF']);

export async function writeFileAtomic(
  filePath: string,
  data: Uint8Array | string,
  opts: WriteFileAtomicOptions = {},
): Promise<void> {
  const fs: AtomicWriteFs = opts.fs ?? (nodeFs as unknown as AtomicWriteFs);
  const requested = path.resolve(filePath);
  const displayName = path.basename(requested);
  const retryDelays =
    opts.renameRetryDelaysMs ?? (process.platform === 'win32' ? WINDOWS_RENAME_RETRY_DELAYS_MS : []);

  let step: FileSaveStep = 'prepare';
  let handle: AtomicFileHandle | undefined;
  let tmpPath: string | undefined;
  let bakTmpPath: string | undefined;
  let target = requested;
  try {
    target = await resolveSymlinkTarget(fs, requested);
    const dir = path.dirname(target);
    const tag = `${TEMP_MARK}-${process.pid}-${randomBytes(6).toString('hex')}`;
    const base = path.basename(target);
    const existing = await lstatOrNull(fs, target);
    const old = existing?.isSymbolicLink() ? null : existing; // a dangling link is simply replaced
    if (old && !old.isFile()) throw Object.assign(new Error('target is not a file'), { code: 'EISDIR' });
    if (old && (old.mode & 0o222) === 0) {
      throw new FileSaveError('readOnly', requested, step, `无法保存“${displayName}”：文件已设为只读`);
    }

    step = 'open';
    const candidateTmp = path.join(dir, `${base}.${tag}.tmp`);
    handle = await fs.open(candidateTmp, 'wx', old ? old.mode & 0o777 : 0o666);
    tmpPath = candidateTmp;
    step = 'write';
    await handle.writeFile(data);
    step = 'sync';
    await handle.sync();
    const opened = handle;
    handle = undefined;
    await opened.close();

    if (opts.keepBackup !== false && old) {
      bakTmpPath = await prepareBackup(fs, target, path.join(dir, `${base}.${tag}.bak.tmp`), (err) =>
        opts.onBackupError?.(toSaveError(err, 'backup', requested)),
      );
    }

    step = 'rename';
    await renameWithRetry(fs, tmpPath, target, retryDelays);
    tmpPath = undefined;
  } catch (err) {
    if (handle) await handle.close().catch(() => undefined);
    if (tmpPath) await unlinkQuietly(fs, tmpPath);
    if (bakTmpPath) await unlinkQuietly(fs, bakTmpPath);
    throw toSaveError(err, step, requested);
  }

  if (bakTmpPath) {
    try {
      await fs.rename(bakTmpPath, `${target}.bak`);
    } catch (err) {
      opts.onBackupError?.(toSaveError(err, 'backup', requested));
    }
    // If `.bak` already was a hard link to the same file, POSIX rename is a no-op and the temp link stays.
    await unlinkQuietly(fs, bakTmpPath);
  }

  try {
    await syncDirectory(fs, path.dirname(target));
  } catch (err) {
    throw toSaveError(err, 'syncDir', requested);
  }
}

async function resolveSymlinkTarget(fs: AtomicWriteFs, p: string): Promise<string> {
  const st = await lstatOrNull(fs, p);
  if (!st?.isSymbolicLink()) return p;
  try {
    return await fs.realpath(p); // save through the link, keep the link itself
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return p; // dangling link: replace it
    throw err;
  }
}

async function lstatOrNull(fs: AtomicWriteFs, p: string) {
  try {
    return await fs.lstat(p);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return null;
    throw err;
  }
}

/** Returns the path of the prepared backup, or undefined when no backup could be made. */
async function prepareBackup(
  fs: AtomicWriteFs,
  target: string,
  bakTmp: string,
  report: (err: unknown) => void,
): Promise<string | undefined> {
  try {
    await fs.link(target, bakTmp);
    return bakTmp;
  } catch {
    await unlinkQuietly(fs, bakTmp);
  }
  try {
    await fs.copyFile(target, bakTmp);
    const h = await fs.open(bakTmp, 'r+');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
    return bakTmp;
  } catch (err) {
    await unlinkQuietly(fs, bakTmp);
    report(err);
    return undefined;
  }
}

async function renameWithRetry(fs: AtomicWriteFs, from: string, to: string, delays: readonly number[]) {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (err) {
      const delay = delays[attempt];
      if (delay === undefined || !RENAME_RETRYABLE.has(errnoCode(err) ?? '')) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

async function syncDirectory(fs: AtomicWriteFs, dir: string): Promise<void> {
  let h: AtomicFileHandle | undefined;
  try {
    h = await fs.open(dir, 'r');
    await h.sync();
  } catch (err) {
    if (!DIR_SYNC_UNSUPPORTED.has(errnoCode(err) ?? '')) throw err;
  } finally {
    await h?.close().catch(() => undefined);
  }
}

async function unlinkQuietly(fs: AtomicWriteFs, p: string): Promise<void> {
  await fs.unlink(p).catch(() => undefined);
}

/** In the name of every temp file a save writes: `<base>.保存中-<pid>-<12 hex>[.bak].tmp`. */
export const TEMP_MARK = '保存中';
const TEMP_NAME = new RegExp(`^.+\\.${TEMP_MARK}-(\\d+)-[0-9a-f]{12}(?:\\.bak)?\\.tmp$`, 'u');
/** Temp files of earlier versions: hidden, `.<base>.<pid>.<12 hex>[.bak].tmp`. */
const LEGACY_TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{12}(?:\.bak)?\.tmp$/u;

/** The pid of the process that wrote this temp file, or null when the name is not one of ours. */
export function tempFileWriter(name: string): number | null {
  const m = TEMP_NAME.exec(name) ?? LEGACY_TEMP_NAME.exec(name);
  const pid = Number(m?.[1]);
  return m && Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

/** A save in progress elsewhere (another computer on a shared folder) keeps its temp file fresh. */
export const STALE_TEMP_MIN_AGE_MS = 60_000;
/** Older than this, a temp file is stale even if its pid is alive again (reused after a restart). */
export const STALE_TEMP_MAX_AGE_MS = 24 * 60 * 60_000;

export interface StaleTempOptions {
  isProcessAlive?: (pid: number) => boolean;
  /** Temp files modified more recently are kept (default STALE_TEMP_MIN_AGE_MS; 0 for a private folder). */
  minAgeMs?: number;
  now?: () => number;
}

/**
 * Removes the temp files that killed saves left in `dir`: ours (by name) whose process is gone and
 * that have not changed for `minAgeMs`, or that are older than a day. Returns the removed paths;
 * never throws (an unreadable folder removes nothing).
 */
export async function removeStaleTempFilesIn(dir: string, opts: StaleTempOptions = {}): Promise<string[]> {
  const isAlive = opts.isProcessAlive ?? defaultIsProcessAlive;
  const minAgeMs = opts.minAgeMs ?? STALE_TEMP_MIN_AGE_MS;
  const now = (opts.now ?? Date.now)();
  const removed: string[] = [];
  const names = await nodeFs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const pid = tempFileWriter(name);
    if (pid === null) continue;
    const full = path.join(dir, name);
    const st = await nodeFs.lstat(full).catch(() => null);
    if (!st?.isFile()) continue;
    const age = now - st.mtimeMs;
    const writerGone = pid !== process.pid && !isAlive(pid);
    if (!((writerGone && age >= minAgeMs) || age >= STALE_TEMP_MAX_AGE_MS)) continue;
    if (await nodeFs.unlink(full).then(() => true, () => false)) removed.push(full);
  }
  return removed;
}

/** `removeStaleTempFilesIn` for the folder of `filePath` (called when a document is opened). */
export function removeStaleTempFiles(filePath: string, opts: StaleTempOptions = {}): Promise<string[]> {
  return removeStaleTempFilesIn(path.dirname(path.resolve(filePath)), opts);
}

function defaultIsProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errnoCode(err) === 'EPERM'; // exists but belongs to another user
  }
}

export function errnoCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Maps a Node error to a FileSaveError with a Chinese message naming the file. */
export function toSaveError(err: unknown, step: FileSaveStep, filePath: string): FileSaveError {
  if (err instanceof FileSaveError) return err;
  const code = errnoCode(err);
  const make = (kind: FileSaveErrorCode, reason: string) =>
    new FileSaveError(kind, filePath, step, `无法保存“${path.basename(filePath)}”：${reason}`, { cause: err });
  switch (code) {
    case 'EPERM':
      // On Windows, replacing a file that another program holds open fails with EPERM.
      if (step === 'rename') {
        return make('locked', '文件可能正被其他程序（如 Excel、WPS）占用，或没有写入权限，请关闭占用的程序后重试');
      }
      return make('permission', '没有写入权限');
    case 'EACCES':
      return make('permission', '没有写入权限');
    case 'ENOSPC':
    case 'EDQUOT':
      return make('diskFull', '磁盘空间不足');
    case 'EBUSY':
    case 'ETXTBSY':
      return make('locked', '文件正被其他程序（如 Excel、WPS）占用，请关闭后重试');
    case 'ENOENT':
    case 'ENOTDIR':
      return make('notFound', '文件夹不存在');
    case 'EROFS':
      return make('readOnly', '只读文件系统');
    case 'EISDIR':
      return make('unknown', '已存在同名的文件夹');
    case 'ENAMETOOLONG':
      return make('unknown', '文件名或路径过长');
    case 'EMFILE':
    case 'ENFILE':
      return make('unknown', '同时打开的文件过多，请稍后重试');
    case 'EIO':
      return make('unknown', '磁盘读写错误');
    default:
      return make('unknown', `未知错误（${code ?? (err instanceof Error ? err.message : String(err))}）`);
  }
}
