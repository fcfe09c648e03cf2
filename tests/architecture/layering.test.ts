/**
 * The layering of the design card, checked on the source text (independently of eslint):
 * shared/ imports nothing outside shared/ and resources/ and no platform module;
 * renderer/ and electron/ never import each other; the .xls library is imported only dynamically, by the host loaders.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx|cts|mts)$/.test(name)) out.push(p);
  }
  return out;
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

function layerOf(file: string, spec: string): string {
  if (!spec.startsWith('.')) return `package:${spec}`;
  const target = relative(root, resolve(dirname(file), spec));
  return target.split(/[\\/]/)[0]!;
}

export function violations(layer: 'shared' | 'renderer' | 'electron'): string[] {
  const bad: string[] = [];
  for (const file of sourceFiles(join(root, layer))) {
    if (layer === 'shared' && file.endsWith('.test.ts')) continue;
    for (const spec of importsOf(file)) {
      const target = layerOf(file, spec);
      const rel = relative(root, file);
      if (layer === 'shared') {
        // The Excel mapping writes and reads SpreadsheetML itself; exceljs is only the tests' independent reader.
        const allowedPackages = ['zod', 'immer'];
        if (target.startsWith('package:') ? !allowedPackages.includes(spec.split('/')[0]!) : !['shared', 'resources'].includes(target)) bad.push(`${rel} → ${spec}`);
      } else if (layer === 'renderer' && (target === 'electron' || spec === 'electron')) bad.push(`${rel} → ${spec}`);
      else if (layer === 'electron' && target === 'renderer') bad.push(`${rel} → ${spec}`);
    }
  }
  return bad;
}

describe('layering', () => {
  it('shared/ imports only shared/, resources/, zod and immer (exceljs only in tests)', () => {
    expect(violations('shared')).toEqual([]);
  });
  it('renderer/ does not import electron/', () => {
    expect(violations('renderer')).toEqual([]);
  });
  it('electron/ does not import renderer/', () => {
    expect(violations('electron')).toEqual([]);
  });
  it('the import scanner sees the imports it is meant to police', () => {
    // Guard against a scanner that silently matches nothing.
    const text = readFileSync(join(root, 'shared/compute/buildGraph.ts'), 'utf8');
    expect(text).toContain("from '../model/cellKey'");
    expect(importsOf(join(root, 'shared/compute/buildGraph.ts'))).toContain('../model/cellKey');
    expect(layerOf(join(root, 'shared/x.ts'), '../renderer/app')).toBe('renderer');
  });
});

describe('the .xls library (@e965/xlsx) is loaded on demand only', () => {
  // Only the two host loaders import it, dynamically, so no bundle's static graph carries it (vite
  // splits it into a chunk fetched when a .xls is opened) and shared/ never depends on it.
  it('only the host loaders import it, dynamically; nothing imports it statically', () => {
    const dynamic: string[] = [];
    for (const layer of ['shared', 'renderer', 'electron']) {
      for (const file of sourceFiles(join(root, layer))) {
        if (/\.test\.tsx?$/.test(file)) continue;
        const text = readFileSync(file, 'utf8');
        expect(text, file).not.toMatch(/(?:import|export)\s[^'"()]*from\s*['"]@e965\/xlsx['"]/);
        expect(text, file).not.toMatch(/require\(\s*['"]@e965\/xlsx['"]\s*\)/);
        if (/import\(\s*['"]@e965\/xlsx['"]\s*\)/.test(text)) dynamic.push(relative(root, file));
      }
    }
    expect(dynamic.sort()).toEqual(['electron/cli/xlsLibrary.ts', 'renderer/workers/xlsLibrary.ts']);
  });
});
