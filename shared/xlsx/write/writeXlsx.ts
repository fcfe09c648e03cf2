/**
 * A workbook model (workbookModel.ts) as .xlsx bytes: every part serialized to SpreadsheetML and
 * zipped. Worksheets are serialized one at a time and handed to the zip writer at once, so their
 * compression (on the host's native zlib) overlaps with serializing the next one.
 */
import type { ZipPlatform } from '../zipGuard';
import { SharedStrings } from './sharedStrings';
import { writeSheetXml } from './sheetXml';
import { StyleRegistry } from './stylesXml';
import type { Workbook } from './workbookModel';
import { appPropsXml, contentTypesXml, corePropsXml, rootRelsXml, sheetPath, workbookRelsXml, workbookXml } from './workbookXml';
import { XmlSink } from './xmlSink';
import { ZipWriter } from './zipWriter';

export interface WriteXlsxOptions {
  /** Deflate level 0–9 (0 = stored). The platform's CompressionStream uses its own fixed level. */
  level?: number;
  /** Native zip primitives of the host (the CLI passes Node's zlib). */
  zip?: Pick<ZipPlatform, 'crc32' | 'deflateRaw'>;
  /** Creation time written to the package and the zip entries (default: now). */
  date?: Date;
  /** Called after each worksheet with the fraction of worksheets written. */
  onProgress?: (fraction: number) => void;
}

export async function writeXlsx(wb: Workbook, options: WriteXlsxOptions = {}): Promise<Uint8Array> {
  const date = options.date ?? new Date();
  const zip = new ZipWriter({ ...(options.level !== undefined ? { level: options.level } : {}), ...(options.zip ? { platform: options.zip } : {}), date });
  const styles = new StyleRegistry();
  const strings = new SharedStrings();
  const n = wb.worksheets.length;
  await zip.add('[Content_Types].xml', contentTypesXml(n));
  await zip.add('_rels/.rels', rootRelsXml());
  await zip.add('docProps/core.xml', corePropsXml(wb, date));
  await zip.add('docProps/app.xml', appPropsXml(wb));
  await zip.add('xl/workbook.xml', workbookXml(wb));
  await zip.add('xl/_rels/workbook.xml.rels', workbookRelsXml(n));
  const sink = new XmlSink();
  for (let i = 0; i < n; i++) {
    writeSheetXml(wb.worksheets[i]!, styles, strings, sink);
    await zip.add(sheetPath(i), sink.take());
    options.onProgress?.((i + 1) / n);
  }
  await zip.add('xl/styles.xml', styles.toXml());
  strings.writeXml(sink);
  await zip.add('xl/sharedStrings.xml', sink.take());
  return zip.finish();
}
