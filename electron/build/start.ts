/**
 * `npm start`: build the renderer and the main/preload bundles, then launch Electron with a document
 * (the bundled sample unless a file is given: `npm start -- path/to/x.budget`).
 *
 * The electron npm package downloads its binary the first time it is required, which needs the
 * network. We never require it here: we look for the binary where the package keeps it
 * (`node_modules/electron/path.txt` + `dist/`, or ELECTRON_OVERRIDE_DIST_PATH). When it is missing
 * (an offline machine, or one that never downloaded it), `npm start` says so in Chinese and serves
 * the same editor in the browser instead (`npm run web`), so the README's start command always works.
 *
 * `--dry-run` prints the plan as JSON instead of running it (used by the tests).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

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
}

/** What `npm start` does, as data (the tests check the plan; `main` runs it). */
export function planStart(opts: PlanStartOptions): StartStep[] {
  const documentArgs = opts.userArgs.length > 0 ? [...opts.userArgs] : [DEFAULT_DOCUMENT];
  if (!opts.electron.found) {
    const steps: StartStep[] = [
      {
        kind: 'message',
        text:
          `未找到 Electron 桌面程序：${opts.electron.reason}。\n` +
          '本机无法下载 Electron（或尚未下载），改为在浏览器中运行同一个编辑器（网页模式）。\n' +
          '在可以联网的机器上先运行 `npx install-electron`（或 `node node_modules/electron/install.js`）下载 Electron，之后 `npm start` 会启动桌面版。',
      },
    ];
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
  const electron = findElectronBinary({ packageDir: resolvePackageDir(repoRoot), env: process.env, platform: process.platform });
  const steps = planStart({ electron, userArgs, scripts: pkg.scripts ?? {} });
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
