/**
 * Setting amount cells: typing, paste, fill down and clear all come down to a list of (cell key,
 * value in 分). Only input cells can be set; the whole command is refused, and nothing changes,
 * when any target is not an input (unless asked to skip computed cells, as a paste over a block that
 * contains total rows does) or any value is not an integer number of 分.
 *
 * `planSetCells` works out the edit's patches by reading the document only — no copy of it — so an
 * editor can apply them to its working copy cheaply (a department with thousands of lines keeps
 * them in one record, and copying that record on every keystroke costs more than the whole audit).
 * `setCells` applies the same patches immutably (immer) and returns the new document.
 */
import { applyPatches, type Patch } from 'immer';
import { NodeKind, type Graph } from '../compute/graph';
import { parseCellKey } from '../model/cellKey';
import type { DepartmentBudget } from '../model/document';
import { documentVolume, knownVolume, rememberVolume } from '../model/amountVolume';
import { AMOUNT_BOUND_TEXT, MAX_AMOUNT_VOLUME_FEN, VOLUME_BOUND_TEXT, isAmount, isFen, type Fen } from '../money/fen';
import { refuse, type Edit, type EditOutcome } from './edit';
import { hasPrintedTotals } from './printedTotals';
import { holderOf } from './amountPatches';

export interface CellValue {
  key: string;
  value: Fen | null;
}

export interface SetCellsOptions {
  /** Undo label, e.g. 输入 / 粘贴 / 向下填充 / 清除. */
  label: string;
  /** Skip targets that are computed (sums) instead of refusing the command. */
  skipComputed?: boolean;
}

/** Table number as the clerk reads it: T4 → 表4. */
export function tableLabel(table: string): string {
  return table === 'T0' ? '辅助表' : `表${table.slice(1)}`;
}

/** Records of partial amounts where an empty cell is an absent key (the others keep an explicit null). */
function isPartialRecordPath(path: readonly string[]): boolean {
  return path[0] === 'incomes' || path[path.length - 2] === 'amounts';
}

interface Target {
  path: readonly string[];
  value: Fen | null;
  key: string;
}

/** Validate the cells against the graph; the last value for a key wins. */
function targetsOf(graph: Graph, cells: readonly CellValue[], options: SetCellsOptions): Target[] | string {
  const byKey = new Map<string, Target>();
  for (const { key, value } of cells) {
    if (value !== null && !isFen(value)) return `金额必须是以“分”为单位的整数（${String(value)}）`;
    if (value !== null && !isAmount(value)) return `金额超出了允许的范围（${AMOUNT_BOUND_TEXT}）`;
    const id = graph.idOf(key);
    if (id === undefined) return `单元格 ${key} 不存在`;
    if (graph.kind[id] !== NodeKind.Input) {
      if (options.skipComputed) continue;
      const ref = parseCellKey(key);
      return `${tableLabel(ref.table)}的这个单元格是计算得到的合计，不能直接修改`;
    }
    byKey.delete(key);
    byKey.set(key, { path: graph.inputPath[id]!, value, key });
  }
  return [...byKey.values()];
}

/** `volume`: the document's amount volume after the edit (amountVolume.ts), when it was measured. */
export type SetCellsPlan = { ok: true; edit: Edit | null; volume?: number } | { ok: false; message: string };

const VOLUME_MESSAGE = `输入后${VOLUME_BOUND_TEXT}，超出了本程序可精确计算的范围，请检查金额的单位（元/万元）是否正确`;

/**
 * The patches of setting the cells, computed by reading the document. A record missing along a
 * path (a unit's first income) is added empty before the values set into it.
 */
export function planSetCells(doc: DepartmentBudget, graph: Graph, cells: readonly CellValue[], options: SetCellsOptions): SetCellsPlan {
  const targets = targetsOf(graph, cells, options);
  if (typeof targets === 'string') return { ok: false, message: targets };
  const patches: Patch[] = [];
  const inverse: Patch[] = [];
  const keys: string[] = [];
  const created = new Set<string>(); // records this edit adds
  let volumeChange = 0;
  for (const t of targets) {
    let holder = holderOf(doc, t.path);
    if (typeof holder === 'number') {
      if (t.value === null) continue; // clearing inside a missing record: nothing to do
      for (let i = holder; i < t.path.length - 1; i++) {
        const path = t.path.slice(0, i + 1);
        if (created.has(path.join('/'))) continue;
        created.add(path.join('/'));
        patches.push({ op: 'add', path, value: {} });
        inverse.push({ op: 'remove', path });
      }
      holder = {};
    }
    const leaf = t.path[t.path.length - 1]!;
    const has = Object.prototype.hasOwnProperty.call(holder, leaf);
    const current = has ? holder[leaf] : undefined;
    keys.push(t.key);
    volumeChange += Math.abs(t.value ?? 0) - (typeof current === 'number' ? Math.abs(current) : 0);
    const path = [...t.path];
    if (t.value === null && isPartialRecordPath(t.path)) {
      if (!has) continue;
      patches.push({ op: 'remove', path });
      inverse.push({ op: 'add', path, value: current });
    } else if (has) {
      if (current === t.value) continue;
      patches.push({ op: 'replace', path, value: t.value });
      inverse.push({ op: 'replace', path, value: current });
    } else {
      patches.push({ op: 'add', path, value: t.value });
      inverse.push({ op: 'remove', path });
    }
  }
  if (patches.length === 0) return { ok: true, edit: null };
  for (const key of printedTotalsAbove(doc, graph, keys)) {
    patches.push({ op: 'remove', path: ['reported', key] });
    inverse.push({ op: 'add', path: ['reported', key], value: doc.reported[key] ?? null });
  }
  inverse.reverse();
  // Only an edit that adds to the volume can break its bound; the volume itself is walked once per
  // document, and passed on to the edited document whenever it is known (so typing never walks).
  const before = volumeChange > 0 ? documentVolume(doc) : knownVolume(doc);
  const volume = before === undefined ? undefined : before + volumeChange;
  if (volume !== undefined && volume > MAX_AMOUNT_VOLUME_FEN) return { ok: false, message: VOLUME_MESSAGE };
  return { ok: true, edit: { label: options.label, patches, inversePatches: inverse, effect: { kind: 'values', keys } }, volume };
}

/** Plan and apply an amount edit (`apply`: immutably by default; the editor applies to its working copy). */
export function setCells(doc: DepartmentBudget, graph: Graph, cells: readonly CellValue[], options: SetCellsOptions, apply = (d: DepartmentBudget, patches: Patch[]) => applyPatches(d, patches)): EditOutcome {
  const plan = planSetCells(doc, graph, cells, options);
  if (!plan.ok) return refuse(plan.message);
  if (!plan.edit) return { ok: true, result: null };
  const next = apply(doc, plan.edit.patches);
  if (plan.volume !== undefined) rememberVolume(next, plan.volume);
  return { ok: true, result: { doc: next, edit: plan.edit } };
}

/**
 * The printed totals an amount edit makes stale: every printed value kept (`reported`) on a cell
 * computed from one of the edited inputs, directly or through other totals. They turn into computed
 * totals with the edit; every other printed total stays what the workbook says.
 */
export function printedTotalsAbove(doc: DepartmentBudget, graph: Graph, inputKeys: readonly string[]): string[] {
  const reported = doc.reported;
  if (!hasPrintedTotals(doc)) return [];
  const { parentStart, parentList } = graph;
  const seen = new Set<number>();
  const stack: number[] = [];
  for (const key of inputKeys) {
    const id = graph.idOf(key);
    if (id !== undefined) stack.push(id);
  }
  const out: string[] = [];
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (let p = parentStart[n]!, end = parentStart[n + 1]!; p < end; p++) {
      const parent = parentList[p]!;
      if (seen.has(parent)) continue;
      seen.add(parent);
      stack.push(parent);
      const key = graph.keyOf(parent);
      if (Object.prototype.hasOwnProperty.call(reported, key)) out.push(key);
    }
  }
  return out;
}
