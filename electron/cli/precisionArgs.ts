/** The `--unit 万元|元` and `--decimals N` arguments of `show` and `export`. */
import { MAX_DECIMALS } from '../../shared/catalogue';
import type { DisplayUnit } from '../../shared/model/document';

export type ArgResult<T> = { ok: true; value: T } | { ok: false; message: string };

export function parseUnitArg(command: string, text: string | undefined): ArgResult<DisplayUnit> {
  if (text === '万元' || text === 'wan') return { ok: true, value: 'wan' };
  if (text === '元' || text === 'yuan') return { ok: true, value: 'yuan' };
  return { ok: false, message: `${command}：单位只能是“万元”或“元”，而不是“${text ?? ''}”` };
}

export function parseDecimalsArg(command: string, text: string | undefined): ArgResult<number> {
  const n = text !== undefined && /^\d{1,2}$/.test(text) ? Number(text) : NaN;
  if (Number.isInteger(n) && n >= 0 && n <= MAX_DECIMALS) return { ok: true, value: n };
  return { ok: false, message: `${command}：小数位数应为 0 到 ${MAX_DECIMALS} 的整数，而不是“${text ?? ''}”` };
}
