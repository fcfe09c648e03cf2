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
  return s.replace(ENTITY, (m, name: string, dec?: string, hex?: string) => {
    if (dec) return codePoint(Number(dec));
    if (hex) return codePoint(parseInt(hex, 16));
    return NAMED[name] ?? m;
  });
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

/** Every element `<name …>` (any namespace prefix) in `xml`: its attribute text and inner XML. */
const patterns = new Map<string, RegExp>();

export function* elements(xml: string, name: string, from = 0, to = xml.length): Generator<{ attrs: string; inner: string; end: number }> {
  let source = patterns.get(name);
  if (!source) patterns.set(name, (source = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${name}(?=[\\s/>])([^>]*?)(/?)>`, 'g')));
  const re = new RegExp(source); // own lastIndex: generators may interleave
  re.lastIndex = from;
  for (let m = re.exec(xml); m && m.index < to; m = re.exec(xml)) {
    const attrs = m[1]!;
    if (m[2] === '/') {
      yield { attrs, inner: '', end: re.lastIndex };
      continue;
    }
    const prefix = /^<([A-Za-z_][\w.-]*:)?/.exec(m[0])?.[1] ?? '';
    const close = `</${prefix}${name}>`;
    const end = xml.indexOf(close, re.lastIndex);
    if (end < 0) {
      yield { attrs, inner: xml.slice(re.lastIndex, to), end: to };
      return;
    }
    yield { attrs, inner: xml.slice(re.lastIndex, end), end: end + close.length };
    re.lastIndex = end + close.length;
  }
}

/** Concatenated text of the `<t>` elements of a string item, leaving out phonetic runs (`<rPh>`). */
export function stringItemText(inner: string): string {
  // The usual item: one plain <t> element.
  if (inner.startsWith('<t') && inner.endsWith('</t>') && inner.indexOf('<', 2) === inner.length - 4) {
    const gt = inner.indexOf('>');
    if (gt > 0 && (gt === 2 || inner.charCodeAt(2) === 32) && inner[gt - 1] !== '/') return decodeCellText(inner.slice(gt + 1, -4));
  }
  const clean = inner.indexOf('rPh') >= 0 ? inner.replace(/<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, '') : inner;
  let out = '';
  for (const t of elements(clean, 't')) out += decodeCellText(t.inner);
  return out;
}
