/**
 * A workbook whose empty tables carry the standard note (注：本部门无政府性基金预算支出。) or a
 * variant of it keeps the note on import, so the empty-table rule (表7–表10 无数据须注明) raises
 * no 强制性 finding and export is not refused for it.
 */
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../shared/rules/audit';
import { importWorkbook } from '../../shared/xlsx/importWorkbook';
import { findCell, mutate, smallWorkbook } from './workbookEdits';

/** The small department has no amounts in 表8, 表9 and 表10; its workbook prints these notes under them. */
const NOTES = {
  表8: '注：本部门无政府性基金预算支出。',
  表9: '注：本部门无国有资本经营预算支出。',
  表10: '注：本部门无上级专项转移支付预算支出。',
};

async function imported(notes: Record<keyof typeof NOTES, string>) {
  const bytes = await mutate(await smallWorkbook(), (wb) => {
    for (const [sheet, text] of Object.entries(notes)) findCell(wb.getWorksheet(sheet)!, NOTES[sheet as keyof typeof NOTES]).value = text;
  });
  const r = await importWorkbook(bytes, { fileName: '预算.xlsx' });
  if (!r.ok) throw new Error(r.error.message);
  return r.doc;
}

describe('notes of empty tables survive the import', () => {
  it('the standard wording is kept and the empty-table rule is satisfied', async () => {
    const doc = await imported(NOTES);
    expect(doc.notes).toEqual({ T8: NOTES.表8, T9: NOTES.表9, T10: NOTES.表10 });
    expect(runAudit(doc).filter((f) => f.id.startsWith('empty-table-note'))).toEqual([]);
  });

  it('variants (本单位, 我局, 我部门, half-width colon, no full stop) are kept as written', async () => {
    const variants = { 表8: '注：本单位无政府性基金预算支出。', 表9: '注：我局无国有资本经营预算支出', 表10: '注:我部门无上级专项转移支付预算支出。' };
    const doc = await imported(variants);
    expect(doc.notes).toEqual({ T8: variants.表8, T9: variants.表9, T10: variants.表10 });
    expect(runAudit(doc).filter((f) => f.id.startsWith('empty-table-note'))).toEqual([]);
  });
});
