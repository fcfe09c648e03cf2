/**
 * Structure-aware fuzzing of the `.budget` loader: valid documents (the sample, the small
 * department) are taken apart as JSON trees and mutated where an attacker or a damaged file would
 * change them — prototype keys, extreme amounts, bad references, broken order lists, deep nesting,
 * wrong types, odd encodings (UTF-16, invalid bytes, lone surrogates, NUL, BOMs) — then read with
 * parseBudgetBytes. The only allowed outcomes:
 * - a classified error (a BudgetFileErrorCode) with a Chinese message naming the file, or
 * - a document that survives what a clerk does with it (audit, every amount formatted, export:
 *   tests/xlsx/exercise.ts) and saves to a file that reads back to the same document.
 * Anything else — an exception, an unknown code, an English-only message — is a violation.
 *
 * Used by tests/budget/budgetFuzz.test.ts (a few thousand cases) and `npm run fuzz`.
 */
import { readFileSync } from 'node:fs';
import { parseBudgetBytes, serializeBudget, type BudgetFileErrorCode } from '../../shared/io/budgetFile';
import type { DepartmentBudget } from '../../shared/model/document';
import { MAX_AMOUNT_FEN } from '../../shared/money/fen';
import { pickWeighted, prng } from '../fixtures/prng';
import { smallBudgetInput } from '../fixtures/smallBudget';
import { exercise } from '../xlsx/exercise';
import { SAMPLE_PATH } from '../xlsx/helpers';

export const BUDGET_ERROR_CODES: readonly BudgetFileErrorCode[] = ['notJson', 'notBudget', 'unsupportedVersion', 'schema', 'reference', 'tooLarge', 'encoding'];
const FILE_NAME = '模糊.budget';
const CJK = /[\u4e00-\u9fff]/;

export interface BudgetFuzzStats {
  iterations: number;
  accepted: number;
  /** Classified refusals by error code. */
  failures: Record<string, number>;
  /** Cases by mutation. */
  mutations: Record<string, number>;
  violations: { mutation: string; seed: number; problem: string }[];
  elapsedMs: number;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Rnd = () => number;
const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__'];
const EXTREME_NUMBERS = [MAX_AMOUNT_FEN, -MAX_AMOUNT_FEN, MAX_AMOUNT_FEN + 1, -MAX_AMOUNT_FEN - 1, 9007199254740991, 9007199254740992, -9007199254740991, 1e16, 1e21, 1e308, -1e308, 5e-324, 0.5, -0.01, 1.5, 0, -0, 100, 12345678901234];
const ODD_STRINGS = ['', ' ', '\u0000', '\ud800', '\udfff', 'a\ud83d', '\u202e反转', '<x/>&amp;', '"', '\\', '\n\r\t', '𝄞'.repeat(3), '\uffff', '\ufeff', '表'.repeat(3000), 'T4|u:x|total'];

/** Every path to a value in the tree (objects and arrays included), in document order. */
function paths(root: Json): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (v: Json, p: (string | number)[]) => {
    out.push(p);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
    else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) walk(v[k]!, [...p, k]);
  };
  walk(root, []);
  return out;
}

function parentOf(root: Json, path: (string | number)[]): { holder: Json[] | Record<string, Json>; key: string | number } | null {
  if (path.length === 0) return null;
  const cur = get(root, path.slice(0, -1));
  if (cur === null || typeof cur !== 'object') return null; // an earlier mutation replaced it
  return { holder: cur, key: path[path.length - 1]! };
}

function set(root: Json, path: (string | number)[], value: Json): void {
  const p = parentOf(root, path);
  if (!p) return;
  if (Array.isArray(p.holder)) p.holder[p.key as number] = value;
  // defineProperty: a key "__proto__" becomes an own property, as JSON.parse makes it
  else Object.defineProperty(p.holder, p.key, { value, enumerable: true, writable: true, configurable: true });
}

function get(root: Json, path: (string | number)[]): Json {
  let cur: Json = root;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, k)) return null;
    cur = (cur as Record<string, Json>)[k as string]!;
  }
  return cur;
}

/** Paths whose last key matches. */
const where = (all: (string | number)[][], test: (key: string | number, path: (string | number)[]) => boolean) => all.filter((p) => p.length > 0 && test(p[p.length - 1]!, p));

function nested(depth: number, rnd: Rnd): string {
  const arrays = rnd() < 0.5;
  return arrays ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

interface Case {
  mutation: string;
  bytes: Uint8Array;
}

type TreeMutation = (doc: Json, all: (string | number)[][], rnd: Rnd) => void;
type TextMutation = (text: string, rnd: Rnd) => string | Uint8Array;

const enc = (s: string) => new TextEncoder().encode(s);

/** Tree mutations: [name, weight, change the parsed document in place]. */
const TREE: [string, number, TreeMutation][] = [
  [
    'prototypeKey',
    12,
    (doc, all, rnd) => {
      // rename a record key, or add one, to a prototype name
      const records = where(all, (k) => k === 'byId' || k === 'incomes' || k === 'notes' || k === 'reported' || k === 'previousYear' || k === 'acceptedWarnings' || k === 'unitProcurement' || k === 'threePublicExpenses' || k === 'otherExpenditure');
      const rec = get(doc, pick(rnd, records)) as Record<string, Json>;
      if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) return;
      const keys = Object.keys(rec);
      const name = pick(rnd, PROTOTYPE_KEYS);
      const from = keys.length && rnd() < 0.7 ? pick(rnd, keys) : null;
      const value = from !== null ? rec[from]! : (pick(rnd, Object.values(rec)) ?? 1);
      if (from !== null && rnd() < 0.5) delete rec[from];
      Object.defineProperty(rec, name, { value, enumerable: true, writable: true, configurable: true });
    },
  ],
  [
    'prototypeId',
    10,
    (doc, all, rnd) => {
      const ids = where(all, (k, p) => k === 'id' || k === 'unitId' || k === 'projectId' || p[p.length - 2] === 'order');
      if (ids.length) set(doc, pick(rnd, ids), pick(rnd, PROTOTYPE_KEYS));
    },
  ],
  [
    'extremeAmount',
    16,
    (doc, all, rnd) => {
      const numbers = where(all, (_k, p) => typeof get(doc, p) === 'number');
      for (let i = 0, n = 1 + Math.floor(rnd() * 12); i < n && numbers.length; i++) set(doc, pick(rnd, numbers), pick(rnd, EXTREME_NUMBERS));
    },
  ],
  [
    'badReference',
    10,
    (doc, all, rnd) => {
      const refs = where(all, (k) => k === 'unitId' || k === 'projectId' || k === 'catalogueId');
      const ids = where(all, (k) => k === 'id').map((p) => get(doc, p));
      if (refs.length) set(doc, pick(rnd, refs), rnd() < 0.5 ? (pick(rnd, ids) ?? 'x') : pick(rnd, ['nope', 'u-1', 'a', 'T4', '', 'shenzhen-2021']));
    },
  ],
  [
    'orderList',
    8,
    (doc, all, rnd) => {
      const orders = where(all, (k) => k === 'order');
      const order = get(doc, pick(rnd, orders)) as Json[];
      if (!Array.isArray(order)) return;
      const r = rnd();
      if (r < 0.3 && order.length) order.push(order[0]!);
      else if (r < 0.6) order.pop();
      else if (r < 0.8) order.reverse();
      else order.push(rnd() < 0.5 ? 'ghost' : pick(rnd, PROTOTYPE_KEYS));
    },
  ],
  [
    'wrongType',
    12,
    (doc, all, rnd) => {
      const values: Json[] = [null, true, 0, '', '12', [], {}, [1, 2], { a: 1 }, pick(rnd, ODD_STRINGS)];
      // a fresh copy each time: one shared array set inside itself would make the document circular
      for (let i = 0, n = 1 + Math.floor(rnd() * 3); i < n; i++) set(doc, pick(rnd, all), structuredClone(pick(rnd, values)));
    },
  ],
  [
    'dropOrAddKey',
    8,
    (doc, all, rnd) => {
      const p = pick(rnd, all.filter((x) => x.length > 0));
      const parent = parentOf(doc, p);
      if (!parent || Array.isArray(parent.holder)) return;
      if (rnd() < 0.6) delete parent.holder[parent.key as string];
      else parent.holder[`extra${Math.floor(rnd() * 10)}`] = 1;
    },
  ],
  [
    'oddText',
    10,
    (doc, all, rnd) => {
      const strings = where(all, (_k, p) => typeof get(doc, p) === 'string');
      for (let i = 0, n = 1 + Math.floor(rnd() * 4); i < n && strings.length; i++) set(doc, pick(rnd, strings), pick(rnd, ODD_STRINGS));
    },
  ],
  [
    'copyRecord',
    6,
    (doc, all, rnd) => {
      // a record under another record's key (mismatched id, a line under a unit id …)
      const byIds = where(all, (k) => k === 'byId').map((p) => get(doc, p) as Record<string, Json>).filter((x) => x !== null && typeof x === 'object' && !Array.isArray(x));
      if (!byIds.length) return;
      const from = pick(rnd, byIds);
      const to = pick(rnd, byIds);
      const key = pick(rnd, Object.keys(from));
      const target = pick(rnd, Object.keys(to));
      if (key !== undefined && target !== undefined) to[target] = structuredClone(from[key]!);
    },
  ],
];

/** Text/byte mutations of the serialised document: [name, weight, change]. */
const TEXT: [string, number, TextMutation][] = [
  ['deepNesting', 4, (text, rnd) => text.replace(/"generalFunding": \d+/, () => `"generalFunding": ${nested(pick(rnd, [50, 5_000, 200_000]), rnd)}`)],
  ['hugeNumberText', 3, (text, rnd) => text.replace(/("(?:generalFunding|amount|basic|project)": )\d+/, `$1${pick(rnd, ['1e999', '-1e999', '9'.repeat(400), '0.' + '0'.repeat(400) + '1', '1E+15', '-0.0'])}`)],
  ['utf16', 2, (text, rnd) => {
    const le = rnd() < 0.5;
    const out = new Uint8Array(2 + text.length * 2);
    out.set(le ? [0xff, 0xfe] : [0xfe, 0xff]);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      out[2 + 2 * i] = le ? c & 0xff : c >> 8;
      out[3 + 2 * i] = le ? c >> 8 : c & 0xff;
    }
    return out;
  }],
  ['invalidBytes', 5, (text, rnd) => {
    const bytes = enc(text);
    const out = bytes.slice();
    for (let i = 0, n = 1 + Math.floor(rnd() * 3); i < n; i++) out[Math.floor(rnd() * out.length)] = pick(rnd, [0x80, 0xbf, 0xc0, 0xc1, 0xf5, 0xff, 0xed, 0xe0]);
    return out;
  }],
  ['escapes', 4, (text, rnd) => text.replace(/"name": "[^"]*"/, `"name": "${pick(rnd, ['\\ud800', '\\u0000', '\\udfff\\ud800', '\\u202e', '\\uffff'])}"`)],
  ['boms', 2, (text, rnd) => pick(rnd, ['\ufeff\ufeff', '\u0000', ' \ufeff', '\ufeff']) + text],
  ['renameId', 8, (text, rnd) => {
    // one id renamed everywhere it occurs (record key, id, references, cell keys): a consistent file with an odd id
    const ids = [...new Set([...text.matchAll(/"id": "([^"]+)"/g)].map((m) => m[1]!))];
    const id = pick(rnd, ids);
    return id === undefined ? text : text.replaceAll(`"${id}"`, JSON.stringify(pick(rnd, [...PROTOTYPE_KEYS, 'a|b', 'a:b', '单位', ' x', 'x'.repeat(80), 'ok-1'])));
  }],
  ['truncate', 3, (text, rnd) => text.slice(0, Math.floor(rnd() * text.length))],
  ['duplicateKey', 3, (text) => text.replace('"units": {', '"units": {"byId": {}, "order": [],')],
];

let bases: string[] | null = null;
function baseTexts(): string[] {
  if (!bases) {
    const small = smallBudgetInput();
    bases = [JSON.stringify(small, null, 2), readFileSync(SAMPLE_PATH, 'utf8')];
  }
  return bases;
}

/** The mutated file of one case (deterministic in its seed). */
export function makeBudgetCase(caseSeed: number): Case {
  const rnd = prng(caseSeed);
  const text = pick(rnd, baseTexts());
  const all: [string, number, 'tree' | 'text', TreeMutation | TextMutation][] = [...TREE.map(([n, w, f]) => [n, w, 'tree', f] as [string, number, 'tree', TreeMutation]), ...TEXT.map(([n, w, f]) => [n, w, 'text', f] as [string, number, 'text', TextMutation])];
  const [name, , kind, f] = pickWeighted(rnd, all, (m) => m[1]);
  if (kind === 'text') {
    const out = (f as TextMutation)(text, rnd);
    return { mutation: name, bytes: typeof out === 'string' ? enc(out) : out };
  }
  const doc = JSON.parse(text) as Json;
  // one to three tree mutations of the same kind stacked, sometimes mixed with another kind
  (f as TreeMutation)(doc, paths(doc), rnd);
  if (rnd() < 0.3) pick(rnd, TREE)[2](doc, paths(doc), rnd);
  return { mutation: name, bytes: enc(JSON.stringify(doc, null, rnd() < 0.5 ? 2 : undefined)) };
}

/**
 * What an accepted document must be, checked without the validator's code: every order entry is a
 * record of its own (not one found on the prototype), every reference names a unit or project in
 * the order lists, and no record has a prototype other than Object's (a "__proto__" key set one).
 */
export function structuralProblem(doc: DepartmentBudget): string | null {
  const collections = { units: doc.units, economicLines: doc.economicLines, projects: doc.projects, subItems: doc.subItems, functionalLines: doc.functionalLines, transferLines: doc.transferLines, procurementItems: doc.procurementItems };
  for (const [name, c] of Object.entries(collections)) {
    if (Object.getPrototypeOf(c.byId) !== Object.prototype) return `${name}.byId has another prototype`;
    const keys = Object.keys(c.byId).sort();
    if (JSON.stringify(keys) !== JSON.stringify([...c.order].sort())) return `${name}: order and records differ`;
    for (const id of c.order) if (!Object.getOwnPropertyNames(c.byId).includes(id) || (c.byId[id] as { id: string }).id !== id) return `${name}: order entry ${id} is no own record`;
  }
  const units = doc.units.order;
  for (const [name, c] of Object.entries(collections)) {
    for (const item of Object.values(c.byId) as { unitId?: string; projectId?: string }[]) {
      if (item.unitId !== undefined && !units.includes(item.unitId)) return `${name}: unit ${item.unitId} is not in units.order`;
      if (item.projectId !== undefined && !doc.projects.order.includes(item.projectId)) return `${name}: project ${item.projectId} is not in projects.order`;
    }
  }
  for (const [name, rec] of Object.entries({ incomes: doc.incomes, unitProcurement: doc.unitProcurement, threePublicExpenses: doc.threePublicExpenses, otherExpenditure: doc.otherExpenditure })) {
    if (Object.getPrototypeOf(rec) !== Object.prototype) return `${name} has another prototype`;
    for (const u of Object.keys(rec)) if (!units.includes(u)) return `${name}: unit ${u} is not in units.order`;
  }
  for (const [name, rec] of Object.entries({ notes: doc.notes, reported: doc.reported, previousYear: doc.previousYear, acceptedWarnings: doc.acceptedWarnings })) {
    if (Object.getPrototypeOf(rec) !== Object.prototype) return `${name} has another prototype`;
  }
  for (const id of units) if (typeof doc.units.byId[id]!.name !== 'string') return `unit ${id} has no name of its own`;
  return null;
}

/** One case: the outcome is a classified Chinese error or a document that survives audit, formatting, export and save. */
export async function checkBudgetCase(bytes: Uint8Array): Promise<{ ok: true } | { ok: false; code: string } | { violation: string }> {
  let r;
  try {
    r = parseBudgetBytes(bytes, FILE_NAME);
  } catch (e) {
    return { violation: `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` };
  }
  if (!r.ok) {
    if (!BUDGET_ERROR_CODES.includes(r.error.code)) return { violation: `unknown error code ${r.error.code}` };
    if (!CJK.test(r.error.message) || !r.error.message.includes(FILE_NAME)) return { violation: `message not in Chinese or without the file name: ${r.error.message.slice(0, 200)}` };
    if (/\n\s+at /.test(r.error.message)) return { violation: `stack trace in message: ${r.error.message.slice(0, 200)}` };
    return { ok: false, code: r.error.code };
  }
  const problem = structuralProblem(r.doc);
  if (problem) return { violation: `accepted a broken document: ${problem}` };
  try {
    await exercise(r.doc, { export: true });
    const saved = serializeBudget(r.doc);
    const again = parseBudgetBytes(enc(saved), FILE_NAME);
    if (!again.ok) return { violation: `accepted document does not read back after saving: ${again.error.message.slice(0, 200)}` };
    if (serializeBudget(again.doc) !== saved) return { violation: 'accepted document changes when saved and read again' };
  } catch (e) {
    return { violation: `after loading: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` };
  }
  return { ok: true };
}

export async function runBudgetFuzz(iterations: number, seed = 1, options: { onProgress?: (done: number, stats: BudgetFuzzStats) => void } = {}): Promise<BudgetFuzzStats> {
  const stats: BudgetFuzzStats = { iterations: 0, accepted: 0, failures: {}, mutations: {}, violations: [], elapsedMs: 0 };
  const started = performance.now();
  for (let i = 0; i < iterations; i++) {
    const caseSeed = (seed * 1_000_003 + i) >>> 0;
    const { mutation, bytes } = makeBudgetCase(caseSeed);
    stats.mutations[mutation] = (stats.mutations[mutation] ?? 0) + 1;
    const outcome = await checkBudgetCase(bytes);
    if ('violation' in outcome) stats.violations.push({ mutation, seed: caseSeed, problem: outcome.violation });
    else if (outcome.ok) stats.accepted++;
    else stats.failures[outcome.code] = (stats.failures[outcome.code] ?? 0) + 1;
    stats.iterations++;
    if ((i + 1) % 500 === 0 || i === iterations - 1) options.onProgress?.(i + 1, stats);
  }
  stats.elapsedMs = performance.now() - started;
  return stats;
}
