import { describe, expect, it } from 'vitest';
import { xmlSafe } from '../layout';
import { columnName, escapeText, escapeXml, needsPreserve, numberText } from './xmlText';

describe('escapeXml', () => {
  it('escapes the markup characters and quotes, and leaves clean text as it is', () => {
    expect(escapeXml('a & b < c > "d" \'e\'')).toBe('a &amp; b &lt; c &gt; &quot;d&quot; \'e\'');
    const clean = '部门预算 2020 (万元)';
    expect(escapeXml(clean)).toBe(clean);
  });

  it('escapeText leaves quotes alone (element content) and escapes the rest like escapeXml', () => {
    expect(escapeText('{"a":"<b> & c"}')).toBe('{"a":"&lt;b&gt; &amp; c"}');
    expect(escapeText('x\u0001\r\ny')).toBe('x&#13;\ny');
  });

  it('writes CR as a character reference so it survives parsing; keeps tab and LF', () => {
    expect(escapeXml('a\r\nb\tc')).toBe('a&#13;\nb\tc');
  });

  it('drops what XML cannot hold, as xmlSafe does, and keeps paired surrogates', () => {
    const raw = 'x\u0000y\u0001\u0008\u000b\u000c\u001f z\ufffe\uffff\ud800! 😀 \udc00end';
    expect(escapeXml(raw)).toBe(xmlSafe(raw).text);
    expect(escapeXml(raw)).toBe('xy z! 😀 end');
    expect(escapeXml('<\u0001>')).toBe('&lt;&gt;');
  });
});

describe('needsPreserve', () => {
  it('is true for edge spaces, tabs and line breaks only', () => {
    expect(needsPreserve(' a')).toBe(true);
    expect(needsPreserve('a ')).toBe(true);
    expect(needsPreserve('a\nb')).toBe(true);
    expect(needsPreserve('a\tb')).toBe(true);
    expect(needsPreserve('a b')).toBe(false);
    expect(needsPreserve('')).toBe(false);
  });
});

describe('numberText', () => {
  it('reads back as exactly the same double', () => {
    const samples = [0, 1, -1, 0.1 + 0.2, 1 / 3, 3380, 12.34, -5.5, 123456789.123456, 1e21, 1.5e-7, Number.MAX_SAFE_INTEGER, 2 ** -1074];
    let seed = 7;
    for (let i = 0; i < 1000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      samples.push((seed / 2 ** 31 - 0.5) * 10 ** ((seed % 30) - 10));
    }
    for (const n of samples) expect(Number(numberText(n))).toBe(n);
  });

  it('writes -0 as 0 and refuses non-finite numbers', () => {
    expect(numberText(-0)).toBe('0');
    expect(() => numberText(Number.NaN)).toThrow(RangeError);
    expect(() => numberText(Infinity)).toThrow(RangeError);
  });
});

describe('columnName', () => {
  it('names columns as Excel does', () => {
    expect([1, 2, 26, 27, 52, 53, 702, 703, 16384].map(columnName)).toEqual(['A', 'B', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
  });
});
