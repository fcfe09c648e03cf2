/**
 * A workbook model (workbookModel.ts) as .xlsx bytes: every part serialized to SpreadsheetML and
 * zipped. With XlsxWriter#flush after each sheet is filled, the sheet is serialized, handed to the
 * zip writer (whose compression, on the host's native zlib, overlaps with filling the next sheet)
 * and its cells are released, so the workbook never holds more than one sheet of cells.
 */
import type { ZipPlatform } from '../zip/platform';
import { SharedStrings } from './sharedStrings';
import { writeSheetXml } from './sheetXml';
import { StyleRegistry } from './stylesXml';
import type { Workbook } from './workbookModel';
import { appPropsXml, contentTypesXml, corePropsXml, rootRelsXml, sheetPath, workbookRelsXml, workbookXml } from './workbookXml';
import { XmlSink } from './xmlSink';
import { ZipWriter } from '../zip/writer';

export interface WriteXlsxOptions {
  /** Deflate level 0–9 (0 = stored). The platform's CompressionStream uses its own fixed level. */
  level?: number;
  /** Native zip primitives of the host (the CLI passes Node's zlib). */
  zip?: Pick<ZipPlatform, 'crc32' | 'deflateRaw'>;
  /** Creation time written to the package and the zip entries (default: now). */
  date?: Date;
}

export class XlsxWriter {
  private readonly zip: ZipWriter;
  private readonly date: Date;
  private readonly styles = new StyleRegistry();
  private readonly strings = new SharedStrings();
  private readonly sink = new XmlSink();
  private readonly head: number;
  private written = 0;

  constructor(private readonly wb: Workbook, options: WriteXlsxOptions = {}) {
    this.date = options.date ?? new Date();
    this.zip = new ZipWriter({ ...(options.level !== undefined ? { level: options.level } : {}), ...(options.zip ? { platform: options.zip } : {}), date: this.date });
    // The package parts go first in the archive; their content is known only at the end.
    this.head = this.zip.reserve('[Content_Types].xml');
    for (const name of ['_rels/.rels', 'docProps/core.xml', 'docProps/app.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels']) this.zip.reserve(name);
  }

  /** Serialize the worksheets added to the workbook since the last flush, and release their cells. */
  async flush(): Promise<void> {
    const sheets = this.wb.worksheets;
    while (this.written < sheets.length) {
      const i = this.written++;
      const ws = sheets[i]!;
      writeSheetXml(ws, this.styles, this.strings, this.sink);
      ws.releaseCells();
      await this.zip.add(sheetPath(i), this.sink.take());
    }
  }

  /** Serialize the worksheets not flushed yet and the remaining parts; the archive's bytes. */
  async finish(): Promise<Uint8Array> {
    const wb = this.wb;
    await this.flush();
    const n = wb.worksheets.length;
    await this.zip.add('xl/styles.xml', this.styles.toXml());
    this.strings.writeXml(this.sink);
    await this.zip.add('xl/sharedStrings.xml', this.sink.take());
    const parts = [contentTypesXml(n), rootRelsXml(), corePropsXml(wb, this.date), appPropsXml(wb), workbookXml(wb), workbookRelsXml(n)];
    for (let k = 0; k < parts.length; k++) await this.zip.fill(this.head + k, parts[k]!);
    return this.zip.finish();
  }
}

export async function writeXlsx(wb: Workbook, options: WriteXlsxOptions = {}): Promise<Uint8Array> {
  return new XlsxWriter(wb, options).finish();
}
