/**
 * The BIFF library (@e965/xlsx, for legacy .xls) stays out of shared/ and out of every bundle's
 * static graph: only the two host loaders import it, and only dynamically, so the editor's main
 * bundle and the xlsx worker do not carry it (vite splits it into a chunk fetched for a .xls).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.(ts|tsx|cts|mts)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

describe('the .xls library is loaded on demand only', () => {
  it('only the host loaders import it, dynamically; nothing imports it statically', () => {
    const dynamic: string[] = [];
    for (const layer of ['shared', 'renderer', 'electron']) {
      for (const file of sources(join(root, layer))) {
        const text = readFileSync(file, 'utf8');
        expect(text, file).not.toMatch(/(?:import|export)\s[^'"()]*from\s*['"]@e965\/xlsx['"]/);
        expect(text, file).not.toMatch(/require\(\s*['"]@e965\/xlsx['"]\s*\)/);
        if (/import\(\s*['"]@e965\/xlsx['"]\s*\)/.test(text)) dynamic.push(relative(root, file));
      }
    }
    expect(dynamic.sort()).toEqual(['electron/cli/xlsLibrary.ts', 'renderer/workers/xlsLibrary.ts']);
  });
});
