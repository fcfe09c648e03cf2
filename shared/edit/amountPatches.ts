/**
 * Applying an amount edit's patches (planned by `planSetCells`, or their inverse) in place: the one
 * walker of the editor's working copy and of the audit worker's private document (immer would copy
 * every record on a path, e.g. the `byId` record of 9,000 表4 lines, on every keystroke). Only
 * amount patches are taken: each sets (a safe integer or null) or removes one input value of an
 * existing record (`graph.inputAtPath`) or one printed total (`reported`).
 */
import type { Patch } from 'immer';
import type { Graph } from '../compute/graph';

type Obj = Record<string, unknown>;

/**
 * The container the walk goes on with: `child` itself (written in place) or a copy the walker puts
 * into its parent. The default writes every container in place.
 */
export type OwnContainer = (child: Obj, path: Patch['path'], depth: number) => Obj;

const inPlace: OwnContainer = (child) => child;

function isAmountPatch(patch: Patch, graph: Graph): boolean {
  const value = patch.value as unknown;
  const setsValue = (patch.op === 'replace' || patch.op === 'add') && (value === null || (typeof value === 'number' && Number.isSafeInteger(value)));
  if (!setsValue && patch.op !== 'remove') return false;
  const printedTotal = patch.path.length === 2 && patch.path[0] === 'reported';
  return printedTotal || graph.inputAtPath(patch.path) !== undefined;
}

/** The record holding a path's leaf, or the depth of the first record missing on the way. */
export function holderOf(root: object, path: readonly (string | number)[]): Obj | number {
  let holder: unknown = root;
  for (let i = 0; i < path.length - 1; i++) {
    holder = (holder as Obj)[path[i]!];
    if (holder === undefined || holder === null || typeof holder !== 'object') return i;
  }
  return holder as Obj;
}

/**
 * Write the patches into `root` and return their inverse, or null — having changed nothing — when a
 * patch is not an amount patch, or (written in place) its record is frozen. `own` decides which
 * containers on a path are copied on the way (the editor's working copy); the root is always written.
 */
export function applyAmountPatches(root: object, patches: readonly Patch[], graph: Graph, own: OwnContainer = inPlace): Patch[] | null {
  const doc = root as Obj;
  for (const patch of patches) {
    if (!isAmountPatch(patch, graph)) return null;
    const holder = holderOf(doc, patch.path);
    if (typeof holder === 'number' || (own === inPlace && Object.isFrozen(holder))) return null;
  }
  const inverse: Patch[] = [];
  for (const patch of patches) {
    const path = patch.path;
    let holder = doc;
    for (let depth = 1; depth < path.length; depth++) {
      const key = String(path[depth - 1]);
      const child = holder[key] as Obj;
      const owned = own(child, path, depth);
      if (owned !== child) holder[key] = owned;
      holder = owned;
    }
    const leaf = String(path[path.length - 1]);
    if (Object.prototype.hasOwnProperty.call(holder, leaf)) inverse.push({ op: patch.op === 'remove' ? 'add' : 'replace', path, value: holder[leaf] });
    else inverse.push({ op: 'remove', path });
    if (patch.op === 'remove') delete holder[leaf];
    else holder[leaf] = patch.value as unknown;
  }
  return inverse.reverse();
}
