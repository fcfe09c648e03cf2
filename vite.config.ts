/**
 * The editor's build: root renderer/, output dist/renderer (relative asset paths so the desktop
 * shell can load it from disk), Web Workers bundled as ES modules, the sample bundled as text.
 * `npm run web` serves the build with `vite preview` on 127.0.0.1 (PORT, default 4173).
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));
const port = Number(process.env.PORT ?? 4173);

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    sourcemap: process.env.BUDGET_SOURCEMAP === "1",
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port, strictPort: true, fs: { allow: [fileURLToPath(new URL('.', import.meta.url))] } },
  preview: { host: '127.0.0.1', port, strictPort: true },
});
