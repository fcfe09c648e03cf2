/**
 * `npm start`: build the renderer and the main/preload bundles, then launch Electron with a document
 * (the bundled sample unless a file is given: `npm start -- path/to/x.budget`).
 *
 * We never require the electron package here (its index.js throws when the binary is missing): we
 * look for the binary where the package keeps it (`node_modules/electron/path.txt` + `dist/`, or
 * ELECTRON_OVERRIDE_DIST_PATH). When it is missing, `npm start` first fetches it the way the package
 * does itself, by running the package's own `install.js` with a progress line and a time bound
 * (`fetchElectron.ts`), then launches the desktop app. Only when that fails (no network, a proxy, a
 * refused download, too slow) does it say why in one Chinese sentence and serve the same editor in
 * the browser instead (`npm run web`), so the README's start command always works.
 *
 * `npm start -- --web` goes straight to the browser. `--dry-run` prints the plan as JSON instead of
 * running it, without downloading anything (used by the tests).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchElectron, type FetchElectronResult } from './fetchElectron';

export const DEFAULT_DOCUMENT = 'resources/samples/shenzhen-xinfang-2020.budget';
export const MAIN_BUNDLE = 'dist/electron/main.cjs';

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

export interface FindElectronOptions {
  /** Folder of the electron npm package (node_modules/electron). */
  packageDir: string | null;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  exists?: (p: string) => boolean;
  readText?: (p: string) => string | null;
}

/** Where the electron package's own `index.js` would look, without its download fallback. */
export function findElectronBinary(opts: FindElectronOptions): ElectronBinary {
  const exists = opts.exists ?? ((p: string) => fs.existsSync(p));
  const readText =
    opts.readText ??
    ((p: string) => {
      try {
        return fs.readFileSync(p, 'utf8');
      } catch {
        return null;
      }
    });
  if (!opts.packageDir) return { found: false, reason: '未安装 electron 依赖包（node_modules/electron 不存在）' };
  const recorded = readText(path.join(opts.packageDir, 'path.txt'))?.trim() || null;
  const override = opts.env.ELECTRON_OVERRIDE_DIST_PATH;
  const fallbackName = opts.platform === 'win32' ? 'electron.exe' : opts.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
  let binary: string;
  if (override) binary = path.join(override, recorded ?? 'electron');
  else if (recorded) binary = path.join(opts.packageDir, 'dist', recorded);
  else return { found: false, reason: `尚未下载 Electron 程序（缺少 ${path.join(opts.packageDir, 'dist', fallbackName)}）` };
  if (!exists(binary)) return { found: false, reason: `尚未下载 Electron 程序（缺少 ${binary}）` };
  return { found: true, path: binary };
}

export type StartStep =
  | { kind: 'message'; text: string }
  | { kind: 'npm'; script: string }
  | { kind: 'launch'; command: string; args: string[] };

export interface PlanStartOptions {
  electron: ElectronBinary;
  /** Arguments after `npm start --`. */
  userArgs: readonly string[];
  /** Scripts defined in package.json. */
  scripts: Readonly<Record<string, string>>;
  /** `npm start -- --web`: the browser editor, without looking for Electron. */
  webRequested?: boolean;
}

export const WEB_FLAG = '--web';

/** What `npm start` does, as data (the tests check the plan; `main` runs it). */
export function planStart(opts: PlanStartOptions): StartStep[] {
  const documentArgs = opts.userArgs.length > 0 ? [...opts.userArgs] : [DEFAULT_DOCUMENT];
  if (opts.webRequested || !opts.electron.found) {
    const steps: StartStep[] = [];
    if (!opts.webRequested && !opts.electron.found) {
      steps.push({
        kind: 'message',
        text: `未能启动桌面版：${opts.electron.reason}；改为在浏览器中运行同一个编辑器（网页模式），联网后再运行 npm start 即可使用桌面版。`,
      });
    }
    if (opts.userArgs.length > 0) {
      steps.push({ kind: 'message', text: `网页模式不能直接打开命令行中的文件（${opts.userArgs.join(' ')}），请在编辑器中用“文件 → 打开”选择它。` });
    }
    if (!opts.scripts.web) {
      steps.push({ kind: 'message', text: '错误：package.json 中没有 web 脚本，无法启动网页模式。' });
      return steps;
    }
    // `web` serves dist/renderer; build it first unless the web script already does.
    if (opts.scripts['build:web'] && !/\bbuild\b/.test(opts.scripts.web)) steps.push({ kind: 'npm', script: 'build:web' });
    steps.push({ kind: 'npm', script: 'web' });
    return steps;
  }
  return [
    { kind: 'npm', script: 'build:web' },
    { kind: 'npm', script: 'build:main' },
    { kind: 'launch', command: opts.electron.path, args: [MAIN_BUNDLE, ...documentArgs] },
  ];
}

export interface ElectronPackageInfo {
  version: string;
  /** `engines.node` of the package, e.g. ">= 22.12.0". */
  requiredNode?: string;
}

/** Version and Node requirement from node_modules/electron/package.json (null when unreadable). */
export function readElectronPackage(packageDir: string): ElectronPackageInfo | null {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version?: unknown; engines?: { node?: unknown } };
    if (typeof pkg.version !== 'string') return null;
    return { version: pkg.version, requiredNode: typeof pkg.engines?.node === 'string' ? pkg.engines.node : undefined };
  } catch {
    return null;
  }
}

export interface PrepareStartOptions extends FindElectronOptions {
  userArgs: readonly string[];
  scripts: Readonly<Record<string, string>>;
  /** Download a missing binary (false for --dry-run). */
  download: boolean;
  /** Runs the package's install.js; injectable so tests use stand-in scripts and a short bound. */
  fetch?: (installScript: string, packageDir: string, pkg: ElectronPackageInfo) => Promise<FetchElectronResult>;
}

/**
 * Finds the Electron binary, fetches it with the package's own install.js when it is missing, and
 * returns the plan: launch when the binary is there (now), the browser editor with the reason when not.
 */
export async function prepareStart(opts: PrepareStartOptions): Promise<StartStep[]> {
  const webRequested = opts.userArgs.includes(WEB_FLAG);
  const userArgs = opts.userArgs.filter((a) => a !== WEB_FLAG);
  if (webRequested) return planStart({ electron: { found: false, reason: '' }, userArgs, scripts: opts.scripts, webRequested });
  let electron = findElectronBinary(opts);
  if (!electron.found && opts.download && opts.packageDir && !opts.env.ELECTRON_OVERRIDE_DIST_PATH) {
    electron = await downloadThenFind(opts, opts.packageDir);
  }
  return planStart({ electron, userArgs, scripts: opts.scripts });
}

async function downloadThenFind(opts: PrepareStartOptions, packageDir: string): Promise<ElectronBinary> {
  const installScript = path.join(packageDir, 'install.js');
  const pkg = readElectronPackage(packageDir);
  if (!pkg || !(opts.exists ?? fs.existsSync)(installScript)) {
    return { found: false, reason: `electron 依赖包不完整（缺少 ${installScript}），请重新运行 npm install` };
  }
  const fetchIt =
    opts.fetch ??
    ((script: string, cwd: string, info: ElectronPackageInfo) =>
      fetchElectron({ installScript: script, cwd, env: opts.env, version: info.version, requiredNode: info.requiredNode, nodeVersion: process.versions.node, onProgress: writeProgress }));
  const result = await fetchIt(installScript, packageDir, pkg);
  if (!result.ok) return { found: false, reason: `下载 Electron ${pkg.version} 失败，${result.reason}` };
  const after = findElectronBinary(opts);
  if (!after.found) return { found: false, reason: `Electron ${pkg.version} 的安装程序已运行，但${after.reason}` };
  return after;
}

/** The progress line: rewritten in place on a terminal, one line every 10 s otherwise (logs). */
function writeProgress(line: string, final: boolean): void {
  if (process.stderr.isTTY) {
    process.stderr.write(`\r\x1b[K${line}${final ? '\n' : ''}`);
    return;
  }
  const seconds = Number(/已用 (\d+) 秒/.exec(line)?.[1] ?? 0);
  if (final || seconds % 10 === 0) process.stderr.write(`${line}\n`);
}

function resolvePackageDir(fromDir: string): string | null {
  // Resolving package.json never runs the package's index.js (which would try to download).
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', 'electron', 'package.json');
    if (fs.existsSync(candidate)) return path.dirname(candidate);
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function runNpm(script: string, cwd: string): number {
  const npmCli = process.env.npm_execpath;
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, 'run', script], { cwd, stdio: 'inherit' })
    : spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', script], { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status ?? 1;
}

export async function main(argv: readonly string[], repoRoot: string): Promise<number> {
  const dryRun = argv.includes('--dry-run');
  // npm runs scripts in the package folder; a relative file name is meant from where the user typed it.
  const userCwd = process.env.INIT_CWD ?? process.cwd();
  const userArgs = argv.filter((a) => a !== '--dry-run').map((a) => (a.startsWith('-') ? a : path.resolve(userCwd, a)));
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const steps = await prepareStart({
    packageDir: resolvePackageDir(repoRoot),
    env: process.env,
    platform: process.platform,
    userArgs,
    scripts: pkg.scripts ?? {},
    download: !dryRun,
  });
  if (dryRun) {
    process.stdout.write(`${JSON.stringify(steps, null, 2)}\n`);
    return 0;
  }
  for (const step of steps) {
    if (step.kind === 'message') {
      process.stderr.write(`${step.text}\n`);
      if (step.text.startsWith('错误')) return 1;
    } else if (step.kind === 'npm') {
      const status = runNpm(step.script, repoRoot);
      if (status !== 0) return status;
    } else {
      const env = { ...process.env };
      delete env.ELECTRON_RUN_AS_NODE; // would make the binary behave as plain Node
      const child = spawn(step.command, step.args, { cwd: repoRoot, stdio: 'inherit', env });
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
      return await new Promise<number>((resolve) => {
        child.on('error', (err) => {
          process.stderr.write(`无法启动 Electron：${err.message}\n`);
          resolve(1);
        });
        child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
      });
    }
  }
  return 0;
}

const thisFile = fileURLToPath(import.meta.url);
if (process.argv[1] && path.resolve(process.argv[1]) === thisFile) {
  main(process.argv.slice(2), path.resolve(path.dirname(thisFile), '../..')).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`npm start 失败：${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
