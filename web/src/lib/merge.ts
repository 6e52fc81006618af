/**
 * Three-way merge of the editor's form with another person's saved version (issue 12): changes to
 * different fields are combined without asking; only a field both sides changed, to different
 * values, is a conflict the user decides. Paths use the dossier notation ("indicators[3].weight").
 */
import { diffJson } from './diff.ts';
import { parsePath, setIn } from './form.ts';

export interface MergeConflict {
  readonly path: string;
  readonly base: unknown;
  readonly mine: unknown;
  readonly theirs: unknown;
}

export interface MergeResult<T> {
  /** Mine with every change of theirs that does not collide; collisions keep mine. */
  readonly merged: T;
  /** Their changes taken over without asking. */
  readonly taken: readonly string[];
  readonly conflicts: readonly MergeConflict[];
}

/** Whether one path is the other or lies inside it ("a.b" and "a.b[2].c"). */
export function overlaps(a: string, b: string): boolean {
  const inside = (p: string, q: string) =>
    p === q || p.startsWith(`${q}.`) || p.startsWith(`${q}[`);
  return inside(a, b) || inside(b, a);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function mergeThreeWay<T>(base: T, mine: T, theirs: T): MergeResult<T> {
  const myChanges = diffJson(base, mine, Infinity);
  const theirChanges = diffJson(base, theirs, Infinity);
  let merged = mine;
  const taken: string[] = [];
  const conflicts: MergeConflict[] = [];
  for (const t of theirChanges) {
    const clash = myChanges.filter((m) => overlaps(m.path, t.path));
    if (clash.length === 0) {
      merged = setIn(merged, parsePath(t.path), t.after);
      taken.push(t.path);
      continue;
    }
    // Both changed it: only a conflict when they ended up different.
    for (const m of clash)
      if (!same(m.after, valueAt(theirs, m.path)))
        conflicts.push({
          path: m.path,
          base: m.before,
          mine: m.after,
          theirs: valueAt(theirs, m.path),
        });
  }
  return { merged, taken, conflicts: dedupe(conflicts) };
}

/** Apply the user's choices: for each conflict path, theirs when chosen, mine otherwise. */
export function resolveConflicts<T>(
  merged: T,
  conflicts: readonly MergeConflict[],
  takeTheirs: ReadonlySet<string>,
): T {
  let out = merged;
  for (const c of conflicts)
    if (takeTheirs.has(c.path)) out = setIn(out, parsePath(c.path), c.theirs);
  return out;
}

function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const key of parsePath(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function dedupe(list: MergeConflict[]): MergeConflict[] {
  const seen = new Set<string>();
  return list.filter((c) => (seen.has(c.path) ? false : (seen.add(c.path), true)));
}
