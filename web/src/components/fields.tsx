/**
 * Form fields bound to a path of the dossier form state. Each input gets the DOM id fieldId(path),
 * so a finding or a validation error can focus it, and an accessible label.
 */
import { createContext, useContext, useEffect, useState } from 'react';
import { Input } from 'antd';
import { amountForDossier, countForDossier, parseAmountInput } from '../lib/amount.ts';
import { fieldId, getIn, pathToString, type Path } from '../lib/form.ts';

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
  // Follow outside changes (conflict resolution, paste, reload) without clobbering what is being typed.
  useEffect(() => {
    if (amountForDossier(text) !== (storedText === '' ? undefined : storedText))
      setText(storedText);
  }, [storedText]);
  const parsed = parseAmountInput(text);
  const err = errorProps(form.errors, path);
  return (
    <Input
      id={fieldId(path)}
      aria-label={label}
      value={text}
      readOnly={form.readOnly}
      inputMode="decimal"
      style={{ width, textAlign: 'right' }}
      status={parsed.ok ? err.status : 'error'}
      title={parsed.ok ? err.title : parsed.message}
      onChange={(e) => {
        setText(e.target.value);
        form.set(path, amountForDossier(e.target.value));
      }}
    />
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
