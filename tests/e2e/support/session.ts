/**
 * One end-to-end session: the built editor served on a random local port, headless Chromium, a
 * page that records console errors and page errors, screenshots under test-results/e2e/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { EditorPage } from '../pages/EditorPage';
import { launchChromium, type LaunchedBrowser } from './browser';
import { DIST, REPO, ensureBuilt } from './build';
import { startStaticServer, type StaticServer } from './staticServer';

export const ARTIFACTS = join(REPO, 'test-results/e2e');

export interface E2eSession {
  server: StaticServer;
  browser: LaunchedBrowser;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  newPage(): Promise<Page>;
  /** A new page with the editor opened (query: e.g. `?table=T4`). */
  openEditor(query?: string): Promise<EditorPage>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/** `viewport`: the window size (default 1600×1000; 1366×768 is the office laptop of issue 15). */
export async function startSession(viewport: { width: number; height: number } | undefined = undefined): Promise<E2eSession> {
  await ensureBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await startStaticServer(DIST);
  const browser = await launchChromium(viewport ?? {});
  const errors: string[] = [];
  const session: E2eSession = {
    server,
    browser,
    errors,
    async newPage() {
      const page = await browser.context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      return page;
    },
    async openEditor(query = '') {
      const editor = new EditorPage(await session.newPage(), server.url);
      await editor.open(query);
      return editor;
    },
    async screenshot(page, name) {
      const path = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
  return session;
}
