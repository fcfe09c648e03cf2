/**
 * `npm run build:main`: bundles the Electron main process and the preload with esbuild.
 * - dist/electron/main.cjs: Node platform, CommonJS, everything bundled except 'electron' itself, so
 *   the packaged app needs no node_modules.
 * - dist/electron/preload.cjs: one CommonJS file. A sandboxed preload can only `require('electron')`
 *   (and a few Node polyfills), so every other import must be bundled in.
 */
import { build, type BuildOptions } from 'esbuild';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Electron 45 ships Node 22 and Chromium 142. */
const NODE_TARGET = 'node22';
const CHROME_TARGET = 'chrome142';

export function bundleOptions(repoRoot: string): { main: BuildOptions; preload: BuildOptions } {
  const common: BuildOptions = {
    bundle: true,
    format: 'cjs',
    external: ['electron'],
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    absWorkingDir: repoRoot,
    define: { 'process.env.NODE_ENV': '"production"' },
  };
  return {
    main: {
      ...common,
      entryPoints: [path.join(repoRoot, 'electron/main.ts')],
      outfile: path.join(repoRoot, 'dist/electron/main.cjs'),
      platform: 'node',
      target: NODE_TARGET,
    },
    preload: {
      ...common,
      entryPoints: [path.join(repoRoot, 'electron/preload.cts')],
      outfile: path.join(repoRoot, 'dist/electron/preload.cjs'),
      // 'node' so `require('electron')` stays a require; the target is the renderer's Chromium.
      platform: 'node',
      target: [CHROME_TARGET, NODE_TARGET],
    },
  };
}

export async function buildMain(repoRoot: string): Promise<void> {
  const { main, preload } = bundleOptions(repoRoot);
  await Promise.all([build(main), build(preload)]);
}

const thisFile = fileURLToPath(import.meta.url);
if (process.argv[1] && path.resolve(process.argv[1]) === thisFile) {
  const repoRoot = path.resolve(path.dirname(thisFile), '../..');
  buildMain(repoRoot).then(
    () => process.stdout.write('已生成 dist/electron/main.cjs 和 dist/electron/preload.cjs\n'),
    (err: unknown) => {
      process.stderr.write(`构建主进程失败：${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
