import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { fetchElectron } from './fetchElectron';
import { DEFAULT_DOCUMENT, findElectronBinary, MAIN_BUNDLE, planStart, prepareStart, type PrepareStartOptions, type StartStep } from './start';

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
    expect(plan[0]).toEqual({
      kind: 'message',
      text: '未能启动桌面版：尚未下载 Electron 程序；改为在浏览器中运行同一个编辑器（网页模式），联网后再运行 npm start 即可使用桌面版。',
    });
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

describe('npm start fetches a missing Electron with the package install script, then decides', () => {
  const scripts = { web: 'vite build && vite preview', 'build:web': 'vite build', 'build:main': 'tsx electron/build/buildMain.ts' };
  const webSteps: StartStep[] = [{ kind: 'npm', script: 'web' }];

  /** A package folder like node_modules/electron before its postinstall ran, with a stand-in install.js. */
  async function packageWithInstaller(name: string, installJs: string) {
    const dir = path.join(tmp, name, 'node_modules', 'electron');
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.9.9', engines: { node: '>= 22.12.0' } }));
    await fs.writeFile(path.join(dir, 'install.js'), installJs);
    return dir;
  }

  function options(dir: string, progress: string[], timeoutMs = 5_000): PrepareStartOptions {
    return {
      packageDir: dir,
      env: { PATH: process.env.PATH },
      platform: 'linux',
      userArgs: [],
      scripts,
      download: true,
      fetch: (installScript, cwd, pkg) =>
        fetchElectron({
          installScript,
          cwd,
          env: { PATH: process.env.PATH },
          version: pkg.version,
          requiredNode: pkg.requiredNode,
          nodeVersion: '22.12.0',
          timeoutMs,
          tickMs: 20,
          onProgress: (line) => progress.push(line),
        }),
    };
  }

  it('an installer that succeeds: the binary it unpacked is launched; the progress line counts the download', async () => {
    const tmpdirFile = path.join(tmp, 'installer-tmpdir.txt');
    const dir = await packageWithInstaller(
      'install-ok',
      `const fs = require('fs'); const path = require('path'); const os = require('os');
       // like @electron/get: the zip is downloaded into the temp folder first
       fs.writeFileSync(path.join(os.tmpdir(), 'electron-v45.9.9-linux-x64.zip'), Buffer.alloc(3 * 1024 * 1024));
       fs.writeFileSync(${JSON.stringify(tmpdirFile)}, os.tmpdir());
       setTimeout(() => {
         fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
         fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), '#!/bin/sh\\n', { mode: 0o755 });
         fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');
       }, 300);`,
    );
    const progress: string[] = [];
    const plan = await prepareStart(options(dir, progress));
    expect(plan).toEqual<StartStep[]>([
      { kind: 'npm', script: 'build:web' },
      { kind: 'npm', script: 'build:main' },
      { kind: 'launch', command: path.join(dir, 'dist', 'electron'), args: [MAIN_BUNDLE, DEFAULT_DOCUMENT] },
    ]);
    expect(progress[0]).toBe('正在下载 Electron 45.9.9（仅首次启动需要联网）… 已下载 0.0 MB，已用 0 秒，最多等待 5 秒');
    expect(progress.at(-1)).toMatch(/^正在下载 Electron 45\.9\.9（仅首次启动需要联网）… 已下载 3\.0 MB，已用 \d+ 秒，最多等待 5 秒$/);
    // the installer's private temp folder is gone afterwards
    const installerTmp = await fs.readFile(tmpdirFile, 'utf8');
    expect(path.basename(installerTmp)).toMatch(/^budget-tables-electron-/);
    await expect(fs.access(installerTmp)).rejects.toThrow();
  });

  it('an installer that fails (no network): the browser editor, with the reason in one Chinese sentence', async () => {
    const dir = await packageWithInstaller(
      'install-offline',
      `console.error('TypeError: fetch failed\\n    at node:internal/deps/undici/undici:13502:13\\n    at async FetchDownloader.download'); process.exit(1);`,
    );
    const plan = await prepareStart(options(dir, []));
    expect(plan).toEqual<StartStep[]>([
      {
        kind: 'message',
        text: '未能启动桌面版：下载 Electron 45.9.9 失败，无法连接 Electron 下载服务器（本机没有联网，或被防火墙、代理拦截）；改为在浏览器中运行同一个编辑器（网页模式），联网后再运行 npm start 即可使用桌面版。',
      },
      ...webSteps,
    ]);
    // no stack trace of the installer reaches the clerk
    expect(JSON.stringify(plan)).not.toMatch(/undici|FetchDownloader|\bat /);
  });

  it('an installer that exits 0 without unpacking a binary: the browser editor, saying so', async () => {
    const dir = await packageWithInstaller('install-empty', 'process.exit(0);');
    const plan = await prepareStart(options(dir, []));
    expect(plan[0]).toMatchObject({ kind: 'message', text: expect.stringMatching(/^未能启动桌面版：Electron 45\.9\.9 的安装程序已运行，但尚未下载 Electron 程序/) });
    expect(plan.slice(1)).toEqual(webSteps);
  });

  it('an installer that hangs past the bound is stopped: the browser editor, with the reason', async () => {
    const pidFile = path.join(tmp, 'hanging.pid');
    const dir = await packageWithInstaller(
      'install-hangs',
      `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000);`,
    );
    const progress: string[] = [];
    const plan = await prepareStart(options(dir, progress, 2_000));
    expect(plan).toEqual<StartStep[]>([
      {
        kind: 'message',
        text: '未能启动桌面版：下载 Electron 45.9.9 失败，下载 Electron 超过 2 秒仍未完成（网络太慢或连接没有响应）；改为在浏览器中运行同一个编辑器（网页模式），联网后再运行 npm start 即可使用桌面版。',
      },
      ...webSteps,
    ]);
    expect(progress.length).toBeGreaterThan(2); // the line kept moving while it waited
    expect(progress.at(-1)).toMatch(/已用 [2-9] 秒，最多等待 2 秒$/);
    // the installer was stopped, not left running (on a very busy machine it may not have got as far as writing its pid)
    const pid = Number(await fs.readFile(pidFile, 'utf8').catch(() => '0'));
    if (pid > 0) expect(() => process.kill(pid, 0)).toThrow();
  });

  it('--web goes straight to the browser editor: nothing is looked for or downloaded', async () => {
    let fetched = 0;
    const plan = await prepareStart({
      packageDir: null,
      env: {},
      platform: 'linux',
      userArgs: ['--web'],
      scripts,
      download: true,
      fetch: async () => {
        fetched++;
        return { ok: true };
      },
    });
    expect(plan).toEqual(webSteps);
    expect(fetched).toBe(0);
    const installed = await fakeElectronPackage('installed-but-web', { pathTxt: 'electron', binary: true });
    expect(await prepareStart({ packageDir: installed, env: {}, platform: 'linux', userArgs: ['--web'], scripts, download: true })).toEqual(webSteps);
  });

  it('a binary already there is launched without running the installer; --dry-run never downloads', async () => {
    let fetched = 0;
    const fetch = async () => {
      fetched++;
      return { ok: false as const, reason: 'x' };
    };
    const installed = await fakeElectronPackage('installed-no-fetch', { pathTxt: 'electron', binary: true });
    const plan = await prepareStart({ packageDir: installed, env: {}, platform: 'linux', userArgs: [], scripts, download: true, fetch });
    expect(plan.at(-1)).toMatchObject({ kind: 'launch' });
    const missing = await packageWithInstaller('dry-run', 'process.exit(0);');
    const dry = await prepareStart({ packageDir: missing, env: {}, platform: 'linux', userArgs: [], scripts, download: false, fetch });
    expect(dry[0]).toMatchObject({ kind: 'message', text: expect.stringContaining('尚未下载 Electron 程序') });
    expect(fetched).toBe(0);
  });
});
