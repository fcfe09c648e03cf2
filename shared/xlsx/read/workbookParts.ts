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

/** An internal relationship of a part, its target resolved against the part's folder. */
export interface Relationship {
  id: string | undefined;
  type: string;
  target: string;
}

/** The internal relationships of a relationships part (external ones point outside the package). */
export function parseRelationships(relsXml: string, base: string): Relationship[] {
  const out: Relationship[] = [];
  for (const rel of elements(relsXml, 'Relationship')) {
    const target = attr(rel.attrs, 'Target');
    if (target && attr(rel.attrs, 'TargetMode') !== 'External') out.push({ id: attr(rel.attrs, 'Id'), type: attr(rel.attrs, 'Type') ?? '', target: resolveTarget(base, target) });
  }
  return out;
}

/** The target of the first relationship whose type ends with `/type`. */
export function relationshipOfType(rels: readonly Relationship[], type: string): string | undefined {
  return rels.find((r) => r.type.endsWith(`/${type}`))?.target;
}

/** The sheets of a workbook part, found through the workbook part's relationships. */
export function parseWorkbookParts(workbookXml: string, rels: readonly Relationship[]): WorkbookParts {
  const targets = new Map<string, string>();
  for (const r of rels) if (r.id !== undefined) targets.set(r.id, r.target);
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
