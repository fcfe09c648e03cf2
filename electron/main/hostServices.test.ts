import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { HOST_EVENT_CHANNEL } from '../../shared/host/contract';
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

function setup(launchPath: string | null, messageAnswer = 0) {
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
    sendToRenderer: (channel, payload) => (sent.push([channel, payload]), true),
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
});
