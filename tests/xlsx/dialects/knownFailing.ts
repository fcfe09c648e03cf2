/**
 * The one list of dialect cases today's importer gets wrong (issue 13, points 1–4), so `npm test`
 * stays green while the list shows the progress: a case listed here runs as `it.fails`, and once
 * the importer reads it right that test fails until the entry is removed.
 *
 * dialect → the documents (corpus.ts) whose rows or audit do not come back, as `doc:rows` /
 * `doc:audit`; `ALL` is every document, both.
 */
import { NAMED_DIALECTS } from './dialect';

const ALL = 'sample:rows sample:audit multi-unit-a:rows multi-unit-a:audit multi-unit-b:rows multi-unit-b:audit multi-unit-rounded:rows multi-unit-rounded:audit small-yuan:rows small-yuan:audit';

/**
 * The sample's 表12 prints its 公务用车购置及运行维护费小计 blank over parts of 6 万元 (a printed
 * fact the sample document keeps); an import drops the blank, and with it four 强制性 findings.
 */
const SAMPLE_BLANK_SUBTOTAL = 'sample:audit';

const KNOWN_FAILING: Record<string, string> = {
  official: SAMPLE_BLANK_SUBTOTAL,
  'indent-none': SAMPLE_BLANK_SUBTOTAL,
  'indent-relative': `${SAMPLE_BLANK_SUBTOTAL} multi-unit-a:rows multi-unit-a:audit multi-unit-b:rows multi-unit-b:audit multi-unit-rounded:rows multi-unit-rounded:audit`,
  'indent-spaces': SAMPLE_BLANK_SUBTOTAL,
  'bold-units': SAMPLE_BLANK_SUBTOTAL,
  'bold-units-no-indent': SAMPLE_BLANK_SUBTOTAL,
  'bold-units-shallow': SAMPLE_BLANK_SUBTOTAL,
  numbered: SAMPLE_BLANK_SUBTOTAL,
  'codes-column': SAMPLE_BLANK_SUBTOTAL,
  'codes-prefix': `${SAMPLE_BLANK_SUBTOTAL} multi-unit-a:rows multi-unit-a:audit multi-unit-rounded:rows`,
  'total-top': SAMPLE_BLANK_SUBTOTAL,
  'total-bottom': SAMPLE_BLANK_SUBTOTAL,
  'total-absent': SAMPLE_BLANK_SUBTOTAL,
  subtotals: SAMPLE_BLANK_SUBTOTAL,
  'full-unit-names': SAMPLE_BLANK_SUBTOTAL,
  'full-unit-names-13': SAMPLE_BLANK_SUBTOTAL,
  'header-split': SAMPLE_BLANK_SUBTOTAL,
  'header-bottom': SAMPLE_BLANK_SUBTOTAL,
  'header-across': SAMPLE_BLANK_SUBTOTAL,
  'header-leaf-only': SAMPLE_BLANK_SUBTOTAL,
  'title-split': SAMPLE_BLANK_SUBTOTAL,
  'title-bare': SAMPLE_BLANK_SUBTOTAL,
  'blank-rows': SAMPLE_BLANK_SUBTOTAL,
  'labels-merged': SAMPLE_BLANK_SUBTOTAL,
  'labels-repeated': SAMPLE_BLANK_SUBTOTAL,
  'labels-across': ALL,
  'numbers-text': SAMPLE_BLANK_SUBTOTAL,
  'numbers-formula': SAMPLE_BLANK_SUBTOTAL,
  'wan-0': SAMPLE_BLANK_SUBTOTAL,
  'wan-2': SAMPLE_BLANK_SUBTOTAL,
  'wan-4': SAMPLE_BLANK_SUBTOTAL,
  yuan: SAMPLE_BLANK_SUBTOTAL,
  'sheets-renamed': SAMPLE_BLANK_SUBTOTAL,
  'sheets-reordered': SAMPLE_BLANK_SUBTOTAL,
  'sheets-cover': SAMPLE_BLANK_SUBTOTAL,
  remarks: SAMPLE_BLANK_SUBTOTAL,
  'columns-swapped': SAMPLE_BLANK_SUBTOTAL,
  'published-wan-2': SAMPLE_BLANK_SUBTOTAL,
  'system-export': `${SAMPLE_BLANK_SUBTOTAL} multi-unit-a:rows multi-unit-a:audit multi-unit-rounded:rows`,
  'clerk-copy': `${SAMPLE_BLANK_SUBTOTAL} multi-unit-a:rows multi-unit-a:audit multi-unit-b:rows multi-unit-b:audit multi-unit-rounded:rows multi-unit-rounded:audit`,
};

for (const name of Object.keys(KNOWN_FAILING)) if (!Object.hasOwn(NAMED_DIALECTS, name)) throw new Error(`known-failing entry for an unknown dialect: ${name}`);

export type Aspect = 'rows' | 'audit';

export function knownFailing(dialect: string, doc: string, aspect: Aspect): boolean {
  return Object.hasOwn(KNOWN_FAILING, dialect) && KNOWN_FAILING[dialect]!.split(' ').includes(`${doc}:${aspect}`);
}
