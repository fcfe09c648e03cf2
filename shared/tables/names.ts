import { getCodeLists } from '../codes/registry';

/** Names of classification codes as the tables print them (resolved from the year's code lists). */
export interface NameLookup {
  functional(code: string): string | undefined;
  economic(code: string): string | undefined;
  procurement(code: string): string | undefined;
}

/** Names from the bundled code lists of the budget year. */
export function nameLookupForYear(year: number): NameLookup {
  const lists = getCodeLists(year);
  return {
    functional: (code) => lists.functional.get(code)?.name,
    economic: (code) => lists.economic.get(code)?.name,
    procurement: (code) => lists.procurement.get(code)?.name,
  };
}
