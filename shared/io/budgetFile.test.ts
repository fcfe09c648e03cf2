import { describe, expect, it } from 'vitest';
import { smallBudget, smallBudgetInput } from '../../tests/fixtures/smallBudget';
import { parseBudgetFile, serializeBudget } from './budgetFile';

const ok = (text: string) => {
  const r = parseBudgetFile(text, '测试.budget');
  if (!r.ok) throw new Error(r.error.message);
  return r.doc;
};
const err = (text: string) => {
  const r = parseBudgetFile(text, '测试.budget');
  if (r.ok) throw new Error('expected an error');
  return r.error;
};

describe('.budget files', () => {
  it('round-trips a document byte for byte', () => {
    const text = serializeBudget(smallBudget());
    expect(serializeBudget(ok(text))).toBe(text);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('accepts a UTF-8 byte order mark', () => {
    expect(ok(`\ufeff${serializeBudget(smallBudget())}`).department.name).toBe('测试市测试局');
  });

  it('names the file for broken JSON', () => {
    const e = err('{"format": ');
    expect(e.code).toBe('notJson');
    expect(e.message).toContain('测试.budget');
  });

  it('rejects other JSON files and newer versions clearly', () => {
    expect(err('[1,2]').code).toBe('notBudget');
    expect(err('{"hello":1}').code).toBe('notBudget');
    const newer = err(JSON.stringify({ ...smallBudgetInput(), version: 7 }));
    expect(newer.code).toBe('unsupportedVersion');
    expect(newer.message).toContain('7');
    expect(newer.message).toContain('升级');
  });

  it('names the path of a schema violation', () => {
    const input = smallBudgetInput();
    (input.economicLines.byId.a1!.amounts as Record<string, unknown>).generalFunding = 12.5;
    const e = err(JSON.stringify(input));
    expect(e.code).toBe('schema');
    expect(e.message).toContain('economicLines.byId.a1.amounts.generalFunding');
    expect(e.message).toContain('分');
  });

  it('rejects dangling references and order lists that disagree with the records', () => {
    const input = smallBudgetInput();
    input.economicLines.byId.a1!.unitId = 'nope';
    const e = err(JSON.stringify(input));
    expect(e.code).toBe('reference');
    expect(e.message).toContain('nope');

    const input2 = smallBudgetInput();
    input2.units.order.push('ghost');
    expect(err(JSON.stringify(input2)).message).toContain('ghost');
  });

  it('does not mutate what it parses', () => {
    const input = smallBudgetInput();
    const text = JSON.stringify(input);
    ok(text);
    expect(JSON.stringify(input)).toBe(text);
  });
});
