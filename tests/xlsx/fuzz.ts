/**
 * `npm run fuzz -- [ITERATIONS] [SEED]`: a longer fuzzing campaign of the importer (default
 * 100,000 cases). Prints progress and a JSON summary; exits 1 if any case broke the contract.
 */
import { runFuzz } from './fuzzCore';

const iterations = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? Date.now() % 1_000_000);
if (!Number.isInteger(iterations) || iterations <= 0) {
  process.stderr.write('用法：npm run fuzz -- [次数] [种子]\n');
  process.exit(2);
}
process.stderr.write(`fuzzing the importer: ${iterations} cases, seed ${seed}\n`);
const stats = await runFuzz(iterations, seed, {
  onProgress: (done, s) => process.stderr.write(`  ${done}/${iterations}  imported ${s.imported}  violations ${s.violations.length}  max case ${s.maxCaseMs.toFixed(0)} ms  heap +${s.heapMaxGrowthMb.toFixed(1)} MB\n`),
});
process.stdout.write(`${JSON.stringify({ seed, ...stats, violations: stats.violations.slice(0, 50) }, null, 2)}\n`);
process.exitCode = stats.violations.length ? 1 : 0;
