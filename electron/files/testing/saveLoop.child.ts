/**
 * Child process for the crash test: saves large alternating contents to one file forever, until the
 * parent kills it with SIGKILL. Each content is `<iteration> <bodyLength> <sha256(body)>\n<body>`,
 * so the parent can tell a complete file from a torn one.
 * Run: node --import tsx saveLoop.child.ts <target>
 */
import { createHash } from 'node:crypto';
import { writeFileAtomic } from '../atomicWrite';

export function makeContent(iteration: number, bodyLength: number): string {
  const body = (iteration % 2 === 0 ? 'A' : 'B').repeat(bodyLength);
  const digest = createHash('sha256').update(body).digest('hex');
  return `${iteration} ${bodyLength} ${digest}\n${body}`;
}

const target = process.argv[2];
if (!target) throw new Error('usage: saveLoop.child.ts <target>');

process.stdout.write('ready\n');
for (let i = 1; ; i++) {
  const bodyLength = (2 + Math.floor(Math.random() * 6)) * 1024 * 1024 + Math.floor(Math.random() * 1000);
  await writeFileAtomic(target, makeContent(i, bodyLength));
  process.stdout.write(`saved ${i}\n`);
}
