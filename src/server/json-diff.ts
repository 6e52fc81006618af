/**
 * Structural diff of two JSON documents: one change per differing leaf, with its path in the same
 * notation as validation errors ("indicators[3].actual.text"). Arrays compare by index; an added or
 * removed key or element shows `before` or `after` as undefined (omitted in JSON).
 */
import { formatPath } from '../core/errors/input-error.ts';

export interface Change {
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

export function jsonDiff(before: unknown, after: unknown): Change[] {
  const out: Change[] = [];
  const walk = (a: unknown, b: unknown, path: (string | number)[]) => {
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], [...path, i]);
      return;
    }
    if (isObject(a) && isObject(b)) {
      const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
      for (const k of keys) walk(a[k], b[k], [...path, k]);
      return;
    }
    if (a === b) return;
    const change: { path: string; before?: unknown; after?: unknown } = { path: formatPath(path) };
    if (a !== undefined) change.before = a;
    if (b !== undefined) change.after = b;
    out.push(change);
  };
  walk(before, after, []);
  return out;
}
