/**
 * Structural XML mutations for fuzzing the workbook reader, as other programs write SpreadsheetML:
 * - respell: the same content spelled differently — namespace prefixes, single quotes, comments and
 *   processing instructions between and inside elements, CDATA text, CR LF between elements, cells
 *   of a row in reverse order. A respelled workbook must import exactly as the original.
 * - restructure: changes of meaning — merges added (tall, wide, overlapping, prefixed), elements
 *   moved, rows duplicated, cells out of order, references dropped. Only the contract applies (a
 *   document or a classified error, in bounded time).
 */

type Rnd = () => number;

const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

function decodeEntities(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos);/g, (_m, n: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[n]!);
}

/** Every unprefixed element of the part in the prefix `p` (the default namespace declared as `p`). */
export function prefixed(xml: string, p: string): string {
  return xml.replace(/ xmlns="/, ` xmlns:${p}="`).replace(/<(\/?)([A-Za-z][\w.-]*)(?=[\s/>])/g, `<$1${p}:$2`);
}

export function singleQuoted(xml: string): string {
  return xml.replace(/(\s[\w:]+)="([^"'<]*)"/g, "$1='$2'");
}

/** Comments or PIs after some tags (between elements and inside text: neither is data). */
export function withComments(xml: string, rnd: Rnd): string {
  return xml.replace(/>(?!$)/g, (m) => (rnd() < 0.1 ? `>${pick(rnd, ['<!-- c -->', '<!--<row r="1"><c r="A1"><v>9</v></c></row>-->', '<?x y?>', '<!---->'])}` : m));
}

/** Text of <t> and <v> as CDATA sections (literal text: entities decoded first). */
export function withCdata(xml: string, rnd: Rnd): string {
  return xml.replace(/<(t|v)((?:\s[^>]*)?)>([^<]+)<\/\1>/g, (m, tag: string, attrs: string, text: string) => {
    const raw = decodeEntities(text);
    if (raw.includes(']]>') || raw.includes('\r') || rnd() < 0.5) return m;
    return `<${tag}${attrs}><![CDATA[${raw}]]></${tag}>`;
  });
}

/** CR LF (and tabs) between elements: white space outside text is nothing. */
export function withLineEnds(xml: string, rnd: Rnd): string {
  return xml.replace(/><(?!\/t>|\/v>)(?=[A-Za-z/])/g, (m) => (rnd() < 0.2 ? '>\r\n\t<' : m));
}

/** The cells of each row (all with `r`) in reverse order. */
export function reversedCells(xml: string): string {
  return xml.replace(/(<row\b[^>]*>)(.*?)(<\/row>)/g, (_m, open: string, body: string, close: string) => {
    const cells = body.match(/<c\b[^>]*?\/>|<c\b[^>]*>.*?<\/c>/g);
    if (!cells || cells.join('') !== body || !cells.every((c) => / r="/.test(c))) return open + body + close;
    return open + cells.reverse().join('') + close;
  });
}

/** The same content in another spelling (see the module comment); `sheet` parts also get their cells reversed. */
export function respell(xml: string, rnd: Rnd, sheet: boolean): string {
  let out = xml;
  if (sheet && rnd() < 0.5) out = reversedCells(out);
  if (rnd() < 0.5) out = withCdata(out, rnd);
  if (rnd() < 0.5) out = withComments(out, rnd);
  if (rnd() < 0.5) out = withLineEnds(out, rnd);
  if (rnd() < 0.5) out = singleQuoted(out);
  if (rnd() < 0.5) out = prefixed(out, pick(rnd, ['x', 'ns0', 'a.b-c']));
  return out;
}

const MERGES = ['A1:A100000', 'A1:XFD1', 'B2:C3', 'A1:B2', 'C5:A1', '$A$1:$B$9', 'A1', 'a1:b2', 'A0:B1', 'XFD1048576:XFD1048576', 'A1:XFD1048576'];

/** A change of structure (see the module comment). */
export function restructure(xml: string, rnd: Rnd): string {
  const kind = Math.floor(rnd() * 6);
  if (kind === 0) {
    // Merges: many, tall, overlapping, in any spelling.
    const n = 1 + Math.floor(rnd() * 300);
    const list = Array.from({ length: n }, () => {
      const q = pick(rnd, ['"', "'"]);
      return `<${pick(rnd, ['', 'x:'])}mergeCell ref=${q}${pick(rnd, MERGES)}${q}/>`;
    }).join('');
    return xml.includes('</worksheet>') ? xml.replace('</worksheet>', `<mergeCells>${list}</mergeCells></worksheet>`) : xml + list;
  }
  if (kind === 1) {
    // Rows duplicated or moved.
    const rows = xml.match(/<row\b[^>]*>.*?<\/row>/g);
    if (!rows) return xml;
    const row = pick(rnd, rows);
    return xml.replace(pick(rnd, rows), rnd() < 0.5 ? row + row : '').replace('</sheetData>', `${row}</sheetData>`);
  }
  if (kind === 2) return xml.replace(/ r="[A-Z]+\d+"/g, (m) => (rnd() < 0.3 ? '' : m));
  if (kind === 3) return reversedCells(xml).replace(/<row\b[^>]*>/g, (m) => (rnd() < 0.2 ? '<row r="0">' : m));
  if (kind === 4) {
    // An element cut and pasted elsewhere.
    const tags = [...xml.matchAll(/<(\w+)\b[^>]*>[^<]*<\/\1>/g)];
    if (tags.length === 0) return xml;
    const t = pick(rnd, tags)[0];
    const at = Math.floor(rnd() * xml.length);
    const cut = xml.replace(t, '');
    const gt = cut.indexOf('>', at);
    return gt < 0 ? cut : cut.slice(0, gt + 1) + t + cut.slice(gt + 1);
  }
  // Unterminated comment or CDATA somewhere.
  const at = Math.floor(rnd() * xml.length);
  return xml.slice(0, at) + pick(rnd, ['<!--', '<![CDATA[', '<?', '<!DOCTYPE x [', ']]>', '-->']) + xml.slice(at);
}
