/**
 * Import fidelity on the layout-dialect corpus (tests/xlsx/dialects/): every document of the
 * corpus written in every named dialect with exceljs, then imported.
 * - importFidelity: rows read exactly (units, incomes, lines, projects, sub-items, 三公 and
 *   procurement inputs, indicators, the department; at the printed precision), as a share of all
 *   rows — per category the larger of the expected and the imported count, so invented rows count
 *   against it as much as lost ones.
 * - dialectWorkbooksExact: workbooks whose every row reads back; dialectWorkbooksAuditEqual:
 *   workbooks whose import has the document's audit; dialectWorkbooks: the corpus size.
 * - dialectCorpusRows: the rows counted; dialectsNotReadExactly: the named dialects with a row
 *   not read exactly on some document.
 */
import { corpusDocuments } from '../../xlsx/dialects/corpus';
import { NAMED_DIALECTS } from '../../xlsx/dialects/dialect';
import { runCase } from '../../xlsx/dialects/runCase';
import type { BenchSuite } from '../run';

const suite: BenchSuite = {
  name: 'dialects',
  async run() {
    let rows = 0;
    let exact = 0;
    let workbooks = 0;
    let workbooksExact = 0;
    let auditEqual = 0;
    const notExact = new Set<string>();
    for (const [name, dialect] of Object.entries(NAMED_DIALECTS)) {
      for (const doc of corpusDocuments()) {
        const r = await runCase(doc, dialect);
        rows += r.rows.rows;
        exact += r.rows.exact;
        workbooks++;
        if (r.rows.exact === r.rows.rows) workbooksExact++;
        else notExact.add(name);
        if (r.imported && r.extraFindings.length === 0 && r.missingFindings.length === 0) auditEqual++;
      }
    }
    return {
      importFidelity: Math.round((exact / rows) * 1000) / 1000,
      dialectWorkbooksExact: workbooksExact,
      dialectWorkbooksAuditEqual: auditEqual,
      dialectWorkbooks: workbooks,
      dialectCorpusRows: rows,
      dialectsNotReadExactly: [...notExact].join(','),
    };
  },
};

export default suite;
