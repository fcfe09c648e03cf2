/**
 * Everything a clerk does with a document once it is open: audit it, look at every amount in both
 * units (computed and as printed), and export it. A document the importer or the `.budget` loader
 * accepted must survive all of it without an exception (used by the fuzzers and the bound tests).
 */
import { evaluate } from '../../shared/compute/evaluate';
import { graphOf } from '../../shared/compute/inputCells';
import type { DepartmentBudget } from '../../shared/model/document';
import type { Fen } from '../../shared/money/fen';
import { formatFen } from '../../shared/money/format';
import { runAudit } from '../../shared/rules/audit';
import { exportWorkbook } from '../../shared/xlsx/exportWorkbook';
import { nodeZip } from '../../electron/cli/nodeZip';

/** Audit, format every amount, export (forced, stored zip). Throws what the code under test throws. */
export async function exercise(doc: DepartmentBudget, options: { export?: boolean } = {}): Promise<void> {
  runAudit(doc);
  const { graph } = graphOf(doc);
  const ev = evaluate(graph, doc);
  for (let i = 0; i < graph.size; i++) {
    for (const v of [ev.computed[i]!, ev.shown[i]!]) {
      if (!Number.isSafeInteger(v)) throw new Error(`${graph.keyOf(i)}: inexact sum ${v}`);
      formatFen(v as Fen, { unit: 'yuan', decimals: 2 });
      formatFen(v as Fen, { unit: 'wan', decimals: 6 });
    }
  }
  if (options.export === false) return;
  const r = await exportWorkbook(doc, { force: true, compressionLevel: 0, zip: nodeZip });
  if (!r.ok) throw new Error(`forced export refused: ${r.error.message}`);
}
