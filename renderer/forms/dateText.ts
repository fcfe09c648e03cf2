/**
 * Dates as the clerk reads them everywhere: 2020-01-01, whatever the machine's locale (a browser
 * date input would show 01/01/2020 on an English system). Typed forms the clerk uses are accepted:
 * 2020-1-1, 2020/1/1, 2020.1.1, 2020年1月1日.
 */
export type DateParse = { ok: true; iso: string | null } | { ok: false; message: string };

export function parseDateText(text: string): DateParse {
  const t = text.trim();
  if (t === '') return { ok: true, iso: null };
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t);
  if (!m) return { ok: false, message: `“${t}”不是日期，请按 2020-01-01 的格式填写` };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return { ok: false, message: `没有 ${y} 年 ${mo} 月 ${d} 日这一天` };
  return { ok: true, iso: `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}
