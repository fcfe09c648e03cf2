/**
 * Which document to open at launch: a `.budget`, `.xlsx` or legacy `.xls` passed on the command line (Windows and
 * Linux file associations start `app.exe "C:\…\x.budget"`), in the argv of a second instance
 * (`second-instance` event), or through macOS `open-file` (which may fire before the window exists).
 *
 * Plain Node module: no 'electron' import.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const OPENABLE_EXTENSIONS = ['.budget', '.xlsx', '.xls'] as const;

export function isOpenableFile(p: string): boolean {
  return (OPENABLE_EXTENSIONS as readonly string[]).includes(path.extname(p).toLowerCase());
}

export interface FindDocumentArgOptions {
  /** Folder relative paths are resolved against (the launching process's working directory). */
  cwd: string;
  /**
   * Arguments before the user's: 1 when packaged (`app.exe file`), 2 in development
   * (`electron main.cjs file`). Defaults to 1.
   */
  skip?: number;
  pathApi?: path.PlatformPath;
}

/**
 * The first `.budget`/`.xlsx`/`.xls` argument as an absolute path, or null. Switches (`--flag`, `-psn_…` on
 * old macOS, the `--allow-file-access-from-files`-style flags Chromium adds to a second instance's argv)
 * are skipped; `file://` URLs (Linux desktop entries with %U) are converted to paths.
 */
export function findDocumentArg(argv: readonly string[], opts: FindDocumentArgOptions): string | null {
  const api = opts.pathApi ?? path;
  for (const raw of argv.slice(opts.skip ?? 1)) {
    if (raw.startsWith('-')) continue;
    let candidate = raw;
    if (/^file:\/\//i.test(raw)) {
      try {
        candidate = fileURLToPath(raw, { windows: api === path.win32 });
      } catch {
        continue;
      }
    } else if (/^[a-z][a-z0-9+.-]+:\/\//i.test(raw)) {
      continue; // other URLs (http://…) are never opened
    }
    if (!isOpenableFile(candidate)) continue;
    return api.resolve(opts.cwd, candidate);
  }
  return null;
}

/**
 * Open requests that arrive before the window can handle them (macOS `open-file` before `ready`,
 * the launch argument while the renderer loads) are queued and delivered once a handler is attached.
 */
export interface OpenRequestQueue {
  push(filePath: string): void;
  /** Delivers queued requests in order, then every later one directly. */
  attach(handler: (filePath: string) => void): void;
  detach(): void;
  readonly pending: readonly string[];
}

export function createOpenRequestQueue(): OpenRequestQueue {
  const queue: string[] = [];
  let handler: ((filePath: string) => void) | null = null;
  return {
    push(filePath) {
      if (handler) handler(filePath);
      else queue.push(filePath);
    },
    attach(h) {
      handler = h;
      while (queue.length > 0 && handler === h) h(queue.shift()!);
    },
    detach() {
      handler = null;
    },
    get pending() {
      return [...queue];
    },
  };
}
