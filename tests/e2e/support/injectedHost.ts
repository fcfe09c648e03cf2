/**
 * A host installed as `window.budgetHost` before the editor starts (the way the Electron preload
 * does): it hands the editor a document fetched from the test server instead of the sample.
 * Other methods answer "cancelled" or do nothing.
 */
export function injectedHostScript(initialFileUrl: string, name: string): string {
  return `(() => {
    const cancelled = async () => ({ cancelled: true });
    window.budgetHost = {
      kind: 'browser',
      initialFile: async () => {
        const res = await fetch(${JSON.stringify(initialFileUrl)});
        return { name: ${JSON.stringify(name)}, bytes: new Uint8Array(await res.arrayBuffer()) };
      },
      openDocument: cancelled,
      saveDocument: cancelled,
      saveDocumentAs: cancelled,
      importFile: cancelled,
      exportFile: cancelled,
      recentFiles: async () => [],
      codeLists: async () => [],
      storeCodeList: async () => undefined,
      openRecent: cancelled,
      setTitle: async (t) => { document.title = t; },
      setDirty: async () => undefined,
      onEvent: () => () => undefined,
      onBeforeClose: () => () => undefined,
      onSnapshotRequest: () => () => undefined,
    };
  })();`;
}
