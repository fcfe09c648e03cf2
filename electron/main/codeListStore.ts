/**
 * Imported code lists on the desktop: one JSON file per year and kind (`<year>-<kind>.json`) in the
 * `code-lists` folder of the user data folder, written atomically. The file name comes from the
 * validated year (an integer) and kind (an enum), never from the page. Unreadable files are skipped
 * (and logged): the editor still starts with the bundled lists.
 *
 * Plain Node module: no 'electron' import.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { z } from 'zod';
import { MAX_STORED_CODE_LISTS, type storeCodeListRequestSchema } from '../../shared/host/contract';
import { writeFileAtomic } from '../files/atomicWrite';

/** Far above the 2022 procurement catalogue (about 0.5 MB as JSON). */
const MAX_LIST_BYTES = 20 * 1024 * 1024;

export interface CodeListStore {
  codeLists(): Promise<unknown[]>;
  storeCodeList(file: z.output<typeof storeCodeListRequestSchema>): Promise<void>;
}

export function createCodeListStore(dir: string, log: (message: string, error?: unknown) => void = () => undefined): CodeListStore {
  return {
    async codeLists() {
      let names: string[];
      try {
        names = (await fs.readdir(dir)).filter((n) => /^\d{4}-[a-z]+\.json$/.test(n)).sort();
      } catch {
        return [];
      }
      const out: unknown[] = [];
      for (const name of names.slice(0, MAX_STORED_CODE_LISTS)) {
        const file = path.join(dir, name);
        try {
          const stat = await fs.stat(file);
          if (stat.size > MAX_LIST_BYTES) throw new Error(`文件过大（${stat.size} 字节）`);
          out.push(JSON.parse(await fs.readFile(file, 'utf8')));
        } catch (err) {
          log(`代码表文件“${name}”无法读取，已跳过`, err);
        }
      }
      return out;
    },
    async storeCodeList(file) {
      await fs.mkdir(dir, { recursive: true });
      await writeFileAtomic(path.join(dir, `${file.year}-${file.kind}.json`), JSON.stringify(file), { keepBackup: false });
    },
  };
}
