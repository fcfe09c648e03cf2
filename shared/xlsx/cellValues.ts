/**
 * Reading cell values (read/parsedSheet.ts) as text and as amounts: numbers stored as numbers, as text with
 * thousands separators, formulas (their cached result), rich text; "-", "—" and blanks are empty.
 */
import type { DisplayUnit } from '../model/document';
import { parseAmount, parseNumericText } from '../money/parse';
import type { Fen } from '../money/fen';
import { printedPrecisionFen } from '../money/format';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A date cell as YYYY-MM-DD (Excel dates are read as UTC midnight). */
export function isoDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** `HH:MM:SS` (hours past 24 for durations), seconds rounded. */
function clock(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const total = Math.round(Math.abs(seconds));
  return `${sign}${pad(Math.floor(total / 3600))}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`;
}

/** The raw value a formula or rich-text wrapper stands for (a long number's text: its number). */
export function unwrap(v: unknown): unknown {
  if (!isObj(v) || v instanceof Date) return v;
  if ('number' in v && typeof v.number === 'number' && typeof v.text === 'string') return v.number;
  if ('richText' in v && Array.isArray(v.richText)) return (v.richText as unknown[]).map((r) => (isObj(r) && typeof r.text === 'string' ? r.text : '')).join('');
  if ('formula' in v || 'sharedFormula' in v) return 'result' in v ? unwrap(v.result) : undefined;
  if ('text' in v && typeof v.text === 'string') return v.text;
  if ('error' in v) return v;
  return v;
}

/** Text of a cell as shown (numbers as their shortest decimal form). */
export function textOf(v: unknown): string {
  const u = unwrap(v);
  if (u === null || u === undefined) return '';
  if (typeof u === 'string') return u;
  if (typeof u === 'number') return Number.isFinite(u) ? String(u) : '';
  if (typeof u === 'boolean') return u ? 'TRUE' : 'FALSE';
  if (u instanceof Date) return Number.isNaN(u.getTime()) ? '' : isoDate(u);
  if (isObj(u) && typeof u.error === 'string') return u.error;
  if (isObj(u) && typeof u.time === 'number') return clock(u.time);
  if (isObj(u) && typeof u.duration === 'number') return clock(u.duration * 86_400);
  if (isObj(u) && typeof u.invalidDate === 'number') return String(u.invalidDate);
  return '';
}

/** A long number's exact decimal text (see NumberText in read/parsedSheet.ts), through formulas. */
function numberText(v: unknown): string | undefined {
  let u = v;
  if (isObj(u) && 'formula' in u) u = u.result;
  return isObj(u) && typeof u.number === 'number' && typeof u.text === 'string' ? u.text : undefined;
}

export type AmountRead = { ok: true; value: Fen | null } | { ok: false; message: string };

/** An amount cell in the sheet's unit, as 分. */
export function amountOf(v: unknown, unit: DisplayUnit): AmountRead {
  if (isObj(v) && ('formula' in v || 'sharedFormula' in v) && !('result' in v && v.result !== undefined && v.result !== null)) {
    return { ok: false, message: '公式没有保存计算结果（请在 Excel 中打开并保存后再导入）' };
  }
  const exact = numberText(v);
  if (exact !== undefined) {
    const r = parseNumericText(exact, unit);
    return r.ok ? r : { ok: false, message: r.message };
  }
  const u = unwrap(v);
  if (u === null || u === undefined) return { ok: true, value: null };
  if (typeof u === 'number') {
    const r = parseAmount(u, unit);
    return r.ok ? r : { ok: false, message: r.message };
  }
  if (typeof u === 'string') {
    const r = parseAmount(u, unit);
    return r.ok ? r : { ok: false, message: r.message };
  }
  if (u instanceof Date) return { ok: false, message: '是日期，不是金额' };
  if (isObj(u) && (typeof u.time === 'number' || typeof u.duration === 'number')) return { ok: false, message: '是时间，不是金额' };
  if (isObj(u) && typeof u.invalidDate === 'number') return { ok: false, message: `设置为日期格式，但 ${u.invalidDate} 不是有效的日期（Excel 显示为 ####），也不作为金额读取` };
  if (typeof u === 'boolean') return { ok: false, message: `“${u ? 'TRUE' : 'FALSE'}”不是金额` };
  if (isObj(u) && typeof u.error === 'string') return { ok: false, message: `是错误值“${u.error}”，不是金额` };
  return { ok: false, message: '不是有效的金额' };
}

const decimalsByFormat = new Map<string, number | null>();

/** Decimals a number format prints (`#,##0.00` → 2; General/text → null). */
export function formatDecimals(numFmt: string | undefined): number | null {
  if (!numFmt || numFmt === 'General' || numFmt === '@') return null;
  let d = decimalsByFormat.get(numFmt);
  if (d === undefined) {
    d = decimalsOfFormat(numFmt);
    if (decimalsByFormat.size < 1000) decimalsByFormat.set(numFmt, d);
  }
  return d;
}

function decimalsOfFormat(numFmt: string): number | null {
  const section = numFmt.split(';')[0]!.replace(/"[^"]*"|\\./g, '');
  const m = /\.([0#?]+)/.exec(section);
  if (m) return m[1]!.length;
  return /[0#]/.test(section) ? 0 : null;
}

/**
 * Decimals an amount written as text prints (“0.1370” → 4, “1,234” → 0); null for a number cell,
 * whose printed decimals are its format's. At most the unit's finest digit.
 */
export function textDecimals(v: unknown, unit: DisplayUnit): number | null {
  if (numberText(v) !== undefined) return null;
  const u = unwrap(v);
  if (typeof u !== 'string') return null;
  const m = /\.(\d+)[^\d]*$/.exec(u.trim());
  return Math.min(m ? m[1]!.length : 0, unit === 'wan' ? 6 : 2);
}

/** Fewest decimals (in the unit) that express `fen` exactly. */
export function decimalsOf(fen: number, unit: DisplayUnit): number {
  const max = unit === 'wan' ? 6 : 2;
  for (let d = 0; d < max; d++) if (fen % printedPrecisionFen(unit, d) === 0) return d;
  return max;
}

/** Step (分) of the last printed digit of a set of amounts: the finest any of them needs. */
export function printedStepOf(values: Iterable<number>, unit: DisplayUnit): number {
  let d = 0;
  for (const v of values) d = Math.max(d, decimalsOf(v, unit));
  return printedPrecisionFen(unit, d);
}
