/**
 * Recovery after a crash: a child process autosaves a new version of a large document again and
 * again and is killed with SIGKILL at random moments. The next start must offer and restore a complete
 * document that is at least as new as the last autosave the child reported; declining removes it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeStaleTempFilesIn } from '../files/atomicWrite';
import { createRecoveryStore } from '../files/recovery';
import { createDocumentSession } from './documentSession';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const childScript = path.join(here, 'testing', 'autosaveLoop.child.ts');
const KILLS = 6;

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'session-crash-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function runAndKill(recoveryDir: string, delayMs: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, recoveryDir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('autosaved 2\n')) resolve();
    });
    void exited.then(() => reject(new Error(`child exited early: ${err}`)));
  });
  await new Promise((r) => setTimeout(r, delayMs));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  const reported = [...out.matchAll(/autosaved (\d+)\n/g)].map((m) => Number(m[1]));
  return Math.max(...reported);
}

function restartSession(recoveryDir: string, answer: number, dialogLog: string[]) {
  return createDocumentSession({
    window: { setTitle: () => undefined },
    dialogs: {
      showMessageBox: async (o) => {
        dialogLog.push(`${o.message} [${o.buttons.join('/')}]`);
        return { response: answer };
      },
    },
    recovery: createRecoveryStore(recoveryDir),
    requestSnapshot: async () => null,
    sendCommand: () => undefined,
    askRenderer: async () => null,
    closeWindow: () => undefined,
  });
}

it('restores the last autosave after the process is killed mid-autosave', async () => {
  const recoveryDir = path.join(dir, 'recovery');
  for (let i = 0; i < KILLS; i++) {
    const lastReported = await runAndKill(recoveryDir, Math.floor(Math.random() * 40));
    const dialogLog: string[] = [];
    const session = restartSession(recoveryDir, 0, dialogLog);
    const restored = await session.offerRecovery();
    expect(dialogLog).toEqual(['部门预算编制器上次没有正常退出，发现自动保存的内容。是否恢复？ [恢复/不恢复]']);
    expect(restored).not.toBeNull();
    expect(restored!.path).toBe('/docs/预算.budget');
    const doc = JSON.parse(new TextDecoder().decode(restored!.bytes)) as { version: number; digest: string; padding: string };
    expect(createHash('sha256').update(`${doc.version}:${doc.padding}`).digest('hex')).toBe(doc.digest);
    // The reported autosave is on disk; one more may have completed before the kill landed.
    expect(doc.version).toBeGreaterThanOrEqual(lastReported);
    expect(doc.version).toBeLessThanOrEqual(lastReported + 1);
    expect(session.title).toBe('• 部门预算编制器'); // restored work is unsaved until saved
  }
  // A clean exit of the restored session removes the recovery file.
  const session = restartSession(recoveryDir, 0, []);
  expect(await session.offerRecovery()).not.toBeNull();
  await session.shutdown();
  expect((await fs.readdir(recoveryDir)).filter((n) => n.startsWith('recovery-') && n.endsWith('.json'))).toEqual([]);
  // Autosaves killed mid-write leave temp files; the start-up sweep (hostServices) removes every one of them.
  await removeStaleTempFilesIn(recoveryDir, { minAgeMs: 0 });
  expect(await fs.readdir(recoveryDir)).toEqual([]);
  expect(await restartSession(recoveryDir, 0, []).offerRecovery()).toBeNull();
}, 120_000);

it('declining the offer deletes the autosaved copy', async () => {
  const recoveryDir = path.join(dir, 'recovery-declined');
  await runAndKill(recoveryDir, 5);
  const log: string[] = [];
  expect(await restartSession(recoveryDir, 1, log).offerRecovery()).toBeNull();
  expect(log).toHaveLength(1);
  expect((await fs.readdir(recoveryDir)).filter((n) => n.startsWith('recovery-'))).toEqual([]);
  const again: string[] = [];
  expect(await restartSession(recoveryDir, 0, again).offerRecovery()).toBeNull();
  expect(again).toEqual([]); // nothing left to offer, no question
}, 60_000);
