import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAmount, type ParseResult } from './parse';
import { formatFen } from './format';
import { MAX_AMOUNT_FEN, type Fen, type MoneyUnit } from './fen';

const CJK = /[\u4e00-\u9fff]/;

function value(input: string | number | null | undefined, unit: MoneyUnit): Fen | null {
  const result = parseAmount(input, unit);
  if (!result.ok) throw new Error(`expected ok for ${JSON.stringify(input)}, got: ${result.message}`);
  return result.value;
}

function message(input: string | number | null | undefined, unit: MoneyUnit): string {
  const result = parseAmount(input, unit);
  if (result.ok) throw new Error(`expected an error for ${JSON.stringify(input)}, got value ${result.value}`);
  return result.message;
}

describe('parseAmount: strings in 元', () => {
  it.each([
    ['0', 0],
    ['3380', 338000],
    ['3,380', 338000],
    ['1,234.56', 123456],
    ['1,234,567.8', 123456780],
    ['-1,234.5', -123450],
    ['+12', 1200],
    ['12.30', 1230],
    ['1.2300', 123], // trailing zeros are not extra precision
    ['.5', 50],
    ['5.', 500],
    ['007', 700],
    ['-0', 0],
    ['123,4567', 123456700], // Chinese 4-digit grouping
  ])('%j → %d 分', (input, expected) => {
    expect(value(input, 'yuan')).toBe(expected);
  });

  it('reads full-width digits, comma, period, minus and parentheses', () => {
    expect(value('１２３', 'yuan')).toBe(12300);
    expect(value('１，２３４．５', 'yuan')).toBe(123450);
    expect(value('－１，２３４．５', 'yuan')).toBe(-123450);
    expect(value('（１，２３４）', 'yuan')).toBe(-123400);
    expect(value('\u2212' + '5', 'yuan')).toBe(-500); // U+2212 minus sign
  });

  it('ignores surrounding spaces, no-break spaces, ideographic spaces and zero-width characters', () => {
    expect(value('  3,380  ', 'yuan')).toBe(338000);
    expect(value('\u00a01,234.5\u00a0', 'yuan')).toBe(123450);
    expect(value('\u3000１２\u3000', 'yuan')).toBe(1200);
    expect(value('\t12\n', 'yuan')).toBe(1200);
    expect(value('\ufeff\u200b12', 'yuan')).toBe(1200);
  });

  it('accepts a ￥/¥ prefix, before or after the sign', () => {
    expect(value('￥1,234', 'yuan')).toBe(123400);
    expect(value('¥1,234.5', 'yuan')).toBe(123450);
    expect(value('¥ 12', 'yuan')).toBe(1200);
    expect(value('-¥12', 'yuan')).toBe(-1200);
    expect(value('¥-12', 'yuan')).toBe(-1200);
    expect(value('￥－１２', 'yuan')).toBe(-1200);
  });

  it('reads accounting parentheses as negative', () => {
    expect(value('(1,234)', 'yuan')).toBe(-123400);
    expect(value('(1,234.56)', 'yuan')).toBe(-123456);
    expect(value('( 12 )', 'yuan')).toBe(-1200);
    expect(value('¥(12)', 'yuan')).toBe(-1200);
    expect(value('(¥12)', 'yuan')).toBe(-1200);
    expect(value('(0)', 'yuan')).toBe(0);
    expect(Object.is(value('(0)', 'yuan'), -0)).toBe(false);
  });

  it('accepts a trailing unit only when it is the column unit', () => {
    expect(value('3,380元', 'yuan')).toBe(338000);
    expect(value('3,380 元', 'yuan')).toBe(338000);
    expect(value('12万元', 'wan')).toBe(12_000_000);
    expect(value('12万', 'wan')).toBe(12_000_000);
    expect(value('1.5 万元', 'wan')).toBe(1_500_000);
    expect(message('3,380元', 'wan')).toBe('金额“3,380元”的单位是元，本栏以万元为单位');
    expect(message('12万元', 'yuan')).toBe('金额“12万元”的单位是万元，本栏以元为单位');
    expect(message('12万', 'yuan')).toBe('金额“12万”的单位是万元，本栏以元为单位');
    expect(message('元', 'yuan')).toBe('“元”不是有效的金额');
  });

  it.each(['', ' ', '\u00a0', '\u3000', '-', '—', '－', '——', ' - ', '--', '―'])('%j is an empty cell', (input) => {
    expect(parseAmount(input, 'yuan')).toEqual({ ok: true, value: null });
    expect(parseAmount(input, 'wan')).toEqual({ ok: true, value: null });
  });

  it('null and undefined are empty cells', () => {
    expect(parseAmount(null, 'yuan')).toEqual({ ok: true, value: null });
    expect(parseAmount(undefined, 'wan')).toEqual({ ok: true, value: null });
  });

  it('rejects malformed numbers with a message naming the input', () => {
    expect(message('12.3.4', 'yuan')).toBe('“12.3.4”不是有效的金额');
    expect(message('abc', 'yuan')).toBe('“abc”不是有效的金额');
    expect(message('12a', 'yuan')).toBe('“12a”不是有效的金额');
    expect(message('一百', 'yuan')).toBe('“一百”不是有效的金额');
    expect(message('.', 'yuan')).toBe('“.”不是有效的金额');
    expect(message('1 234', 'yuan')).toBe('“1 234”不是有效的金额');
    expect(message('--5', 'yuan')).toBe('“--5”不是有效的金额');
    expect(message('-(5)', 'yuan')).toBe('“-(5)”不是有效的金额');
    expect(message('(5', 'yuan')).toBe('“(5”不是有效的金额');
    expect(message('5%', 'yuan')).toBe('“5%”不是有效的金额');
    expect(message('1.234,5', 'yuan')).toBe('“1.234,5”不是有效的金额');
    expect(message('NaN', 'yuan')).toBe('“NaN”不是有效的金额');
    expect(message('Infinity', 'yuan')).toBe('“Infinity”不是有效的金额');
  });

  it('rejects misplaced thousands separators (e.g. a decimal comma)', () => {
    expect(message('12,34', 'yuan')).toBe('金额“12,34”中的千位分隔符“,”位置不对');
    expect(message('1,5', 'yuan')).toBe('金额“1,5”中的千位分隔符“,”位置不对');
    expect(message(',123', 'yuan')).toBe('金额“,123”中的千位分隔符“,”位置不对');
    expect(message('1,234,5678', 'yuan')).toBe('金额“1,234,5678”中的千位分隔符“,”位置不对');
  });

  it('rejects scientific notation in text (Excel shows it when digits were lost)', () => {
    expect(message('1.23457E+11', 'yuan')).toBe('“1.23457E+11”是科学计数法，可能已丢失位数，请输入完整的金额');
    expect(message('1e5', 'wan')).toBe('“1e5”是科学计数法，可能已丢失位数，请输入完整的金额');
    expect(message('e5', 'yuan')).toBe('“e5”不是有效的金额');
  });

  it('rejects more decimals than 分', () => {
    expect(message('1.234', 'yuan')).toBe('金额“1.234”的小数位超过了“分”（以元为单位最多 2 位小数）');
    expect(message('-0.001', 'yuan')).toBe('金额“-0.001”的小数位超过了“分”（以元为单位最多 2 位小数）');
    expect(message('1.2345678', 'wan')).toBe('金额“1.2345678”的小数位超过了“分”（以万元为单位最多 6 位小数）');
  });

  it('echoes long inputs truncated', () => {
    const msg = message('x'.repeat(100), 'yuan');
    expect(msg).toBe(`“${'x'.repeat(30)}…”不是有效的金额`);
  });

  it('rejects amounts beyond the domain bound (|amount| < 10^15 分, i.e. below 10 万亿元)', () => {
    expect(value('9,999,999,999,999.99', 'yuan')).toBe(999_999_999_999_999);
    expect(value('-9999999999999.99', 'yuan')).toBe(-999_999_999_999_999);
    expect(message('10,000,000,000,000', 'yuan')).toBe('金额“10,000,000,000,000”超出了允许的范围（绝对值须小于 10 万亿元）');
    // the cell: 50,000,000,000,000 元 (a safe integer of 分, but no department's amount)
    expect(message('50000000000000', 'yuan')).toMatch(/超出了允许的范围/);
    expect(message(50_000_000_000_000, 'yuan')).toMatch(/超出了允许的范围/);
    expect(message('90,071,992,547,409.91', 'yuan')).toMatch(/超出了允许的范围/);
    expect(message('99999999999999999', 'yuan')).toBe('金额“99999999999999999”超出了允许的范围（绝对值须小于 10 万亿元）');
    expect(message('1' + '0'.repeat(400), 'yuan')).toMatch(/^金额“10+…”超出了允许的范围（绝对值须小于 10 万亿元）$/);
    expect(value('999999999.999999', 'wan')).toBe(999_999_999_999_999);
    expect(message('1000000000', 'wan')).toMatch(/超出了允许的范围/);
    expect(message(1000000000.000001, 'wan')).toMatch(/超出了允许的范围/);
  });

  it('very long zero-padded inputs stay exact', () => {
    expect(value('0'.repeat(1000) + '12.50', 'yuan')).toBe(1250);
    expect(value('12.' + '0'.repeat(1000), 'yuan')).toBe(1200);
  });
});

describe('parseAmount: strings in 万元', () => {
  it.each([
    ['1', 1_000_000],
    ['3,380', 3_380_000_000],
    ['1.5', 1_500_000],
    ['0.000001', 1],
    ['-0.000001', -1],
    ['1,234.567891', 1_234_567_891],
    ['(2.5)', -2_500_000],
    ['１２．３４', 12_340_000],
  ])('%j → %d 分', (input, expected) => {
    expect(value(input, 'wan')).toBe(expected);
  });
});

describe('parseAmount: numbers (Excel cells)', () => {
  it('converts exact values without float multiplication', () => {
    expect(value(1234.56, 'yuan')).toBe(123456);
    expect(value(-1234.5, 'yuan')).toBe(-123450);
    expect(value(0.29, 'yuan')).toBe(29); // 0.29 * 100 = 28.999999999999996 in floats
    expect(value(1.13, 'yuan')).toBe(113); // 1.13 * 100 = 112.99999999999999
    expect(value(8.2, 'wan')).toBe(8_200_000); // 8.2 * 1e6 = 8199999.999999999
    expect(value(0.000001, 'wan')).toBe(1);
    expect(value(3380, 'yuan')).toBe(338000);
  });

  it('zero and negative zero are 0 (never -0)', () => {
    expect(Object.is(value(-0, 'yuan'), 0)).toBe(true);
    expect(Object.is(value(0, 'wan'), 0)).toBe(true);
    expect(Object.is(value(-1e-20, 'yuan'), 0)).toBe(true);
  });

  it('rounds away float noise', () => {
    expect(value(1234.5600000000001, 'wan')).toBe(1_234_560_000); // String() gives 1234.5600000000002
    expect(value(0.1 + 0.2, 'yuan')).toBe(30); // 0.30000000000000004
    expect(value(1.1368683772161603e-13, 'yuan')).toBe(0); // exponent notation, residue of a subtraction
    expect(value(-1.1368683772161603e-13, 'wan')).toBe(0);
    expect(value(1000000.01 - 1000000, 'yuan')).toBe(1); // 0.010000000009313226
    expect(value(10000000000.05 - 9999999999.9, 'yuan')).toBe(15); // 0.14999961853027344
    expect(value(0.29 / 10000, 'wan')).toBe(29); // 0.000028999999999999997
    expect(value(1.1 + 2.2, 'yuan')).toBe(330); // 3.3000000000000003
  });

  it('rejects real precision below 分 (rule: |x − k| ≤ max(0.001 分, 1e-13 × |k|))', () => {
    expect(message(1234.567, 'yuan')).toBe('金额“1234.567”的小数位超过了“分”（以元为单位最多 2 位小数）');
    expect(message(1234567.891, 'yuan')).toMatch(/小数位超过了“分”/); // a purely relative 1e-9 rule would accept this
    expect(message(1.2345678, 'wan')).toMatch(/小数位超过了“分”/);
    expect(message(1e-7, 'wan')).toBe('金额“1e-7”的小数位超过了“分”（以万元为单位最多 6 位小数）'); // 0.1 分
    expect(value(1e-7, 'yuan')).toBe(0); // 0.00001 分: below the absolute tolerance
    expect(message(1.5e-7, 'wan')).toMatch(/小数位超过了“分”/); // 0.15 分
    // the absolute part: 0.001 分 tolerated, 0.002 分 not
    expect(value(100.00001, 'yuan')).toBe(10000);
    expect(message(100.00002, 'yuan')).toMatch(/小数位超过了“分”/);
    // the relative part: 0.1 分 off is tolerated at 10^13 分, not at 10^11 分
    expect(value(100000000000.001, 'yuan')).toBe(10_000_000_000_000);
    expect(message(1000000000.001, 'yuan')).toMatch(/小数位超过了“分”/);
  });

  it('rejects non-finite and out-of-range numbers', () => {
    expect(message(Number.NaN, 'yuan')).toBe('数值“NaN”不是有效的金额');
    expect(message(Number.POSITIVE_INFINITY, 'yuan')).toBe('数值“Infinity”不是有效的金额');
    expect(message(Number.NEGATIVE_INFINITY, 'wan')).toBe('数值“-Infinity”不是有效的金额');
    expect(message(1.5e21, 'yuan')).toBe('金额“1.5e+21”超出了允许的范围（绝对值须小于 10 万亿元）');
    expect(message(-1e300, 'wan')).toBe('金额“-1e+300”超出了允许的范围（绝对值须小于 10 万亿元）');
    expect(message(90071992547409.92, 'yuan')).toBe('金额“90071992547409.92”超出了允许的范围（绝对值须小于 10 万亿元）');
    expect(message(Number.MAX_VALUE, 'yuan')).toMatch(/超出了允许的范围（绝对值须小于 10 万亿元）/);
  });

  it('rejects values of other types instead of throwing', () => {
    expect(parseAmount(true as unknown as string, 'yuan')).toEqual({ ok: false, message: '不是有效的金额' });
  });
});

describe('parseAmount: properties', () => {
  const fenValues = fc.oneof(
    fc.integer({ min: -1_000_000, max: 1_000_000 }),
    fc.integer({ min: -MAX_AMOUNT_FEN, max: MAX_AMOUNT_FEN }), // the whole domain, both signs
  );

  function expectWellFormed(result: ParseResult): void {
    if (result.ok) {
      if (result.value !== null) {
        expect(Number.isSafeInteger(result.value)).toBe(true);
        expect(Math.abs(result.value)).toBeLessThanOrEqual(MAX_AMOUNT_FEN);
        expect(Object.is(result.value, -0)).toBe(false);
      }
    } else {
      expect(result.message.length).toBeGreaterThan(0);
      expect(result.message).toMatch(CJK);
    }
  }

  it('never throws on arbitrary strings', () => {
    for (const arb of [fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme', maxLength: 40 })]) {
      fc.assert(
        fc.property(arb, fc.constantFrom<MoneyUnit>('yuan', 'wan'), (s, unit) => {
          expectWellFormed(parseAmount(s, unit));
        }),
      );
    }
  });

  it('never throws on money-like strings', () => {
    const chars = fc.constantFrom(...'0123456789,.-+()¥￥元万 eE１２，．－（）\u00a0—'.split(''));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 24 }).map((cs) => cs.join('')), fc.constantFrom<MoneyUnit>('yuan', 'wan'), (s, unit) => {
        expectWellFormed(parseAmount(s, unit));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary numbers; accepted ones are safe integers', () => {
    fc.assert(
      fc.property(fc.double(), fc.constantFrom<MoneyUnit>('yuan', 'wan'), (n, unit) => {
        expectWellFormed(parseAmount(n, unit));
      }),
      { numRuns: 2000 },
    );
  });

  it('format∘parse round-trips at 元 with 2 decimals', () => {
    fc.assert(
      fc.property(fenValues, fc.boolean(), (n, thousands) => {
        const text = formatFen(n as Fen, { unit: 'yuan', decimals: 2, thousands });
        expect(value(text, 'yuan')).toBe(n);
      }),
      { numRuns: 1000 },
    );
  });

  it('format∘parse round-trips at 万元 with 6 decimals', () => {
    fc.assert(
      fc.property(fenValues, fc.boolean(), (n, thousands) => {
        const text = formatFen(n as Fen, { unit: 'wan', decimals: 6, thousands });
        expect(value(text, 'wan')).toBe(n);
      }),
      { numRuns: 1000 },
    );
  });

  it('a decimal built independently from an integer of 分 parses back to it (元 and 万元)', () => {
    fc.assert(
      fc.property(fenValues, (n) => {
        const digits = Math.abs(n).toString();
        const yuan = `${n < 0 ? '-' : ''}${digits.padStart(3, '0').slice(0, -2)}.${digits.padStart(3, '0').slice(-2)}`;
        const wan = `${n < 0 ? '-' : ''}${digits.padStart(7, '0').slice(0, -6)}.${digits.padStart(7, '0').slice(-6)}`;
        expect(value(yuan, 'yuan')).toBe(n);
        expect(value(wan, 'wan')).toBe(n);
      }),
      { numRuns: 1000 },
    );
  });

  it('a numeric cell gives the same 分 as its shortest decimal text whenever that text is exact', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.integer({ min: -1e9, max: 1e9 }).map((k) => k / 100)), fc.constantFrom<MoneyUnit>('yuan', 'wan'), (n, unit) => {
        const text = parseAmount(String(n), unit);
        if (!text.ok || /e/i.test(String(n))) return;
        expect(parseAmount(n, unit)).toEqual(text);
      }),
      { numRuns: 3000 },
    );
  });

  it('the double nearest to n/100 元 (or n/1e6 万元) parses back to n 分', () => {
    // |n| ≤ 2^49 (within the domain bound): a double still has ~3 decimal digits below 分 there, so n/100 identifies n.
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 }), fc.integer({ min: 0, max: 2 ** 18 - 1 }), (lo, hi) => {
        const n = hi * 2 ** 31 + lo;
        expect(value(n / 100, 'yuan')).toBe(n);
        expect(value(n / 1_000_000, 'wan')).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });
});
