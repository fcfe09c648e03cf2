import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fenToUnitNumber, formatFen, printedPrecisionFen, unitMaxDecimals, unitScaleFen } from './format';
import { fen, sumFen, addFen, type Fen } from './fen';

const f = (n: number): Fen => fen(n);

describe('formatFen', () => {
  it('prints 元 with thousands separators', () => {
    expect(formatFen(f(338000), { unit: 'yuan', decimals: 0 })).toBe('3,380');
    expect(formatFen(f(338000), { unit: 'yuan', decimals: 2 })).toBe('3,380.00');
    expect(formatFen(f(123456789), { unit: 'yuan', decimals: 2 })).toBe('1,234,567.89');
    expect(formatFen(f(123456789), { unit: 'yuan', decimals: 2, thousands: false })).toBe('1234567.89');
    expect(formatFen(f(99999), { unit: 'yuan', decimals: 2 })).toBe('999.99');
    expect(formatFen(f(100000), { unit: 'yuan', decimals: 2 })).toBe('1,000.00');
    expect(formatFen(f(5), { unit: 'yuan', decimals: 2 })).toBe('0.05');
    expect(formatFen(f(-5), { unit: 'yuan', decimals: 2 })).toBe('-0.05');
    expect(formatFen(f(-123456789), { unit: 'yuan', decimals: 2 })).toBe('-1,234,567.89');
    expect(formatFen(f(0), { unit: 'yuan', decimals: 2 })).toBe('0.00');
    expect(formatFen(f(Number.MAX_SAFE_INTEGER), { unit: 'yuan', decimals: 2 })).toBe('90,071,992,547,409.91');
    expect(formatFen(f(-Number.MAX_SAFE_INTEGER), { unit: 'wan', decimals: 6 })).toBe('-9,007,199,254.740991');
  });

  it('prints 万元 at any precision', () => {
    expect(formatFen(f(3_380_000_000), { unit: 'wan', decimals: 0 })).toBe('3,380');
    expect(formatFen(f(1_234_567_891), { unit: 'wan', decimals: 6 })).toBe('1,234.567891');
    expect(formatFen(f(1_234_567_891), { unit: 'wan', decimals: 4 })).toBe('1,234.5679');
    expect(formatFen(f(1_234_567_891), { unit: 'wan', decimals: 2 })).toBe('1,234.57');
    expect(formatFen(f(1), { unit: 'wan', decimals: 6 })).toBe('0.000001');
    expect(formatFen(f(1), { unit: 'wan', decimals: 2 })).toBe('0.00');
  });

  it('rounds half away from zero', () => {
    expect(formatFen(f(1_500_000), { unit: 'wan', decimals: 0 })).toBe('2');
    expect(formatFen(f(-1_500_000), { unit: 'wan', decimals: 0 })).toBe('-2');
    expect(formatFen(f(2_500_000), { unit: 'wan', decimals: 0 })).toBe('3'); // not banker's rounding
    expect(formatFen(f(1_499_999), { unit: 'wan', decimals: 0 })).toBe('1');
    expect(formatFen(f(-1_499_999), { unit: 'wan', decimals: 0 })).toBe('-1');
    expect(formatFen(f(12_345), { unit: 'wan', decimals: 2 })).toBe('0.01');
    expect(formatFen(f(15_000), { unit: 'wan', decimals: 2 })).toBe('0.02');
    expect(formatFen(f(150), { unit: 'yuan', decimals: 0 })).toBe('2');
    expect(formatFen(f(-150), { unit: 'yuan', decimals: 0 })).toBe('-2');
    expect(formatFen(f(149), { unit: 'yuan', decimals: 0 })).toBe('1');
    expect(formatFen(f(15), { unit: 'yuan', decimals: 1 })).toBe('0.2');
    expect(formatFen(f(99_950), { unit: 'yuan', decimals: 0 })).toBe('1,000'); // carry into a new group
    expect(formatFen(f(999_999_500_000), { unit: 'wan', decimals: 0 })).toBe('1,000,000');
  });

  it('never prints a negative zero', () => {
    expect(formatFen(f(-1), { unit: 'yuan', decimals: 0 })).toBe('0');
    expect(formatFen(f(-499_999), { unit: 'wan', decimals: 0 })).toBe('0');
    expect(formatFen(f(-4_999), { unit: 'wan', decimals: 2 })).toBe('0.00');
    expect(formatFen(f(-5_000), { unit: 'wan', decimals: 2 })).toBe('-0.01');
  });

  it('pads with zeros past the precision of 分', () => {
    expect(formatFen(f(123456789), { unit: 'yuan', decimals: 4 })).toBe('1,234,567.8900');
    expect(formatFen(f(1), { unit: 'wan', decimals: 8 })).toBe('0.00000100');
  });

  it('prints empty values as the empty text', () => {
    expect(formatFen(null, { unit: 'yuan', decimals: 2 })).toBe('');
    expect(formatFen(undefined, { unit: 'wan', decimals: 0 })).toBe('');
    expect(formatFen(null, { unit: 'yuan', decimals: 2, empty: '—' })).toBe('—');
    expect(formatFen(f(0), { unit: 'yuan', decimals: 0, empty: '—' })).toBe('0');
  });

  it('rejects non-integers and invalid decimals', () => {
    expect(() => formatFen(1.5 as Fen, { unit: 'yuan', decimals: 2 })).toThrow(RangeError);
    expect(() => formatFen(f(1), { unit: 'yuan', decimals: -1 })).toThrow(RangeError);
    expect(() => formatFen(f(1), { unit: 'yuan', decimals: 1.5 })).toThrow(RangeError);
  });

  it('matches an independent BigInt reference for random values and precisions', () => {
    // Reference: scale into units of the last digit with BigInt, round half away from zero.
    const reference = (n: number, unitDecimals: number, decimals: number): string => {
      const step = 10n ** BigInt(unitDecimals - decimals);
      const abs = BigInt(n < 0 ? -n : n);
      const q = (abs * 2n + step) / (2n * step); // floor(abs/step + 1/2)
      if (q === 0n) return decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`;
      const s = q.toString().padStart(decimals + 1, '0');
      const int = s.slice(0, s.length - decimals);
      const grouped = int.replace(/\B(?=(\d{3})+$)/g, ',');
      return `${n < 0 ? '-' : ''}${grouped}${decimals ? `.${s.slice(s.length - decimals)}` : ''}`;
    };
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.maxSafeInteger()),
        fc.constantFrom<'yuan' | 'wan'>('yuan', 'wan'),
        fc.nat(6),
        (n, unit, d) => {
          const unitDecimals = unit === 'yuan' ? 2 : 6;
          const decimals = Math.min(d, unitDecimals);
          expect(formatFen(f(n), { unit, decimals })).toBe(reference(n, unitDecimals, decimals));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('fenToUnitNumber', () => {
  it('gives the number printed, as the nearest double', () => {
    expect(fenToUnitNumber(f(123456), 'yuan', 2)).toBe(1234.56);
    expect(fenToUnitNumber(f(-123456), 'yuan', 2)).toBe(-1234.56);
    expect(fenToUnitNumber(f(123456), 'yuan', 0)).toBe(1235);
    expect(fenToUnitNumber(f(1_500_000), 'wan', 0)).toBe(2);
    expect(fenToUnitNumber(f(-1_500_000), 'wan', 0)).toBe(-2);
    expect(fenToUnitNumber(f(1_234_567_891), 'wan', 2)).toBe(1234.57);
    expect(fenToUnitNumber(f(1_234_567_891), 'wan', 6)).toBe(1234.567891);
    expect(fenToUnitNumber(f(29), 'yuan', 2)).toBe(0.29); // not 0.29000000000000004
    expect(fenToUnitNumber(f(8_200_000), 'wan', 6)).toBe(8.2);
    expect(Object.is(fenToUnitNumber(f(-1), 'yuan', 0), 0)).toBe(true);
  });

  it('equals Number() of the formatted text for random values', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.constantFrom<'yuan' | 'wan'>('yuan', 'wan'), fc.nat(6), (n, unit, decimals) => {
        const text = formatFen(f(n), { unit, decimals, thousands: false });
        expect(fenToUnitNumber(f(n), unit, decimals)).toBe(Number(text));
      }),
    );
  });
});

describe('unit helpers', () => {
  it('unitScaleFen', () => {
    expect(unitScaleFen('yuan')).toBe(100);
    expect(unitScaleFen('wan')).toBe(1_000_000);
  });

  it('unitMaxDecimals', () => {
    expect(unitMaxDecimals('yuan')).toBe(2);
    expect(unitMaxDecimals('wan')).toBe(6);
  });

  it('printedPrecisionFen', () => {
    expect(printedPrecisionFen('wan', 0)).toBe(1_000_000);
    expect(printedPrecisionFen('wan', 2)).toBe(10_000);
    expect(printedPrecisionFen('wan', 4)).toBe(100);
    expect(printedPrecisionFen('wan', 6)).toBe(1);
    expect(printedPrecisionFen('wan', 8)).toBe(1);
    expect(printedPrecisionFen('yuan', 0)).toBe(100);
    expect(printedPrecisionFen('yuan', 1)).toBe(10);
    expect(printedPrecisionFen('yuan', 2)).toBe(1);
    expect(() => printedPrecisionFen('yuan', -1)).toThrow(RangeError);
  });
});

describe('fen helpers', () => {
  it('sumFen treats empty as zero', () => {
    expect(sumFen([f(1), null, f(2), undefined, f(-5)])).toBe(-2);
    expect(sumFen([])).toBe(0);
    expect(addFen(null, undefined)).toBe(0);
    expect(addFen(f(7), null)).toBe(7);
  });

  it('sumFen equals the BigInt sum', () => {
    // Bounded so that every partial sum stays within the safe range (≤ 2^43 × 500 < 2^53).
    const amount = fc.integer({ min: -(2 ** 31), max: 2 ** 31 }).chain((lo) =>
      fc.integer({ min: -(2 ** 12), max: 2 ** 12 }).map((hi) => hi * 2 ** 31 + lo),
    );
    fc.assert(
      fc.property(fc.array(fc.option(amount, { nil: null }), { maxLength: 500 }), (values) => {
        const expected = values.reduce<bigint>((acc, v) => acc + BigInt(v ?? 0), 0n);
        expect(BigInt(sumFen(values as (Fen | null)[]))).toBe(expected);
      }),
    );
  });

  it('fen() rejects non-integers', () => {
    expect(() => fen(0.1 + 0.2)).toThrow(RangeError);
    expect(fen(12)).toBe(12);
  });
});
