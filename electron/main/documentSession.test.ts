import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { HostCommand } from '../../shared/host/contract';
import { createRecoveryStore, type RecoveryStore } from '../files/recovery';
import { createCloseFlow, createDocumentSession, formatWindowTitle, RECOVERY_DOC_ID, type CloseChoice, type DocumentSnapshot } from './documentSession';

const enc = (s: string) => new TextEncoder().encode(s);

describe('window title', () => {
  it('is 「name — 部门预算编制器」 with a dot while dirty', () => {
    expect(formatWindowTitle('深圳市信访局2020年部门预算', false)).toBe('深圳市信访局2020年部门预算 — 部门预算编制器');
    expect(formatWindowTitle('深圳市信访局2020年部门预算', true)).toBe('• 深圳市信访局2020年部门预算 — 部门预算编制器');
    expect(formatWindowTitle('', true)).toBe('• 部门预算编制器');
    expect(formatWindowTitle('部门预算编制器', false)).toBe('部门预算编制器');
  });
  it('does not double the product name or the dirty mark the editor may already include', () => {
    expect(formatWindowTitle('• 预算.budget — 部门预算编制器', true)).toBe('• 预算.budget — 部门预算编制器');
    expect(formatWindowTitle('* 预算.budget - 部门预算编制器', false)).toBe('预算.budget — 部门预算编制器');
    expect(formatWindowTitle('预算.budget * — 部门预算编制器', true)).toBe('• 预算.budget — 部门预算编制器'); // as the editor sends it
  });
});

describe('close flow', () => {
  function flowWith(kind: 'none' | 'renderer' | 'native', answers: { renderer?: boolean | null; user?: CloseChoice; saved?: boolean }) {
    const log: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const flow = createCloseFlow({
      confirmation: () => kind,
      askRenderer: async () => {
        log.push('askRenderer');
        await gate;
        return answers.renderer ?? null;
      },
      askUser: async () => {
        log.push('askUser');
        return answers.user ?? 'cancel';
      },
      saveViaRenderer: async () => {
        log.push('save');
        return answers.saved ?? false;
      },
      close: () => log.push('close'),
    });
    return { flow, log, release };
  }
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('closes at once when nothing is unsaved', () => {
    const { flow, log } = flowWith('none', {});
    expect(flow.onCloseEvent()).toBe(true);
    expect(log).toEqual([]);
  });

  it('lets the editor decide, ignoring repeated clicks meanwhile', async () => {
    const { flow, log, release } = flowWith('renderer', { renderer: true });
    expect(flow.onCloseEvent()).toBe(false);
    expect(flow.onCloseEvent()).toBe(false);
    expect(flow.state).toBe('deciding');
    release();
    await settle();
    expect(log).toEqual(['askRenderer', 'close']);
    expect(flow.onCloseEvent()).toBe(true); // the close() that follows goes through
  });

  it('stays open when the editor says no', async () => {
    const { flow, log, release } = flowWith('renderer', { renderer: false });
    expect(flow.onCloseEvent()).toBe(false);
    release();
    await settle();
    expect(log).toEqual(['askRenderer']);
    expect(flow.state).toBe('idle');
  });

  it.each([
    ['save', true, ['askRenderer', 'askUser', 'save', 'close'], 'closing'],
    ['save', false, ['askRenderer', 'askUser', 'save'], 'idle'],
    ['discard', false, ['askRenderer', 'askUser', 'close'], 'closing'],
    ['cancel', false, ['askRenderer', 'askUser'], 'idle'],
  ] as const)('asks 保存/不保存/取消 itself when the editor has no handler: %s (saved %s)', async (user, saved, expected, state) => {
    const { flow, log, release } = flowWith('renderer', { renderer: null, user, saved });
    flow.onCloseEvent();
    release();
    await settle();
    expect(log).toEqual(expected);
    expect(flow.state).toBe(state);
  });

  it('asks natively without the editor for restored work', async () => {
    const { flow, log } = flowWith('native', { user: 'discard' });
    flow.onCloseEvent();
    await settle();
    expect(log).toEqual(['askUser', 'close']);
  });
});

describe('document session', () => {
  let dir: string;
  let recovery: RecoveryStore;
  let titles: string[];
  let commands: HostCommand[];
  let snapshot: DocumentSnapshot | null;
  let snapshotRequests: number;
  let timers: Array<{ fn: () => void; ms: number }>;
  let messageAnswers: number[];
  let messages: string[];
  let rendererAnswer: boolean | null;
  let closed: number;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'session-'));
    recovery = createRecoveryStore(path.join(dir, 'recovery'));
    titles = [];
    commands = [];
    snapshot = null;
    snapshotRequests = 0;
    timers = [];
    messageAnswers = [];
    messages = [];
    rendererAnswer = null;
    closed = 0;
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  function makeSession() {
    return createDocumentSession({
      window: { setTitle: (t) => titles.push(t) },
      dialogs: {
        showMessageBox: async (o) => {
          messages.push(`${o.message}|${o.buttons.join('/')}`);
          return { response: messageAnswers.shift() ?? 0 };
        },
      },
      recovery,
      requestSnapshot: async () => {
        snapshotRequests += 1;
        return snapshot;
      },
      sendCommand: (c) => commands.push(c),
      askRenderer: async () => rendererAnswer,
      closeWindow: () => (closed += 1),
      setTimer: (fn, ms) => {
        timers.push({ fn, ms });
        return timers.length;
      },
      clearTimer: () => undefined,
      now: () => new Date('2025-03-01T08:00:00Z'),
      onError: (err) => {
        throw err;
      },
    });
  }

  it('shows the title with the dirty mark', async () => {
    const s = makeSession();
    await s.setTitle('深圳市信访局2020年部门预算');
    await s.setDirty(true);
    await s.setDirty(false);
    expect(titles).toEqual([
      '深圳市信访局2020年部门预算 — 部门预算编制器',
      '• 深圳市信访局2020年部门预算 — 部门预算编制器',
      '深圳市信访局2020年部门预算 — 部门预算编制器',
    ]);
  });

  it('autosaves every 30 s while dirty, skips unchanged content, and saves on blur', async () => {
    const s = makeSession();
    s.startAutosave();
    expect(timers.map((t) => t.ms)).toEqual([30_000]);
    snapshot = { bytes: enc('{"v":1}'), name: '预算.budget', path: '/docs/预算.budget' };

    timers[0]!.fn(); // not dirty: nothing asked, nothing written
    await new Promise((r) => setTimeout(r, 10));
    expect(snapshotRequests).toBe(0);
    expect((await recovery.list()).entries).toEqual([]);

    await s.setDirty(true);
    await s.onBlur();
    expect(await recovery.load(RECOVERY_DOC_ID)).toMatchObject({ content: '{"v":1}', sourcePath: '/docs/预算.budget' });

    const before = await fs.stat(path.join(dir, 'recovery')).then(async () => (await fs.readdir(path.join(dir, 'recovery'))).length);
    await s.autosaveNow(); // same content: asked, not rewritten
    expect(snapshotRequests).toBe(2);
    expect((await fs.readdir(path.join(dir, 'recovery'))).length).toBe(before);

    snapshot = { bytes: enc('{"v":2}'), name: '预算.budget' };
    timers.at(-1)!.fn();
    await expect.poll(async () => (await recovery.load(RECOVERY_DOC_ID))?.content).toBe('{"v":2}');
  });

  it('a save to the file removes the recovery copy; a clean exit too', async () => {
    const s = makeSession();
    s.startAutosave();
    snapshot = { bytes: enc('{"v":1}'), name: 'a.budget' };
    await s.setDirty(true);
    await s.autosaveNow();
    expect(await recovery.load(RECOVERY_DOC_ID)).not.toBeNull();
    s.saveOutcome({ kind: 'saved', path: '/docs/a.budget' });
    await expect.poll(() => recovery.load(RECOVERY_DOC_ID)).toBeNull();

    snapshot = { bytes: enc('{"v":2}'), name: 'a.budget' };
    await s.autosaveNow();
    expect(await recovery.load(RECOVERY_DOC_ID)).not.toBeNull();
    await s.shutdown();
    expect(await recovery.load(RECOVERY_DOC_ID)).toBeNull();
  });

  it('keeps the recovery copy when the page crashed, and then closes without asking', async () => {
    const s = makeSession();
    s.startAutosave();
    snapshot = { bytes: enc('{"v":1}'), name: 'a.budget' };
    await s.setDirty(true);
    await s.autosaveNow();
    s.rendererLost();
    expect(s.onCloseEvent()).toBe(true);
    await s.shutdown();
    expect((await recovery.load(RECOVERY_DOC_ID))?.content).toBe('{"v":1}');
  });

  it('close with unsaved changes and no editor handler: 保存 sends the save command and closes after the save', async () => {
    const s = makeSession();
    await s.setTitle('预算');
    await s.setDirty(true);
    messageAnswers.push(0); // 保存
    expect(s.onCloseEvent()).toBe(false);
    await expect.poll(() => commands).toEqual(['save']);
    expect(messages).toEqual(['是否保存对“预算”的修改？|保存/不保存/取消']);
    expect(closed).toBe(0);
    s.saveOutcome({ kind: 'saved', path: '/docs/预算.budget' });
    await expect.poll(() => closed).toBe(1);
    expect(s.onCloseEvent()).toBe(true);
  });

  it('close: 保存 whose save dialog is cancelled keeps the window open', async () => {
    const s = makeSession();
    await s.setDirty(true);
    messageAnswers.push(0);
    s.onCloseEvent();
    await expect.poll(() => commands).toEqual(['save']);
    s.saveOutcome({ kind: 'cancelled' });
    await expect.poll(() => s.closeFlow.state).toBe('idle');
    expect(closed).toBe(0);
  });

  it('close: the editor handler answers and main does not ask', async () => {
    const s = makeSession();
    await s.setDirty(true);
    rendererAnswer = true;
    expect(s.onCloseEvent()).toBe(false);
    await expect.poll(() => closed).toBe(1);
    expect(messages).toEqual([]);
  });

  it('restored work counts as unsaved until saved, even when the editor says it is clean', async () => {
    await recovery.save('old-crash', { sourcePath: '/docs/预算.budget', savedAt: '2025-02-28T10:00:00Z', content: '{"restored":true}' });
    const s = makeSession();
    messageAnswers.push(0); // 恢复
    const restored = await s.offerRecovery();
    expect(restored).toMatchObject({ name: '预算.budget', path: '/docs/预算.budget' });
    expect(new TextDecoder().decode(restored!.bytes)).toBe('{"restored":true}');
    // moved into the current slot; the old slot is gone
    expect((await recovery.list()).entries.map((e) => e.docId)).toEqual([RECOVERY_DOC_ID]);
    await s.setDirty(false);
    expect(titles.at(-1)).toBe('• 部门预算编制器');
    messageAnswers.push(2); // 取消
    expect(s.onCloseEvent()).toBe(false);
    await expect.poll(() => messages.length).toBe(2);
    expect(messages[1]).toMatch(/\|保存\/不保存\/取消$/);
    expect(closed).toBe(0);
    s.saveOutcome({ kind: 'saved', path: '/docs/预算.budget' });
    expect(titles.at(-1)).toBe('部门预算编制器');
    await expect.poll(() => s.closeFlow.state).toBe('idle');
    expect(s.onCloseEvent()).toBe(true);
  });

  it('offers nothing when there is nothing to recover, and clears corrupt leftovers', async () => {
    const s = makeSession();
    expect(await s.offerRecovery()).toBeNull();
    await fs.mkdir(path.join(dir, 'recovery'), { recursive: true });
    await fs.writeFile(path.join(dir, 'recovery', 'recovery-' + '0'.repeat(64) + '.json'), '{"broken');
    expect(await s.offerRecovery()).toBeNull();
    expect(messages).toEqual([]);
    expect(await fs.readdir(path.join(dir, 'recovery'))).toEqual([]);
  });
});
