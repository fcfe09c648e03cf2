/**
 * Keys from a `.budget` file are own properties, never the prototype's: the attacks of issue 16
 * on the sample budget (one unit, u-bj, with 6 强制性 findings). Each case was accepted before,
 * with a phantom unit, vanished amounts or hidden findings; now each is refused, naming the place.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SAMPLE_PATH } from '../../tests/xlsx/helpers';
import { parseBudgetFile } from './budgetFile';
import { hasCatalogue } from '../catalogue';

const sampleText = readFileSync(SAMPLE_PATH, 'utf8');
type Raw = { units: { byId: Record<string, unknown>; order: string[] }; economicLines: { byId: Record<string, { unitId: string }>; order: string[] }; [k: string]: unknown };
const raw = (): Raw => JSON.parse(sampleText) as Raw;

function refusal(text: string): string {
  const r = parseBudgetFile(text, '预算.budget');
  expect(r.ok, 'the file should be refused').toBe(false);
  return r.ok ? '' : r.error.message;
}

const ID_RULE = '编号只能由英文字母、数字和 - _ . 组成（不超过 64 个字符），且不能是保留字';

describe('.budget validator: own properties only, safe ids', () => {
  it('an order entry “constructor” without a record is no phantom unit', () => {
    const d = raw();
    d.units.order.push('constructor');
    const message = refusal(JSON.stringify(d));
    expect(message).toContain(`units.order[1]：${ID_RULE}`);
    expect(message).toContain('units.order[1]：顺序表引用了不存在的编号 constructor');
  });

  it('an economic line of unit “constructor” is refused, not dropped from every total', () => {
    const d = raw();
    const id = d.economicLines.order[0]!;
    d.economicLines.byId[id]!.unitId = 'constructor';
    expect(refusal(JSON.stringify(d))).toBe(`文件“预算.budget”内容有误：economicLines.byId[${JSON.stringify(id)}].unitId：${ID_RULE}`);
  });

  it('a unit id “__proto__” (whose income would be lost) is refused', () => {
    const message = refusal(sampleText.replaceAll('"u-bj"', '"__proto__"'));
    expect(message).toContain(`units.order[0]：${ID_RULE}`);
  });

  it('a unit id “constructor” (which hid 强制性 findings) is refused, naming the record key', () => {
    const message = refusal(sampleText.replaceAll('"u-bj"', '"constructor"'));
    expect(message).toContain(`units.byId.constructor：${ID_RULE}`);
  });

  it('ids outside the safe alphabet, and prototype names as record keys, are refused', () => {
    for (const bad of ['u|x', 'u:x', '单位', ' u', '-u', 'toString', 'x'.repeat(65)]) {
      expect(refusal(sampleText.replaceAll('"u-bj"', JSON.stringify(bad)))).toContain(ID_RULE);
    }
    for (const field of ['reported', 'previousYear']) {
      const d = raw();
      d[field] = JSON.parse('{"constructor": 1, "prototype": 2}');
      expect(refusal(JSON.stringify(d))).toContain(`${field}.constructor：不是有效的单元格编号；${field}.prototype：不是有效的单元格编号`);
    }
    for (const field of ['notes', 'acceptedWarnings']) {
      const d = raw();
      d[field] = JSON.parse(`{"constructor": ${field === 'notes' ? '"x"' : field === 'acceptedWarnings' ? '{"reason":"x","acceptedAt":"2020"}' : '1'}}`);
      expect(refusal(JSON.stringify(d))).toContain(`${field}.constructor：键名不能是保留字`);
    }
  });

  it('a references check by own property: an unknown unit id in a record key is named', () => {
    const d = raw();
    (d.incomes as Record<string, unknown>)['u-none'] = {};
    expect(refusal(JSON.stringify(d))).toContain('incomes["u-none"]：预算单位“u-none”不存在');
  });

  it('a catalogue id “constructor” is an unknown catalogue, not Object', () => {
    expect(hasCatalogue('constructor')).toBe(false);
    expect(hasCatalogue('toString')).toBe(false);
    const d = raw();
    d.catalogueId = 'constructor';
    expect(refusal(JSON.stringify(d))).toContain('catalogueId：未知的表样目录“constructor”');
  });

  it('the sample itself is still accepted', () => {
    expect(parseBudgetFile(sampleText, 'a.budget').ok).toBe(true);
  });
});
