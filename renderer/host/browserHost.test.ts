// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AUTOSAVE_INTERVAL_MS, createBrowserHost, recentContent, rememberRecent } from './browserHost';

const enc = (s: string) => new TextEncoder().encode(s);

describe('browser host', () => {
  it('keeps recent files newest first, with their content to reopen', async () => {
    localStorage.clear();
    rememberRecent(localStorage, { name: 'a.budget', bytes: enc('{"a":1}') }, new Date('2021-01-01T00:00:00Z'));
    rememberRecent(localStorage, { name: 'b.budget', bytes: enc('{"b":2}') }, new Date('2021-01-02T00:00:00Z'));
    rememberRecent(localStorage, { name: 'a.budget', bytes: enc('{"a":3}') }, new Date('2021-01-03T00:00:00Z'));
    const host = createBrowserHost(window);
    const recent = await host.recentFiles();
    expect(recent.map((r) => r.name)).toEqual(['a.budget', 'b.budget']);
    expect(recent.every((r) => r.available)).toBe(true);
    const opened = await host.openRecent(recent[0]!.id);
    expect(opened.cancelled).toBe(false);
    if (!opened.cancelled) expect(new TextDecoder().decode(opened.file.bytes)).toBe('{"a":3}');
    expect(await host.openRecent('recent:none')).toEqual({ cancelled: true });
  });

  it('keeps a binary file (an Excel workbook) byte for byte', async () => {
    localStorage.clear();
    const workbook = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x80, 0xc3]);
    rememberRecent(localStorage, { name: '预算.xlsx', bytes: workbook });
    const opened = await createBrowserHost(window).openRecent('recent:预算.xlsx');
    expect(!opened.cancelled && [...opened.file.bytes]).toEqual([...workbook]);
    expect(recentContent(localStorage, 'recent:预算.xlsx')).toEqual(workbook);
  });

  it('offers .xlsx and legacy .xls workbooks in every open and import dialog', async () => {
    const host = createBrowserHost(window);
    const accepts: string[] = [];
    const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      accepts.push(this.accept);
      this.dispatchEvent(new Event('cancel'));
    });
    await host.openDocument();
    await host.importFile({ kind: 'excel' });
    await host.importFile({ kind: 'previousYear' });
    click.mockRestore();
    expect(accepts).toHaveLength(3);
    for (const accept of accepts) expect(accept.split(',')).toEqual(expect.arrayContaining(['.xlsx', '.xls']));
  });

  it('keeps imported code lists in localStorage, one per year and kind, across page loads', async () => {
    localStorage.clear();
    const list = (year: number, name: string) => ({ kind: 'procurement' as const, year, title: '品目', entries: [{ code: 'A', name }] });
    await createBrowserHost(window).storeCodeList(list(2022, '货物'));
    await createBrowserHost(window).storeCodeList(list(2023, '货物'));
    await createBrowserHost(window).storeCodeList(list(2022, '货物类'));
    const back = (await createBrowserHost(window).codeLists()) as ReturnType<typeof list>[];
    expect(back.map((l) => [l.year, l.entries[0]!.name])).toEqual([
      [2023, '货物'],
      [2022, '货物类'],
    ]);
    localStorage.setItem('budget-tables:code-lists', '{ damaged');
    expect(await createBrowserHost(window).codeLists()).toEqual([]);
  });

  it('keeps at most 8 entries and drops the content of the oldest', () => {
    localStorage.clear();
    for (let i = 0; i < 10; i++) rememberRecent(localStorage, { name: `f${i}.budget`, bytes: enc(String(i)) });
    const list = JSON.parse(localStorage.getItem('budget-tables:recent')!) as { name: string }[];
    expect(list).toHaveLength(8);
    expect(list[0]!.name).toBe('f9.budget');
    expect(recentContent(localStorage, 'recent:f0.budget')).toBeNull();
    expect(recentContent(localStorage, 'recent:f9.budget')).not.toBeNull();
  });

  it('sets the page title and asks before leaving with unsaved changes', async () => {
    const host = createBrowserHost(window);
    await host.setTitle('a.budget * — 部门预算编制器');
    expect(document.title).toBe('a.budget * — 部门预算编制器');
    const ev = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(ev);
    expect(ev.defaultPrevented).toBe(false);
    await host.setDirty(true);
    const ev2 = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(ev2);
    expect(ev2.defaultPrevented).toBe(true);
  });

  describe('autosave', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it("keeps the editor's snapshot as a recent file while there are unsaved changes, every 30 s and when the page is hidden", async () => {
      vi.useFakeTimers();
      localStorage.clear();
      const host = createBrowserHost(window);
      let content = '{"v":1}';
      let asked = 0;
      host.onSnapshotRequest(async () => {
        asked += 1;
        // Uint8Array.from: jsdom's TextEncoder returns a Uint8Array of another realm.
        return { bytes: Uint8Array.from(enc(content)), suggestedName: '预算.budget' };
      });
      await vi.advanceTimersByTimeAsync(AUTOSAVE_INTERVAL_MS);
      expect(asked).toBe(0); // nothing unsaved: the editor is not asked
      expect(await host.recentFiles()).toEqual([]);

      await host.setDirty(true);
      await vi.advanceTimersByTimeAsync(AUTOSAVE_INTERVAL_MS);
      const [entry] = await host.recentFiles();
      expect(entry).toMatchObject({ name: '（自动保存）预算.budget', available: true });
      const reopened = await host.openRecent(entry!.id);
      expect(!reopened.cancelled && new TextDecoder().decode(reopened.file.bytes)).toBe('{"v":1}');

      content = '{"v":2}';
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
      await vi.advanceTimersByTimeAsync(0);
      expect(recentContent(localStorage, entry!.id)).toEqual(enc('{"v":2}'));
      expect((await host.recentFiles()).filter((r) => r.name.startsWith('（自动保存）'))).toHaveLength(1);

      // A provider that fails or answers garbage never breaks the page.
      host.onSnapshotRequest(async () => ({ bytes: 'oops', suggestedName: '' }) as never);
      const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      await vi.advanceTimersByTimeAsync(AUTOSAVE_INTERVAL_MS);
      expect(error).toHaveBeenCalled();
      error.mockRestore();
      expect(recentContent(localStorage, entry!.id)).toEqual(enc('{"v":2}'));
      Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    });
  });
});
