/**
 * A host installed as `window.budgetHost` before the editor starts (the way the Electron preload
 * does), recording every save in `window.__saves`: the initial file and the file 导入 hands over
 * are fetched from URLs the test serves; other methods answer "cancelled" or do nothing.
 */
import type { Page } from 'playwright-core';

export interface HostSpec {
  kind: 'browser' | 'desktop';
  initial: { url: string; name: string; path?: string } | null;
  /** saveDocument / saveDocumentAs reject with this message. */
  saveError: string | null;
  /** The file every importFile (导入Excel, 从上年导入) picks; none: cancelled. */
  importFile?: { url: string; name: string };
}

export interface RecordedSave {
  method: 'saveDocument' | 'saveDocumentAs';
  suggestedName: string;
  path?: string;
  text: string;
}

/** Installs a host before the editor's scripts; saves are recorded in `window.__saves`. */
export async function installHost(page: Page, spec: HostSpec): Promise<void> {
  await page.addInitScript((s: HostSpec) => {
    const w = window as unknown as { budgetHost: unknown; __saves: unknown[] };
    w.__saves = [];
    const cancelled = async () => ({ cancelled: true });
    const fetched = async (f: { url: string; name: string; path?: string }) => {
      const res = await fetch(f.url);
      return { name: f.name, ...(f.path ? { path: f.path } : {}), bytes: new Uint8Array(await res.arrayBuffer()) };
    };
    const save = (method: string) => async (req: { bytes: Uint8Array; suggestedName: string; path?: string }) => {
      w.__saves.push({ method, suggestedName: req.suggestedName, path: req.path, text: new TextDecoder().decode(req.bytes) });
      if (s.saveError) throw new Error(s.saveError);
      const path = req.path ?? `/docs/${req.suggestedName}`;
      return { cancelled: false, name: path.split('/').pop(), path };
    };
    w.budgetHost = {
      kind: s.kind,
      initialFile: async () => (s.initial ? fetched(s.initial) : null),
      openDocument: cancelled,
      saveDocument: save('saveDocument'),
      saveDocumentAs: save('saveDocumentAs'),
      importFile: async () => (s.importFile ? { cancelled: false, file: await fetched(s.importFile) } : { cancelled: true }),
      exportFile: cancelled,
      recentFiles: async () => [],
      codeLists: async () => [],
      storeCodeList: async () => undefined,
      openRecent: cancelled,
      setTitle: async (t: string) => {
        document.title = t;
      },
      setDirty: async () => undefined,
      onEvent: () => () => undefined,
      onBeforeClose: () => () => undefined,
      onSnapshotRequest: () => () => undefined,
    };
  }, spec);
}

/** Serve a body at a path of the test server (for the host's initial and imported files). */
export async function serve(page: Page, baseUrl: string, urlPath: string, body: Buffer | string, contentType: string): Promise<string> {
  const url = new URL(urlPath, baseUrl).toString();
  await page.route(url, (route) => route.fulfill({ status: 200, body, contentType }));
  return url;
}

export const recordedSaves = (page: Page): Promise<RecordedSave[]> => page.evaluate(() => (window as unknown as { __saves: RecordedSave[] }).__saves);
