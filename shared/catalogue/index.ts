import { shenzhen2020 } from './shenzhen2020';
import type { Catalogue, TableDef } from './types';

export * from './types';
export * from './headers';

const catalogues: Record<string, Catalogue> = { [shenzhen2020.id]: shenzhen2020 };

export const DEFAULT_CATALOGUE_ID = shenzhen2020.id;

export function getCatalogue(id: string): Catalogue {
  const c = Object.hasOwn(catalogues, id) ? catalogues[id] : undefined;
  if (!c) throw new Error(`未知的表样目录：${id}`);
  return c;
}

export function hasCatalogue(id: string): boolean {
  return Object.hasOwn(catalogues, id);
}

export function tableDef(catalogue: Catalogue, id: string): TableDef {
  const t = catalogue.tables.find((x) => x.id === id);
  if (!t) throw new Error(`表样目录 ${catalogue.id} 中没有 ${id}`);
  return t;
}
export * from './decimals';
