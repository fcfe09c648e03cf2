/**
 * The editor's working copy of the document: amount edits are written with the one in-place walker
 * (shared/edit/amountPatches) without copying the big id-keyed records. A department with thousands
 * of lines keeps them in one `byId` record, and an immutable update copies that record (≈ 10–20 ms
 * for 9,000 lines) on every keystroke.
 *
 * Rule: the root and every small container on the path are copied on write (so a new document
 * object results, and objects that history patches may hold are never changed); the `byId` record
 * itself is written in place — after one copy if it is frozen. Only the editor's own working copy
 * is treated this way: it is never shared (the workers get clones, history holds patches), and
 * amount patches are always undone in reverse order, so no older state is ever read again.
 * Patches that are not amount patches (a record created by the first amount typed into it) are
 * applied with immer.
 */
import { applyPatches, type Patch } from 'immer';
import type { Graph } from '../../shared/compute/graph';
import { applyAmountPatches, type OwnContainer } from '../../shared/edit/amountPatches';
import type { DepartmentBudget } from '../../shared/model/document';

type Obj = Record<string, unknown>;

function loopCopy(o: Obj): Obj {
  const out: Obj = {};
  for (const k in o) out[k] = o[k];
  return out;
}

/** Copy on write, except the id-keyed record (depth 2 under `byId`), written in place once it is not frozen. */
function copyOnWrite(): OwnContainer {
  const fresh = new Set<Obj>(); // containers created by this edit: write freely
  return (child, path, depth) => {
    if (fresh.has(child)) return child;
    const byId = depth === 2 && path[1] === 'byId';
    const owned = byId && !Object.isFrozen(child) ? child : byId ? loopCopy(child) : { ...child };
    fresh.add(owned);
    return owned;
  };
}

export function applyToWorkingCopy(doc: DepartmentBudget, patches: readonly Patch[], graph: Graph): DepartmentBudget {
  const root = { ...doc };
  return applyAmountPatches(root, patches, graph, copyOnWrite()) ? root : applyPatches(doc, patches);
}
