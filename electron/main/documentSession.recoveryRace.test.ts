/**
 * The recovery race: an autosave still in flight when a save to the clerk's file succeeds must never
 * leave a recovery copy older than that save which the next start offers as newer (with 恢复 as the
 * default, so saving it would overwrite the newer file). Every interleaving is driven by gates, not timing.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from '../files/atomicWrite';
import { createRecoveryStore, type RecoveryStore } from '../files/recovery';
import type { DialogPort } from './fileHandlers';
import { createDocumentSession, RECOVERY_DOC_ID, type DocumentSnapshot } from './documentSession';

type MessageBox = Parameters<DialogPort['showMessageBox']>[0];
const enc = (s: string) => new TextEncoder().encode(s);

let dir: string;
let recoveryDir: string;
let docPath: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'session-race-'));
  recoveryDir = path.join(dir, 'recovery');
  docPath = path.join(dir, '预算.budget');
  await writeFileAtomic(docPath, '{"v":0}');
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

function session(recovery: RecoveryStore, requestSnapshot: () => Promise<DocumentSnapshot | null>, dialogs: MessageBox[] = [], answer = 1) {
  return createDocumentSession({
    window: { setTitle: () => undefined },
    dialogs: {
      showMessageBox: async (o) => {
        dialogs.push(o);
        return { response: answer };
      },
    },
    recovery,
    requestSnapshot,
    sendCommand: () => undefined,
    askRenderer: async () => null,
    closeWindow: () => undefined,
    setTimer: () => 0,
    clearTimer: () => undefined,
    onError: (err) => {
      throw err;
    },
  });
}

/** The clerk's 保存 as the file handlers do it: the file is written, then the session is told. */
async function saveToFile(s: ReturnType<typeof session>, content: string) {
  await writeFileAtomic(docPath, content, { keepBackup: true });
  s.saveOutcome({ kind: 'saved', path: docPath });
  await s.setDirty(false);
}

/** The next start after a crash: what is offered, and how. */
async function nextStart() {
  const dialogs: MessageBox[] = [];
  const restored = await session(createRecoveryStore(recoveryDir), async () => null, dialogs, 1).offerRecovery();
  return { restored, dialogs };
}

const snapshotOf = (content: string): DocumentSnapshot => ({ bytes: enc(content), name: '预算.budget', path: docPath });

it('a recovery write in flight when the save succeeds is removed after it lands, not before', async () => {
  const real = createRecoveryStore(recoveryDir);
  const writeGate = gate();
  let writing = false;
  let removed = 0;
  const recovery: RecoveryStore = {
    ...real,
    save: async (id, payload) => {
      writing = true;
      await writeGate.opened; // the autosave's write is on its way to the disk
      await real.save(id, payload);
    },
    remove: async (id) => {
      await real.remove(id);
      removed += 1;
    },
  };
  const s = session(recovery, async () => snapshotOf('{"v":1}'));
  s.documentPathChanged(docPath);
  s.startAutosave();
  await s.setDirty(true);
  const autosaving = s.autosaveNow();
  await expect.poll(() => writing).toBe(true);

  await saveToFile(s, '{"v":2}');
  writeGate.open();
  await autosaving;
  await expect.poll(() => removed).toBe(1);

  // The process dies now (no clean exit): nothing older than the save is left to offer.
  expect(await real.load(RECOVERY_DOC_ID)).toBeNull();
  expect(await nextStart()).toEqual({ restored: null, dialogs: [] });
});

it('a snapshot asked for before the save and answered after it is not written at all', async () => {
  const real = createRecoveryStore(recoveryDir);
  const snapshotGate = gate();
  let asked = false;
  const recovery: RecoveryStore = { ...real, remove: async () => undefined }; // even if the removal never ran
  const s = session(recovery, async () => {
    asked = true;
    await snapshotGate.opened;
    return snapshotOf('{"v":1}');
  });
  s.documentPathChanged(docPath);
  s.startAutosave();
  await s.setDirty(true);
  const autosaving = s.autosaveNow();
  await expect.poll(() => asked).toBe(true);

  await saveToFile(s, '{"v":2}');
  snapshotGate.open();
  await autosaving;
  expect(await real.load(RECOVERY_DOC_ID)).toBeNull();
  expect(await nextStart()).toEqual({ restored: null, dialogs: [] });
});

it('killed between the save and the removal of the copy: the copy is offered as older, with 不恢复 as the default', async () => {
  const real = createRecoveryStore(recoveryDir);
  const recovery: RecoveryStore = { ...real, remove: () => new Promise<void>(() => undefined) }; // the process dies here
  const s = session(recovery, async () => snapshotOf('{"v":1}'));
  s.documentPathChanged(docPath);
  s.startAutosave();
  await s.setDirty(true);
  await s.autosaveNow();
  await saveToFile(s, '{"v":2}');

  const { restored, dialogs } = await nextStart();
  expect(restored).toBeNull(); // answered with the default
  expect(dialogs).toHaveLength(1);
  const offer = dialogs[0]!;
  expect(offer.buttons).toEqual(['恢复', '不恢复']);
  expect(offer.defaultId).toBe(1);
  expect(offer.cancelId).toBe(1);
  expect(offer.message).toBe('部门预算编制器上次没有正常退出，发现自动保存的内容，但“预算.budget”在这之后已经保存过。是否仍要恢复这份较早的内容？');
  expect(await real.load(RECOVERY_DOC_ID)).toBeNull(); // 不恢复 deleted it
  expect(await fs.readFile(docPath, 'utf8')).toBe('{"v":2}');
});

it('work autosaved after the last save is still offered as newer, with 恢复 as the default', async () => {
  const recovery = createRecoveryStore(recoveryDir);
  let content = '{"v":1}';
  const s = session(recovery, async () => snapshotOf(content));
  s.documentPathChanged(docPath);
  s.startAutosave();
  await s.setDirty(true);
  await s.autosaveNow();
  await saveToFile(s, '{"v":1}');
  content = '{"v":2}';
  await s.setDirty(true);
  await s.autosaveNow(); // then the process dies

  const dialogs: MessageBox[] = [];
  const restored = await session(createRecoveryStore(recoveryDir), async () => null, dialogs, 0).offerRecovery();
  expect(dialogs.map((d) => [d.message, d.defaultId])).toEqual([['部门预算编制器上次没有正常退出，发现自动保存的内容。是否恢复？', 0]]);
  expect(new TextDecoder().decode(restored!.bytes)).toBe('{"v":2}');
});
