/**
 * Small pieces of XML reading for the workbook parts: entity decoding (including OOXML's
 * `_xHHHH_` escapes in cell text) and attribute lookup in a tag's attribute text.
 */

const ENTITY = /&(lt|gt|amp|quot|apos|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function codePoint(n: number): string {
  return n >= 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : '\ufffd';
}

/** XML character and entity references of attribute values and text. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  // Numeric references need a callback (one pass over everything); otherwise the five named ones
  // are replaced natively, &amp; last so that "&amp;lt;" stays "&lt;".
  if (s.indexOf('&#') >= 0) {
    return s.replace(ENTITY, (m, name: string, dec?: string, hex?: string) => {
      if (dec) return codePoint(Number(dec));
      if (hex) return codePoint(parseInt(hex, 16));
      return NAMED[name] ?? m;
    });
  }
  let t = s;
  if (t.indexOf('&quot;') >= 0) t = t.replaceAll('&quot;', '"');
  if (t.indexOf('&apos;') >= 0) t = t.replaceAll('&apos;', "'");
  if (t.indexOf('&lt;') >= 0) t = t.replaceAll('&lt;', '<');
  if (t.indexOf('&gt;') >= 0) t = t.replaceAll('&gt;', '>');
  if (t.indexOf('&amp;') >= 0) t = t.replaceAll('&amp;', '&');
  return t;
}

const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** Cell text: entities, then `_x000D_`-style escapes (`_x005F_` escapes a literal underscore). */
export function decodeCellText(s: string): string {
  const t = decodeEntities(s);
  if (t.indexOf('_x') < 0) return t;
  return t.replace(OOXML_ESCAPE, (_m, hex: string) => codePoint(parseInt(hex, 16)));
}

/** The value of attribute `name` (no namespace prefix unless given) in a tag's attribute text. */
export function attr(attrs: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const at = attrs.indexOf(name, from);
    if (at < 0) return undefined;
    from = at + name.length;
    const before = at === 0 ? ' ' : attrs[at - 1]!;
    if (before !== ' ' && before !== '\t' && before !== '\n' && before !== '\r') continue;
    let k = from;
    while (attrs[k] === ' ') k++;
    if (attrs[k] !== '=') continue;
    k++;
    while (attrs[k] === ' ') k++;
    const quote = attrs[k];
    if (quote !== '"' && quote !== "'") continue;
    const end = attrs.indexOf(quote, k + 1);
    if (end < 0) return undefined;
    return decodeEntities(attrs.slice(k + 1, end));
  }
}

export interface Tag {
  /** Local name (without namespace prefix). */
  name: string;
  /** The prefix with its colon (`x:`), or ''. */
  prefix: string;
  /** Index of '<'. */
  start: number;
  /** Attribute text (between the name and '>' or '/>'). */
  attrs: string;
  selfClosing: boolean;
  /** Index just after '>'. */
  end: number;
}

function isNameChar(ch: number): boolean {
  return (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || (ch >= 48 && ch <= 57) || ch === 95 || ch === 45 || ch === 46 || ch === 58;
}

/**
 * The next start tag whose local name `accept`s, from `from` (before `to`). Linear time: jumps from
 * '<' to '<' with indexOf, and stops for good when a tag has no closing '>' (none follows at all).
 */
export function nextTag(xml: string, from: number, to: number, accept: (name: string) => boolean): Tag | null {
  let i = xml.indexOf('<', from);
  while (i >= 0 && i < to) {
    let j = i + 1;
    while (j < xml.length && isNameChar(xml.charCodeAt(j))) j++;
    const next = xml.charCodeAt(j);
    if (j > i + 1 && (next === 62 || next === 47 || next === 32 || next === 9 || next === 10 || next === 13)) {
      const qname = xml.slice(i + 1, j);
      const colon = qname.lastIndexOf(':');
      const name = colon < 0 ? qname : qname.slice(colon + 1);
      if (accept(name)) {
        const gt = xml.indexOf('>', j);
        if (gt < 0) return null;
        const selfClosing = xml.charCodeAt(gt - 1) === 47;
        return { name, prefix: colon < 0 ? '' : qname.slice(0, colon + 1), start: i, attrs: xml.slice(j, selfClosing ? gt - 1 : gt), selfClosing, end: gt + 1 };
      }
    }
    i = xml.indexOf('<', i + 1);
  }
  return null;
}

/** Every element `<name …>` (any namespace prefix) in `xml`: its attribute text and inner XML. */
export function* elements(xml: string, name: string, from = 0, to = xml.length): Generator<{ attrs: string; inner: string; end: number }> {
  const accept = (n: string) => n === name;
  let at = from;
  for (let tag = nextTag(xml, at, to, accept); tag; tag = nextTag(xml, at, to, accept)) {
    if (tag.selfClosing) {
      at = tag.end;
      yield { attrs: tag.attrs, inner: '', end: tag.end };
      continue;
    }
    const close = `</${tag.prefix}${name}>`;
    const end = xml.indexOf(close, tag.end);
    if (end < 0) {
      yield { attrs: tag.attrs, inner: xml.slice(tag.end, to), end: to };
      return;
    }
    at = end + close.length;
    yield { attrs: tag.attrs, inner: xml.slice(tag.end, end), end: at };
  }
}

/** `inner` without its phonetic runs (`<rPh>…</rPh>`), in linear time. */
function withoutPhonetics(inner: string): string {
  let out = '';
  let at = 0;
  for (let tag = nextTag(inner, 0, inner.length, (n) => n === 'rPh'); tag; tag = nextTag(inner, at, inner.length, (n) => n === 'rPh')) {
    out += inner.slice(at, tag.start);
    if (tag.selfClosing) {
      at = tag.end;
      continue;
    }
    const close = `</${tag.prefix}rPh>`;
    const end = inner.indexOf(close, tag.end);
    if (end < 0) return out;
    at = end + close.length;
  }
  return out + inner.slice(at);
}

/** Concatenated text of the `<t>` elements of a string item, leaving out phonetic runs (`<rPh>`). */
export function stringItemText(inner: string): string {
  // The usual item: one plain <t> element.
  if (inner.startsWith('<t') && inner.endsWith('</t>') && inner.indexOf('<', 2) === inner.length - 4) {
    const gt = inner.indexOf('>');
    if (gt > 0 && (gt === 2 || inner.charCodeAt(2) === 32) && inner[gt - 1] !== '/') return decodeCellText(inner.slice(gt + 1, -4));
  }
  const clean = inner.indexOf('rPh') >= 0 ? withoutPhonetics(inner) : inner;
  let out = '';
  for (const t of elements(clean, 't')) out += decodeCellText(t.inner);
  return out;
}
