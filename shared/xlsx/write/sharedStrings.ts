/**
 * xl/sharedStrings.xml: every text cell refers to one deduplicated string by index.
 */
import type { XmlSink } from './xmlSink';
import { escapeText, needsPreserve } from './xmlText';

export class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly items: string[] = [];
  /** Text cells written (the sst's `count`). */
  count = 0;

  /** The index of a string, adding it when new. */
  id(text: string): number {
    this.count++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.items.length;
      this.items.push(text);
      this.index.set(text, i);
    }
    return i;
  }

  get uniqueCount(): number {
    return this.items.length;
  }

  writeXml(sink: XmlSink): void {
    sink.write(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${this.items.length}">`);
    let s = '';
    for (let i = 0; i < this.items.length; i++) {
      const text = this.items[i]!;
      s += needsPreserve(text) ? `<si><t xml:space="preserve">${escapeText(text)}</t></si>` : `<si><t>${escapeText(text)}</t></si>`;
      if (s.length > 65536) {
        sink.write(s);
        s = '';
      }
    }
    sink.write(`${s}</sst>`);
  }
}
