/**
 * Parse amounts as clerks type them or as Excel holds them, into exact integers of 分.
 *
 * Strings (typed text, text cells, CSV):
 * - full-width digits and punctuation (“１，２３４．５”, “－”, “（１２）”) are read as ASCII;
 * - surrounding whitespace (incl. no-break and ideographic spaces) is ignored;
 * - an optional sign, an optional “¥”/“￥”, accounting parentheses “(1,234)” for negatives;
 * - thousands separators in groups of 3 (“1,234,567”) or of 4 (Chinese grouping “123,4567”),
 *   never inside the decimals; “.5” and “5.” are accepted like Excel does;
 * - a trailing unit is accepted only if it is the column's unit (“元”, or “万元”/“万”);
 * - “”, whitespace, “-”, “－”, “—”, “——” mean an empty cell (value null);
 * - decimals are checked strictly: at most 2 for 元 and 6 for 万元 (trailing zeros do not count);
 * - scientific notation is rejected: Excel shows “1.23457E+11” when a column is too narrow,
 *   and that text has already lost digits.
 *
 * Numbers (numeric Excel cells): converted exactly through the shortest round-trip decimal
 * representation `String(n)` (no float multiplication). Formula results carry binary float noise
 * (0.1+0.2 = 0.30000000000000004), so with x the exact decimal value of `String(n)` in 分 and k
 * the nearest integer, the number is accepted as k 分 when
 *
 *     |x − k| ≤ max(0.001 分, 1e-13 × |k|)
 *
 * and rejected as having precision below 分 otherwise.
 * - The absolute 0.001 分 covers cancellation noise, which scales with the operands rather than
 *   with the result: 10000000000.05 − 9999999999.9 = 0.14999961853027344 (元), i.e. 3.8e-5 分 off.
 *   Typed values with 3 or 4 decimals in 元 (7 or 8 in 万元) are 0.1 or 0.01 分 off: rejected.
 * - The relative 1e-13 (≈ 450–900 ulps) covers accumulated noise of long sums of large amounts.
 *   A purely relative rule like 1e-9 would not do: above 1,000,000 元 it tolerates 0.1 分 and so
 *   would silently round a typed 1234567.891 元.
 */
import { AMOUNT_BOUND_TEXT, MAX_AMOUNT_FEN, type Fen, type MoneyUnit } from './fen';
import { UNIT_LABELS as UNIT_LABEL, unitMaxDecimals } from './format';

export type ParseResult = { ok: true; value: Fen | null } | { ok: false; message: string };


/** The domain bound on one amount (fen.ts): larger values are refused, never rounded. */
const MAX_AMOUNT = BigInt(MAX_AMOUNT_FEN);
const MAX_AMOUNT_DIGITS = String(MAX_AMOUNT_FEN).length; // 15
// |x − k| ≤ max(ABS, REL × |k|)  ⇔  distance × 10^13 ≤ max(10^10, |k|) × denominator (exact integers).
// Float noise tolerated in numeric cells (see module comment): max(0.001 分, 10^-13 × |k|).
const NOISE_SCALE = 10n ** 13n; // 1 / 10^-13, the relative noise
const NOISE_ABSOLUTE_SCALED = 10n ** 10n; // the absolute noise, 0.001 分, × NOISE_SCALE
const MAX_ECHO_LENGTH = 30;

const EMPTY_MARKERS = new Set(['', '-', '--', '—', '——', '―', '――', '–', '−']);
/** Characters besides whitespace that JS `trim` misses but pasted text carries. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

const ok = (value: Fen | null): ParseResult => ({ ok: true, value });
const fail = (message: string): ParseResult => ({ ok: false, message });

/** Show (a bounded prefix of) what the user entered inside a message. */
function echo(text: string): string {
  const chars = Array.from(text);
  return chars.length > MAX_ECHO_LENGTH ? `${chars.slice(0, MAX_ECHO_LENGTH).join('')}…` : text;
}

const invalid = (shown: string): ParseResult => fail(`“${echo(shown)}”不是有效的金额`);
const outOfRange = (shown: string): ParseResult => fail(`金额“${echo(shown)}”超出了允许的范围（${AMOUNT_BOUND_TEXT}）`);
const tooManyDecimals = (shown: string, unit: MoneyUnit): ParseResult =>
  fail(
    `金额“${echo(shown)}”的小数位超过了“分”（以${UNIT_LABEL[unit]}为单位最多 ${unitMaxDecimals(unit)} 位小数）`,
  );

/** Full-width ASCII variants (U+FF01–U+FF5E) → ASCII, other minus signs → “-”. */
function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u2212/g, '-');
}

/**
 * Exact conversion of a decimal `digits × 10^exponent` (digits: ASCII, no sign) into 分.
 * `strict`: any precision below 分 is an error; otherwise float noise is rounded away.
 */
function decimalToFen(
  negative: boolean,
  rawDigits: string,
  exponent: number,
  unit: MoneyUnit,
  strict: boolean,
  shown: string,
): ParseResult {
  let digits = rawDigits.replace(/^0+/, '');
  const trailing = /0*$/.exec(digits)?.[0].length ?? 0;
  digits = digits.slice(0, digits.length - trailing);
  if (digits === '') return ok(0 as Fen);
  // The value in 分 is digits × 10^fenExponent.
  const fenExponent = exponent + trailing + unitMaxDecimals(unit);
  const integerDigits = digits.length + fenExponent;
  if (integerDigits > MAX_AMOUNT_DIGITS) return outOfRange(shown);

  let magnitude: bigint;
  if (fenExponent >= 0) {
    magnitude = BigInt(digits) * 10n ** BigInt(fenExponent);
  } else {
    if (strict) return tooManyDecimals(shown, unit);
    if (integerDigits < -3) {
      // x < 10^-4 分: within the absolute tolerance of zero (and avoids huge powers of ten).
      magnitude = 0n;
    } else {
      const numerator = BigInt(digits);
      const denominator = 10n ** BigInt(-fenExponent);
      const floor = numerator / denominator;
      const remainder = numerator - floor * denominator;
      magnitude = 2n * remainder >= denominator ? floor + 1n : floor;
      const distance = magnitude > floor ? denominator - remainder : remainder;
      const allowed = magnitude > NOISE_ABSOLUTE_SCALED ? magnitude : NOISE_ABSOLUTE_SCALED;
      if (distance * NOISE_SCALE > allowed * denominator) return tooManyDecimals(shown, unit);
    }
  }
  if (magnitude > MAX_AMOUNT) return outOfRange(shown);
  const value = Number(magnitude);
  return ok((negative && value !== 0 ? -value : value) as Fen);
}

function parseNumber(n: number, unit: MoneyUnit): ParseResult {
  if (!Number.isFinite(n)) return fail(`数值“${String(n)}”不是有效的金额`);
  if (n === 0) return ok(0 as Fen); // also -0
  const text = String(n); // shortest round-trip: "-1234.5", "1e-7", "1.5e+21"
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (!match) return invalid(text); // unreachable for finite numbers
  const [, sign = '', intPart = '', fracPart = '', exp = '0'] = match;
  // Fast exact path: a plain decimal with at most the unit's decimals and at most 15 digits is an
  // exact integer of digits; times 10^k it stays exact while the product is a safe integer.
  const maxDecimals = unitMaxDecimals(unit);
  if (exp === '0' && fracPart.length <= maxDecimals && intPart.length + fracPart.length <= 15) {
    const fen = Number(intPart + fracPart) * 10 ** (maxDecimals - fracPart.length);
    if (Number.isSafeInteger(fen) && fen <= MAX_AMOUNT_FEN) return ok((sign === '-' && fen !== 0 ? -fen : fen) as Fen);
  }
  return decimalToFen(sign === '-', intPart + fracPart, Number(exp) - fracPart.length, unit, false, text);
}

const NUMBER_BODY = /^(\d*)(?:\.(\d*))?$/;
const GROUPED_3 = /^\d{1,3}(?:,\d{3})+$/;
const GROUPED_4 = /^\d{1,4}(?:,\d{4})+$/;

function parseText(input: string, unit: MoneyUnit): ParseResult {
  const shown = input.replace(INVISIBLE, '').trim();
  let text = toHalfWidth(shown).trim();
  if (EMPTY_MARKERS.has(text)) return ok(null);

  // Trailing unit: only the column's own unit is accepted.
  const unitMatch = /\s*(万元|万|元)$/.exec(text);
  if (unitMatch) {
    text = text.slice(0, unitMatch.index);
    if (text === '') return invalid(shown);
    const written: MoneyUnit = unitMatch[1] === '元' ? 'yuan' : 'wan';
    if (written !== unit) {
      return fail(`金额“${echo(shown)}”的单位是${UNIT_LABEL[written]}，本栏以${UNIT_LABEL[unit]}为单位`);
    }
  }

  // [sign] [currency] [sign] ( "(" [currency] body ")" | body ) — at most one sign overall.
  const shape =
    /^([+-])?\s*([¥￥])?\s*([+-])?\s*(?:\(\s*([¥￥])?\s*([^()\s]*)\s*\)|([^()\s]*))$/.exec(text);
  if (!shape) return invalid(shown);
  const [, sign1, currency1, sign2, currency2, parenBody, plainBody] = shape;
  const sign = sign1 ?? sign2;
  if (sign1 !== undefined && sign2 !== undefined) return invalid(shown);
  if (currency1 !== undefined && currency2 !== undefined) return invalid(shown);
  const inParentheses = parenBody !== undefined;
  if (inParentheses && sign !== undefined) return invalid(shown);
  const body = parenBody ?? plainBody ?? '';

  if (/^[\d,]*\.?\d*[eE][+-]?\d+$/.test(body) && /\d/.test(body.split(/[eE]/)[0] ?? '')) {
    return fail(`“${echo(shown)}”是科学计数法，可能已丢失位数，请输入完整的金额`);
  }
  const parts = NUMBER_BODY.exec(body.replace(/,/g, '')) ? body.split('.') : null;
  if (!parts || parts.length > 2) return invalid(shown);
  const intPart = parts[0] ?? '';
  const fracPart = parts[1] ?? '';
  if (intPart.includes(',') && !GROUPED_3.test(intPart) && !GROUPED_4.test(intPart)) {
    return fail(`金额“${echo(shown)}”中的千位分隔符“,”位置不对`);
  }
  if (fracPart.includes(',')) return invalid(shown);
  const intDigits = intPart.replace(/,/g, '');
  if (intDigits === '' && fracPart === '') return invalid(shown);

  const negative = sign === '-' || inParentheses;
  return decimalToFen(negative, intDigits + fracPart, -fracPart.length, unit, true, shown);
}

const NUMERIC_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,6}))?$/;
/** Longer number texts are no amount anyone wrote (and would make the exact arithmetic slow). */
const MAX_NUMERIC_TEXT = 400;

/**
 * The decimal text of a numeric cell as written in the file (`90071992547409.91`, `1.5E+3`), read
 * exactly rather than through a double: with the same float-noise tolerance as numbers (the text
 * may be a formula result written with 17 digits), and refused when it is out of range or has
 * digits below 分 beyond that noise.
 */
export function parseNumericText(text: string, unit: MoneyUnit): ParseResult {
  const m = text.length <= MAX_NUMERIC_TEXT ? NUMERIC_TEXT.exec(text.trim()) : null;
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return invalid(text);
  const [, sign = '', intPart = '', fracPart = '', exp = '0'] = m;
  return decimalToFen(sign === '-', intPart + fracPart, Number(exp) - fracPart.length, unit, false, text);
}

/**
 * Parse a typed or imported amount in the column's unit (元 or 万元) into 分.
 * Never throws: returns `{ ok: true, value }` (null for an empty cell) or `{ ok: false, message }`
 * with a message in Chinese for the user.
 */
export function parseAmount(input: string | number | null | undefined, unit: MoneyUnit): ParseResult {
  if (input === null || input === undefined) return ok(null);
  if (typeof input === 'number') return parseNumber(input, unit);
  if (typeof input === 'string') return parseText(input, unit);
  return fail('不是有效的金额'); // defensive: untyped callers (e.g. raw spreadsheet values)
}
