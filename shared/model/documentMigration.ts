/**
 * Documents written by an older version name some fields differently: before the schema reads such a
 * document (a `.budget` file, or the functional lines a workbook's hidden metadata carries), each old
 * field name is renamed to today's. Only own properties are read, and the input is never changed (the
 * objects on the way to a renamed field are copied). A field's new name in an old document is dropped,
 * as that version's reader ignored it, so an old file opens exactly as it opened before.
 *
 * Version 1 → 2: the glossary's names (DOMAIN.md): `threePublic` → `threePublicExpenses`, a functional
 * line's `basic` / `project` → `basicExpenditure` / `projectExpenditure`. The tables' column ids in
 * cell keys (`T7|f:…|basic`) were not renamed: they are keys, not document fields.
 */
import { DOCUMENT_VERSION } from './document';

type Renames = readonly (readonly [oldName: string, newName: string])[];

const DOCUMENT_RENAMES_V1: Renames = [['threePublic', 'threePublicExpenses']];
const FUNCTIONAL_LINE_RENAMES_V1: Renames = [
  ['basic', 'basicExpenditure'],
  ['project', 'projectExpenditure'],
];

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A copy of `obj` with each old own property under its new name (spread keeps every own key as data, `__proto__` included). */
function renamed(obj: unknown, renames: Renames): unknown {
  if (!isRecord(obj)) return obj;
  const out: Record<string, unknown> = { ...obj };
  for (const [oldName, newName] of renames) {
    delete out[newName];
    if (Object.hasOwn(obj, oldName)) {
      out[newName] = obj[oldName];
      delete out[oldName];
    }
  }
  return out;
}

/** One functional line as a document of `fromVersion` wrote it, with today's field names. */
export function migrateFunctionalLine(line: unknown, fromVersion: number): unknown {
  return fromVersion < 2 ? renamed(line, FUNCTIONAL_LINE_RENAMES_V1) : line;
}

/**
 * A parsed `.budget` JSON object of an older version (1 ≤ version < DOCUMENT_VERSION) with today's
 * field names and version; a current one is returned as it is.
 */
export function migrateDocument(raw: Record<string, unknown>, fromVersion: number): Record<string, unknown> {
  if (fromVersion >= DOCUMENT_VERSION) return raw;
  const doc = renamed(raw, DOCUMENT_RENAMES_V1) as Record<string, unknown>;
  const lines = Object.hasOwn(raw, 'functionalLines') ? raw.functionalLines : undefined;
  if (isRecord(lines) && Object.hasOwn(lines, 'byId') && isRecord(lines.byId)) {
    // fromEntries defines each id as an own property (an assignment to `__proto__` would not).
    const byId = Object.fromEntries(Object.entries(lines.byId).map(([id, line]) => [id, migrateFunctionalLine(line, fromVersion)]));
    doc.functionalLines = { ...lines, byId };
  }
  doc.version = DOCUMENT_VERSION;
  return doc;
}

/** A place in a migrated document (a schema issue's path) as the file of `fromVersion` names it. */
export function pathInFile(path: readonly PropertyKey[], fromVersion: number): PropertyKey[] {
  const out = [...path];
  if (fromVersion >= 2) return out;
  const back = (renames: Renames, i: number) => {
    const old = renames.find(([, newName]) => newName === out[i]);
    if (old) out[i] = old[0];
  };
  back(DOCUMENT_RENAMES_V1, 0);
  if (out[0] === 'functionalLines' && out[1] === 'byId' && out.length > 3) back(FUNCTIONAL_LINE_RENAMES_V1, 3);
  return out;
}
