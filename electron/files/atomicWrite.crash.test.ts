/**
 * Crash test: a child process saves 2–8 MB contents in a loop and is killed with SIGKILL at random
 * moments. After every kill the target (and its .bak) must be a complete version, never torn.
 * (SIGKILL tests process crashes; power loss additionally relies on the fsync calls.)
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeStaleTempFilesIn } from './atomicWrite';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const childScript = path.join(here, 'testing', 'saveLoop.child.ts');
const LANES = 2; // one per CPU on small CI machines
const KILLS_PER_LANE = 12;

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atomic-crash-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Returns the iteration stored in the file; throws when the file is torn or mixed. */
async function verifyComplete(file: string): Promise<number> {
  const bytes = await fs.readFile(file);
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) throw new Error(`${file}: no header line (${bytes.length} bytes)`);
  const [iteration, length, digest] = bytes.subarray(0, newline).toString('latin1').split(' ');
  const body = bytes.subarray(newline + 1);
  if (body.length !== Number(length)) throw new Error(`${file}: truncated, ${body.length} of ${length} bytes`);
  if (createHash('sha256').update(body).digest('hex') !== digest) throw new Error(`${file}: checksum mismatch`);
  return Number(iteration);
}

async function runAndKill(target: string, delayMs: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, target], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('saved 1\n')) resolve(); // then kill at a random point of a later save
    });
    void exited.then(() => reject(new Error(`child exited early: ${err}`)));
  });
  await new Promise((r) => setTimeout(r, delayMs));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  return (out.match(/saved /g) ?? []).length;
}

it(
  'a save killed at any moment leaves the old or the new content, never a torn file',
  async () => {
    const started = Date.now();
    const stats = { kills: 0, savesCompleted: 0, versionsSeen: new Set<string>() };
    await Promise.all(
      Array.from({ length: LANES }, async (_, lane) => {
        const target = path.join(dir, `lane${lane}.budget`);
        await fs.writeFile(target, `0 5 ${createHash('sha256').update('AAAAA').digest('hex')}\nAAAAA`);
        for (let k = 0; k < KILLS_PER_LANE; k++) {
          stats.savesCompleted += await runAndKill(target, Math.floor(Math.random() * 300));
          stats.kills++;
          const version = await verifyComplete(target);
          stats.versionsSeen.add(`${lane}:${k}:${version}`);
          if (await fs.stat(`${target}.bak`).catch(() => null)) await verifyComplete(`${target}.bak`);
        }
      }),
    );
    const leftovers = (await fs.readdir(dir)).filter((n) => n.endsWith('.tmp'));
    for (const name of leftovers) expect(name).toMatch(/^lane\d\.budget\.保存中-\d+-[0-9a-f]{12}(\.bak)?\.tmp$/u);
    // The killed writers are gone; the files are fresh, so the shared-folder grace period is waived here.
    const cleaned = (await removeStaleTempFilesIn(dir, { minAgeMs: 0 })).length;
    expect(cleaned).toBe(leftovers.length);
    expect((await fs.readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    console.info(
      `crash test: ${stats.kills} kills, ${stats.savesCompleted} saves completed before kills, ` +
        `${leftovers.length} orphaned temp files, ${Date.now() - started} ms`,
    );
    expect(stats.kills).toBeGreaterThanOrEqual(20);
    expect(stats.savesCompleted).toBeGreaterThan(0);
  },
  90_000, // ~11 s on an idle 2-CPU machine; generous for a loaded CI box
);

it('the torn-file check itself catches truncation and mixing', async () => {
  const file = path.join(dir, 'torn.budget');
  const digest = createHash('sha256').update('AAAA').digest('hex');
  await fs.writeFile(file, `1 4 ${digest}\nAAAA`);
  await expect(verifyComplete(file)).resolves.toBe(1);
  await fs.writeFile(file, `1 4 ${digest}\nAAA`);
  await expect(verifyComplete(file)).rejects.toThrow(/truncated/);
  await fs.writeFile(file, `1 4 ${digest}\nAABB`);
  await expect(verifyComplete(file)).rejects.toThrow(/checksum/);
});
