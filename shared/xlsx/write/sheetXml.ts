/**
 * xl/worksheets/sheetN.xml of one worksheet, elements in the order CT_Worksheet requires:
 * sheetPr → dimension → sheetViews → sheetFormatPr → cols → sheetData → mergeCells →
 * printOptions → pageMargins → pageSetup → headerFooter.
 */
import type { SharedStrings } from './sharedStrings';
import type { StyleRegistry } from './stylesXml';
import type { MergeRange, PageMargins, SheetView, Worksheet } from './workbookModel';
import type { XmlSink } from './xmlSink';
import { columnName, escapeXml, numberText } from './xmlText';

const DEFAULT_MARGINS: PageMargins = { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };

function rangeRef(m: MergeRange): string {
  return `${columnName(m.left)}${m.top}:${columnName(m.right)}${m.bottom}`;
}

function sheetViewXml(view: SheetView | undefined): string {
  const grid = view?.showGridLines === false ? ' showGridLines="0"' : '';
  const x = view?.xSplit ?? 0;
  const y = view?.ySplit ?? 0;
  if (view?.state !== 'frozen' || (x === 0 && y === 0)) {
    const selection = view?.activeCell ? `<selection activeCell="${escapeXml(view.activeCell)}" sqref="${escapeXml(view.activeCell)}"/>` : '';
    return selection ? `<sheetView workbookViewId="0"${grid}>${selection}</sheetView>` : `<sheetView workbookViewId="0"${grid}/>`;
  }
  const pane = x > 0 && y > 0 ? 'bottomRight' : y > 0 ? 'bottomLeft' : 'topRight';
  const topLeft = view.topLeftCell ?? `${columnName(x + 1)}${y + 1}`;
  const active = view.activeCell ?? topLeft;
  return (
    `<sheetView workbookViewId="0"${grid}>` +
    `<pane${x > 0 ? ` xSplit="${x}"` : ''}${y > 0 ? ` ySplit="${y}"` : ''} topLeftCell="${escapeXml(topLeft)}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}" activeCell="${escapeXml(active)}" sqref="${escapeXml(active)}"/>` +
    '</sheetView>'
  );
}

function colsXml(ws: Worksheet): string {
  let s = '';
  const cols = ws.columns;
  for (let c = 1; c < cols.length; c++) {
    const width = cols[c]?.width;
    if (width === undefined) continue;
    // One <col> per run of equal widths.
    let end = c;
    while (end + 1 < cols.length && cols[end + 1]?.width === width) end++;
    s += `<col min="${c}" max="${end}" width="${numberText(width)}" customWidth="1"/>`;
    c = end;
  }
  return s ? `<cols>${s}</cols>` : '';
}

function dimensionOf(ws: Worksheet): string {
  let minRow = 0;
  let maxRow = 0;
  let minCol = Infinity;
  let maxCol = 0;
  const rows = ws.rows;
  for (let r = 1; r < rows.length; r++) {
    const values = rows[r]?.values;
    if (!values) continue;
    for (let c = 1; c < values.length; c++) {
      if (values[c] === undefined) continue;
      if (c < minCol) minCol = c;
      if (minRow === 0) minRow = r;
      maxRow = r;
      break;
    }
    if (values.length - 1 > maxCol && values[values.length - 1] !== undefined) maxCol = values.length - 1;
  }
  return maxCol === 0 ? 'A1' : `${columnName(minCol)}${minRow}:${columnName(maxCol)}${maxRow}`;
}

/** Write the worksheet's XML into the sink, row by row. */
export function writeSheetXml(ws: Worksheet, styles: StyleRegistry, strings: SharedStrings, sink: XmlSink): void {
  const ps = ws.pageSetup;
  let s = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';
  if (ps.fitToPage) s += '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>';
  s += `<dimension ref="${dimensionOf(ws)}"/>`;
  s += `<sheetViews>${sheetViewXml(ws.views[0])}</sheetViews>`;
  s += '<sheetFormatPr defaultRowHeight="15"/>';
  s += colsXml(ws);
  s += '<sheetData>';
  sink.write(s);

  const rows = ws.rows;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    const values = row.values;
    if (values.length === 0 && row.height === undefined) continue;
    const cellStyles = row.styles;
    const rs = String(r);
    let x = row.height === undefined ? `<row r="${rs}">` : `<row r="${rs}" ht="${numberText(row.height)}" customHeight="1">`;
    for (let c = 1; c < values.length; c++) {
      const v = values[c];
      if (v === undefined) continue;
      const style = cellStyles[c];
      const xf = style ? styles.xfOf(style) : 0;
      const head = xf === 0 ? `<c r="${columnName(c)}${rs}"` : `<c r="${columnName(c)}${rs}" s="${xf}"`;
      if (v === null) x += `${head}/>`;
      else if (typeof v === 'number') x += `${head}><v>${numberText(v)}</v></c>`;
      else x += `${head} t="s"><v>${strings.id(v)}</v></c>`;
    }
    sink.write(`${x}</row>`);
  }

  s = '</sheetData>';
  if (ws.merges.length) {
    s += `<mergeCells count="${ws.merges.length}">`;
    for (const m of ws.merges) s += `<mergeCell ref="${rangeRef(m)}"/>`;
    s += '</mergeCells>';
  }
  if (ps.horizontalCentered) s += '<printOptions horizontalCentered="1"/>';
  const m = ps.margins ?? DEFAULT_MARGINS;
  s += `<pageMargins left="${numberText(m.left)}" right="${numberText(m.right)}" top="${numberText(m.top)}" bottom="${numberText(m.bottom)}" header="${numberText(m.header)}" footer="${numberText(m.footer)}"/>`;
  let setup = '';
  if (ps.paperSize !== undefined) setup += ` paperSize="${ps.paperSize}"`;
  if (ps.orientation) setup += ` orientation="${ps.orientation}"`;
  if (ps.fitToWidth !== undefined) setup += ` fitToWidth="${ps.fitToWidth}"`;
  if (ps.fitToHeight !== undefined) setup += ` fitToHeight="${ps.fitToHeight}"`;
  if (setup) s += `<pageSetup${setup}/>`;
  if (ws.headerFooter.oddFooter) s += `<headerFooter><oddFooter>${escapeXml(ws.headerFooter.oddFooter)}</oddFooter></headerFooter>`;
  sink.write(`${s}</worksheet>`);
}
