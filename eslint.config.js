// Lint: typescript-eslint recommended rules plus the layering rules of the design card:
// shared/ is pure (no DOM/Node/Electron, nothing from renderer/ or electron/);
// renderer/ and electron/ never import each other (they meet only through shared/ contracts).
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'url', 'worker_threads', 'stream', 'util', 'events', 'http', 'https', 'net', 'zlib', 'buffer', 'process'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'test-results/**', '.vite/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/renderer/**', '**/electron/**', '**/tests/**'], message: 'shared/ is the bottom layer: it may not import renderer/, electron/ or tests/.' },
            { group: ['electron', 'react', 'react-dom', 'ag-grid-*', 'exceljs', ...nodeBuiltins, ...nodeBuiltins.map((m) => `node:${m}`), 'node:*'], message: 'shared/ is pure: no Node, DOM, Electron or UI imports.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/electron/**', 'electron'], message: 'renderer/ talks to electron/ only through the typed contract in shared/.' }] }],
    },
  },
  {
    files: ['electron/**/*.ts', 'electron/**/*.cts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**'], message: 'electron/ talks to renderer/ only through the typed contract in shared/.' }] }],
    },
  },
);
