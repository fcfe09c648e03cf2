import { describe, expect, it } from 'vitest';
import { parseDateText } from './dateText';

describe('parseDateText', () => {
  it('reads the ways a clerk writes a date and gives 2020-01-01', () => {
    for (const t of ['2020-01-01', '2020-1-1', '2020/1/1', '2020.1.1', '2020年1月1日', ' 2020 年 1 月 1 日 ']) expect(parseDateText(t)).toEqual({ ok: true, iso: '2020-01-01' });
    expect(parseDateText('')).toEqual({ ok: true, iso: null });
  });
  it('refuses what is not a day, saying so', () => {
    expect(parseDateText('2021-02-29')).toEqual({ ok: false, message: '没有 2021 年 2 月 29 日这一天' });
    const r = parseDateText('明年');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('2020-01-01');
  });
});
