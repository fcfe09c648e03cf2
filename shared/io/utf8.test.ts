/**
 * `.budget` bytes that are not UTF-8 are refused with the offset of the first bad byte, never
 * turned into U+FFFD. The validator is compared with Node's own strict decoder on random bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smallBudget } from '../../tests/fixtures/smallBudget';
import { parseBudgetBytes, serializeBudget } from './budgetFile';
import { firstInvalidUtf8 } from './utf8';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('strict UTF-8 for .budget files', () => {
  it('refuses an invalid byte inside a name, with its offset', () => {
    const text = serializeBudget(smallBudget());
    const bytes = utf8(text);
    const at = utf8(text.slice(0, text.indexOf('市测试局本级'))).length; // first byte of 市
    const bad = bytes.slice();
    bad[at + 1] = 0x41; // 市 = E5 B8 82: the second byte is no continuation byte any more
    const r = parseBudgetBytes(bad, '预算.budget');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('encoding');
    expect(r.error.message).toBe(`文件“预算.budget”不是有效的预算文件：第 ${at} 字节处（从 0 起算）不是有效的 UTF-8 编码。预算文件必须是 UTF-8 编码的文本，文件可能已损坏。`);
  });

  it('says when a file looks like UTF-16', () => {
    const r = parseBudgetBytes(new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]), 'a.budget');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('第 0 字节处（从 0 起算）不是有效的 UTF-8 编码（文件看起来是 UTF-16 编码，请另存为 UTF-8）');
  });

  it('accepts valid UTF-8 with a byte order mark', () => {
    const bytes = utf8(`\ufeff${serializeBudget(smallBudget())}`);
    expect(parseBudgetBytes(bytes, 'a.budget').ok).toBe(true);
  });

  it('finds overlong forms, surrogates, code points above U+10FFFF and truncated sequences', () => {
    expect(firstInvalidUtf8(utf8('ab中文𝄞'))).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xc0, 0xaf]))).toBe(1); // overlong '/'
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0x62, 0xe0, 0x80, 0xaf]))).toBe(2); // overlong 3-byte
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0); // U+D800
    expect(firstInvalidUtf8(new Uint8Array([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // U+110000
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xe4, 0xb8]))).toBe(1); // truncated at the end
    expect(firstInvalidUtf8(new Uint8Array([0x80]))).toBe(0); // lone continuation byte
    expect(firstInvalidUtf8(new Uint8Array([0xf5, 0x80, 0x80, 0x80]))).toBe(0);
  });

  it('agrees with the platform decoder on random bytes (valid exactly when it decodes)', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const bytes = fc.oneof(fc.uint8Array({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }).map((s) => utf8(s)), fc.tuple(fc.string({ maxLength: 6 }), fc.uint8Array({ maxLength: 3 })).map(([s, b]) => new Uint8Array([...utf8(s), ...b])));
    fc.assert(
      fc.property(bytes, (b) => {
        let valid = true;
        try {
          strict.decode(b);
        } catch {
          valid = false;
        }
        const at = firstInvalidUtf8(b);
        expect(at === -1).toBe(valid);
        if (at >= 0) {
          // everything before the offset decodes; the offset starts the bad sequence
          expect(() => strict.decode(b.subarray(0, at))).not.toThrow();
        }
      }),
      { numRuns: 5000 },
    );
  });
});
