/**
 * The workbook reader of the importer: from the inflated zip entries (checked by zipGuard.ts) to
 * the sheet list and, on demand, each sheet parsed (parseSheetPart). Shared strings and styles are
 * found through the workbook's relationships, with the usual paths as fallback.
 */
import { utf8 } from '../zip/text';
import { XlsxImportError } from '../errors';
import type { ParsedSheet } from './parsedSheet';
import { MergeIndex } from './parsedSheet';
import { parseSheetPart } from './sheetPart';
import { NO_STYLES, parseStyles, type StyleTable } from './stylesPart';
import { hasDoctype } from './xmlText';
import { folderOf, parseRelationships, parseSharedStrings, parseWorkbookParts, partKey, relationshipOfType, relsPathOf, type SheetEntry } from './workbookParts';

interface Decoder {
  decode(bytes: Uint8Array): string;
}
type DecoderCtor = new (label: string, options?: { fatal?: boolean }) => Decoder;
const DecoderClass = (globalThis as unknown as { TextDecoder: DecoderCtor }).TextDecoder;

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

  private readonly fileLabel: string;
  /** Inflated parts by partKey (case-insensitive, forward slashes). */
  private readonly parts = new Map<string, Uint8Array>();

  /**
   * `entries`: the package's inflated parts by zip name. The workbook part is the package's office
   * document (through `_rels/.rels`, as the package format says; `xl/workbook.xml` when there is no
   * such relationship); its sheets, shared strings and styles through its own relationships.
   */
  constructor(entries: ReadonlyMap<string, Uint8Array>, fileLabel: string) {
    this.fileLabel = fileLabel;
    for (const [name, bytes] of entries) {
      const key = partKey(name);
      if (!this.parts.has(key)) this.parts.set(key, bytes);
    }
    const packageRels = this.text('_rels/.rels') ?? '';
    const workbookPath = relationshipOfType(parseRelationships(packageRels, ''), 'officeDocument') ?? 'xl/workbook.xml';
    const workbook = this.text(workbookPath) ?? (workbookPath === 'xl/workbook.xml' ? null : this.text('xl/workbook.xml'));
    if (workbook === null) throw new XlsxImportError('notWorkbook', `${fileLabel}中没有工作簿内容（${workbookPath}），不是 Excel 工作簿。`);
    const base = folderOf(workbookPath);
    const rels = parseRelationships(this.text(relsPathOf(workbookPath)) ?? '', base);
    const parts = parseWorkbookParts(workbook, rels);
    this.sheets = parts.sheets;
    this.date1904 = parts.date1904;
    this.stylesPath = relationshipOfType(rels, 'styles') ?? `${base}/styles.xml`;
    this.stringsPath = relationshipOfType(rels, 'sharedStrings') ?? `${base}/sharedStrings.xml`;
  }

  /**
   * A part's XML text. A part that declares a document type is refused: Excel does not accept DTDs
   * in a workbook, and entity declarations are how XML bombs are built (none is ever expanded).
   */
  private text(path: string): string | null {
    const bytes = this.parts.get(partKey(path));
    if (!bytes) return null;
    const xml = xmlString(bytes);
    if (hasDoctype(xml)) {
      throw new XlsxImportError('corrupt', `${this.fileLabel}的内部文件 ${path} 含有文档类型声明（DTD），Excel 不接受这样的工作簿，它可能是被刻意构造的文件。请确认文件来源，用 Excel 或 WPS 打开并重新保存后再导入。`);
    }
    return xml;
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
