/**
 * The XML tokenizer of the workbook reader, shared by the zip guard's counting: markup that is no
 * element (comments, CDATA sections, processing instructions, a document type declaration) is
 * skipped as a whole, so a `<row>` inside a comment is neither read nor counted; element names are
 * matched by their local part after any namespace prefix; attributes in either quote style.
 * Text content: CDATA taken literally, end-of-line normalised (CR LF and lone CR → LF, as XML
 * requires), the five predefined entities and character references decoded, and OOXML's `_xHHHH_`
 * escapes in cell text. No other entity is ever expanded (a DTD's entities stay literal text, so
 * neither external nor recursive ones can do anything).
 */

const ENTITY = /&(lt|gt|amp|quot|apos|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function codePoint(n: number): string {
  return n >= 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : '\ufffd';
}

/**
 * At a '<' (index `i`): the index just after the comment, CDATA section, processing instruction or
 * declaration starting there; `i` itself when a tag starts there; -1 when the markup never ends.
 */
export function skipMarkup(xml: string, i: number): number {
  const next = xml.charCodeAt(i + 1);
  if (next === 63 /* ? */) return endAfter(xml, '?>', i + 2);
  if (next !== 33 /* ! */) return i;
  if (xml.startsWith('--', i + 2)) return endAfter(xml, '-->', i + 4);
  if (xml.startsWith('[CDATA[', i + 2)) return endAfter(xml, ']]>', i + 9);
  // <!DOCTYPE …> with an optional internal subset […] (whose declarations are skipped, never used).
  const gt = xml.indexOf('>', i + 2);
  const bracket = xml.indexOf('[', i + 2);
  if (bracket >= 0 && (gt < 0 || bracket < gt)) return endAfter(xml, ']>', bracket);
  return gt < 0 ? -1 : gt + 1;
}

/** Whether the document declares a document type (`<!DOCTYPE`) before its root element. */
export function hasDoctype(xml: string): boolean {
  for (let i = xml.indexOf('<'); i >= 0; ) {
    if (xml.startsWith('<!DOCTYPE', i) || xml.startsWith('<!doctype', i)) return true;
    const skip = skipMarkup(xml, i);
    if (skip === i || skip < 0) return false;
    i = xml.indexOf('<', skip);
  }
  return false;
}

/**
 * Finds end tags in a text, never inside a comment, CDATA section or processing instruction: only
 * the '<' between the start and the candidate end tag are looked at, so a search costs the length of
 * the element's content and a scan over consecutive elements stays linear, however many comments
 * there are (each is skipped once).
 */
export class CloseFinder {
  constructor(private readonly xml: string) {}

  /** Index of `close` at or after `from` outside markup, or -1. */
  find(close: string, from: number): number {
    const xml = this.xml;
    let end = xml.indexOf(close, from);
    let at = from;
    while (end >= 0) {
      let lt = xml.indexOf('<', at);
      while (lt >= 0 && lt < end) {
        const next = xml.charCodeAt(lt + 1);
        if (next === 33 || next === 63) break;
        lt = xml.indexOf('<', lt + 1);
      }
      if (lt < 0 || lt >= end) return end;
      const skip = skipMarkup(xml, lt);
      if (skip <= lt) return -1;
      at = skip;
      if (skip > end) end = xml.indexOf(close, skip);
    }
    return -1;
  }
}

/** `inner` without its comments and processing instructions (CDATA sections kept), in linear time. */
export function withoutComments(inner: string): string {
  if (inner.indexOf('<!') < 0 && inner.indexOf('<?') < 0) return inner;
  let out = '';
  let at = 0;
  for (let lt = inner.indexOf('<'); lt >= 0; lt = inner.indexOf('<', lt + 1)) {
    const next = inner.charCodeAt(lt + 1);
    if (next !== 33 && next !== 63) continue;
    const skip = skipMarkup(inner, lt);
    if (inner.startsWith('<![CDATA[', lt)) {
      if (skip < 0) break;
      lt = skip - 1;
      continue;
    }
    out += inner.slice(at, lt);
    if (skip < 0) return out;
    at = skip;
    lt = skip - 1;
  }
  return out + inner.slice(at);
}

function endAfter(xml: string, close: string, from: number): number {
  const at = xml.indexOf(close, from);
  return at < 0 ? -1 : at + close.length;
}

/** CR LF and lone CR → LF (XML end-of-line handling, before references are decoded). */
function normaliseEol(s: string): string {
  return s.indexOf('\r') < 0 ? s : s.replace(/\r\n?/g, '\n');
}

/**
 * The character data of an element's inner XML: CDATA sections literally, comments and
 * processing instructions left out, entities decoded and line ends normalised elsewhere; child
 * elements' tags are dropped (their text kept).
 */
export function textContent(inner: string): string {
  if (inner.indexOf('<') < 0) return decodeEntities(normaliseEol(inner));
  let out = '';
  let at = 0;
  for (let lt = inner.indexOf('<'); lt >= 0; lt = inner.indexOf('<', at)) {
    out += decodeEntities(normaliseEol(inner.slice(at, lt)));
    if (inner.startsWith('<![CDATA[', lt)) {
      const end = inner.indexOf(']]>', lt + 9);
      out += normaliseEol(inner.slice(lt + 9, end < 0 ? inner.length : end));
      at = end < 0 ? inner.length : end + 3;
      continue;
    }
    const skip = skipMarkup(inner, lt);
    const end = skip === lt ? inner.indexOf('>', lt) + 1 : skip;
    if (end <= 0) return out;
    at = end;
  }
  return out + decodeEntities(normaliseEol(inner.slice(at)));
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

/** Cell text: XML text content, then `_x000D_`-style escapes (`_x005F_` escapes a literal underscore). */
export function decodeCellText(s: string): string {
  const t = textContent(s);
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
    // Attribute-value normalisation: each white-space character (CR LF counting as one) is a space.
    const raw = attrs.slice(k + 1, end);
    const spaced = raw.indexOf('\n') >= 0 || raw.indexOf('\r') >= 0 || raw.indexOf('\t') >= 0;
    return decodeEntities(spaced ? raw.replace(/\r\n|[\r\n\t]/g, ' ') : raw);
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

/** XML white space (space, tab, line feed, carriage return); the reader and the counter use the same. */
export function isXmlSpace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 13;
}

/** The name characters the reader accepts in element names (ASCII letters, digits, `_-.:`); the counter uses the same. */
export function isNameChar(ch: number): boolean {
  return (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || (ch >= 48 && ch <= 57) || ch === 95 || ch === 45 || ch === 46 || ch === 58;
}

/**
 * The next start tag whose local name `accept`s, from `from` (before `to`). Linear time: jumps from
 * '<' to '<' with indexOf, and stops for good when a tag has no closing '>' (none follows at all).
 */
export function nextTag(xml: string, from: number, to: number, accept: (name: string) => boolean): Tag | null {
  let i = xml.indexOf('<', from);
  while (i >= 0 && i < to) {
    const skip = skipMarkup(xml, i);
    if (skip !== i) {
      if (skip < 0) return null;
      i = xml.indexOf('<', skip);
      continue;
    }
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
  const closes = new CloseFinder(xml);
  let at = from;
  for (let tag = nextTag(xml, at, to, accept); tag; tag = nextTag(xml, at, to, accept)) {
    if (tag.selfClosing) {
      at = tag.end;
      yield { attrs: tag.attrs, inner: '', end: tag.end };
      continue;
    }
    const close = `</${tag.prefix}${name}>`;
    const end = closes.find(close, tag.end);
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
