/**
 * The recent-files list: a small JSON file in the app's userData folder, validated with zod when
 * read (a corrupt or foreign file counts as an empty list and is replaced on the next write), written
 * atomically. Newest first, at most `limit` entries, one entry per path (compared case-insensitively
 * on Windows and macOS, whose file systems usually are).
 *
 * Plain Node module: no 'electron' import.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../files/atomicWrite';
import { readFileSafe } from '../files/readFile';

const entrySchema = z.object({
  path: z.string().min(1).max(4096),
  name: z.string().min(1).max(260),
  openedAt: z.iso.datetime({ offset: true }),
});
const fileSchema = z.object({
  format: z.literal('budget-tables/recent-files'),
  version: z.literal(1),
  files: z.array(entrySchema).max(100),
});

export type RecentEntry = z.infer<typeof entrySchema>;

export interface RecentFilesStore {
  list(): Promise<RecentEntry[]>;
  add(filePath: string): Promise<RecentEntry[]>;
  remove(filePath: string): Promise<RecentEntry[]>;
  clear(): Promise<void>;
  /** The stored entry for this path, or null: only listed paths may be opened through openRecent. */
  find(filePath: string): Promise<RecentEntry | null>;
}

export interface RecentFilesOptions {
  limit?: number;
  now?: () => Date;
  platform?: NodeJS.Platform;
}

export function createRecentFilesStore(file: string, opts: RecentFilesOptions = {}): RecentFilesStore {
  const limit = opts.limit ?? 10;
  const now = opts.now ?? (() => new Date());
  const caseInsensitive = (opts.platform ?? process.platform) !== 'linux';
  const key = (p: string) => (caseInsensitive ? path.resolve(p).toLowerCase() : path.resolve(p));
  // Serialise read-modify-write cycles (two saves in quick succession must not lose an entry).
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  async function read(): Promise<RecentEntry[]> {
    try {
      const bytes = await readFileSafe(file, { maxBytes: 1024 * 1024 });
      const parsed = fileSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
      return parsed.success ? parsed.data.files.slice(0, limit) : [];
    } catch {
      return [];
    }
  }

  async function write(files: RecentEntry[]): Promise<void> {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, `${JSON.stringify({ format: 'budget-tables/recent-files', version: 1, files }, null, 2)}\n`, { keepBackup: false });
  }

  return {
    list: () => serial(read),
    add: (filePath) =>
      serial(async () => {
        const full = path.resolve(filePath);
        const entry: RecentEntry = { path: full, name: path.basename(full), openedAt: now().toISOString() };
        const files = [entry, ...(await read()).filter((e) => key(e.path) !== key(full))].slice(0, limit);
        await write(files);
        return files;
      }),
    remove: (filePath) =>
      serial(async () => {
        const files = (await read()).filter((e) => key(e.path) !== key(filePath));
        await write(files);
        return files;
      }),
    clear: () => serial(() => write([])),
    find: (filePath) => serial(async () => (await read()).find((e) => key(e.path) === key(filePath)) ?? null),
  };
}
