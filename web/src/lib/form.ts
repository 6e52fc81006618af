/**
 * Form state helpers. The editor keeps the dossier as the plain JSON the schema reads
 * (DossierInput): amounts stay decimal TEXT exactly as typed, so nothing is ever lost or rounded by
 * the form; the schema decides what is valid and says where.
 */

export type PathKey = string | number;
export type Path = readonly PathKey[];

// Paths use the same notation as InputError.where.path ("indicators[3].weight"); the helpers live
// in core.
import { formatPath } from '../../../src/core/errors/input-error.ts';
export {
  formatPath as pathToString,
  parsePath,
  valueAtPath as getIn,
} from '../../../src/core/errors/input-error.ts';

/** DOM id of the input editing `path` (findings and errors focus it). */
export const fieldId = (path: Path | string): string =>
  `f-${typeof path === 'string' ? path : formatPath(path)}`.replace(/[^\w\-.[\]]/g, '_');

/**
 * Immutable set: copies the containers along `path`. Setting `undefined` removes an object key
 * (absent means "not filled" in the dossier format, never zero).
 */
export function setIn<T>(root: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path as [PathKey, ...PathKey[]];
  const base: unknown = root ?? (typeof head === 'number' ? [] : {});
  const child = setIn((base as Record<PathKey, unknown>)[head], rest, value);
  if (Array.isArray(base)) {
    const copy = base.slice();
    copy[head as number] = child;
    return copy as T;
  }
  const copy = { ...(base as Record<string, unknown>) };
  if (child === undefined) delete copy[head as string];
  else copy[head as string] = child;
  return copy as T;
}

/** Move the element at `from` to `to` (clamped); returns a new array. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const copy = items.slice();
  if (from < 0 || from >= copy.length) return copy;
  const target = Math.max(0, Math.min(copy.length - 1, to));
  const [item] = copy.splice(from, 1);
  copy.splice(target, 0, item as T);
  return copy;
}
