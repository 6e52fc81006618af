/**
 * The valid part of a form with errors (issue 12, "feedback always on"): while one field or one
 * indicator row is incomplete, the rest is still scored and audited. An indicator row with an
 * error is left out whole (listed as incomplete); any other invalid field is left out as if not
 * filled. Only the live panel uses this: nothing invalid is ever saved.
 */
import type { InputError } from '../../../src/core/errors/input-error.ts';
import { parsePath, type PathKey } from './form.ts';

export interface ValidPart {
  readonly input: unknown;
  /** Indicator rows left out, by path ("indicators[14]"). */
  readonly droppedRows: readonly string[];
  /** Other fields left out, by path. */
  readonly droppedFields: readonly string[];
}

const ROW_RE = /^((?:expenditure\.projects\[\d+\]\.)?indicators\[\d+\])/;

/** The error's path trimmed to what is left out: the indicator row, else the field itself. */
export function dropTarget(path: string): { kind: 'row' | 'field'; path: string } {
  const row = ROW_RE.exec(path)?.[1];
  return row ? { kind: 'row', path: row } : { kind: 'field', path };
}

export function validPart(input: unknown, errors: readonly InputError[]): ValidPart {
  const rows = new Set<string>();
  const fields = new Set<string>();
  for (const e of errors) {
    const p = e.where.path;
    if (!p) continue;
    const t = dropTarget(p);
    (t.kind === 'row' ? rows : fields).add(t.path);
  }
  let out = input;
  // Fields first (paths stay valid), then rows from the last index down within each list.
  for (const f of fields)
    if (![...rows].some((r) => f.startsWith(r))) out = removeAt(out, parsePath(f));
  const sortedRows = [...rows].sort((a, b) => lastIndex(b) - lastIndex(a));
  for (const r of sortedRows) out = removeAt(out, parsePath(r));
  return { input: out, droppedRows: [...rows], droppedFields: [...fields] };
}

const lastIndex = (path: string) => Number(/\[(\d+)\]$/.exec(path)?.[1] ?? -1);

/** Copy of `root` without the value at `path` (an array element is spliced out). */
function removeAt(root: unknown, path: readonly PathKey[]): unknown {
  if (path.length === 0 || root === null || typeof root !== 'object') return root;
  const [head, ...rest] = path as [PathKey, ...PathKey[]];
  if (Array.isArray(root)) {
    if (typeof head !== 'number' || head >= root.length) return root;
    const copy = root.slice();
    if (rest.length === 0) copy.splice(head, 1);
    else copy[head] = removeAt(copy[head], rest);
    return copy;
  }
  const obj = root as Record<string, unknown>;
  if (!(String(head) in obj)) return root;
  const copy = { ...obj };
  if (rest.length === 0) delete copy[String(head)];
  else copy[String(head)] = removeAt(copy[String(head)], rest);
  return copy;
}
