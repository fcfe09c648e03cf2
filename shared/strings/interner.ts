/** Strings interned to small integers in first-seen order: `names[id(s)] === s`. */
export class Interner {
  readonly names: string[] = [];
  readonly index = new Map<string, number>();

  constructor(...preset: string[]) {
    for (const n of preset) this.id(n);
  }

  id(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(name);
      this.index.set(name, i);
    }
    return i;
  }
}
