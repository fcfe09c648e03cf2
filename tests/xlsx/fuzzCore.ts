/**
 * Fuzzing the importer: mutated workbooks — flipped bytes, truncations, damaged central
 * directories, shuffled, dropped or duplicated zip entries, random cell values, amounts at and beyond the bound,
 * header texts, broken XML, XML structure (xmlMutations.ts: prefixes, quotes, comments, CDATA, merges, element
 * order), renamed sheets, random bytes — go through importWorkbook. Every outcome must be a
 * document or one of the importer's own classified errors (never `internal`, never a thrown
 * exception), within a time limit, with bounded memory. Every imported document is then audited,
 * has every amount formatted and is exported (tests/xlsx/exercise.ts), none of which may throw.
 *
 * Used by tests/xlsx/fuzz.test.ts (≥ 10,000 cases) and `npm run fuzz -- N` (a longer campaign).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { crc32, deflateRawSync } from 'node:zlib';
import { exportWorkbook } from '../../shared/xlsx/exportWorkbook';
import { XlsxImportError } from '../../shared/xlsx/errors';
import { importWorkbook } from '../../shared/xlsx/importWorkbook';
import { smallBudget } from './helpers';
import { exercise } from './exercise';
import { nodeZip } from '../../electron/cli/nodeZip';
import { readZip, type ZipEntry } from './zipTools';
import { pickWeighted, prng } from '../fixtures/prng';
import { respell, restructure } from './xmlMutations';

export interface FuzzStats {
  iterations: number;
  imported: number;
  /** Classified failures by error code. */
  failures: Record<string, number>;
  /** Cases by mutation. */
  mutations: Record<string, number>;
  /** Anything that broke the contract: thrown exceptions, internal errors, timeouts. */
  violations: { mutation: string; seed: number; problem: string }[];
  maxCaseMs: number;
  elapsedMs: number;
  heapBaselineMb: number;
  heapMaxGrowthMb: number;
}


interface Packed {
  name: string;
  raw: Uint8Array;
  deflated: Uint8Array;
  crc: number;
}

function pack(e: ZipEntry): Packed {
  return { name: e.name, raw: e.data, deflated: new Uint8Array(deflateRawSync(e.data, { level: 1 })), crc: crc32(e.data) >>> 0 };
}

/** Zip writer over pre-deflated entries (fast enough for thousands of cases). */
function zip(entries: Packed[]): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.deflated.length, 18);
    local.writeUInt32LE(e.raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(e.crc, 16);
    dir.writeUInt32LE(e.deflated.length, 20);
    dir.writeUInt32LE(e.raw.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, name, Buffer.from(e.deflated));
    central.push(dir, name);
    offset += 30 + name.length + e.deflated.length;
  }
  const size = central.reduce((a, b) => a + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, ...central, end]));
}

const HEADER_VARIANTS = ['预算单位', '收入 总计', '2020 年预算数', '2031年预算数', '支出\n总计', '因公出国（境）费', '其中:', '小计', '项目名称', '科目编码', '', ' ', '表4', '基本支出预算表', '单位：元', '单位：万元', '单位名称：', '注：', '总计'];
const VALUE_VARIANTS = ['12.3.4', '-', '—', '1,234', '1,23', '１２３', '(100)', '1e400', 'NaN', '99999999999999999999', '0.0000001', '万元', '3,380.00元', '', '=SUM(A1)', '市测试局本级', '2010308', 'A03', '2020年', '√□', '\u0000'];

function xmlEscape(s: string): string {
  return s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

type Mutation = (base: Base, rnd: () => number) => Uint8Array;

export interface Base {
  bytes: Uint8Array;
  packed: Packed[];
}

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

function withEntry(base: Base, name: string, text: string): Uint8Array {
  return zip(base.packed.map((e) => (e.name === name ? pack({ name, data: new TextEncoder().encode(text) }) : e)));
}

/** [name, weight, mutation]: cheap byte-level damage dominates; about one case in six is a readable workbook. */
const MUTATIONS: [string, number, Mutation][] = [
  [
    'flipBytes',
    50,
    (b, rnd) => {
      const out = b.bytes.slice();
      const n = 1 + Math.floor(rnd() * 8);
      for (let i = 0; i < n; i++) {
        const at = Math.floor(rnd() * out.length);
        out[at] = out[at]! ^ (1 << Math.floor(rnd() * 8));
      }
      return out;
    },
  ],
  ['truncate', 18, (b, rnd) => b.bytes.slice(0, Math.floor(rnd() * b.bytes.length))],
  [
    'directory',
    9,
    (b, rnd) => {
      const out = b.bytes.slice();
      const from = Math.max(0, out.length - 3000);
      for (let i = 0; i < 1 + Math.floor(rnd() * 4); i++) out[from + Math.floor(rnd() * (out.length - from))] = Math.floor(rnd() * 256);
      return out;
    },
  ],
  [
    'shuffle',
    2,
    (b, rnd) => {
      const xs = [...b.packed];
      for (let i = xs.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [xs[i], xs[j]] = [xs[j]!, xs[i]!];
      }
      return zip(xs);
    },
  ],
  [
    'dropEntries',
    3,
    (b, rnd) => {
      const n = 1 + Math.floor(rnd() * 3);
      const drop = new Set(Array.from({ length: n }, () => pick(rnd, b.packed).name));
      return zip(b.packed.filter((e) => !drop.has(e.name)));
    },
  ],
  ['duplicateEntry', 3, (b, rnd) => zip([...b.packed, pick(rnd, b.packed)])],
  [
    'cellValues',
    4,
    (b, rnd) => {
      const target = pick(rnd, b.packed.filter((e) => e.name.startsWith('xl/worksheets/sheet')));
      let xml = new TextDecoder().decode(target.raw);
      const n = 1 + Math.floor(rnd() * 12);
      for (let i = 0; i < n; i++) {
        xml = xml.replace(/<c r="([A-Z]+\d+)"([^>]*?)(?: t="\w+")?><v>[^<]*<\/v><\/c>/g, (m, ref: string, attrs: string) => (rnd() < 0.08 ? `<c r="${ref}"${attrs} t="inlineStr"><is><t>${xmlEscape(pick(rnd, VALUE_VARIANTS))}</t></is></c>` : m));
      }
      return withEntry(b, target.name, xml);
    },
  ],
  [
    'extremeAmounts',
    3,
    (b, rnd) => {
      // numeric cells at and beyond the amount bound (the bases are in 万元): alone, and many together beyond the volume
      const target = pick(rnd, b.packed.filter((e) => e.name.startsWith('xl/worksheets/sheet')));
      const share = pick(rnd, [0.02, 0.2, 0.9]);
      const xml = new TextDecoder().decode(target.raw).replace(/(<c r="[A-Z]+\d+"[^>]*?>)<v>[^<]*<\/v>/g, (m, open: string) =>
        !/ t="/.test(open) && rnd() < share ? `${open}<v>${pick(rnd, ['999999999.99', '-999999999.99', '1000000000', '5000000000', '9007199254.74', '1E+300', '1E-7'])}</v>` : m,
      );
      return withEntry(b, target.name, xml);
    },
  ],
  [
    'headerTexts',
    4,
    (b, rnd) => {
      const target = b.packed.find((e) => e.name === 'xl/sharedStrings.xml')!;
      const xml = new TextDecoder().decode(target.raw).replace(/<t( xml:space="preserve")?>([^<]*)<\/t>/g, (m) => (rnd() < 0.15 ? `<t xml:space="preserve">${xmlEscape(pick(rnd, [...HEADER_VARIANTS, ...VALUE_VARIANTS]))}</t>` : m));
      return withEntry(b, target.name, xml);
    },
  ],
  [
    'brokenXml',
    3,
    (b, rnd) => {
      const target = pick(rnd, b.packed);
      const text = new TextDecoder().decode(target.raw);
      const at = Math.floor(rnd() * text.length);
      const junk = pick(rnd, ['<', '>', '</x>', '&', '"', '<row r="0">', '<c r="ZZZZ99999999">', '<mergeCell ref="A1:XFD1048576"/>', '']);
      const cut = Math.floor(rnd() * 40);
      return withEntry(b, target.name, text.slice(0, at) + junk + text.slice(at + cut));
    },
  ],
  [
    'sheetNames',
    1,
    (b, rnd) => {
      const target = b.packed.find((e) => e.name === 'xl/workbook.xml')!;
      const xml = new TextDecoder().decode(target.raw).replace(/name="([^"]*)"/g, (m) => (rnd() < 0.3 ? `name="${xmlEscape(pick(rnd, ['表1', '表15-1', 'Sheet1', '表99', '附表4', '', '_budget_tables_meta']))}"` : m));
      return withEntry(b, target.name, xml);
    },
  ],
  [
    'xmlStructure',
    4,
    (b, rnd) => {
      const target = pick(rnd, b.packed.filter((e) => RESPELLABLE.test(e.name)));
      const xml = new TextDecoder().decode(target.raw);
      const sheet = target.name.startsWith('xl/worksheets/');
      return withEntry(b, target.name, rnd() < 0.5 && sheet ? restructure(xml, rnd) : respell(xml, rnd, sheet));
    },
  ],
  ['randomBytes', 3, (_b, rnd) => Uint8Array.from({ length: Math.floor(rnd() * 5000) }, () => Math.floor(rnd() * 256))],
];

/** Parts whose spelling may change without changing their meaning (not styles: format codes may hold '>'). */
const RESPELLABLE = /^xl\/(worksheets\/[^/]+|sharedStrings|workbook)\.xml$/;

/** A base workbook with every respellable part respelled (same content, other spelling). */
export function respelledCase(bases: Base[], caseSeed: number): Uint8Array {
  const rnd = prng(caseSeed);
  const base = pick(rnd, bases);
  return zip(
    base.packed.map((e) => (RESPELLABLE.test(e.name) ? pack({ name: e.name, data: new TextEncoder().encode(respell(new TextDecoder().decode(e.raw), rnd, e.name.startsWith('xl/worksheets/'))) }) : e)),
  );
}

/** The small test department with one project: 16 sheets, about 25 KB. */
function fuzzDocument() {
  const doc = smallBudget();
  const keep = doc.projects.order[0]!;
  doc.projects = { byId: { [keep]: doc.projects.byId[keep]! }, order: [keep] };
  doc.subItems.order = doc.subItems.order.filter((id) => doc.subItems.byId[id]!.projectId === keep);
  doc.subItems.byId = Object.fromEntries(doc.subItems.order.map((id) => [id, doc.subItems.byId[id]!]));
  return doc;
}

export async function fuzzBases(): Promise<Base[]> {
  const doc = fuzzDocument();
  const bases: Base[] = [];
  for (const metadata of [true, false]) {
    const r = await exportWorkbook(doc, { audit: false, metadata, unit: 'wan', decimals: 2 });
    if (!r.ok) throw new Error('export refused');
    const entries = readZip(r.bytes);
    // Only a few sheets: small workbooks keep each case cheap.
    const packed = entries.map(pack);
    bases.push({ bytes: r.bytes, packed });
  }
  return bases;
}

function gcFunction(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** The mutated workbook of one case (deterministic in its seed). */
export function makeCase(bases: Base[], caseSeed: number): { mutation: string; bytes: Uint8Array } {
  const rnd = prng(caseSeed);
  const chosen = pickWeighted(rnd, MUTATIONS, (m) => m[1]);
  return { mutation: chosen[0], bytes: chosen[2](pick(rnd, bases), rnd) };
}

export async function runFuzz(iterations: number, seed = 1, options: { caseTimeoutMs?: number; onProgress?: (done: number, stats: FuzzStats) => void } = {}): Promise<FuzzStats> {
  const bases = await fuzzBases();
  const gc = gcFunction();
  const stats: FuzzStats = { iterations: 0, imported: 0, failures: {}, mutations: {}, violations: [], maxCaseMs: 0, elapsedMs: 0, heapBaselineMb: 0, heapMaxGrowthMb: 0 };
  const timeout = options.caseTimeoutMs ?? 20_000;
  const started = performance.now();
  gc();
  let baseline = -1;
  for (let i = 0; i < iterations; i++) {
    const caseSeed = (seed * 1_000_003 + i) >>> 0;
    const { mutation: name, bytes } = makeCase(bases, caseSeed);
    stats.mutations[name] = (stats.mutations[name] ?? 0) + 1;
    const t0 = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const result = await Promise.race([
        // Every other case with Node's zlib (the CLI's path), the others with DecompressionStream (the worker's).
        importWorkbook(bytes, { fileName: 'fuzz.xlsx', ...(i % 2 === 1 ? { zip: nodeZip } : {}) }),
        new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), timeout);
        }),
      ]);
      if (result === 'timeout') stats.violations.push({ mutation: name, seed: caseSeed, problem: `no result within ${timeout} ms` });
      else if (result.ok) {
        stats.imported++;
        // What the clerk does next: audit, look at every amount, export. None of it may throw.
        try {
          await exercise(result.doc);
        } catch (e) {
          stats.violations.push({ mutation: name, seed: caseSeed, problem: `after import: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` });
        }
      }
      else if (!(result.error instanceof XlsxImportError)) stats.violations.push({ mutation: name, seed: caseSeed, problem: `not a classified error: ${String(result.error)}` });
      else if (result.error.code === 'internal') stats.violations.push({ mutation: name, seed: caseSeed, problem: result.error.message });
      else stats.failures[result.error.code] = (stats.failures[result.error.code] ?? 0) + 1;
    } catch (e) {
      stats.violations.push({ mutation: name, seed: caseSeed, problem: `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` });
    } finally {
      clearTimeout(timer);
    }
    stats.maxCaseMs = Math.max(stats.maxCaseMs, performance.now() - t0);
    stats.iterations++;
    if ((i + 1) % 500 === 0 || i === iterations - 1) {
      gc();
      const heap = process.memoryUsage().heapUsed / (1024 * 1024);
      if (baseline < 0) {
        baseline = heap;
        stats.heapBaselineMb = heap;
      }
      stats.heapMaxGrowthMb = Math.max(stats.heapMaxGrowthMb, heap - baseline);
      options.onProgress?.(i + 1, stats);
    }
  }
  stats.elapsedMs = performance.now() - started;
  return stats;
}
