/**
 * Project-form dates in every shape the reader gives: a date, a formula whose result is a date, date
 * text, and what is no date (a time of day, an invalid serial) reported with its text as shown.
 */
import { describe, expect, it } from 'vitest';
import { readDate } from './assembleForms';
import type { ImportContext } from './importContext';

function read(raw: unknown): { value: string | null | undefined; issues: string[] } {
  const issues: string[] = [];
  const ctx = { cellIssue: (_ref: string, message: string) => issues.push(message) } as unknown as ImportContext;
  return { value: readDate(ctx, raw, '表15-1!B3'), issues };
}

describe('project form dates', () => {
  it('reads dates, formula results that are dates, and date text', () => {
    expect(read(new Date(Date.UTC(2020, 0, 31))).value).toBe('2020-01-31');
    expect(read({ formula: 'DATE(2020,1,31)', result: new Date(Date.UTC(2020, 0, 31)) }).value).toBe('2020-01-31');
    expect(read('2020年1月31日').value).toBe('2020-01-31');
  });

  it('reports what is no date with its text as shown, never “[object Object]”', () => {
    expect(read({ time: 43_200 })).toEqual({ value: undefined, issues: [expect.stringContaining('“12:00:00”')] });
    expect(read({ invalidDate: -5 })).toEqual({ value: undefined, issues: [expect.stringContaining('“-5”')] });
  });
});
