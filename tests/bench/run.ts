/**
 * Benchmark runner: `npm run bench` (human-readable) or `npm run --silent bench -- --json` (one JSON object).
 * Each suite in ./suites exports `name` and `run()` returning named measurements (milliseconds or
 * ratios). Ratios compare against a baseline measured in the same run, so machine speed cancels out.
 * Run one suite: `npm run bench -- --only rules`.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchSuite {
  name: string;
  run(): Promise<Record<string, number | string | boolean>>;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const onlyIndex = args.indexOf('--only');
  const only = onlyIndex >= 0 ? args[onlyIndex + 1]?.split(',') : undefined;
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'suites');
  const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort();
  const results: Record<string, number | string | boolean> = {};
  for (const f of files) {
    const suite = ((await import(pathToFileURL(join(dir, f)).href)) as { default: BenchSuite }).default;
    if (only && !only.includes(suite.name)) continue;
    if (!json) process.stderr.write(`running ${suite.name} …\n`);
    Object.assign(results, await suite.run());
  }
  if (json) process.stdout.write(`${JSON.stringify(results)}\n`);
  else for (const [k, v] of Object.entries(results)) process.stdout.write(`${k.padEnd(40)} ${typeof v === 'number' ? v.toFixed(3) : String(v)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
