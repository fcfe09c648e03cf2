/**
 * One case of the dialect corpus: a document written in a dialect (optionally with printed totals
 * changed), imported, and compared with what the import must give — its rows at the printed
 * precision and its audit. Used by the corpus tests and by the importFidelity benchmark.
 */
import type { DepartmentBudget } from '../../../shared/model/document';
import { runAudit } from '../../../shared/rules/audit';
import type { Finding } from '../../../shared/rules/finding';
import { importWorkbook } from '../../../shared/xlsx/importWorkbook';
import { expectedDocument, forDocument, type CorpusDocument } from './corpus';
import type { Dialect } from './dialect';
import { fidelity, roundedSignature, signature, type Fidelity } from './fidelity';
import type { SheetSpec } from './layoutGrid';
import { printedBook } from './printedBook';
import { dialectSheets, printScale, writeSheets, type PrintScale } from './writeDialect';

export interface CaseResult {
  scale: PrintScale;
  expected: DepartmentBudget;
  imported: DepartmentBudget | null;
  error: string | null;
  rows: Fidelity;
  /**
   * Findings of the import's audit that the expected document's audit does not have, and the
   * reverse (for a workbook that rounds the document's amounts, 强制性 findings by rule and place).
   */
  extraFindings: Finding[];
  missingFindings: Finding[];
}

/** Multiset difference of two finding lists by their id-free signatures (findings without one are left out). */
export function findingsDiff(a: readonly Finding[], b: readonly Finding[], sig: (f: Finding) => string | null = signature): Finding[] {
  const left = new Map<string, number>();
  for (const f of b) {
    const s = sig(f);
    if (s !== null) left.set(s, (left.get(s) ?? 0) + 1);
  }
  return a.filter((f) => {
    const s = sig(f);
    if (s === null) return false;
    const n = left.get(s) ?? 0;
    if (n === 0) return true;
    left.set(s, n - 1);
    return false;
  });
}

/** Printed amounts changed after layout: cell key → 分 added to what the sheet prints. */
export type Injection = ReadonlyMap<string, number>;

function inject(sheets: SheetSpec[], changes: Injection): number {
  let done = 0;
  for (const s of sheets) {
    for (const row of s.cells.values()) {
      for (const cell of row.values()) {
        const v = cell.value;
        if (typeof v === 'string' || !v.key || !changes.has(v.key)) continue;
        cell.value = { fen: v.fen + changes.get(v.key)!, key: v.key };
        done++;
      }
    }
  }
  return done;
}

export async function runCase(doc: CorpusDocument, dialect0: Dialect, changes: Injection = new Map()): Promise<CaseResult> {
  const dialect = forDocument(dialect0, doc);
  const scale = printScale(doc.doc, dialect.scale);
  const sheets = dialectSheets(doc.doc, printedBook(doc.doc, scale.step, scale.text), dialect, scale);
  if (inject(sheets, changes) < changes.size) throw new Error('a printed total to change is not in the workbook');
  const bytes = await writeSheets(sheets, dialect, scale);
  const expected = expectedDocument(doc.doc, dialect, scale);
  const r = await importWorkbook(bytes, { fileName: `${doc.name}.xlsx` });
  const imported = r.ok ? r.doc : null;
  const want = runAudit(expected);
  const got = imported ? runAudit(imported) : [];
  const sig = scale.step > doc.exactStep ? roundedSignature : signature;
  return {
    scale,
    expected,
    imported,
    error: r.ok ? null : r.error.message,
    rows: fidelity(expected, imported, scale.step),
    extraFindings: imported ? findingsDiff(got, want, sig) : [],
    missingFindings: imported ? findingsDiff(want, got, sig) : [],
  };
}
