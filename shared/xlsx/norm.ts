/**
 * Memoised name matching for the importer: the same few thousand printed names (units, 合计,
 * classification names) are normalised and looked up again on every row of a large workbook.
 */
import { normalizeName as normalizeUncached } from '../codes/normalize';
import type { CodeEntry, CodeList, FindByNameOptions } from '../codes/codeList';
import type { CodeListSet } from '../codes/registry';

const cache = new Map<string, string>();

export function normalizeName(s: string): string {
  let v = cache.get(s);
  if (v === undefined) {
    v = normalizeUncached(s);
    if (cache.size > 100_000) cache.clear();
    cache.set(s, v);
  }
  return v;
}

function cachedList(list: CodeList): CodeList {
  const many = new Map<string, readonly CodeEntry[]>();
  const key = (name: string, o?: FindByNameOptions) => `${name}\u0000${o?.level ?? ''}\u0000${o?.parent === undefined ? '*' : String(o.parent)}`;
  const findByName = (name: string, o?: FindByNameOptions): readonly CodeEntry[] => {
    const k = key(name, o);
    let hit = many.get(k);
    if (!hit) {
      hit = list.findByName(name, o);
      many.set(k, hit);
    }
    return hit;
  };
  return {
    ...list,
    findByName,
    findOneByName: (name, o) => {
      const hits = findByName(name, o);
      return hits.length === 1 ? hits[0] : undefined;
    },
  };
}

/** The year's code lists with name look-ups cached (for one import). */
export function cachedCodeLists(lists: CodeListSet): CodeListSet {
  return { ...lists, functional: cachedList(lists.functional), economic: cachedList(lists.economic), procurement: cachedList(lists.procurement) };
}
