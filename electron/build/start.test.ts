import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEFAULT_DOCUMENT, findElectronBinary, MAIN_BUNDLE, planStart, type StartStep } from './start';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'start-'));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

async function fakeElectronPackage(name: string, opts: { pathTxt?: string; binary?: boolean }) {
  const dir = path.join(tmp, name, 'node_modules', 'electron');
  await fs.mkdir(path.join(dir, 'dist'), { recursive: true });
  if (opts.pathTxt !== undefined) await fs.writeFile(path.join(dir, 'path.txt'), opts.pathTxt);
  if (opts.binary) await fs.writeFile(path.join(dir, 'dist', opts.pathTxt ?? 'electron'), '#!/bin/sh\n', { mode: 0o755 });
  return dir;
}

describe('finding the Electron binary without downloading it', () => {
  it('finds the binary the package recorded in path.txt', async () => {
    const dir = await fakeElectronPackage('installed', { pathTxt: 'electron', binary: true });
    expect(findElectronBinary({ packageDir: dir, env: {}, platform: 'linux' })).toEqual({ found: true, path: path.join(dir, 'dist', 'electron') });
  });

  it('reports a package whose binary was never downloaded (as on this machine)', async () => {
    const dir = await fakeElectronPackage('not-downloaded', {});
    const result = findElectronBinary({ packageDir: dir, env: {}, platform: 'linux' });
    expect(result.found).toBe(false);
    expect(!result.found && result.reason).toMatch(/^尚未下载 Electron 程序/);
    const stale = await fakeElectronPackage('stale', { pathTxt: 'electron' });
    expect(findElectronBinary({ packageDir: stale, env: {}, platform: 'linux' }).found).toBe(false);
    expect(findElectronBinary({ packageDir: null, env: {}, platform: 'linux' })).toEqual({ found: false, reason: '未安装 electron 依赖包（node_modules/electron 不存在）' });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the package does', async () => {
    const dir = await fakeElectronPackage('override', {});
    const custom = path.join(tmp, 'custom-electron');
    await fs.mkdir(custom, { recursive: true });
    await fs.writeFile(path.join(custom, 'electron'), '');
    expect(findElectronBinary({ packageDir: dir, env: { ELECTRON_OVERRIDE_DIST_PATH: custom }, platform: 'linux' })).toEqual({ found: true, path: path.join(custom, 'electron') });
  });
});

describe('the npm start plan', () => {
  const scripts = { web: 'vite', 'build:web': 'vite build', 'build:main': 'tsx electron/build/buildMain.ts' };

  it('builds the renderer and main, then launches Electron with the sample', () => {
    expect(planStart({ electron: { found: true, path: '/e/electron' }, userArgs: [], scripts })).toEqual<StartStep[]>([
      { kind: 'npm', script: 'build:web' },
      { kind: 'npm', script: 'build:main' },
      { kind: 'launch', command: '/e/electron', args: [MAIN_BUNDLE, DEFAULT_DOCUMENT] },
    ]);
    expect(planStart({ electron: { found: true, path: '/e/electron' }, userArgs: ['/home/clerk/a.budget'], scripts }).at(-1)).toEqual({
      kind: 'launch',
      command: '/e/electron',
      args: [MAIN_BUNDLE, '/home/clerk/a.budget'],
    });
  });

  it('falls back to the web editor with a Chinese explanation when Electron is missing', () => {
    const plan = planStart({ electron: { found: false, reason: '尚未下载 Electron 程序' }, userArgs: [], scripts });
    expect(plan[0]).toMatchObject({ kind: 'message', text: expect.stringContaining('改为在浏览器中运行同一个编辑器') });
    expect(plan.slice(1)).toEqual([
      { kind: 'npm', script: 'build:web' },
      { kind: 'npm', script: 'web' },
    ]);
    // a web script that builds by itself is not preceded by a second build
    const selfBuilding = planStart({ electron: { found: false, reason: 'x' }, userArgs: [], scripts: { ...scripts, web: 'vite build && vite preview' } });
    expect(selfBuilding.slice(1)).toEqual([{ kind: 'npm', script: 'web' }]);
    const noWeb = planStart({ electron: { found: false, reason: 'x' }, userArgs: [], scripts: {} });
    expect(noWeb.at(-1)).toMatchObject({ kind: 'message', text: expect.stringMatching(/^错误：/) });
  });

  it('the bundled sample exists', async () => {
    await expect(fs.access(path.join(repoRoot, DEFAULT_DOCUMENT))).resolves.toBeUndefined();
  });

  it('--dry-run in a real process: no Electron at the override path means the web fallback', async () => {
    const empty = path.join(tmp, 'empty-dist');
    await fs.mkdir(empty, { recursive: true });
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'electron/build/start.ts'), '--dry-run'], {
      cwd: repoRoot,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
    });
    const plan = JSON.parse(stdout) as StartStep[];
    expect(plan[0]).toMatchObject({ kind: 'message', text: expect.stringContaining(path.join(empty, 'electron')) });
    const pkg = JSON.parse(await fs.readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe('tsx electron/build/start.ts');
    // `web` is the editor's script (vite preview of dist/renderer); without it the plan ends in an error message.
    expect(plan.at(-1)).toEqual(pkg.scripts.web ? { kind: 'npm', script: 'web' } : expect.objectContaining({ kind: 'message', text: expect.stringMatching(/^错误：/) }));
  });
});
