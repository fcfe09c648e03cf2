/**
 * xl/sharedStrings.xml: every text cell refers to one deduplicated string by index.
 */
import type { XmlSink } from './xmlSink';
import { Interner } from '../../strings/interner';
import { escapeText, needsPreserve } from './xmlText';

export class SharedStrings {
  private readonly strings = new Interner();
  /** Text cells written (the sst's `count`). */
  count = 0;

  /** The index of a string, adding it when new. */
  id(text: string): number {
    this.count++;
    return this.strings.id(text);
  }

  get uniqueCount(): number {
    return this.strings.names.length;
  }

  writeXml(sink: XmlSink): void {
    const items = this.strings.names;
    sink.write(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${items.length}">`);
    let s = '';
    for (let i = 0; i < items.length; i++) {
      const text = items[i]!;
      s += needsPreserve(text) ? `<si><t xml:space="preserve">${escapeText(text)}</t></si>` : `<si><t>${escapeText(text)}</t></si>`;
      if (s.length > 65536) {
        sink.write(s);
        s = '';
      }
    }
    sink.write(`${s}</sst>`);
  }
}
