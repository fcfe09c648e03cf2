/** Helpers for `{ byId, order }` collections on an immer draft. */
import type { Collection } from '../model/document';

/** Insert an id into the order after `after` (or at the end when absent/unknown). */
export function insertAfter(order: string[], id: string, after: string | null | undefined): void {
  const i = after ? order.indexOf(after) : -1;
  if (i < 0) order.push(id);
  else order.splice(i + 1, 0, id);
}

export function removeFrom<T>(c: Collection<T>, id: string): void {
  const i = c.order.indexOf(id);
  if (i >= 0) c.order.splice(i, 1);
  delete c.byId[id];
}

/**
 * Move `id` one step up (-1) or down (+1) among the ids in `order` that satisfy `peer` (rows of the
 * same unit / project / category), swapping it with its neighbour. Returns false when it cannot move.
 */
export function moveAmongPeers(order: string[], id: string, delta: -1 | 1, peer: (other: string) => boolean): boolean {
  const peers = order.filter((o) => o === id || peer(o));
  const pos = peers.indexOf(id);
  const target = peers[pos + delta];
  if (pos < 0 || target === undefined) return false;
  const i = order.indexOf(id);
  const j = order.indexOf(target);
  order[i] = target;
  order[j] = id;
  return true;
}
