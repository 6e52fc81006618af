/**
 * Field-by-field comparison of an imported dossier with the expected one: the seed check, the
 * fixture tests and `npm run eval:import` all use it. Prose (narrative, summarised functions) is
 * not compared: an imported dossier keeps the report's words, a transcribed one may summarise.
 * Statements are compared as a multiset of (concept, scope, value[, line]).
 */
import type { Dossier, Statement } from '../core/dossier/schema.ts';

export interface FieldDiff {
  readonly path: string;
  readonly expected: string | undefined;
  readonly actual: string | undefined;
}

export interface Comparison {
  /** Expected leaf fields compared. */
  readonly fields: number;
  readonly matched: number;
  readonly diffs: readonly FieldDiff[];
  readonly statements: {
    readonly expected: number;
    readonly matched: number;
    readonly missing: readonly string[];
    readonly extra: readonly string[];
  };
}

const SKIP = [
  /^statements/,
  /^provenance/,
  /^narrative\./,
  /^unit\.functions/,
  /^format$/,
  /\.text$/,
];

function flatten(value: unknown, path: string, out: Map<string, string>): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => flatten(v, `${path}[${i}]`, out));
    return;
  }
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      flatten(v, path ? `${path}.${k}` : k, out);
    return;
  }
  if (SKIP.some((re) => re.test(path))) return;
  out.set(path, String(value));
}

const normValue = (v: string) =>
  v
    .replace(/\s+/g, '')
    .replace(/万元$/, '')
    .replace(
      /^(-?\d+)\.(\d*?)0+(%?)$/,
      (_m, a: string, b: string, p: string) => `${a}${b ? `.${b}` : ''}${p}`,
    );
export const statementKey = (s: Statement, withLine: boolean): string =>
  `${s.concept}|${s.scope ?? ''}|${normValue(s.value)}${withLine ? `|${s.where.line ?? ''}` : ''}`;

export function compareDossiers(
  expected: Dossier,
  actual: Dossier,
  opts: { withLines?: boolean } = {},
): Comparison {
  const e = new Map<string, string>();
  const a = new Map<string, string>();
  flatten(expected, '', e);
  flatten(actual, '', a);
  const diffs: FieldDiff[] = [];
  let matched = 0;
  for (const [path, ev] of e) {
    const av = a.get(path);
    if (av === ev) matched++;
    else diffs.push({ path, expected: ev, actual: av });
  }
  for (const [path, av] of a)
    if (!e.has(path)) diffs.push({ path, expected: undefined, actual: av });
  const pool = new Map<string, number>();
  for (const s of actual.statements) {
    const k = statementKey(s, opts.withLines ?? false);
    pool.set(k, (pool.get(k) ?? 0) + 1);
  }
  const missing: string[] = [];
  let sm = 0;
  for (const s of expected.statements) {
    const k = statementKey(s, opts.withLines ?? false);
    const n = pool.get(k) ?? 0;
    if (n > 0) {
      pool.set(k, n - 1);
      sm++;
    } else missing.push(k);
  }
  const extra = [...pool.entries()].flatMap(([k, n]) => Array.from({ length: n }, () => k));
  return {
    fields: e.size,
    matched,
    diffs,
    statements: { expected: expected.statements.length, matched: sm, missing, extra },
  };
}

export function formatComparison(c: Comparison): string[] {
  const out = [
    `fields ${c.matched}/${c.fields}; statements ${c.statements.matched}/${c.statements.expected}`,
  ];
  for (const d of c.diffs)
    out.push(
      `  field ${d.path}: expected ${d.expected ?? '(absent)'}, imported ${d.actual ?? '(absent)'}`,
    );
  for (const m of c.statements.missing) out.push(`  statement missing: ${m}`);
  for (const x of c.statements.extra) out.push(`  statement extra: ${x}`);
  return out;
}
