/**
 * Name normalisation for matching printed names (code-list names, table headers) that differ only
 * in typography: full-width vs half-width characters, bracket styles, quotes, dashes and spacing.
 * The result is a matching key, never shown to the user.
 *
 * normalizeName('维修（护）费') === normalizeName('维修(护)费')
 * normalizeName('因公出国（境）费') === normalizeName('因公出国(境)费')
 * normalizeName('“三公”经费') === normalizeName('"三公"经费') === normalizeName('三公经费')
 * normalizeName('收 入 总 计') === normalizeName('收入总计')
 */

const OPEN_BRACKETS = /[([{［｛【〔〖〈《「『﹙﹛⦅]/gu;
const CLOSE_BRACKETS = /[)\]}］｝】〕〗〉》」』﹚﹜⦆]/gu;
/** Quotation marks carry no meaning for matching ("三公"经费 is printed with and without them). */
const QUOTES = /["'`“”‘’„‟‹›«»＂＇]/gu;
const DASHES = /[‐‑‒–—―−﹣－～~]/gu;
const MIDDLE_DOTS = /[·・•∙‧]/gu;
/** Whitespace, including the ideographic space, plus zero-width and BOM characters. */
const SPACES = /[\s\u00a0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]/gu;

/**
 * Matching key for a printed name: NFKC (full-width letters, digits and punctuation become
 * half-width), every bracket style becomes ( ), quotes are dropped, dashes become '-', middle dots
 * become '·', full-width enumeration commas stay (、 is meaningful), and all whitespace is removed.
 */
export function normalizeName(s: string): string {
  return s
    .normalize('NFKC')
    .replace(SPACES, '')
    .replace(OPEN_BRACKETS, '(')
    .replace(CLOSE_BRACKETS, ')')
    .replace(QUOTES, '')
    .replace(DASHES, '-')
    .replace(MIDDLE_DOTS, '·')
    .replace(/，/gu, ',')
    .replace(/；/gu, ';')
    .replace(/：/gu, ':');
}

/** True when two printed names are the same after normalisation. */
export function sameName(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}
