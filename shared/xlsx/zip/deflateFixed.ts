/**
 * A small raw-deflate compressor in JavaScript for the workbook's many small parts (a 表15 sheet
 * is ~5 KB): greedy LZ77 over a short hash chain, one block with the fixed Huffman codes of RFC
 * 1951. For such parts it is cheaper than starting a platform CompressionStream per part, which
 * costs far more than compressing 5 KB; its output is ~15–30% larger than zlib's level 6.
 */

const WINDOW = 32768;
const WMASK = WINDOW - 1;
const MIN_MATCH = 3;
const MAX_MATCH = 258;
const HASH_BITS = 15;
const HASH_SIZE = 1 << HASH_BITS;
const MAX_CHAIN = 8;

function reverse(code: number, len: number): number {
  let r = 0;
  for (let i = 0; i < len; i++) {
    r = (r << 1) | (code & 1);
    code >>>= 1;
  }
  return r;
}

// Fixed literal/length codes (RFC 1951 3.2.6), bit-reversed for LSB-first output.
const LIT_CODE = new Uint16Array(288);
const LIT_LEN = new Uint8Array(288);
for (let s = 0; s < 288; s++) {
  const [base, first, len] = s < 144 ? [0x30, 0, 8] : s < 256 ? [0x190, 144, 9] : s < 280 ? [0, 256, 7] : [0xc0, 280, 8];
  LIT_CODE[s] = reverse(base + s - first, len);
  LIT_LEN[s] = len;
}

const LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

/** Per match length 3…258: the length symbol's index (0–28). */
const LEN_INDEX = new Uint8Array(MAX_MATCH + 1);
for (let i = 0; i < LEN_BASE.length; i++) {
  const end = i + 1 < LEN_BASE.length ? LEN_BASE[i + 1]! : MAX_MATCH + 1;
  for (let l = LEN_BASE[i]!; l < end; l++) LEN_INDEX[l] = i;
}
LEN_INDEX[MAX_MATCH] = 28;
/** Per distance 1…32768: the distance code (0–29). */
const DIST_INDEX = new Uint8Array(WINDOW + 1);
for (let i = 0; i < DIST_BASE.length; i++) {
  const end = i + 1 < DIST_BASE.length ? DIST_BASE[i + 1]! : WINDOW + 1;
  for (let d = DIST_BASE[i]!; d < end; d++) DIST_INDEX[d] = i;
}
const DIST_CODE = DIST_BASE.map((_, i) => reverse(i, 5));

// Match finder state, reused from call to call: positions are stored offset by `base`, so
// entries of earlier calls (all below the current base) read as empty without clearing.
const head = new Int32Array(HASH_SIZE).fill(-1);
const prev = new Int32Array(WINDOW).fill(-1);
let base = 0;

/** Raw deflate (RFC 1951) of the data: one final block with fixed Huffman codes. */
export function deflateFixed(data: Uint8Array): Uint8Array {
  const n = data.length;
  if (base > 0x3fffffff - n - WINDOW) {
    head.fill(-1);
    prev.fill(-1);
    base = 0;
  }
  const b = base;
  base += n + WINDOW;
  // Worst case: 9 bits per literal, plus the block header and end code.
  const out = new Uint8Array(Math.ceil((n * 9) / 8) + 8);
  let o = 0;
  let bits = 0;
  let count = 0;
  const put = (value: number, len: number) => {
    bits |= value << count;
    count += len;
    while (count >= 8) {
      out[o++] = bits & 0xff;
      bits >>>= 8;
      count -= 8;
    }
  };
  const insert = (i: number) => {
    const h = ((data[i]! << 10) ^ (data[i + 1]! << 5) ^ data[i + 2]!) & (HASH_SIZE - 1);
    prev[i & WMASK] = head[h]!;
    head[h] = i + b;
    return prev[i & WMASK]!;
  };

  put(1, 1); // BFINAL
  put(1, 2); // BTYPE = 01, fixed Huffman codes
  let i = 0;
  const last = n - MIN_MATCH;
  while (i < n) {
    let bestLen = 0;
    let bestDist = 0;
    if (i <= last) {
      let cand = insert(i);
      const limit = Math.min(MAX_MATCH, n - i);
      for (let chain = MAX_CHAIN; chain > 0 && cand >= b; chain--) {
        const p = cand - b;
        if (p >= i || i - p > WINDOW) break;
        if (data[p + bestLen] === data[i + bestLen]) {
          let len = 0;
          while (len < limit && data[p + len] === data[i + len]) len++;
          if (len > bestLen) {
            bestLen = len;
            bestDist = i - p;
            if (len === limit) break;
          }
        }
        cand = prev[p & WMASK]!;
      }
    }
    if (bestLen >= MIN_MATCH) {
      const li = LEN_INDEX[bestLen]!;
      const sym = 257 + li;
      put(LIT_CODE[sym]!, LIT_LEN[sym]!);
      if (LEN_EXTRA[li]) put(bestLen - LEN_BASE[li]!, LEN_EXTRA[li]!);
      const di = DIST_INDEX[bestDist]!;
      put(DIST_CODE[di]!, 5);
      if (DIST_EXTRA[di]) put(bestDist - DIST_BASE[di]!, DIST_EXTRA[di]!);
      const end = i + bestLen;
      for (i++; i < end; i++) if (i <= last) insert(i);
    } else {
      const c = data[i]!;
      put(LIT_CODE[c]!, LIT_LEN[c]!);
      i++;
    }
  }
  put(LIT_CODE[256]!, LIT_LEN[256]!);
  if (count > 0) out[o++] = bits & 0xff;
  return out.subarray(0, o);
}
