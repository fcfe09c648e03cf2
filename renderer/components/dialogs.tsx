/**
 * Modal dialogs as promises: confirm (with up to three answers), a small form (one or more text
 * fields), and the code picker (search a year's code list). One dialog at a time.
 */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { CodeEntry, CodeList } from '../../shared/codes/codeList';
import { Emitter } from '../../shared/events/emitter';

export interface ConfirmSpec {
  title: string;
  message: string;
  /** Buttons, first is the default; each returns its value. */
  buttons: { label: string; value: string; tone?: 'primary' | 'danger' }[];
  /** No 取消 button (a plain notice). */
  noCancel?: boolean;
}

export interface FormField {
  name: string;
  label: string;
  initial?: string;
  multiline?: boolean;
  placeholder?: string;
  options?: { value: string; label: string }[];
}

export interface FormSpec {
  title: string;
  message?: string;
  fields: FormField[];
  submitLabel?: string;
  /** Return an error message to keep the dialog open. */
  validate?: (values: Record<string, string>) => string | null;
}

export interface CodePickerSpec {
  title: string;
  list: CodeList;
  /** Codes already in the table (marked 「已在表中」). */
  used?: ReadonlySet<string>;
  /** A line above the search box (e.g. which year's list stands in for this year). */
  note?: string | null;
  /** Offer 「自定义编码…」 (the picker then resolves CUSTOM_CODE). */
  allowCustom?: boolean;
  /** Only entries at this level (e.g. 2 for 经济分类 款, 3 for 功能分类 项). */
  level?: number;
  /** Selectable entries (others are shown for context but disabled). */
  selectable?: (e: CodeEntry) => boolean;
}

/** What the code picker resolves with when the clerk chooses 「自定义编码…」. */
export const CUSTOM_CODE = '\u0000custom';

type Open =
  | { kind: 'confirm'; spec: ConfirmSpec; resolve: (v: string | null) => void }
  | { kind: 'form'; spec: FormSpec; resolve: (v: Record<string, string> | null) => void }
  | { kind: 'code'; spec: CodePickerSpec; resolve: (v: string | null) => void };

export class DialogService {
  private current: Open | null = null;
  private readonly changes = new Emitter();

  get open(): Open | null {
    return this.current;
  }

  readonly subscribe = this.changes.event;

  private set(o: Open | null): void {
    this.current = o;
    this.changes.fire();
  }

  confirm(spec: ConfirmSpec): Promise<string | null> {
    return new Promise((resolve) => this.set({ kind: 'confirm', spec, resolve: (v) => (this.set(null), resolve(v)) }));
  }

  form(spec: FormSpec): Promise<Record<string, string> | null> {
    return new Promise((resolve) => this.set({ kind: 'form', spec, resolve: (v) => (this.set(null), resolve(v)) }));
  }

  pickCode(spec: CodePickerSpec): Promise<string | null> {
    return new Promise((resolve) => this.set({ kind: 'code', spec, resolve: (v) => (this.set(null), resolve(v)) }));
  }

  alert(title: string, message: string): Promise<string | null> {
    return this.confirm({ title, message, buttons: [{ label: '确定', value: 'ok', tone: 'primary' }], noCancel: true });
  }
}

export function DialogLayer({ service }: { service: DialogService }) {
  const open = useSyncExternalStore(service.subscribe, () => service.open);
  if (!open) return null;
  return (
    <div className="dialog-backdrop" role="presentation">
      <div className="dialog" role="dialog" aria-modal="true" aria-label={open.spec.title}>
        <h2 className="dialog-title">{open.spec.title}</h2>
        {open.kind === 'confirm' && <ConfirmBody spec={open.spec} resolve={open.resolve} />}
        {open.kind === 'form' && <FormBody spec={open.spec} resolve={open.resolve} />}
        {open.kind === 'code' && <CodePickerBody spec={open.spec} resolve={open.resolve} />}
      </div>
    </div>
  );
}

function ConfirmBody({ spec, resolve }: { spec: ConfirmSpec; resolve: (v: string | null) => void }) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div onKeyDown={(e) => e.key === 'Escape' && resolve(null)}>
      <p className="dialog-message">{spec.message}</p>
      <div className="dialog-buttons">
        {spec.buttons.map((b, i) => (
          <button key={b.value} ref={i === 0 ? first : undefined} className={`btn ${b.tone ? `btn-${b.tone}` : ''}`} onClick={() => resolve(b.value)}>
            {b.label}
          </button>
        ))}
        {!spec.noCancel && (
          <button className="btn" onClick={() => resolve(null)}>
            取消
          </button>
        )}
      </div>
    </div>
  );
}

function FormBody({ spec, resolve }: { spec: FormSpec; resolve: (v: Record<string, string> | null) => void }) {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(spec.fields.map((f) => [f.name, f.initial ?? f.options?.[0]?.value ?? ''])));
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLInputElement & HTMLTextAreaElement & HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = () => {
    const err = spec.validate?.(values) ?? null;
    if (err) setError(err);
    else resolve(values);
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') resolve(null);
        // A choice list does not submit on Enter by itself: in a dialog, Enter means the dialog's main button.
        else if (e.key === 'Enter' && e.target instanceof HTMLSelectElement) {
          e.preventDefault();
          submit();
        }
      }}
    >
      {spec.message && <p className="dialog-message">{spec.message}</p>}
      {spec.fields.map((f, i) => (
        <label key={f.name} className="dialog-field">
          <span>{f.label}</span>
          {f.options ? (
            <select ref={i === 0 ? first : undefined} name={f.name} value={values[f.name]} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}>
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : f.multiline ? (
            <textarea ref={i === 0 ? first : undefined} name={f.name} rows={4} value={values[f.name]} placeholder={f.placeholder} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} />
          ) : (
            <input ref={i === 0 ? first : undefined} name={f.name} value={values[f.name]} placeholder={f.placeholder} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} />
          )}
        </label>
      ))}
      {error && <p className="dialog-error">{error}</p>}
      <div className="dialog-buttons">
        <button type="submit" className="btn btn-primary">
          {spec.submitLabel ?? '确定'}
        </button>
        <button type="button" className="btn" onClick={() => resolve(null)}>
          取消
        </button>
      </div>
    </form>
  );
}

/** Placeholders with examples of the list's own kind. */
const SEARCH_EXAMPLES: Record<CodeList['kind'], string> = {
  functional: '输入编码或名称筛选，如 2010301 或 行政运行',
  economic: '输入编码或名称筛选，如 30101 或 基本工资',
  procurement: '输入编号或名称筛选，如 A02 或 计算机',
};
/** Entries shown at most (a national catalogue has thousands): the search narrows them. */
const SHOWN_AT_MOST = 400;

function CodePickerBody({ spec, resolve }: { spec: CodePickerSpec; resolve: (v: string | null) => void }) {
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const { entries, total } = useMemo(() => {
    const q = query.trim();
    const qCode = q.toUpperCase();
    const all = spec.list.entries.filter((e) => spec.level === undefined || e.level <= spec.level);
    const match = (e: CodeEntry) => !q || e.code.startsWith(qCode) || e.name.includes(q) || e.aliases.some((a) => a.includes(q));
    const hits = all.filter(match);
    return { entries: hits.slice(0, SHOWN_AT_MOST), total: hits.length };
  }, [query, spec]);
  const selectable = (e: CodeEntry) => (spec.selectable ? spec.selectable(e) : spec.level === undefined || e.level === spec.level);
  return (
    <div onKeyDown={(e) => e.key === 'Escape' && resolve(null)}>
      <p className="code-list-source">
        {spec.list.title}（{spec.list.entries.length} 项）{spec.note ? `。${spec.note}` : ''}
      </p>
      <input
        ref={input}
        className="code-search"
        placeholder={SEARCH_EXAMPLES[spec.list.kind]}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            const first = entries.find(selectable);
            if (chosen) resolve(chosen);
            else if (first) resolve(first.code);
          }
        }}
      />
      <ul className="code-list" role="listbox" aria-label={spec.list.title}>
        {entries.length === 0 && (
          <li className="code-empty" role="presentation">
            无匹配
          </li>
        )}
        {entries.map((e) => {
          const ok = selectable(e);
          const used = spec.used?.has(e.code) ?? false;
          return (
            <li
              key={e.code}
              role="option"
              aria-selected={chosen === e.code}
              aria-disabled={!ok}
              className={`code-item level-${e.level} ${ok ? '' : 'disabled'} ${chosen === e.code ? 'chosen' : ''} ${used ? 'used' : ''}`}
              onClick={() => ok && setChosen(e.code)}
              onDoubleClick={() => ok && resolve(e.code)}
            >
              <span className="code">{e.code}</span> {e.name}
              {used && <span className="code-used">（已在表中）</span>}
            </li>
          );
        })}
        {total > entries.length && (
          <li className="code-more" role="presentation">
            另有 {total - entries.length} 项未列出，请输入编码或名称缩小范围
          </li>
        )}
      </ul>
      <div className="dialog-buttons">
        <button className="btn btn-primary" disabled={!chosen} onClick={() => chosen && resolve(chosen)}>
          选择
        </button>
        {spec.allowCustom && (
          <button className="btn" onClick={() => resolve(CUSTOM_CODE)} title="使用不在代码表中的编码（审核时会提示确认）">
            自定义编码…
          </button>
        )}
        <button className="btn" onClick={() => resolve(null)}>
          取消
        </button>
      </div>
    </div>
  );
}
