import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { HOST_EVENT_CHANNEL } from '../../shared/host/contract';
import { parseBudgetFile, serializeBudget } from '../../shared/io/budgetFile';
import { smallBudget } from '../../tests/fixtures/smallBudget';
import { createDesktopHost } from '../bridge/desktopHost';
import { createRecoveryStore } from '../files/recovery';
import { RECOVERY_DOC_ID } from './documentSession';
import { createHostServices } from './hostServices';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'host-services-'));
  await fs.mkdir(path.join(dir, 'samples'));
  await fs.writeFile(path.join(dir, 'a.budget'), '{"a":1}');
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function setup(launchPath: string | null, messageAnswer = 0, toRenderer?: (channel: string, payload: unknown) => boolean) {
  const sent: Array<[string, unknown]> = [];
  const messages: string[] = [];
  const services = createHostServices({
    userDataDir: path.join(dir, 'userData'),
    samplesDir: path.join(dir, 'samples'),
    documentsDir: () => dir,
    launchPath,
    dialogs: {
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
      showMessageBox: async (o) => (messages.push(o.message), { response: messageAnswer }),
    },
    window: { setTitle: () => undefined },
    sendToRenderer: (channel, payload) => (sent.push([channel, payload]), toRenderer ? toRenderer(channel, payload) : true),
    closeWindow: () => undefined,
    isOwnWebContents: (id) => id === 1,
  });
  return { services, sent, messages };
}

describe('host services', () => {
  it('hands the launch file to the editor once, with write access', async () => {
    const { services } = setup(path.join(dir, 'a.budget'));
    const first = await services.handlers.initialFile();
    expect(first).toMatchObject({ name: 'a.budget', path: path.join(dir, 'a.budget') });
    expect(await services.handlers.initialFile()).toBeNull();
    await services.handlers.saveDocument({ bytes: new TextEncoder().encode('{"a":2}'), suggestedName: 'a.budget', path: path.join(dir, 'a.budget') });
    expect(await fs.readFile(path.join(dir, 'a.budget'), 'utf8')).toBe('{"a":2}');
  });

  it('shows why an unreadable launch file cannot be opened and starts without it', async () => {
    const { services, messages } = setup(path.join(dir, 'missing.budget'));
    expect(await services.handlers.initialFile()).toBeNull();
    expect(messages).toEqual(['无法打开“missing.budget”：文件不存在，可能已被移动或删除']);
  });

  it('offers crash recovery before the launch file and keeps the original path for 保存', async () => {
    await createRecoveryStore(path.join(dir, 'userData', 'recovery')).save(RECOVERY_DOC_ID, {
      sourcePath: path.join(dir, 'a.budget'),
      savedAt: '2025-03-01T08:00:00Z',
      content: '{"autosaved":true}',
    });
    const { services, messages } = setup(path.join(dir, 'a.budget'), 0);
    const restored = await services.handlers.initialFile();
    expect(messages).toHaveLength(1);
    expect(restored).toMatchObject({ name: 'a.budget', path: path.join(dir, 'a.budget') });
    expect(new TextDecoder().decode(restored!.bytes)).toBe('{"autosaved":true}');
    // A reload of the page asks again (its state is gone; the autosave is the newest copy), and the
    // launch file is never opened over the restored work.
    const again = await services.handlers.initialFile();
    expect(messages).toHaveLength(2);
    expect(new TextDecoder().decode(again!.bytes)).toBe('{"autosaved":true}');
  });

  it('sends a file from the OS to the editor, or says why not', async () => {
    const { services, sent, messages } = setup(null);
    await services.openFromOs(path.join(dir, 'a.budget'));
    expect(sent).toEqual([[HOST_EVENT_CHANNEL, { type: 'openFile', file: expect.objectContaining({ name: 'a.budget', path: path.join(dir, 'a.budget') }) }]]);
    await services.openFromOs(path.join(dir, 'nope.xlsx'));
    expect(sent).toHaveLength(1);
    expect(messages).toEqual(['无法打开“nope.xlsx”：文件不存在，可能已被移动或删除']);
  });

  it("autosaves what the editor's snapshot provider gives, through the preload's host and the router", async () => {
    // The renderer side in-process: the preload's createDesktopHost over a transport that calls the
    // router as ipcRenderer.invoke would, and receives main's webContents.send.
    const listeners = new Map<string, (payload: unknown) => void>();
    const { services } = setup(path.join(dir, 'a.budget'), 0, (channel, payload) => {
      const listener = listeners.get(channel);
      if (!listener) return false;
      setTimeout(() => listener(payload), 0);
      return true;
    });
    const sender = { webContentsId: 1, isMainFrame: true, frameUrl: 'app://bundle/index.html' };
    const host = createDesktopHost({
      invoke: (channel, ...args) => services.router.dispatch(channel, sender, args),
      on: (channel, listener) => void listeners.set(channel, listener),
    });
    const opened = await host.initialFile();
    expect(opened?.path).toBe(path.join(dir, 'a.budget'));
    const recovery = createRecoveryStore(path.join(dir, 'userData', 'recovery'));
    services.session.startAutosave();

    // The editor: an edited document, handed out once per change.
    let doc = smallBudget();
    let revision = 1;
    let given = 0;
    let asked = 0;
    host.onSnapshotRequest(async () => {
      asked += 1;
      if (given === revision) return null;
      given = revision;
      // A path named by the page is not trusted: the recovery file keeps main's own document path.
      return { bytes: new TextEncoder().encode(serializeBudget(doc)), suggestedName: 'a.budget', path: '/elsewhere/evil.budget' };
    });
    await services.session.autosaveNow(); // not dirty: the editor is not even asked
    expect(asked).toBe(0);
    expect((await recovery.list()).entries).toEqual([]);

    await host.setDirty(true);
    await services.session.autosaveNow();
    const entry = await recovery.load(RECOVERY_DOC_ID);
    expect(entry?.sourcePath).toBe(path.join(dir, 'a.budget'));
    const parsed = parseBudgetFile(entry!.content, 'recovery');
    expect(parsed.ok && parsed.doc.department.name).toBe(doc.department.name);
    expect(entry!.content).toBe(serializeBudget(doc));

    // Nothing new since: the copy stays as it was.
    await services.session.autosaveNow();
    expect(asked).toBe(2);
    expect((await recovery.load(RECOVERY_DOC_ID))?.content).toBe(entry!.content);

    // Another edit: the next autosave replaces the copy.
    doc = { ...doc, department: { ...doc.department, name: '改名后的部门' } };
    revision += 1;
    await services.session.autosaveNow();
    const second = parseBudgetFile((await recovery.load(RECOVERY_DOC_ID))!.content, 'recovery');
    expect(second.ok && second.doc.department.name).toBe('改名后的部门');

    // Saved to the file: the recovery copy is removed.
    await host.saveDocument({ bytes: new TextEncoder().encode(serializeBudget(doc)), suggestedName: 'a.budget', path: path.join(dir, 'a.budget') });
    await expect.poll(() => recovery.load(RECOVERY_DOC_ID)).toBeNull();
    await services.session.shutdown();
  });
});

describe('at start', () => {
  it('removes temp files of killed saves from the recovery folder and from the folders of recent files', async () => {
    const docs = path.join(dir, 'docs');
    await fs.mkdir(docs);
    await fs.writeFile(path.join(docs, '预算.budget'), '{"a":1}');
    const first = setup(null);
    await first.services.recent.add(path.join(docs, '预算.budget'));
    const old = new Date(Date.now() - 5 * 60_000);
    const inDocs = path.join(docs, '另存为.budget.保存中-2147480000-abcdefabcdef.tmp');
    await fs.writeFile(inDocs, 'x'.repeat(1000));
    await fs.utimes(inDocs, old, old);
    const recoveryDir = path.join(dir, 'userData', 'recovery');
    await fs.mkdir(recoveryDir, { recursive: true });
    const inRecovery = path.join(recoveryDir, 'recovery-abc.json.保存中-2147480000-abcdefabcdef.tmp');
    await fs.writeFile(inRecovery, 'killed autosave'); // fresh: the recovery folder is ours alone

    const { services } = setup(null);
    expect((await services.removeStaleTempFiles()).sort()).toEqual([inDocs, inRecovery].sort());
    expect(await fs.readdir(docs)).toEqual(['预算.budget']);
    expect(await fs.readdir(recoveryDir)).toEqual([]);
  });
});
