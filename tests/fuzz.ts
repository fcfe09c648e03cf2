/**
 * `npm run fuzz -- [ITERATIONS] [SEED] [--only xlsx|budget]`: a longer fuzzing campaign of the
 * Excel importer (tests/xlsx/fuzzCore.ts) and of the `.budget` loader
 * (tests/budget/budgetFuzzCore.ts), ITERATIONS cases each (default 100,000). Prints progress and a
 * JSON summary per fuzzer (cases per second, outcomes, violations grouped by class); exits 1 if
 * any case broke the contract.
 */
import { runBudgetFuzz } from './budget/budgetFuzzCore';
import { runFuzz } from './xlsx/fuzzCore';

const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1] : undefined;
const iterations = Number(args[0] ?? 100_000);
const seed = Number(args[1] ?? Date.now() % 1_000_000);
if (!Number.isInteger(iterations) || iterations <= 0 || (only !== undefined && only !== 'xlsx' && only !== 'budget')) {
  process.stderr.write('用法：npm run fuzz -- [次数] [种子] [--only xlsx|budget]\n');
  process.exit(2);
}

/** Violations by mutation and the start of the problem (numbers and quoted text dropped). */
function classes(violations: { mutation: string; problem: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of violations) {
    const key = `${v.mutation}: ${v.problem.replace(/\d+/g, 'N').replace(/“[^”]*”/g, '“…”').slice(0, 120)}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

let broken = false;
const summary = (name: string, s: { iterations: number; elapsedMs: number; violations: { mutation: string; seed: number; problem: string }[] }) => {
  broken ||= s.violations.length > 0;
  const perSecond = Math.round((s.iterations / s.elapsedMs) * 1000 * 10) / 10;
  process.stdout.write(`${JSON.stringify({ fuzzer: name, seed, casesPerSecond: perSecond, ...s, violationClasses: classes(s.violations), violations: s.violations.slice(0, 50) }, null, 2)}\n`);
};

if (only !== 'budget') {
  process.stderr.write(`fuzzing the Excel importer: ${iterations} cases, seed ${seed}\n`);
  const stats = await runFuzz(iterations, seed, {
    onProgress: (done, s) => process.stderr.write(`  ${done}/${iterations}  imported ${s.imported}  violations ${s.violations.length}  max case ${s.maxCaseMs.toFixed(0)} ms  heap +${s.heapMaxGrowthMb.toFixed(1)} MB\n`),
  });
  summary('xlsx', stats);
}
if (only !== 'xlsx') {
  process.stderr.write(`fuzzing the .budget loader: ${iterations} cases, seed ${seed}\n`);
  const stats = await runBudgetFuzz(iterations, seed, {
    onProgress: (done, s) => process.stderr.write(`  ${done}/${iterations}  accepted ${s.accepted}  violations ${s.violations.length}\n`),
  });
  summary('budget', stats);
}
process.exitCode = broken ? 1 : 0;
