/**
 * Writes the bundled sample `resources/samples/shenzhen-xinfang-2020.budget` from sampleSource.ts.
 * Run: `npx tsx tests/reference/writeSample.ts`. The output is the parsed document (defaults
 * filled) as pretty JSON: 2-space indent, keys in schema order (records in their order arrays'
 * order), trailing newline — so regenerating an unchanged source gives a byte-identical file.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { departmentBudgetSchema } from '../../shared/model/document';
import { SAMPLE_FILE_NAME, sampleSource } from './sampleSource';

export const SAMPLE_URL = new URL(`../../resources/samples/${SAMPLE_FILE_NAME}`, import.meta.url);

export function sampleJson(): string {
  const doc = departmentBudgetSchema.parse(sampleSource);
  return `${JSON.stringify(doc, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const json = sampleJson();
  writeFileSync(SAMPLE_URL, json, 'utf8');
  console.log(`已写入 ${fileURLToPath(SAMPLE_URL)}（${json.length} 字符）`);
}
