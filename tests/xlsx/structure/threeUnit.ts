/**
 * The 3-unit department and its workbook "laid out the ordinary way", written with exceljs
 * as another program would: units bold at the same indentation as their projects, sub-items one
 * level in; 表13 with a 合计 row and a 小计 row per unit, units named in full; 表7 with 单位名称 and
 * 单位 on separate rows; 表12 with each unit's name merged over its two year rows; no hidden
 * metadata. The same document is also exported by our own writer, so a test can compare what the
 * importer makes of both.
 */
import ExcelJS from 'exceljs';
import type { DepartmentBudget } from '../../../shared/model/document';
import { fen, FEN_PER_WAN as WAN } from '../../../shared/money/fen';
import { exportWorkbook } from '../../../shared/xlsx/exportWorkbook';
import { loadSample } from '../helpers';

const CENT_WAN = 10_000; // 0.01 万元 in 分

/** The bundled sample grown to three units (two subordinate units with projects, lines and 三公), amounts to 0.01 万元. */
export function threeUnitDocument(): DepartmentBudget {
  const doc = structuredClone(loadSample());
  doc.reported = {};
  doc.printedPrecisionFen = null;
  doc.department.displayDecimals = 2; // published in 万元 with 2 decimals
  doc.units.byId['u-xx'] = { id: 'u-xx', name: '市信访局信息中心', fullName: '深圳市信访局信息中心', kind: 'subordinateUnit' };
  doc.units.byId['u-jd'] = { id: 'u-jd', name: '市信访局接待中心', fullName: '深圳市信访局接待中心', kind: 'subordinateUnit' };
  doc.units.order.push('u-xx', 'u-jd');
  doc.projects.byId['p-xinxi']!.unitId = 'u-xx';
  doc.projects.byId['p-dating']!.unitId = 'u-jd';
  // An eighth project, for the second unit.
  doc.projects.byId['p-wangluo'] = { ...structuredClone(doc.projects.byId['p-xinxi']!), id: 'p-wangluo', name: '网络安全保障' };
  doc.projects.order.push('p-wangluo');
  doc.subItems.byId['s-wl1'] = { id: 's-wl1', projectId: 'p-wangluo', name: '等级保护测评', amounts: { generalFunding: fen(12 * WAN + 37 * CENT_WAN) } };
  doc.subItems.byId['s-wl2'] = { id: 's-wl2', projectId: 'p-wangluo', name: '安全设备维保', amounts: { generalFunding: fen(8 * WAN + 5 * CENT_WAN) } };
  doc.subItems.order.push('s-wl1', 's-wl2');
  // Amounts that need the two decimals.
  for (const [k, id] of doc.subItems.order.entries()) {
    const s = doc.subItems.byId[id]!;
    if (s.amounts.generalFunding) s.amounts.generalFunding = fen(s.amounts.generalFunding + ((k * 13) % 97) * CENT_WAN);
  }
  // Economic lines: the subordinate units get copies of a few of the office's lines.
  const econ = doc.economicLines.order.map((id) => doc.economicLines.byId[id]!);
  for (const [u, codes] of [['u-xx', ['30101', '30102', '30201']], ['u-jd', ['30101', '30209']]] as const) {
    for (const code of codes) {
      const src = econ.find((l) => l.code === code);
      if (!src) continue;
      const id = `e-${u}-${code}`;
      doc.economicLines.byId[id] = { id, unitId: u, code, amounts: { generalFunding: fen(Math.floor((src.amounts.generalFunding ?? WAN) / 4 / CENT_WAN) * CENT_WAN + 21 * CENT_WAN) } };
      doc.economicLines.order.push(id);
    }
  }
  const fn = doc.functionalLines.order.map((id) => doc.functionalLines.byId[id]!);
  for (const [u, i] of [['u-xx', 0], ['u-jd', 2]] as const) {
    const src = fn[i]!;
    const id = `f-${u}`;
    doc.functionalLines.byId[id] = { ...src, id, unitId: u, basicExpenditure: fen(30 * WAN + 3 * CENT_WAN), projectExpenditure: fen(12 * WAN) };
    doc.functionalLines.order.push(id);
  }
  doc.incomes['u-xx'] = { generalFunding: fen(140 * WAN + 11 * CENT_WAN) };
  doc.incomes['u-jd'] = { generalFunding: fen(520 * WAN + 7 * CENT_WAN) };
  doc.threePublicExpenses['u-xx'] = { previousYear: { officialTravelAbroad: null, officialReception: fen(2 * WAN), vehiclePurchase: null, vehicleOperation: null }, currentYear: { officialTravelAbroad: null, officialReception: fen(WAN + 50 * CENT_WAN), vehiclePurchase: null, vehicleOperation: null } };
  doc.threePublicExpenses['u-jd'] = { previousYear: { officialTravelAbroad: null, officialReception: null, vehiclePurchase: null, vehicleOperation: fen(3 * WAN) }, currentYear: { officialTravelAbroad: null, officialReception: null, vehiclePurchase: fen(25 * WAN), vehicleOperation: fen(3 * WAN + 20 * CENT_WAN) } };
  return doc;
}

/** Our own writer's workbook of a document (no hidden metadata), at `decimals`. */
export async function ownWorkbook(doc: DepartmentBudget, decimals = 2): Promise<Uint8Array> {
  const r = await exportWorkbook(doc, { audit: false, decimals, metadata: false });
  if (!r.ok) throw new Error('export refused');
  return r.bytes;
}

interface Line {
  values: ExcelJS.CellValue[];
  /** Indentation of the first cell. */
  indent: number;
  bold: boolean;
  /** Row in the source sheet (merges of the source are kept for rows that keep their number). */
  from: number | null;
}

function linesOf(ws: ExcelJS.Worksheet): Line[] {
  const out: Line[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const values: ExcelJS.CellValue[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = row.getCell(c);
      values.push(cell.isMerged && cell.master !== cell ? null : cell.value);
    }
    out.push({ values, indent: row.getCell(1).alignment?.indent ?? 0, bold: false, from: r });
  }
  return out;
}

type Transform = (lines: Line[], header: number) => { lines: Line[]; merges?: string[] };

/** Copy a sheet through `transform`; source merges are kept for the header rows (above `header`+1). */
function copySheet(src: ExcelJS.Worksheet, dst: ExcelJS.Workbook, header: number, transform: Transform): void {
  const ws = dst.addWorksheet(src.name);
  const { lines, merges = [] } = transform(linesOf(src), header);
  lines.forEach((l, i) => {
    const row = ws.getRow(i + 1);
    l.values.forEach((v, j) => {
      if (v !== null && v !== undefined) row.getCell(j + 1).value = v;
    });
    if (l.indent) row.getCell(1).alignment = { indent: l.indent };
    if (l.bold) row.getCell(1).font = { bold: true };
  });
  for (const m of (src.model as unknown as { merges: string[] }).merges) {
    const rows = m.match(/\d+/g)!.map(Number);
    if (Math.max(...rows) <= header) ws.mergeCells(m);
  }
  for (const m of merges) ws.mergeCells(m);
}

const text = (v: ExcelJS.CellValue) => (typeof v === 'string' ? v : '');

/** The layout of a document's workbook (see the file comment). */
export async function ordinaryLayout(doc: DepartmentBudget, decimals = 2): Promise<Uint8Array> {
  const src = new ExcelJS.Workbook();
  await src.xlsx.load(Buffer.from(await ownWorkbook(doc, decimals)) as unknown as ExcelJS.Buffer);
  const units = doc.units.order.map((id) => doc.units.byId[id]!);
  const unitNames = new Set(units.map((u) => u.name));
  const dst = new ExcelJS.Workbook();
  // Units bold at their projects' (categories') level, the rows below them one level in.
  const flatten: Transform = (lines, header) => ({
    lines: lines.map((l, i) => {
      if (i < header) return l;
      const isUnit = unitNames.has(text(l.values[0]));
      return { ...l, indent: l.indent <= 1 ? 0 : l.indent - 2, bold: isUnit };
    }),
  });
  // 表13: a 合计 row for the department and a 小计 row before each unit's projects; full unit names.
  const performance: Transform = (lines, header) => {
    const head = lines.slice(0, header);
    const body = lines.slice(header).filter((l) => l.values.some((v) => v !== null));
    const sum = (rows: Line[], c: number) => Math.round(rows.reduce((s, l) => s + (typeof l.values[c] === 'number' ? (l.values[c] as number) : 0), 0) * 100) / 100;
    const totalLine = (label0: string, label1: string, rows: Line[]): Line => ({ values: [label0, label1, sum(rows, 2), sum(rows, 3), sum(rows, 4) || null, null], indent: 0, bold: true, from: null });
    const out: Line[] = [...head, totalLine('合计', '', body)];
    const byUnit = new Map<string, Line[]>();
    for (const l of body) {
      const u = text(l.values[0]);
      const list = byUnit.get(u) ?? [];
      list.push(l);
      byUnit.set(u, list);
    }
    for (const [u, rows] of byUnit) {
      out.push(totalLine(u, '小计', rows));
      out.push(...rows);
    }
    return { lines: out };
  };
  // 表7: 单位名称 and 单位 on two rows (the 单位 line right-aligned on its own row).
  const splitTitle: Transform = (lines, header) => {
    const title = lines[2]!;
    const unitAt = title.values.findIndex((v, j) => j > 0 && /单位[:：]/.test(text(v)));
    const nameRow: Line = { ...title, values: title.values.map((v, j) => (j === unitAt ? null : v)), from: null };
    const unitRow: Line = { values: title.values.map((v, j) => (j === unitAt ? v : null)), indent: 0, bold: false, from: null };
    const out = [...lines.slice(0, 2), nameRow, unitRow, ...lines.slice(3)];
    // The header moved down one row: its merges move with it.
    const merges = (src.getWorksheet('表7')!.model as unknown as { merges: string[] }).merges
      .filter((m) => m.match(/\d+/g)!.map(Number).every((r) => r > 3 && r <= header))
      .map((m) => m.replace(/\d+/g, (r) => String(Number(r) + 1)));
    return { lines: out.map((l, i) => ({ ...l, indent: i <= header ? l.indent : unitNames.has(text(l.values[0])) ? 0 : l.indent })), merges };
  };
  // 表12: each unit's name merged over its two year rows (the second row's label left empty).
  const threePublic: Transform = (lines, header) => {
    const merges: string[] = [];
    const out = lines.map((l, i) => {
      if (i < header) return l;
      const prev = lines[i - 1]!;
      const same = i > header && text(prev.values[0]) !== '' && text(prev.values[0]) === text(l.values[0]);
      if (same) merges.push(`A${i}:A${i + 1}`);
      return { ...l, indent: 0, values: same ? [null, ...l.values.slice(1)] : l.values };
    });
    return { lines: out, merges };
  };
  const headerRows: Record<string, number> = { 表2: 7, 表3: 5, 表4: 6, 表5: 6, 表7: 4, 表8: 4, 表9: 4, 表12: 5, 表13: 5 };
  for (const ws of src.worksheets) {
    const header = headerRows[ws.name] ?? ws.rowCount;
    const transform: Transform =
      ws.name === '表4' || ws.name === '表5'
        ? flatten
        : ws.name === '表13'
          ? performance
          : ws.name === '表7'
            ? splitTitle
            : ws.name === '表12'
              ? threePublic
              : (lines) => ({ lines: lines.map((l, i) => (i < header ? l : { ...l, indent: 0 })) });
    if (ws.name === '表14' || ws.name.startsWith('表15') || ws.name === '表1' || ws.name === '表6') {
      copyAsIs(ws, dst);
      continue;
    }
    copySheet(ws, dst, header, transform);
  }
  return new Uint8Array(await dst.xlsx.writeBuffer());
}

/** Forms (表1, 表6, 表14, 表15) copied cell by cell with their merges. */
function copyAsIs(src: ExcelJS.Worksheet, dst: ExcelJS.Workbook): void {
  const ws = dst.addWorksheet(src.name);
  src.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.isMerged && cell.master !== cell) return;
      ws.getCell(r, c).value = cell.value;
    });
  });
  for (const m of (src.model as unknown as { merges: string[] }).merges) ws.mergeCells(m);
}
