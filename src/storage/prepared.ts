/**
 * Queries built and compiled once, then run with other values (issue 14). Kysely builds an
 * immutable tree for every query and compiles it to SQL on every run: under 50 connections of
 * saves that was about 0.35 ms of main-thread time per save (three statements) and 0.1 ms per
 * request for the session lookup, more than SQLite took to run them. A prepared query is built
 * once per dialect with a placeholder for each named value; a run puts the values in the
 * placeholders' places among the compiled parameters. The SQL stays written with the query
 * builder, in one place, for SQLite and PostgreSQL alike.
 */
import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { DB } from './types.ts';

type Db = Kysely<DB>;

/** Marks a placeholder among the compiled parameters (no real value starts with a NUL). */
const MARK = '\u0000jixiao-placeholder:';

/** Where each named value goes among a compiled query's parameters. */
interface Template<N extends string> {
  readonly compiled: CompiledQuery;
  readonly slots: readonly (readonly [index: number, name: N])[];
}

export type PreparedQuery<N extends string, R> = (
  db: Db,
  values: Readonly<Record<N, unknown>>,
) => Promise<QueryResult<R>>;

/**
 * `build` makes the query with `value(name)` where each value goes (typed `never`, so it fits any
 * column); it runs once per dialect. Every name must reach the parameters exactly once.
 */
export function prepared<N extends string, R>(
  names: readonly N[],
  build: (db: Db, value: (name: N) => never) => Compilable<R>,
): PreparedQuery<N, R> {
  // By adapter class: a transaction shares its database's adapter, and the SQL depends on it.
  const templates = new Map<unknown, Template<N>>();
  const templateFor = (db: Db): Template<N> => {
    const kind = db.getExecutor().adapter.constructor;
    let t = templates.get(kind);
    if (!t) {
      const compiled = build(db, (name) => `${MARK}${name}` as never).compile();
      const slots: [number, N][] = [];
      compiled.parameters.forEach((p, index) => {
        if (typeof p === 'string' && p.startsWith(MARK))
          slots.push([index, p.slice(MARK.length) as N]);
      });
      const placed = slots.map(([, name]) => name);
      if (placed.length !== names.length || names.some((n) => !placed.includes(n)))
        throw new Error(`prepared query: placeholders ${placed.join(',')} ≠ ${names.join(',')}`);
      t = { compiled, slots };
      templates.set(kind, t);
    }
    return t;
  };
  return (db, values) => {
    const { compiled, slots } = templateFor(db);
    const parameters = [...compiled.parameters];
    for (const [index, name] of slots) parameters[index] = values[name];
    return db.executeQuery<R>({ ...compiled, parameters });
  };
}
