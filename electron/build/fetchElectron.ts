/**
 * Fetches the Electron binary for `npm start` the way the electron npm package does itself: by
 * running the package's own `install.js` (its postinstall script, which downloads the release with
 * @electron/get, checks it against the package's checksums and unpacks it into `dist/`).
 *
 * The download runs as a child process with a time bound and a progress line; the installer gets a
 * private temp folder (TMPDIR/TMP/TEMP, where @electron/get downloads the zip before caching it), whose
 * size is the "已下载" of the progress line and which is removed afterwards. Its output is kept,
 * not shown (install.js prints a stack trace on failure), and a failure is explained in one Chinese
 * sentence (`explainInstallFailure`). Nothing here decides what happens next: `start.ts` does.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

/** Long enough for the ~100 MB download on a slow line; a hung connection ends here. */
export const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;
/** How often the progress line is refreshed. */
export const PROGRESS_TICK_MS = 1_000;
/** Time between SIGTERM and SIGKILL when the download is stopped. */
const KILL_GRACE_MS = 2_000;
/** Only the end of the installer's output is needed to explain a failure. */
const MAX_KEPT_OUTPUT = 16 * 1024;

export type FetchElectronResult = { ok: true } | { ok: false; reason: string };

export interface FetchElectronOptions {
  /** The electron package's install.js (a stand-in in the tests). */
  installScript: string;
  /** Working folder of the installer (the electron package folder). */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Electron version being fetched, for the messages. */
  version: string;
  /** The Node version range the electron package declares (`engines.node`), e.g. ">= 22.12.0". */
  requiredNode?: string;
  /** The running Node version (process.versions.node). */
  nodeVersion: string;
  timeoutMs?: number;
  tickMs?: number;
  /** Node executable that runs the installer. */
  nodePath?: string;
  /** Receives the progress line: once at the start and then every tick. */
  onProgress?: (line: string, final: boolean) => void;
}

export function progressLine(version: string, downloadedBytes: number, elapsedMs: number, timeoutMs: number): string {
  const seconds = Math.floor(elapsedMs / 1000);
  const mb = (downloadedBytes / (1024 * 1024)).toFixed(1);
  return `正在下载 Electron ${version}（仅首次启动需要联网）… 已下载 ${mb} MB，已用 ${seconds} 秒，最多等待 ${Math.round(timeoutMs / 1000)} 秒`;
}

/** Total size of the files under `dir` (0 when it cannot be read). */
async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const e of entries) {
    if (!e.isFile()) continue;
    total += await fs.stat(path.join(e.parentPath, e.name)).then((st) => st.size, () => 0);
  }
  return total;
}

export async function fetchElectron(opts: FetchElectronOptions): Promise<FetchElectronResult> {
  const downloadDir = await fs.mkdtemp(path.join(os.tmpdir(), 'budget-tables-electron-'));
  try {
    return await runInstaller(opts, downloadDir);
  } finally {
    await fs.rm(downloadDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

function runInstaller(opts: FetchElectronOptions, downloadDir: string): Promise<FetchElectronResult> {
  const timeoutMs = opts.timeoutMs ?? DOWNLOAD_TIMEOUT_MS;
  const tickMs = opts.tickMs ?? PROGRESS_TICK_MS;
  const started = Date.now();
  let downloaded = 0;
  const progress = (final: boolean) => opts.onProgress?.(progressLine(opts.version, downloaded, Date.now() - started, timeoutMs), final);
  let measuring = false;
  let settled = false;
  const measure = () => {
    if (measuring || settled) return;
    measuring = true;
    void folderBytes(downloadDir).then((bytes) => {
      measuring = false;
      downloaded = Math.max(downloaded, bytes); // the zip leaves the folder for the cache once complete
      if (!settled) progress(false);
    });
  };

  return new Promise<FetchElectronResult>((resolve) => {
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-MAX_KEPT_OUTPUT);
    };
    const child = spawn(opts.nodePath ?? process.execPath, [opts.installScript], {
      cwd: opts.cwd,
      // its own bar would fight with our line; the temp folder is where the download can be measured
      env: { ...opts.env, ELECTRON_GET_NO_PROGRESS: '1', TMPDIR: downloadDir, TMP: downloadDir, TEMP: downloadDir },
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);

    let timedOut = false;
    let killTimer: ReturnType<typeof setTimeout> | undefined;
    const ticker = setInterval(measure, tickMs);
    const bound = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    }, timeoutMs);
    const finish = (result: FetchElectronResult) => {
      if (settled) return;
      settled = true;
      clearInterval(ticker);
      clearTimeout(bound);
      if (killTimer) clearTimeout(killTimer);
      // one last look, so the final line shows what was really downloaded
      void folderBytes(downloadDir).then((bytes) => {
        downloaded = Math.max(downloaded, bytes);
        progress(true);
        resolve(result);
      });
    };
    progress(false);

    child.on('error', (err) => {
      finish({ ok: false, reason: `无法运行 Electron 安装程序（${err.message}）` });
    });
    child.on('close', (code, signal) => {
      if (timedOut) {
        finish({ ok: false, reason: `下载 Electron 超过 ${Math.round(timeoutMs / 1000)} 秒仍未完成（网络太慢或连接没有响应）` });
      } else if (code === 0) {
        finish({ ok: true });
      } else {
        finish({
          ok: false,
          reason: explainInstallFailure({ output, exitCode: code, signal, nodeVersion: opts.nodeVersion, requiredNode: opts.requiredNode, version: opts.version }),
        });
      }
    });
  });
}

export interface InstallFailure {
  /** What the installer printed (stdout and stderr). */
  output: string;
  exitCode: number | null;
  signal?: NodeJS.Signals | null;
  nodeVersion: string;
  requiredNode?: string;
  version: string;
}

/** One Chinese sentence (without the final 。) saying why the download failed. */
export function explainInstallFailure(f: InstallFailure): string {
  const text = f.output;
  const http = /Response code (\d{3})/.exec(text);
  let why: string;
  if (http?.[1] === '407' || /proxy/i.test(text)) why = '代理服务器拒绝了下载（请检查代理设置）';
  else if (http) why = `下载服务器拒绝了请求（HTTP ${http[1]}）`;
  else if (/ENOTFOUND|EAI_AGAIN|getaddrinfo/.test(text)) why = '无法解析 Electron 下载服务器的地址（本机没有联网，或 DNS 不可用）';
  else if (/ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|fetch failed|socket hang up|other side closed/i.test(text)) {
    why = '无法连接 Electron 下载服务器（本机没有联网，或被防火墙、代理拦截）';
  } else if (/checksum/i.test(text)) why = '下载的 Electron 文件校验不通过（文件不完整或被篡改）';
  else if (/ENOSPC/.test(text)) why = '磁盘空间不足，无法保存下载的 Electron';
  else if (/EACCES|EPERM/.test(text)) why = '没有权限写入 Electron 的安装文件夹或下载缓存';
  else {
    const last = lastMeaningfulLine(text);
    const how = f.exitCode !== null ? `退出码 ${f.exitCode}` : `被信号 ${f.signal ?? '未知'} 终止`;
    why = last ? `Electron 安装程序出错（${how}：${last}）` : `Electron 安装程序出错（${how}）`;
  }
  const needed = f.requiredNode ? minimumVersion(f.requiredNode) : null;
  if (needed && compareVersions(f.nodeVersion, needed) < 0) {
    why += `；另外，本机 Node.js ${f.nodeVersion} 低于 Electron ${f.version} 的安装程序要求的 ${needed}`;
  }
  return why;
}

function lastMeaningfulLine(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('at '));
  const line = lines.at(-1) ?? '';
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}

/** "22.12.0" from ">= 22.12.0" or ">=22.12"; null when the range has no lower bound we understand. */
export function minimumVersion(range: string): string | null {
  const m = /^\s*>=?\s*v?(\d+(?:\.\d+){0,2})\s*$/.exec(range) ?? /^\s*\^?v?(\d+(?:\.\d+){0,2})\s*$/.exec(range);
  return m?.[1] ?? null;
}

/** Compares dotted numeric versions ("20.20.2" vs "22.12"); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.replace(/^v/, '').split('.').map((p) => Number.parseInt(p, 10) || 0);
  const pb = b.replace(/^v/, '').split('.').map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}
