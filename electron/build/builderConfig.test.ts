/**
 * electron-builder.yml, checked offline with electron-builder's own loader and schema validation
 * (app-builder-lib, installed with electron-builder; nothing is downloaded), plus what the issue asks.
 */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleOptions } from './buildMain';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

interface BuilderConfigModule {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
}
const builderConfig = require('app-builder-lib/out/util/config/config.js') as BuilderConfigModule;
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

type Target = { target: string; arch?: string[] };
type Association = { ext: string; name?: string; role?: string; rank?: string };

async function loadConfig() {
  return (await builderConfig.getConfig(repoRoot, null, null)) as Record<string, unknown> & {
    win: { target: Target[]; fileAssociations?: Association[] };
    mac: { target: Target[]; fileAssociations?: Association[] };
    linux: { target: Target[]; maintainer?: string; fileAssociations?: Association[] };
    nsis: Record<string, unknown>;
    fileAssociations: Association[];
    extraResources: Array<{ from: string; to: string }>;
    extraMetadata: { main: string };
    files: unknown;
    asar?: unknown;
    electronFuses?: Record<string, unknown> | null;
  };
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    const config = await loadConfig();
    await expect(builderConfig.validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the validation used here does catch mistakes', async () => {
    const config = await loadConfig();
    await expect(builderConfig.validateConfiguration({ ...config, nsis: { ...config.nsis, perMachin: true } }, new DebugLogger(false))).rejects.toThrow(
      /Invalid configuration object/,
    );
  });

  it('names the app and builds nsis (per machine) + portable, dmg, AppImage + deb', async () => {
    const config = await loadConfig();
    expect(config.appId).toBe('cn.budgettables.editor');
    expect(config.productName).toBe('部门预算编制器');
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis', 'portable']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true });
    expect(config.mac.target.map((t) => t.target)).toEqual(['dmg']);
    expect(config.linux.target.map((t) => t.target)).toEqual(['AppImage', 'deb']);
    expect(config.linux.maintainer).toMatch(/<.+@.+>/); // deb needs a maintainer (package.json has no author)
  });

  it('associates .budget as editor everywhere and never takes .xlsx from Excel on Windows', async () => {
    const config = await loadConfig();
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'budget', name: '部门预算文件', role: 'Editor' })]);
    expect(config.win.fileAssociations ?? []).toEqual([]);
    expect(config.mac.fileAssociations).toEqual([expect.objectContaining({ ext: 'xlsx', role: 'Viewer', rank: 'Alternate' }), expect.objectContaining({ ext: 'xls', role: 'Viewer', rank: 'Alternate' })]);
    expect(config.linux.fileAssociations).toEqual([expect.objectContaining({ ext: 'xlsx', role: 'Viewer' }), expect.objectContaining({ ext: 'xls', mimeType: 'application/vnd.ms-excel', role: 'Viewer' })]);
  });

  it('ships the bundles main loads, the code lists and the sample as resources', async () => {
    const config = await loadConfig();
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { main: string; productName: string };
    const { main, preload } = bundleOptions(repoRoot);
    expect(path.resolve(repoRoot, config.extraMetadata.main)).toBe(main.outfile);
    expect(pkg.main).toBe(config.extraMetadata.main);
    expect(pkg.productName).toBe(config.productName);
    expect(path.dirname(preload.outfile!)).toBe(path.dirname(main.outfile!)); // main loads preload.cjs next to itself
    expect(JSON.stringify(config.files)).toContain('dist/electron/**/*');
    expect(JSON.stringify(config.files)).toContain('dist/renderer/**/*');
    expect(config.extraResources.map((r) => [r.from, r.to])).toEqual([
      ['resources/codes', 'codes'],
      ['resources/samples', 'samples'],
    ]);
    for (const { from } of config.extraResources) expect(fs.readdirSync(path.join(repoRoot, from)).length).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(repoRoot, 'resources/samples/shenzhen-xinfang-2020.budget'))).toBe(true);
  });
});

describe('hardening the desktop build', () => {
  it('flips the Electron fuses: no run-as-node, no NODE_OPTIONS, no --inspect, ASAR integrity, app only from the ASAR', async () => {
    const config = await loadConfig();
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
    });
    // electron-builder flips them with @electron/fuses, which must be installed for `npm run dist`
    expect(() => require.resolve('@electron/fuses')).not.toThrow();
  });

  it('the fuse settings are checked by the schema too', async () => {
    const config = await loadConfig();
    await expect(
      builderConfig.validateConfiguration({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } }, new DebugLogger(false)),
    ).rejects.toThrow(/Invalid configuration object/);
  });

  it('pins Electron exactly to a 45.x patch, the same in package.json, the lock file and node_modules', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; devDependencies?: Record<string, string> }>;
    };
    const pinned = pkg.devDependencies.electron;
    expect(pinned).toMatch(/^45\.\d+\.\d+$/);
    // the newest 45.x patch when this was written (`npm view electron@45 version`); never older
    const [, minor, patch] = pinned!.split('.').map(Number);
    expect(minor! * 1000 + patch!).toBeGreaterThanOrEqual(6 * 1000 + 1);
    expect(lock.packages['']?.devDependencies?.electron).toBe(pinned);
    expect(lock.packages['node_modules/electron']?.version).toBe(pinned);
    const installed = JSON.parse(fs.readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string };
    expect(installed.version).toBe(pinned);
  });
});

describe('main bundle', () => {
  it('bundles everything but electron and Node built-ins', async () => {
    const { build } = await import('esbuild');
    const out = await build({ ...bundleOptions(repoRoot).main, write: false, sourcemap: false, metafile: true });
    const externals = new Set(Object.values(out.metafile!.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)));
    for (const id of externals) expect(id === 'electron' || id.startsWith('node:'), id).toBe(true);
    expect(externals.has('electron')).toBe(true);
    // with the runAsNode fuse off, process.fork would not work: main starts no Node child processes
    expect(externals.has('node:child_process')).toBe(false);
  });
});
