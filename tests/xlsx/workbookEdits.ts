/** Changing an exported workbook the way a clerk would in Excel (through exceljs, an independent writer). */
import ExcelJS from 'exceljs';
import { exportWorkbook } from '../../shared/xlsx/exportWorkbook';
import { smallBudget } from './helpers';

/** The small two-unit department (amounts in 元) as an exported workbook. */
export async function smallWorkbook(): Promise<Uint8Array> {
  const r = await exportWorkbook(smallBudget(), { audit: false });
  if (!r.ok) throw new Error('export refused');
  return r.bytes;
}

export async function mutate(bytes: Uint8Array, change: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  change(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export function findCell(ws: ExcelJS.Worksheet, text: string): ExcelJS.Cell {
  let found: ExcelJS.Cell | undefined;
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (!found && cell.value === text) found = cell;
    }),
  );
  if (!found) throw new Error(`no cell “${text}” in ${ws.name}`);
  return found;
}
