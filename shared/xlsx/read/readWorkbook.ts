/**
 * The workbook reader of the importer: from the inflated zip entries (checked by zipGuard.ts) to
 * the sheet list and, on demand, each sheet parsed (parseSheetPart). Shared strings and styles are
 * found through the workbook's relationships, with the usual paths as fallback.
 */
import { XlsxImportError } from '../errors';
import type { ParsedSheet } from './parsedSheet';
import { MergeIndex } from './parsedSheet';
import { parseSheetPart } from './sheetPart';
import { NO_STYLES, parseStyles, type StyleTable } from './stylesPart';
import { parseSharedStrings, parseWorkbookParts, resolveTarget, type SheetEntry } from './workbookParts';
import { attr, elements } from './xmlText';

interface Decoder {
  decode(bytes: Uint8Array): string;
}
type DecoderCtor = new (label: string, options?: { fatal?: boolean }) => Decoder;
const DecoderClass = (globalThis as unknown as { TextDecoder: DecoderCtor }).TextDecoder;
const utf8 = new DecoderClass('utf-8');

/** The platform's TextDecoder (shared/ is compiled without DOM types); null for an encoding it lacks. */
export function textDecoder(label: string, options?: { fatal?: boolean }): Decoder | null {
  try {
    return new DecoderClass(label, options);
  } catch {
    return null;
  }
}

/** XML bytes as text (UTF-8, or UTF-16 with a byte-order mark). */
export function xmlString(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new DecoderClass('utf-16le').decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new DecoderClass('utf-16be').decode(bytes);
  return utf8.decode(bytes);
}

export class ReadWorkbook {
  readonly sheets: SheetEntry[];
  private readonly date1904: boolean;
  private sharedStrings: string[] | null = null;
  private styles: StyleTable | null = null;
  private readonly stylesPath: string;
  private readonly stringsPath: string;

  constructor(
    private readonly entries: ReadonlyMap<string, Uint8Array>,
    private readonly fileLabel: string,
  ) {
    const workbook = this.text('xl/workbook.xml');
    if (workbook === null) throw new XlsxImportError('notWorkbook', `${fileLabel}中没有工作簿内容（xl/workbook.xml），不是 Excel 工作簿。`);
    const rels = this.text('xl/_rels/workbook.xml.rels') ?? '';
    const parts = parseWorkbookParts(workbook, rels);
    this.sheets = parts.sheets;
    this.date1904 = parts.date1904;
    let styles = 'xl/styles.xml';
    let strings = 'xl/sharedStrings.xml';
    for (const rel of elements(rels, 'Relationship')) {
      const type = attr(rel.attrs, 'Type') ?? '';
      const target = attr(rel.attrs, 'Target');
      if (!target) continue;
      if (/\/styles$/.test(type)) styles = resolveTarget('xl', target);
      else if (/\/sharedStrings$/.test(type)) strings = resolveTarget('xl', target);
    }
    this.stylesPath = styles;
    this.stringsPath = strings;
  }

  private text(path: string): string | null {
    const bytes = this.entries.get(path);
    return bytes ? xmlString(bytes) : null;
  }

  private strings(): string[] {
    if (!this.sharedStrings) {
      const xml = this.text(this.stringsPath);
      this.sharedStrings = xml ? parseSharedStrings(xml) : [];
    }
    return this.sharedStrings;
  }

  private styleTable(): StyleTable {
    if (!this.styles) {
      const xml = this.text(this.stylesPath);
      this.styles = xml ? parseStyles(xml) : NO_STYLES;
    }
    return this.styles;
  }

  /** The sheet named `name` (exact), if the workbook has one. */
  find(name: string): SheetEntry | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /** Parse one sheet; a sheet whose part is missing reads as empty. */
  parse(entry: SheetEntry): ParsedSheet {
    const xml = entry.path ? this.text(entry.path) : null;
    if (xml === null) return { name: entry.name, state: entry.state, rows: new Map(), rowCount: 0, colCount: 0, merges: new MergeIndex([]), styles: NO_STYLES };
    return parseSheetPart(xml, { name: entry.name, state: entry.state, sharedStrings: this.strings(), styles: this.styleTable(), date1904: this.date1904, fileLabel: this.fileLabel });
  }
}
