/**
 * Builds the editor (vite, programmatically) when dist/renderer is missing or older than any source
 * it is built from, so `vitest run` alone can run the end-to-end tests. A lock directory keeps
 * parallel test files from building at the same time.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const DIST = join(REPO, 'dist/renderer');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name.endsWith('.test.ts') || name.endsWith('.test.tsx')) continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

export function distIsStale(): boolean {
  const built = join(DIST, 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  const sources = ['renderer', 'shared', 'resources', 'vite.config.ts', 'package.json'].map((p) => newestMtime(join(REPO, p)));
  return Math.max(...sources) > builtAt;
}

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

export async function ensureBuilt(): Promise<void> {
  if (!distIsStale()) return;
  const lock = join(REPO, 'dist/.build-lock');
  mkdirSync(dirname(lock), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 120_000) rmSync(lock, { recursive: true, force: true }); // a crashed build left it
      await sleep(200);
      if (!distIsStale()) return;
    }
  }
  try {
    if (!distIsStale()) return;
    const { build } = await import('vite');
    // vitest sets NODE_ENV=test, which would make vite produce a development build.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: join(REPO, 'vite.config.ts'), logLevel: 'error', mode: 'production' });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
