/**
 * Form fields bound to a path of the dossier form state. Each input gets the DOM id fieldId(path),
 * so a finding or a validation error can focus it, and an accessible label.
 */
import { createContext, useContext, useEffect, useState } from 'react';
import { App, Input } from 'antd';
import { amountForDossier, countForDossier, parseAmountInput } from '../lib/amount.ts';
import { fieldId, getIn, parsePath, pathToString, type Path } from '../lib/form.ts';
import { isMultiCell, spreadCells, splitTsv } from '../lib/paste.ts';

export interface FormApi {
  readonly value: unknown;
  readonly set: (path: Path, value: unknown) => void;
  readonly readOnly: boolean;
  /** Paths (string form) that have validation errors, with the message. */
  readonly errors: ReadonlyMap<string, string>;
}

export const FormContext = createContext<FormApi>({
  value: {},
  set: () => undefined,
  readOnly: true,
  errors: new Map(),
});
export const useForm = () => useContext(FormContext);

const errorProps = (errors: ReadonlyMap<string, string>, path: Path) => {
  const msg = errors.get(pathToString(path));
  return msg ? { status: 'error' as const, title: msg, 'aria-invalid': true } : {};
};

/** Amount in 万元, typed as text and parsed exactly (never parseFloat). */
export function AmountField({
  path,
  label,
  width = '100%',
}: {
  path: Path;
  label: string;
  width?: number | string;
}) {
  const form = useForm();
  const stored = getIn(form.value, path);
  const storedText = stored === undefined || stored === null ? '' : String(stored);
  const [text, setText] = useState(storedText);
  // Follow outside changes (conflict resolution, paste, reload) without clobbering what is being
  // typed.
  useEffect(() => {
    if (amountForDossier(text) !== (storedText === '' ? undefined : storedText))
      setText(storedText);
  }, [storedText]);
  const { message } = App.useApp();
  const parsed = parseAmountInput(text);
  const err = errorProps(form.errors, path);
  const problem = parsed.ok ? err.title : parsed.message;
  const onPaste = (e: React.ClipboardEvent<HTMLInputElement>) => {
    const clip = e.clipboardData.getData('text/plain');
    if (form.readOnly || !isMultiCell(clip)) return;
    // Several Excel cells: spread them over the table like a spreadsheet, never into one field.
    e.preventDefault();
    const input = e.currentTarget;
    const row = input.closest('tr');
    const body = row?.parentElement;
    if (!row || !body) {
      void message.warning('这里只能粘贴一个数；多个单元格请粘贴到表格中');
      return;
    }
    const rows = [...body.children].filter((el) => el.tagName === 'TR');
    const amountsOf = (tr: Element | undefined) =>
      tr ? [...tr.querySelectorAll<HTMLInputElement>('input[data-amount-path]')] : [];
    const r0 = rows.indexOf(row);
    const c0 = amountsOf(row).indexOf(input);
    const { writes, outside } = spreadCells(
      splitTsv(clip),
      (r, c) => amountsOf(rows[r0 + r])[c0 + c]?.dataset.amountPath,
    );
    for (const w of writes) form.set(parsePath(w.path), amountForDossier(w.text));
    if (outside > 0)
      void message.warning(`粘贴了 ${writes.length} 个格子；另有 ${outside} 个超出表格，未粘贴`);
  };
  return (
    <div className="amount-field">
      <Input
        id={fieldId(path)}
        aria-label={label}
        data-amount-path={pathToString(path)}
        value={text}
        readOnly={form.readOnly}
        inputMode="decimal"
        style={{ width, textAlign: 'right' }}
        status={parsed.ok ? err.status : 'error'}
        title={problem}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${fieldId(path)}-msg` : undefined}
        onPaste={onPaste}
        onChange={(e) => {
          setText(e.target.value);
          form.set(path, amountForDossier(e.target.value));
        }}
      />
      {problem && (
        <div className="field-message" id={`${fieldId(path)}-msg`} role="alert">
          {problem}
        </div>
      )}
    </div>
  );
}

export function TextField({
  path,
  label,
  placeholder,
  multiline,
  rows = 3,
  width,
}: {
  path: Path;
  label: string;
  placeholder?: string;
  multiline?: boolean;
  rows?: number;
  width?: number | string;
}) {
  const form = useForm();
  const v = getIn(form.value, path);
  const value = typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
  const common = {
    id: fieldId(path),
    'aria-label': label,
    value,
    readOnly: form.readOnly,
    placeholder,
    ...errorProps(form.errors, path),
    style: width ? { width } : undefined,
  };
  const onChange = (e: { target: { value: string } }) =>
    form.set(path, e.target.value === '' ? undefined : e.target.value);
  return multiline ? (
    <Input.TextArea {...common} rows={rows} onChange={onChange} />
  ) : (
    <Input {...common} onChange={onChange} />
  );
}

/** A list of short texts edited as one line each (职能, 内设机构, 厉行节约措施). */
export function LinesField({
  path,
  label,
  rows = 4,
}: {
  path: Path;
  label: string;
  rows?: number;
}) {
  const form = useForm();
  const v = getIn(form.value, path);
  const lines = Array.isArray(v) ? (v as unknown[]).map(String) : [];
  const [text, setText] = useState(lines.join('\n'));
  const joined = lines.join('\n');
  useEffect(() => {
    if (
      text
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .join('\n') !== joined
    )
      setText(joined);
  }, [joined]);
  return (
    <Input.TextArea
      id={fieldId(path)}
      aria-label={label}
      rows={rows}
      value={text}
      readOnly={form.readOnly}
      placeholder="每行一项"
      onChange={(e) => {
        setText(e.target.value);
        form.set(
          path,
          e.target.value
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean),
        );
      }}
    />
  );
}

export function CountField({ path, label }: { path: Path; label: string }) {
  const form = useForm();
  const v = getIn(form.value, path);
  return (
    <Input
      id={fieldId(path)}
      aria-label={label}
      value={v === undefined || v === null ? '' : String(v)}
      readOnly={form.readOnly}
      inputMode="numeric"
      style={{ width: 120, textAlign: 'right' }}
      {...errorProps(form.errors, path)}
      onChange={(e) => form.set(path, countForDossier(e.target.value))}
    />
  );
}
