/**
 * The schema's key checks are character loops (documents hold ~10^5 ids and printed-total keys);
 * each must answer exactly as the rule written as a regular expression, on random strings built
 * from the characters the rule is about.
 */
import { describe, expect, it } from 'vitest';
import { isCellKey, isSafeId } from './document';

const SAFE_ID_RULE = /^(?!(?:constructor|hasOwnProperty|isPrototypeOf|propertyIsEnumerable|toString|valueOf|toLocaleString)$)[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const CELL_KEY_RULE = /^T\d{1,2}\|.+\|[^|]+$/;

function randomStrings(alphabet: readonly string[], count: number, maxLength: number, seed: number): string[] {
  let s = seed;
  const next = () => (s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const length = Math.floor(next() * (maxLength + 1));
    let t = '';
    for (let i = 0; i < length; i++) t += alphabet[Math.floor(next() * alphabet.length)];
    out.push(t);
  }
  return out;
}

describe('key checks of the document schema', () => {
  it('a safe id: as the regular expression', () => {
    const alphabet = ['a', 'Z', '0', '9', '_', '.', '-', '|', ':', ' ', '单', '/', '@', '`', '[', '{'];
    const cases = [...randomStrings(alphabet, 5_000, 8, 7), ...randomStrings(['a', '1', '-'], 200, 70, 3)];
    cases.push('constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty', 'u-bj', 'p.1', 'x'.repeat(64), 'x'.repeat(65), '');
    for (const id of cases) expect(isSafeId(id), JSON.stringify(id)).toBe(SAFE_ID_RULE.test(id));
  });

  it('a cell key: as the regular expression', () => {
    const alphabet = ['T', '1', '4', '0', '|', 'u', ':', 'x', '\n', '\r', '\u2028', ' ', '单'];
    const cases = randomStrings(alphabet, 20_000, 9, 11);
    cases.push('T4|u:a|total', 'T15|p:1|fiscal', 'T123|u|x', 'T|u|x', 'T4||x', 'T4|u|', 'T4|a|b|c', 'T4|a\n|b', 'T4|a|b\n', `T4|${'u'.repeat(492)}|x`, `T4|${'u'.repeat(493)}|x`);
    for (const key of cases) expect(isCellKey(key), JSON.stringify(key)).toBe(key.length <= 500 && CELL_KEY_RULE.test(key));
  });
});
