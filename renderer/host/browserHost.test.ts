// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createBrowserHost, recentContent, rememberRecent } from './browserHost';

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
});
