/**
 * The package parts around the worksheets: the sheet list of xl/workbook.xml with each sheet's
 * part path (through xl/_rels/workbook.xml.rels), the shared strings, and the date system.
 */
import { attr, elements, stringItemText } from './xmlText';

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface SheetEntry {
  name: string;
  state: SheetState;
  /** Zip path of the worksheet part, e.g. xl/worksheets/sheet1.xml; null when it cannot be resolved. */
  path: string | null;
}

export interface WorkbookParts {
  sheets: SheetEntry[];
  /** Serial dates count from 1904-01-01 (old Mac workbooks). */
  date1904: boolean;
}

/**
 * A part name as the package lookup uses it: forward slashes (some writers use backslashes), no
 * leading slash, lower case (part names compare case-insensitively in OPC, ECMA-376 Part 2).
 */
export function partKey(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

/** Resolve a relationship target against the folder of the part that holds the relationships. */
export function resolveTarget(base: string, rawTarget: string): string {
  const target = rawTarget.replace(/\\/g, '/');
  const parts = target.startsWith('/') ? [] : base.split('/').filter(Boolean);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** The relationships part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** The folder of a part (`xl/workbook.xml` → `xl`). */
export function folderOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return slash < 0 ? '' : part.slice(0, slash);
}

/** The target of the first internal relationship whose type ends with `/type`, resolved against `base`. */
export function relationshipOfType(relsXml: string, base: string, type: string): string | undefined {
  for (const rel of elements(relsXml, 'Relationship')) {
    const t = attr(rel.attrs, 'Type') ?? '';
    const target = attr(rel.attrs, 'Target');
    if (target && t.endsWith(`/${type}`) && attr(rel.attrs, 'TargetMode') !== 'External') return resolveTarget(base, target);
  }
  return undefined;
}

function relationshipTargets(relsXml: string, base: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of elements(relsXml, 'Relationship')) {
    const id = attr(rel.attrs, 'Id');
    const target = attr(rel.attrs, 'Target');
    if (id !== undefined && target !== undefined && attr(rel.attrs, 'TargetMode') !== 'External') out.set(id, resolveTarget(base, target));
  }
  return out;
}

/** The sheets of a workbook part; `base`: the workbook part's folder (targets are relative to it). */
export function parseWorkbookParts(workbookXml: string, relsXml: string, base = 'xl'): WorkbookParts {
  const targets = relationshipTargets(relsXml, base);
  const sheets: SheetEntry[] = [];
  for (const s of elements(workbookXml, 'sheet')) {
    const name = attr(s.attrs, 'name') ?? '';
    const rid = attr(s.attrs, 'r:id') ?? /\b[\w.-]+:id\s*=\s*"([^"]*)"/.exec(s.attrs)?.[1];
    const rawState = attr(s.attrs, 'state');
    const state: SheetState = rawState === 'hidden' || rawState === 'veryHidden' ? rawState : 'visible';
    sheets.push({ name, state, path: rid !== undefined ? (targets.get(rid) ?? null) : null });
  }
  const pr = elements(workbookXml, 'workbookPr').next();
  const d = pr.done ? undefined : attr(pr.value.attrs, 'date1904');
  return { sheets, date1904: d === '1' || d === 'true' };
}

/** The shared string table (rich text flattened to its text). */
export function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (const si of elements(xml, 'si')) out.push(stringItemText(si.inner));
  return out;
}
