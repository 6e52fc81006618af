/**
 * Leaf-level difference of two JSON values, used to show "theirs vs yours" on a save conflict
 * (the server's /diff endpoint compares stored revisions; a conflict compares a stored one with
 * unsaved local edits, so the browser computes it).
 */
import { pathToString, type PathKey } from './form.ts';

export interface JsonChange {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

export function diffJson(before: unknown, after: unknown, limit = 500): JsonChange[] {
  const out: JsonChange[] = [];
  const walk = (a: unknown, b: unknown, path: PathKey[]) => {
    if (out.length >= limit) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i += 1) walk(a[i], b[i], [...path, i]);
      return;
    }
    if (isObj(a) && isObj(b)) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const k of [...keys].sort()) walk(a[k], b[k], [...path, k]);
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b))
      out.push({ path: pathToString(path), before: a, after: b });
  };
  walk(before, after, []);
  return out;
}

/** Short display of a changed value. */
export function showValue(v: unknown): string {
  if (v === undefined || v === null) return '（空）';
  if (typeof v === 'string') return v.length > 80 ? `${v.slice(0, 80)}…` : v;
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}
