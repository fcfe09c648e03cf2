/**
 * Temp files of saves that were killed: recognisable by name, and removed from the folder when a
 * document there is opened and at start, whatever file of that folder they belonged to.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { removeStaleTempFiles, removeStaleTempFilesIn, tempFileWriter, writeFileAtomic, type AtomicWriteFs } from './atomicWrite';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'stale-temp-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const MINUTE = 60_000;

async function file(name: string, ageMs: number, content = 'half a save'): Promise<string> {
  const full = path.join(dir, name);
  await fs.writeFile(full, content);
  const when = new Date(Date.now() - ageMs);
  await fs.utimes(full, when, when);
  return full;
}

describe('the temp files a save writes', () => {
  it('are visible and say what they are: 「预算.budget.保存中-<pid>-<random>.tmp」', async () => {
    const target = path.join(dir, '预算.budget');
    await writeFileAtomic(target, 'v1');
    const opened: string[] = [];
    const spy = { ...fs, open: (p: string, flags: string, mode?: number) => (opened.push(path.basename(p)), fs.open(p, flags, mode)) } as unknown as AtomicWriteFs;
    let written = '';
    await writeFileAtomic(target, 'v2', {
      fs: {
        ...spy,
        link: async (a: string, b: string) => {
          written = path.basename(b);
          await fs.link(a, b);
        },
      } as AtomicWriteFs,
    });
    expect(opened[0]).toMatch(new RegExp(`^预算\\.budget\\.保存中-${process.pid}-[0-9a-f]{12}\\.tmp$`, 'u'));
    expect(written).toMatch(new RegExp(`^预算\\.budget\\.保存中-${process.pid}-[0-9a-f]{12}\\.bak\\.tmp$`, 'u'));
    expect(tempFileWriter(opened[0]!)).toBe(process.pid);
    expect((await fs.readdir(dir)).sort()).toEqual(['预算.budget', '预算.budget.bak']);
  });

  it('are told apart from the clerk\'s own files', () => {
    expect(tempFileWriter('预算.budget.保存中-1234-0123456789ab.tmp')).toBe(1234);
    expect(tempFileWriter('预算.budget.保存中-1234-0123456789ab.bak.tmp')).toBe(1234);
    expect(tempFileWriter('.预算.budget.1234.0123456789ab.tmp')).toBe(1234); // written by earlier versions
    for (const name of ['预算.budget', '预算.budget.bak', 'notes.tmp', '预算.budget.保存中-1234-xyz.tmp', '预算.budget.1234.0123456789ab.tmp', '.预算.budget.0.0123456789ab.tmp']) {
      expect(tempFileWriter(name), name).toBeNull();
    }
  });
});

describe('removing stale temp files from a folder', () => {
  it('removes every stale temp file of the folder, not only those of the file being opened', async () => {
    const stale = [
      await file('预算.budget.保存中-2147480000-0123456789ab.tmp', 2 * MINUTE),
      await file('预算.budget.保存中-2147480000-0123456789ab.bak.tmp', 2 * MINUTE),
      await file('另存为的新文件.budget.保存中-2147480001-abcdefabcdef.tmp', 5 * MINUTE), // a killed 另存为 to another name
      await file('.旧版本.budget.2147480002.abcdefabcdef.tmp', 3 * MINUTE),
      await file(`活着的进程.budget.保存中-${process.ppid}-abcdefabcdef.tmp`, 2 * 24 * 60 * MINUTE), // pid reused after a restart
    ];
    const kept = [
      await file('预算.budget', 10 * MINUTE, '{"v":1}'),
      await file('预算.budget.bak', 10 * MINUTE, '{"v":0}'),
      await file('notes.tmp', 10 * MINUTE),
      await file(`另一个.budget.保存中-${process.ppid}-abcdefabcdef.tmp`, 10 * MINUTE), // its writer is still running
      await file('共享文件夹.budget.保存中-2147480003-abcdefabcdef.tmp', 5_000), // fresh: maybe a save on another computer
    ];
    const removed = await removeStaleTempFiles(path.join(dir, '预算.budget'));
    expect(removed.sort()).toEqual([...stale].sort());
    expect((await fs.readdir(dir)).sort()).toEqual(kept.map((p) => path.basename(p)).sort());
  });

  it('in a private folder the minimum age can be 0; a missing folder removes nothing', async () => {
    const fresh = await file('recovery-x.json.保存中-2147480000-0123456789ab.tmp', 0);
    expect(await removeStaleTempFilesIn(dir, { minAgeMs: 0 })).toEqual([fresh]);
    expect(await removeStaleTempFilesIn(path.join(dir, 'no-such-folder'))).toEqual([]);
  });
});
