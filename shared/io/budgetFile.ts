/**
 * The `.budget` file: versioned JSON of a DepartmentBudget, validated with zod on load.
 * Every failure is a classified error with a Chinese message naming the file and the place
 * inside it. Parsing never mutates its input; serialisation is stable (same document → same bytes).
 */
import { z } from 'zod';
import { hasCatalogue } from '../catalogue';
import { decodeUtf8 } from './utf8';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, departmentBudgetSchema, type DepartmentBudget } from '../model/document';
import { migrateDocument, pathInFile } from '../model/documentMigration';

export type BudgetFileErrorCode = 'notJson' | 'notBudget' | 'unsupportedVersion' | 'schema' | 'reference' | 'tooLarge' | 'encoding';

export interface BudgetFileError {
  code: BudgetFileErrorCode;
  message: string;
}

export type BudgetFileResult = { ok: true; doc: DepartmentBudget } | { ok: false; error: BudgetFileError };

export const MAX_BUDGET_FILE_CHARS = 200 * 1024 * 1024;

function fail(code: BudgetFileErrorCode, message: string): BudgetFileResult {
  return { ok: false, error: { code, message } };
}

/** `economicLines.byId["e-1"].amounts.generalFunding` */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (typeof p === 'string' && /^[A-Za-z_$][\w$]*$/.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(String(p))}]`;
  }
  return out || '（根）';
}

/** A `.budget` file as read from disk: strictly UTF-8 (a bad byte is named by its offset), then parsed. */
export function parseBudgetBytes(bytes: Uint8Array, fileName: string): BudgetFileResult {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    const hint = decoded.utf16 ? '（文件看起来是 UTF-16 编码，请另存为 UTF-8）' : '';
    return fail('encoding', `文件“${fileName}”不是有效的预算文件：第 ${decoded.offset} 字节处（从 0 起算）不是有效的 UTF-8 编码${hint}。预算文件必须是 UTF-8 编码的文本，文件可能已损坏。`);
  }
  return parseBudgetFile(decoded.text, fileName);
}

export function parseBudgetFile(text: string, fileName: string): BudgetFileResult {
  if (text.length > MAX_BUDGET_FILE_CHARS) return fail('tooLarge', `文件“${fileName}”过大（超过 200 MB），不是有效的预算文件。`);
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return fail('notJson', `文件“${fileName}”不是有效的预算文件：JSON 格式错误（${detail}）。`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return fail('notBudget', `文件“${fileName}”不是预算文件：内容不是一个对象。`);
  const head = raw as Record<string, unknown>;
  if (head.format !== DOCUMENT_FORMAT) return fail('notBudget', `文件“${fileName}”不是本程序的预算文件（缺少格式标识 ${DOCUMENT_FORMAT}）。`);
  if (typeof head.version !== 'number' || !Number.isInteger(head.version)) return fail('notBudget', `文件“${fileName}”缺少有效的版本号。`);
  if (head.version > DOCUMENT_VERSION) {
    return fail('unsupportedVersion', `文件“${fileName}”的格式版本为 ${head.version}，本程序只支持到版本 ${DOCUMENT_VERSION}，请升级部门预算编制器后再打开。`);
  }
  if (head.version < 1) return fail('unsupportedVersion', `文件“${fileName}”的格式版本 ${head.version} 无效。`);

  // A file of an older version: its old field names become today's before the schema reads it.
  const fromVersion = head.version;
  const parsed = departmentBudgetSchema.safeParse(migrateDocument(head, fromVersion));
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => (i.path.length === 0 ? issueMessage(i) : `${formatIssuePath(pathInFile(i.path, fromVersion))}：${issueMessage(i)}`));
    const more = parsed.error.issues.length > 5 ? `（另有 ${parsed.error.issues.length - 5} 处）` : '';
    return fail('schema', `文件“${fileName}”内容有误：${issues.join('；')}${more}`);
  }
  const doc = parsed.data;
  const refError = checkReferences(doc);
  if (refError) return fail('reference', `文件“${fileName}”内容有误：${refError}`);
  return { ok: true, doc };
}

function issueMessage(issue: z.core.$ZodIssue): string {
  // The schema's own Chinese messages (amount bounds, references) are already in the clerk's words.
  if (/[\u4e00-\u9fff]/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      // An amount that is a number but not a whole number of 分 says so in the schema's own words.
      return issue.expected === 'int' ? issue.message : `类型不正确（应为 ${issue.expected}）`;
    case 'invalid_value':
      return `取值不在允许范围内（允许：${issue.values.map(String).join('、')}）`;
    case 'invalid_format':
      return '格式不正确';
    case 'too_small':
      return '内容过短或数值过小';
    case 'too_big':
      return '内容过长或数值过大';
    case 'invalid_key': {
      // A record key (the last part of the path) that is no valid id: say why in the id's own words.
      const inner = issue.issues.map((i) => i.message).find((m) => /[\u4e00-\u9fff]/.test(m));
      return inner ?? '键名无效';
    }
    case 'unrecognized_keys':
      return `含有不认识的字段 ${issue.keys.join('、')}`;
    case 'custom':
      return issue.message;
    default:
      return issue.message;
  }
}

/** Cross-references the schema cannot express: every line's unit/project exists, the layout is known. */
export function checkReferences(doc: DepartmentBudget): string | null {
  if (!hasCatalogue(doc.catalogueId)) return `catalogueId：未知的表样目录“${doc.catalogueId}”`;
  const units = doc.units.byId;
  const unitRefs: [string, Record<string, { unitId: string }>][] = [
    ['economicLines', doc.economicLines.byId],
    ['projects', doc.projects.byId],
    ['functionalLines', doc.functionalLines.byId],
    ['transferLines', doc.transferLines.byId],
    ['procurementItems', doc.procurementItems.byId],
  ];
  for (const [name, byId] of unitRefs) {
    for (const [id, item] of Object.entries(byId)) {
      if (!Object.hasOwn(units, item.unitId)) return `${name}.byId[${JSON.stringify(id)}].unitId：预算单位“${item.unitId}”不存在`;
    }
  }
  for (const [id, s] of Object.entries(doc.subItems.byId)) {
    if (!Object.hasOwn(doc.projects.byId, s.projectId)) return `subItems.byId[${JSON.stringify(id)}].projectId：项目“${s.projectId}”不存在`;
  }
  for (const [name, rec] of [
    ['incomes', doc.incomes],
    ['unitProcurement', doc.unitProcurement],
    ['threePublicExpenses', doc.threePublicExpenses],
    ['otherExpenditure', doc.otherExpenditure],
  ] as const) {
    for (const unitId of Object.keys(rec)) if (!Object.hasOwn(units, unitId)) return `${name}[${JSON.stringify(unitId)}]：预算单位“${unitId}”不存在`;
  }
  for (const [name, byId] of [
    ['units', doc.units.byId],
    ['economicLines', doc.economicLines.byId],
    ['projects', doc.projects.byId],
    ['subItems', doc.subItems.byId],
    ['functionalLines', doc.functionalLines.byId],
    ['transferLines', doc.transferLines.byId],
    ['procurementItems', doc.procurementItems.byId],
  ] as const) {
    for (const [id, item] of Object.entries(byId)) if (item.id !== id) return `${name}.byId[${JSON.stringify(id)}].id：编号与键“${id}”不一致`;
  }
  return null;
}

/** Stable, pretty JSON (2-space indent, trailing newline). Key order follows the schema's field order. */
export function serializeBudget(doc: DepartmentBudget): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
