import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { createFileHandlers, safeFileName, type DialogPort, type FileHandlers, type SaveOutcome } from './fileHandlers';
import { createRecentFilesStore } from './recentFiles';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

interface FakeDialogs extends DialogPort {
  openAnswers: Array<string | null>;
  saveAnswers: Array<string | null>;
  messageAnswers: number[];
  log: Array<{ kind: string; options: Record<string, unknown> }>;
}

function fakeDialogs(): FakeDialogs {
  const d: FakeDialogs = {
    openAnswers: [],
    saveAnswers: [],
    messageAnswers: [],
    log: [],
    async showOpenDialog(options) {
      d.log.push({ kind: 'open', options });
      const answer = d.openAnswers.shift();
      if (answer === undefined) throw new Error('unexpected open dialog');
      return answer === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [answer] };
    },
    async showSaveDialog(options) {
      d.log.push({ kind: 'save', options });
      const answer = d.saveAnswers.shift();
      if (answer === undefined) throw new Error('unexpected save dialog');
      return answer === null ? { canceled: true } : { canceled: false, filePath: answer };
    },
    async showMessageBox(options) {
      d.log.push({ kind: 'message', options });
      const answer = d.messageAnswers.shift();
      if (answer === undefined) throw new Error('unexpected message box');
      return { response: answer };
    },
  };
  return d;
}

let dir: string;
let dialogs: FakeDialogs;
let handlers: FileHandlers;
let outcomes: SaveOutcome[];
let docPaths: Array<string | null>;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'file-handlers-'));
  await fs.mkdir(path.join(dir, 'docs'));
  await fs.mkdir(path.join(dir, 'samples'));
  await fs.writeFile(path.join(dir, 'docs', '预算.budget'), '{"v":1}');
  await fs.writeFile(path.join(dir, 'samples', 'sample.budget'), '{"sample":true}');
  dialogs = fakeDialogs();
  outcomes = [];
  docPaths = [];
  handlers = createFileHandlers({
    dialogs,
    recent: createRecentFilesStore(path.join(dir, 'userData', 'recent-files.json')),
    defaultDirectory: () => path.join(dir, 'docs'),
    readOnlyDirs: [path.join(dir, 'samples')],
    onSaveOutcome: (o) => outcomes.push(o),
    onDocumentPath: (p) => docPaths.push(p),
  });
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('open', () => {
  it('reads the chosen file, remembers it and removes temp files of crashed saves', async () => {
    const target = path.join(dir, 'docs', '预算.budget');
    const stale = path.join(dir, 'docs', '预算.budget.保存中-2147480000-abcdefabcdef.tmp');
    await fs.writeFile(stale, 'half a save');
    const twoMinutesAgo = new Date(Date.now() - 2 * 60_000);
    await fs.utimes(stale, twoMinutesAgo, twoMinutesAgo);
    dialogs.openAnswers.push(target);
    const result = await handlers.openDocument();
    expect(result).toMatchObject({ cancelled: false, file: { name: '预算.budget', path: target } });
    expect(!result.cancelled && dec(result.file.bytes)).toBe('{"v":1}');
    expect(dialogs.log[0]?.options).toMatchObject({ title: '打开', properties: ['openFile'] });
    expect((await handlers.recentFiles()).map((r) => r.id)).toEqual([target]);
    expect(docPaths).toEqual([target]);
    await expect.poll(() => fs.access(stale).then(() => 'there', () => 'gone')).toBe('gone');
  });

  it('returns cancelled when the dialog is cancelled', async () => {
    dialogs.openAnswers.push(null);
    expect(await handlers.openDocument()).toEqual({ cancelled: true });
  });

  it('reports an unreadable file in Chinese', async () => {
    dialogs.openAnswers.push(path.join(dir, 'docs', 'gone.budget'));
    await expect(handlers.openDocument()).rejects.toThrow('无法打开“gone.budget”：文件不存在');
  });
});

describe('save', () => {
  it('writes an opened document in place and keeps the previous version as .bak', async () => {
    const target = path.join(dir, 'docs', '预算.budget');
    dialogs.openAnswers.push(target);
    await handlers.openDocument();
    const result = await handlers.saveDocument({ bytes: enc('{"v":2}'), suggestedName: '预算.budget', path: target });
    expect(result).toEqual({ cancelled: false, name: '预算.budget', path: target });
    expect(await fs.readFile(target, 'utf8')).toBe('{"v":2}');
    expect(await fs.readFile(`${target}.bak`, 'utf8')).toBe('{"v":1}');
    expect(dialogs.log.filter((l) => l.kind === 'save')).toEqual([]);
    expect(outcomes).toEqual([{ kind: 'saved', path: target }]);
    expect((await fs.readdir(path.join(dir, 'docs'))).sort()).toEqual(['预算.budget', '预算.budget.bak']);
  });

  it('asks where to save a path it never handed out (no writing to arbitrary paths)', async () => {
    const foreign = path.join(dir, 'docs', '预算.budget');
    dialogs.saveAnswers.push(null);
    expect(await handlers.saveDocument({ bytes: enc('evil'), suggestedName: '预算.budget', path: foreign })).toEqual({ cancelled: true });
    expect(await fs.readFile(foreign, 'utf8')).toBe('{"v":1}');
    expect(dialogs.log[0]?.options).toMatchObject({ title: '另存为', defaultPath: path.join(dir, 'docs', '预算.budget') });
    expect(outcomes).toEqual([{ kind: 'cancelled' }]);
  });

  it('never overwrites the bundled sample or an opened workbook: save asks for a .budget file', async () => {
    const sample = await handlers.readDocument(path.join(dir, 'samples', 'sample.budget'));
    expect(sample.path).toBeUndefined();
    expect(dec(sample.bytes)).toBe('{"sample":true}');
    const xlsx = path.join(dir, 'docs', '报表.xlsx');
    await fs.writeFile(xlsx, 'PK fake workbook');
    dialogs.openAnswers.push(xlsx);
    const opened = await handlers.openDocument();
    expect(!opened.cancelled && opened.file.path).toBe(xlsx);

    const chosen = path.join(dir, 'docs', '报表');
    dialogs.saveAnswers.push(chosen); // a Linux dialog that does not add the extension
    const saved = await handlers.saveDocument({ bytes: enc('{"v":3}'), suggestedName: '报表', path: xlsx });
    expect(saved).toEqual({ cancelled: false, name: '报表.budget', path: `${chosen}.budget` });
    expect(await fs.readFile(xlsx, 'utf8')).toBe('PK fake workbook');
    expect(await fs.readFile(path.join(dir, 'samples', 'sample.budget'), 'utf8')).toBe('{"sample":true}');
  });

  it('writes without asking only to the current document, not to every file opened in the session', async () => {
    const first = path.join(dir, 'docs', '预算.budget');
    const second = path.join(dir, 'docs', '第二个.budget');
    await fs.writeFile(second, '{"second":1}');
    dialogs.openAnswers.push(first, second);
    await handlers.openDocument();
    await handlers.openDocument(); // the document is now the second file
    dialogs.saveAnswers.push(null);
    expect(await handlers.saveDocument({ bytes: enc('stale page'), suggestedName: '预算.budget', path: first })).toEqual({ cancelled: true });
    expect(await fs.readFile(first, 'utf8')).toBe('{"v":1}');
    expect(dialogs.log.at(-1)).toMatchObject({ kind: 'save', options: { title: '另存为' } });
    expect(await handlers.saveDocument({ bytes: enc('{"second":2}'), suggestedName: '第二个.budget', path: second })).toMatchObject({ cancelled: false, path: second });
    expect(await fs.readFile(second, 'utf8')).toBe('{"second":2}');

    // 另存为 moves the access to the new file; the file it was saved from is no longer writable without asking
    const third = path.join(dir, 'docs', '第三个.budget');
    dialogs.saveAnswers.push(third);
    await handlers.saveDocumentAs({ bytes: enc('{"third":1}'), suggestedName: '第三个.budget', path: second });
    dialogs.saveAnswers.push(null);
    expect(await handlers.saveDocument({ bytes: enc('x'), suggestedName: '第二个.budget', path: second })).toEqual({ cancelled: true });
    expect(await fs.readFile(second, 'utf8')).toBe('{"second":2}');

    // opening a workbook or the sample as the document leaves no file writable without asking
    const xlsx = path.join(dir, 'docs', '报表.xlsx');
    await fs.writeFile(xlsx, 'PK fake workbook');
    dialogs.openAnswers.push(xlsx);
    await handlers.openDocument();
    dialogs.saveAnswers.push(null);
    expect(await handlers.saveDocument({ bytes: enc('x'), suggestedName: '第三个.budget', path: third })).toEqual({ cancelled: true });
    await handlers.readDocument(third);
    await handlers.readDocument(path.join(dir, 'samples', 'sample.budget'));
    dialogs.saveAnswers.push(null);
    expect(await handlers.saveDocument({ bytes: enc('x'), suggestedName: '第三个.budget', path: third })).toEqual({ cancelled: true });
    expect(await fs.readFile(third, 'utf8')).toBe('{"third":1}');
  });

  it('asks before replacing a file whose extension it added', async () => {
    await fs.writeFile(path.join(dir, 'docs', 'b.budget'), 'old b');
    dialogs.saveAnswers.push(path.join(dir, 'docs', 'b'));
    dialogs.messageAnswers.push(1); // 取消
    expect(await handlers.saveDocumentAs({ bytes: enc('new b'), suggestedName: 'b.budget' })).toEqual({ cancelled: true });
    expect(await fs.readFile(path.join(dir, 'docs', 'b.budget'), 'utf8')).toBe('old b');
    expect(dialogs.log.at(-1)?.options).toMatchObject({ message: '“b.budget”已存在，要替换它吗？', buttons: ['替换', '取消'] });
    dialogs.saveAnswers.push(path.join(dir, 'docs', 'b'));
    dialogs.messageAnswers.push(0); // 替换
    expect(await handlers.saveDocumentAs({ bytes: enc('new b'), suggestedName: 'b.budget' })).toMatchObject({ cancelled: false });
    expect(await fs.readFile(path.join(dir, 'docs', 'b.budget'), 'utf8')).toBe('new b');
  });

  it('a failed save leaves the old file intact and says why', async () => {
    const target = path.join(dir, 'docs', '预算.budget');
    dialogs.openAnswers.push(target);
    await handlers.openDocument();
    await fs.chmod(target, 0o444);
    await expect(handlers.saveDocument({ bytes: enc('{"v":2}'), suggestedName: '预算.budget', path: target })).rejects.toThrow(
      '无法保存“预算.budget”：文件已设为只读',
    );
    expect(await fs.readFile(target, 'utf8')).toBe('{"v":1}');
    expect((await fs.readdir(path.join(dir, 'docs'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(outcomes).toEqual([{ kind: 'failed', message: '无法保存“预算.budget”：文件已设为只读' }]);

    dialogs.saveAnswers.push(path.join(dir, 'no-such-folder', 'x.budget'));
    await expect(handlers.saveDocumentAs({ bytes: enc('x'), suggestedName: 'x.budget' })).rejects.toThrow('文件夹不存在');
  });

  it('cleans suggested names that contain path separators or forbidden characters', () => {
    expect(safeFileName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeFileName('深圳市信访局:2020*预算?.budget')).toBe('深圳市信访局_2020_预算_.budget');
    expect(safeFileName('...')).toBe('未命名');
  });
});

describe('import and export', () => {
  it('imports a workbook without making it the document', async () => {
    const xlsx = path.join(dir, 'docs', '上年.xlsx');
    await fs.writeFile(xlsx, 'PK');
    dialogs.openAnswers.push(xlsx);
    const result = await handlers.importFile({ kind: 'excel' });
    expect(!result.cancelled && dec(result.file.bytes)).toBe('PK');
    expect(dialogs.log[0]?.options).toMatchObject({ title: '导入 Excel', filters: [{ name: 'Excel 工作簿', extensions: ['xlsx', 'xls'] }] });
    expect(await handlers.recentFiles()).toEqual([]);
    expect(docPaths).toEqual([]);
    dialogs.openAnswers.push(null);
    expect(await handlers.importFile({ kind: 'previousYear' })).toEqual({ cancelled: true });
    expect(dialogs.log[1]?.options).toMatchObject({ title: '从上年导入' });
  });

  it('exports to the chosen file without a backup, and never over the open document', async () => {
    const out = path.join(dir, 'docs', '导出.xlsx');
    dialogs.saveAnswers.push(out);
    expect(await handlers.exportFile({ bytes: enc('PK export'), suggestedName: '导出.xlsx', mimeType: 'application/vnd.ms-excel' })).toEqual({
      cancelled: false,
      name: '导出.xlsx',
      path: out,
    });
    expect(await fs.readFile(out, 'utf8')).toBe('PK export');
    expect(dialogs.log[0]?.options).toMatchObject({ title: '导出', filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }] });

    const doc = path.join(dir, 'docs', '预算.budget');
    dialogs.openAnswers.push(doc);
    await handlers.openDocument();
    dialogs.saveAnswers.push(doc);
    await expect(handlers.exportFile({ bytes: enc('x'), suggestedName: '预算.budget', mimeType: 'application/json' })).rejects.toThrow('这是正在编辑的预算文件');
    expect(await fs.readFile(doc, 'utf8')).toBe('{"v":1}');
    expect((await fs.readdir(path.join(dir, 'docs'))).some((n) => n.endsWith('.bak'))).toBe(false);
  });
});

describe('recent files', () => {
  it('opens only files on the list and marks missing ones unavailable', async () => {
    const a = path.join(dir, 'docs', '预算.budget');
    dialogs.openAnswers.push(a);
    await handlers.openDocument();
    const reopened = await handlers.openRecent(a);
    expect(!reopened.cancelled && dec(reopened.file.bytes)).toBe('{"v":1}');
    await expect(handlers.openRecent(path.join(dir, 'secret.txt'))).rejects.toThrow('该文件不在最近打开的文件列表中');
    await fs.rm(a);
    expect(await handlers.recentFiles()).toEqual([expect.objectContaining({ id: a, name: '预算.budget', available: false })]);
    await expect(handlers.openRecent(a)).rejects.toThrow('文件不存在');
  });
});

describe('initialFile', () => {
  it('returns what main provides, or null', async () => {
    expect(await handlers.initialFile()).toBeNull();
    const withLaunch = createFileHandlers({
      dialogs,
      recent: createRecentFilesStore(path.join(dir, 'userData', 'r.json')),
      defaultDirectory: () => dir,
      initialFile: async () => ({ name: 'a.budget', bytes: enc('{}') }),
    });
    expect(await withLaunch.initialFile()).toMatchObject({ name: 'a.budget' });
  });
});
