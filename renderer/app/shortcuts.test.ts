import { describe, expect, it } from 'vitest';
import { appKeyAction, KEY_LIST } from './shortcuts';

const k = (key: string, mods: { ctrl?: boolean; shift?: boolean; alt?: boolean } = {}) => ({ key, ctrlKey: !!mods.ctrl, metaKey: false, shiftKey: !!mods.shift, altKey: !!mods.alt });

describe('app keys', () => {
  it('maps the Excel/WPS keys to their actions', () => {
    expect(appKeyAction(k('PageDown', { ctrl: true }))).toBe('nextTable');
    expect(appKeyAction(k('PageUp', { ctrl: true }))).toBe('prevTable');
    expect(appKeyAction(k('F6'))).toBe('nextRegion');
    expect(appKeyAction(k('F6', { shift: true }))).toBe('prevRegion');
    expect(appKeyAction(k('F8'))).toBe('nextFinding');
    expect(appKeyAction(k('F8', { shift: true }))).toBe('prevFinding');
    expect(appKeyAction(k('e', { ctrl: true }))).toBe('export');
    expect(appKeyAction(k('F1'))).toBe('help');
    expect(appKeyAction(k('=', { ctrl: true }))).toBe('zoomIn');
    expect(appKeyAction(k('-', { ctrl: true }))).toBe('zoomOut');
    expect(appKeyAction(k('0', { ctrl: true }))).toBe('zoomReset');
  });
  it('leaves other keys to the grid and the fields', () => {
    for (const e of [k('PageDown'), k('e'), k('0'), k('F6', { alt: true }), k('PageDown', { ctrl: true, alt: true }), k('ArrowDown')]) expect(appKeyAction(e)).toBeNull();
  });
  it('every key it handles is in the F1 list', () => {
    const listed = KEY_LIST.map(([keys]) => keys).join(' ');
    for (const word of ['F1', 'F6', 'F8', 'Ctrl+PgDn', 'Ctrl+PgUp', 'Ctrl+E', 'Ctrl+=', 'Ctrl+-', 'Ctrl+0']) expect(listed).toContain(word);
  });
});
