/** New ids for added rows: `<prefix>-<n>` with the smallest n not yet used (deterministic, readable). */
export function newId(prefix: string, taken: Readonly<Record<string, unknown>>, also: ReadonlySet<string> = new Set()): string {
  let n = Object.keys(taken).length + 1;
  while (Object.hasOwn(taken, `${prefix}-${n}`) || also.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}
