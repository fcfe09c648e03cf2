/**
 * What today's importer gets wrong in the dialect corpus, printed as the entries of
 * ./knownFailing.ts (paste them there when the importer changes), then the importFidelity share.
 *
 *     npx tsx tests/xlsx/dialects/status.ts [dialect…]
 */
import { corpusDocuments } from './corpus';
import { NAMED_DIALECTS } from './dialect';
import { runCase } from './runCase';

const only = process.argv.slice(2);
let rows = 0;
let exact = 0;
for (const [name, dialect] of Object.entries(NAMED_DIALECTS)) {
  if (only.length && !only.includes(name)) continue;
  const failing: string[] = [];
  for (const doc of corpusDocuments()) {
    const r = await runCase(doc, dialect);
    rows += r.rows.rows;
    exact += r.rows.exact;
    if (r.rows.exact !== r.rows.rows) failing.push(`${doc.name}:rows`);
    if (!r.imported || r.extraFindings.length || r.missingFindings.length) failing.push(`${doc.name}:audit`);
    if (only.length) {
      process.stdout.write(`${name} ${doc.name}: ${r.error ?? ''} rows ${r.rows.exact}/${r.rows.rows} [${r.rows.differing.join(', ')}]\n`);
      for (const f of r.extraFindings.slice(0, 5)) process.stdout.write(`  + ${f.severity} ${f.message}\n`);
      for (const f of r.missingFindings.slice(0, 5)) process.stdout.write(`  - ${f.severity} ${f.message}\n`);
    }
  }
  if (failing.length) process.stdout.write(`  '${name}': '${failing.join(' ')}',\n`);
}
process.stdout.write(`importFidelity ${(exact / rows).toFixed(3)} (${exact}/${rows} rows)\n`);
