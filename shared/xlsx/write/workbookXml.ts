/**
 * The package parts around the worksheets: [Content_Types].xml, _rels/.rels, docProps/core.xml and
 * app.xml, xl/workbook.xml (sheets with their states, print titles, book view) and its rels.
 */
import type { Workbook } from './workbookModel';
import { escapeXml } from './xmlText';

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument';

export const sheetPath = (i: number) => `xl/worksheets/sheet${i + 1}.xml`;

export function contentTypesXml(sheetCount: number): string {
  let s = `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`;
  s += '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>';
  s += `<Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/>`;
  for (let i = 0; i < sheetCount; i++) s += `<Override PartName="/${sheetPath(i)}" ContentType="${CT}.spreadsheetml.worksheet+xml"/>`;
  s += `<Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/>`;
  s += `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.spreadsheetml.sharedStrings+xml"/>`;
  s += '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>';
  s += `<Override PartName="/docProps/app.xml" ContentType="${CT}.extended-properties+xml"/>`;
  return `${s}</Types>`;
}

export function rootRelsXml(): string {
  return (
    `${XML_HEAD}<Relationships xmlns="${PKG_REL}">` +
    `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
    `<Relationship Id="rId2" Type="${PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>` +
    `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>` +
    '</Relationships>'
  );
}

/** W3CDTF without milliseconds, as Excel writes it. */
function w3cdtf(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export function corePropsXml(wb: Workbook, date: Date): string {
  const when = w3cdtf(date);
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    (wb.title ? `<dc:title>${escapeXml(wb.title)}</dc:title>` : '') +
    (wb.creator ? `<dc:creator>${escapeXml(wb.creator)}</dc:creator>` : '') +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

export function appPropsXml(wb: Workbook): string {
  const names = wb.worksheets.map((ws) => `<vt:lpstr>${escapeXml(ws.name)}</vt:lpstr>`).join('');
  const n = wb.worksheets.length;
  return (
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
    '<Application>Microsoft Excel</Application>' +
    `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${n}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${n}" baseType="lpstr">${names}</vt:vector></TitlesOfParts>` +
    '</Properties>'
  );
}

/** `'表15-1'!$4:$6` — a sheet-qualified row range, the name always quoted. */
export function printTitlesRef(sheetName: string, rows: string): string {
  const m = /^\s*(\d+)\s*:\s*(\d+)\s*$/.exec(rows);
  if (!m) throw new Error(`打印标题行的格式应为“起始行:结束行”：${rows}`);
  return `'${sheetName.replace(/'/g, "''")}'!$${m[1]}:$${m[2]}`;
}

export function workbookXml(wb: Workbook): string {
  const sheets = wb.worksheets;
  const firstVisible = Math.max(0, sheets.findIndex((ws) => ws.state === 'visible'));
  let s = `${XML_HEAD}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}">`;
  s += `<bookViews><workbookView firstSheet="${firstVisible}" activeTab="${firstVisible}"/></bookViews><sheets>`;
  sheets.forEach((ws, i) => {
    const state = ws.state === 'visible' ? '' : ` state="${ws.state}"`;
    s += `<sheet name="${escapeXml(ws.name)}" sheetId="${i + 1}"${state} r:id="rId${i + 1}"/>`;
  });
  s += '</sheets>';
  let names = '';
  sheets.forEach((ws, i) => {
    const rows = ws.pageSetup.printTitlesRow;
    if (rows) names += `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(printTitlesRef(ws.name, rows))}</definedName>`;
  });
  if (names) s += `<definedNames>${names}</definedNames>`;
  return `${s}<calcPr calcId="171027"/></workbook>`;
}

/** Worksheets are rId1…rIdN (so sheet i is rId(i+1)); styles and shared strings follow. */
export function workbookRelsXml(sheetCount: number): string {
  let s = `${XML_HEAD}<Relationships xmlns="${PKG_REL}">`;
  for (let i = 0; i < sheetCount; i++) s += `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`;
  s += `<Relationship Id="rId${sheetCount + 1}" Type="${REL}/styles" Target="styles.xml"/>`;
  s += `<Relationship Id="rId${sheetCount + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`;
  return `${s}</Relationships>`;
}
