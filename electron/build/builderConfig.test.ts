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

describe('main bundle', () => {
  it('bundles everything but electron and Node built-ins', async () => {
    const { build } = await import('esbuild');
    const out = await build({ ...bundleOptions(repoRoot).main, write: false, sourcemap: false, metafile: true });
    const externals = new Set(Object.values(out.metafile!.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)));
    for (const id of externals) expect(id === 'electron' || id.startsWith('node:'), id).toBe(true);
    expect(externals.has('electron')).toBe(true);
  });
});
