import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBudgetFile } from '../io/budgetFile';
import { auditWorkerRequestSchema, auditWorkerResponseSchema, describeBadAuditRequest } from './workerProtocol';

const SAMPLE = new URL('../../resources/samples/shenzhen-xinfang-2020.budget', import.meta.url);
const parsed = parseBudgetFile(readFileSync(SAMPLE, 'utf8'), 'sample');
if (!parsed.ok) throw new Error(parsed.error.message);
const doc = parsed.doc;

describe('audit worker protocol', () => {
  it('accepts open and patches requests', () => {
    expect(auditWorkerRequestSchema.safeParse({ id: 'a', type: 'open', doc }).success).toBe(true);
    const patches = [{ op: 'replace', path: ['incomes', 'u-bj', 'generalFunding'], value: 1 }, { op: 'remove', path: ['notes', 'T8'] }];
    expect(auditWorkerRequestSchema.safeParse({ id: 'b', type: 'patches', seq: 1, patches }).success).toBe(true);
  });

  it.each([
    ['no type', { id: 'a' }],
    ['unknown type', { id: 'a', type: 'recheck' }],
    ['missing id', { type: 'open', doc }],
    ['a document that is not a budget', { id: 'a', type: 'open', doc: { format: 'x' } }],
    ['a negative sequence number', { id: 'a', type: 'patches', seq: -1, patches: [] }],
    ['an unknown patch operation', { id: 'a', type: 'patches', seq: 1, patches: [{ op: 'move', path: ['a'] }] }],
    ['a patch path with an object', { id: 'a', type: 'patches', seq: 1, patches: [{ op: 'replace', path: [{}], value: 1 }] }],
    ['a patch path through a prototype name', { id: 'a', type: 'patches', seq: 1, patches: [{ op: 'replace', path: ['units', 'byId', '__proto__'], value: {} }] }],
    ['a patch path through “constructor”', { id: 'a', type: 'preview', seq: 0, patches: [{ op: 'add', path: ['incomes', 'constructor'], value: {} }] }],
    ['extra fields', { id: 'a', type: 'patches', seq: 1, patches: [], extra: true }],
    ['not an object', 'open'],
  ])('rejects %s with a Chinese message', (_what, message) => {
    const r = auditWorkerRequestSchema.safeParse(message);
    expect(r.success).toBe(false);
    if (!r.success) expect(describeBadAuditRequest(r.error)).toMatch(/^无效的审核请求/);
  });

  it('describes responses too (the editor validates what comes back)', () => {
    expect(auditWorkerResponseSchema.safeParse({ id: 'a', type: 'progress', stage: 'graph', done: 1, total: 4 }).success).toBe(true);
    expect(auditWorkerResponseSchema.safeParse({ id: 'a', type: 'findings', seq: 0, delta: { full: true, added: [], changed: [], removed: [] }, elapsedMs: 3 }).success).toBe(true);
    expect(auditWorkerResponseSchema.safeParse({ id: 'a', type: 'failed', code: 'teapot', message: 'x' }).success).toBe(false);
  });
});
