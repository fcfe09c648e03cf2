/**
 * Recovery store for autosaved work: one JSON file per open document in a private folder
 * (e.g. `<userData>/recovery`). Files are written atomically, validated with zod when read back,
 * removed on a clean close, and listed at start-up so unsaved work can be offered for recovery.
 * A corrupt recovery file never breaks start-up: `list()` skips it and reports it.
 *
 * Plain Node module: no 'electron' import, so it is tested in Node.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { tempFileWriter, toSaveError, writeFileAtomic } from './atomicWrite';
import { readFileSafe } from './readFile';

export { createAutosaveScheduler } from './autosave';
export type { AutosaveSchedulerOptions } from './autosave';

export const RECOVERY_FORMAT = 'budget-tables/recovery';
export const RECOVERY_VERSION = 1;
const FILE_PREFIX = 'recovery-';
const FILE_SUFFIX = '.json';

const payloadSchema = z.object({
  sourcePath: z.string().min(1).nullable(),
  savedAt: z.iso.datetime({ offset: true }),
  content: z.string(),
  /**
   * Identity of the clerk's file (`sourcePath`) when the snapshot was taken (see `fileStamp`): a file
   * that has changed since then was saved after this copy, so the copy is not newer than the file.
   */
  fileStamp: z.string().max(200).nullable().optional(),
});
const fileSchema = payloadSchema.extend({
  format: z.literal(RECOVERY_FORMAT),
  version: z.literal(RECOVERY_VERSION),
  docId: z.string().min(1),
});

export type RecoveryPayload = z.infer<typeof payloadSchema>;
export interface RecoveryEntry extends RecoveryPayload {
  docId: string;
}
/** What `list()` shows in a recovery dialog (without the possibly large content). */
export type RecoverySummary = Omit<RecoveryEntry, 'content'> & { contentLength: number; file: string };
export interface RecoveryProblem {
  file: string;
  message: string;
}

export interface RecoveryStore {
  save(docId: string, payload: RecoveryPayload): Promise<void>;
  /** Newest first; corrupt files are skipped and returned in `problems`. Never throws. */
  list(): Promise<{ entries: RecoverySummary[]; problems: RecoveryProblem[] }>;
  /** null when there is nothing to recover; throws (Chinese message) when the file is corrupt. */
  load(docId: string): Promise<RecoveryEntry | null>;
  remove(docId: string): Promise<void>;
  /** Removes every recovery file, corrupt ones and stray temp files included. */
  removeAll(): Promise<void>;
}

export interface RecoveryStoreOptions {
  maxBytes?: number;
}

/** File name from a hash: any docId is safe, fixed length, no case-folding collisions on Windows. */
export function recoveryFileName(docId: string): string {
  return `${FILE_PREFIX}${createHash('sha256').update(docId, 'utf8').digest('hex')}${FILE_SUFFIX}`;
}

/**
 * What identifies one version of a file on disk: every save replaces the file by a new one (temp file +
 * rename), so inode, size and modification time change together. null when the file does not exist.
 * Compared for equality only, never as times, so clocks do not matter.
 */
export async function fileStamp(filePath: string): Promise<string | null> {
  try {
    const st = await fs.stat(filePath);
    return `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return null;
  }
}

export function createRecoveryStore(dir: string, opts: RecoveryStoreOptions = {}): RecoveryStore {
  const root = path.resolve(dir);
  const maxBytes = opts.maxBytes ?? 512 * 1024 * 1024;
  const fileFor = (docId: string) => path.join(root, recoveryFileName(docId));

  async function readEntry(file: string): Promise<RecoveryEntry> {
    const bytes = await readFileSafe(file, { maxBytes });
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      throw new Error(`恢复文件“${path.basename(file)}”已损坏：不是有效的 JSON`);
    }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) throw new Error(`恢复文件“${path.basename(file)}”已损坏：内容格式不正确`);
    const { docId, sourcePath, savedAt, content, fileStamp } = parsed.data;
    if (recoveryFileName(docId) !== path.basename(file)) {
      throw new Error(`恢复文件“${path.basename(file)}”已损坏：文档标识不匹配`);
    }
    return { docId, sourcePath, savedAt, content, ...(fileStamp !== undefined ? { fileStamp } : {}) };
  }

  async function readDirNames(): Promise<string[]> {
    try {
      return await fs.readdir(root);
    } catch (err) {
      if ((err as { code?: unknown }).code === 'ENOENT') return [];
      throw err;
    }
  }

  return {
    async save(docId, payload) {
      if (docId.length === 0) throw new Error('文档标识不能为空');
      const checked = payloadSchema.parse(payload);
      const record = { format: RECOVERY_FORMAT, version: RECOVERY_VERSION, docId, ...checked };
      const file = fileFor(docId);
      await fs.mkdir(root, { recursive: true }).catch((err: unknown) => {
        throw toSaveError(err, 'prepare', file);
      });
      await writeFileAtomic(file, JSON.stringify(record), { keepBackup: false });
    },

    async list() {
      const entries: RecoverySummary[] = [];
      const problems: RecoveryProblem[] = [];
      let names: string[];
      try {
        names = await readDirNames();
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        return { entries, problems: [{ file: root, message: `无法读取恢复文件夹（${String(code ?? err)}）` }] };
      }
      for (const name of names) {
        if (!name.startsWith(FILE_PREFIX) || !name.endsWith(FILE_SUFFIX)) continue;
        const file = path.join(root, name);
        try {
          const { content, ...rest } = await readEntry(file);
          entries.push({ ...rest, contentLength: content.length, file });
        } catch (err) {
          problems.push({ file, message: err instanceof Error ? err.message : String(err) });
        }
      }
      entries.sort((a, b) => Date.parse(b.savedAt) - Date.parse(a.savedAt));
      return { entries, problems };
    },

    async load(docId) {
      try {
        return await readEntry(fileFor(docId));
      } catch (err) {
        if ((err as { code?: unknown }).code === 'notFound') return null;
        throw err;
      }
    },

    async remove(docId) {
      await fs.rm(fileFor(docId), { force: true });
    },

    async removeAll() {
      for (const name of await readDirNames()) {
        const ours = name.startsWith(FILE_PREFIX) && name.endsWith(FILE_SUFFIX);
        const strayTemp = name.includes(FILE_PREFIX) && tempFileWriter(name) !== null;
        if (ours || strayTemp) await fs.rm(path.join(root, name), { force: true });
      }
    },
  };
}
