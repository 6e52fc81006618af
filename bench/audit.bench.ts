/**
 * Audit benchmark: 10,000 varied dossiers (quick mode, BENCH_QUICK=1: 150) — variants of the
 * published seed report, of its corrected version and of the test factory dossier, with amounts,
 * stated figures and indicator actuals moved at random (so different rules fire). Times
 * (a) parse + validate from YAML text and (b) derive + score + audit, and prints dossiers/second
 * and the ratio (b)/(a). Aim: ≤ 1.0 (auditing costs no more than reading the file).
 * Quick mode uses 150 dossiers (not 500) so the CI run stays at a few seconds: parsing the 38 kB
 * seed YAML dominates the time.
 *
 * Then: audit time on the seed dossier alone (target ≤ 1 ms), and audit time of the seed grown to
 * 250 … 2,000 projects (each with a stated 附件1 row, a narrative figure and two indicators),
 * against a floor measured on the same dossiers in the same run: derive() plus one pass over the
 * statements, the least any audit must do. A linear audit keeps the ratio flat as projects grow.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { audit, countFindings } from '../src/core/audit/audit.ts';
import { derive } from '../src/core/derive.ts';
import type { Dossier } from '../src/core/dossier/schema.ts';
import { toWan } from '../src/core/money.ts';
import { NATIONAL_RULESET } from '../src/core/scoring/ruleset.ts';
import { score } from '../src/core/scoring/score.ts';
import { baseDossierInput } from '../src/core/testing/factories.ts';
import { parseDossierText } from '../src/io/load-dossier.ts';
import { rng } from './support.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TEMPLATES = [
  'examples/hengyang-finance-office-2023.yaml',
  'examples/hengyang-finance-office-2023-corrected.yaml',
];

/**
 * Decimal numbers after `actual: `, `value: "` and `score: ` are split out once; each variant moves
 * about a third of them by up to ±10 % (two decimals), so sums break here and there.
 */
function variants(templates: readonly string[], n: number): string[] {
  const split = templates.map((t) => t.split(/(?<=\b(?:actual|score): |value: ")(\d+\.\d+)/));
  const next = rng(20240524);
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const parts = split[k % split.length] as string[];
    let text = '';
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i] as string;
      text += i % 2 === 1 && next() < 0.33 ? (Number(p) * (0.9 + 0.2 * next())).toFixed(2) : p;
    }
    out.push(text);
  }
  return out;
}

export async function run(quick: boolean): Promise<void> {
  const n = quick ? 150 : 10_000;
  const templates = [
    ...TEMPLATES.map((f) => join(root, f))
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f, 'utf8')),
    stringify(baseDossierInput()),
  ];
  const texts = variants(templates, n);
  for (const t of texts.slice(0, 30)) {
    const l = parseDossierText(t, 'warm.yaml');
    if (l.ok) audit({ dossier: l.dossier, derived: derive(l.dossier), score: score(l.dossier) });
  }

  const dossiers: Dossier[] = [];
  let t0 = performance.now();
  for (const text of texts) {
    const loaded = parseDossierText(text, 'bench.yaml');
    if (!loaded.ok)
      throw new Error(`variant does not validate: ${loaded.errors[0]?.message ?? ''}`);
    dossiers.push(loaded.dossier);
  }
  const parseMs = performance.now() - t0;

  const totals = { error: 0, warning: 0, info: 0 };
  const rs = NATIONAL_RULESET;
  t0 = performance.now();
  for (const d of dossiers) {
    const derived = derive(d, rs.execution.denominator);
    const result = score(d, rs, derived);
    const c = countFindings(
      audit({ dossier: d, derived, score: result, ruleset: rs, today: '2024-06-01' }),
    );
    totals.error += c.error;
    totals.warning += c.warning;
    totals.info += c.info;
  }
  const auditMs = performance.now() - t0;

  console.log(
    `${n} dossiers from ${templates.length} templates; findings: ${totals.error} errors, ${totals.warning} warnings, ${totals.info} info (${((totals.error + totals.warning + totals.info) / n).toFixed(1)} per dossier)`,
  );
  console.log(
    `(a) parse + validate YAML:  ${parseMs.toFixed(0)} ms, ${((n * 1000) / parseMs).toFixed(0)} dossiers/s`,
  );
  console.log(
    `(b) derive + score + audit: ${auditMs.toFixed(0)} ms, ${((n * 1000) / auditMs).toFixed(0)} dossiers/s`,
  );
  console.log(`end to end: ${((n * 1000) / (parseMs + auditMs)).toFixed(0)} dossiers/s`);
  console.log(
    `ratio (b)/(a): ${(auditMs / parseMs).toFixed(3)} ${auditMs <= parseMs ? '(≤ 1.0: auditing costs no more than parsing)' : '(> 1.0: auditing costs MORE than parsing)'}`,
  );
  await runScaling(quick);
}

/** Median of `runs` timings of `fn`, ms. */
function medianMs(fn: () => void, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

const auditOnce = (d: Dossier) => {
  const derived = derive(d, NATIONAL_RULESET.execution.denominator);
  audit({ dossier: d, derived, score: score(d, NATIONAL_RULESET, derived), today: '2024-06-01' });
};
/** The floor: derive() and one look at every statement's value. */
const floorOnce = (d: Dossier) => {
  derive(d, NATIONAL_RULESET.execution.denominator);
  let chars = 0;
  for (const s of d.statements) chars += s.value.length;
  return chars;
};

/** The seed dossier with `n` projects: money in every column, a 附件1 row each, two indicators. */
export function withProjects(seed: Dossier, n: number): Dossier {
  const template = seed.expenditure.projects[0];
  const [first, second] = seed.indicators;
  if (!template || !first || !second) throw new Error('the seed lacks a project or indicators');
  const next = rng(n);
  const projects = Array.from({ length: n }, (_, i) => {
    const budget = toWan((10 + Math.floor(next() * 9000) / 100).toFixed(2));
    const actual = toWan((Number(budget) * (0.8 + next() * 0.2)).toFixed(2));
    return {
      ...template,
      id: `P${i + 1}`,
      name: `项目${i + 1}`,
      money: { priorActual: budget, initialBudget: budget, adjustedBudget: budget, actual },
      indicators: [
        { ...first, id: `P${i + 1}-1` },
        { ...second, id: `P${i + 1}-2` },
      ],
    };
  });
  const statements = [
    ...seed.statements,
    ...projects.flatMap((p) => [
      {
        concept: 'project.actual' as const,
        scope: p.id,
        value: p.money.actual,
        where: { annex: 1 as const, table: '经费控制情况', row: p.name, column: '本年决算数' },
      },
      {
        concept: 'project.initialBudget' as const,
        scope: p.id,
        value: p.money.initialBudget,
        where: { section: '二（二）' },
      },
    ]),
  ];
  // Built from parsed parts, not re-validated: the schema caps projects at 500, and the bench
  // measures the auditor beyond that cap (an imported or API-built dossier is audited as it is).
  return { ...seed, expenditure: { ...seed.expenditure, projects }, statements };
}

export async function runScaling(quick: boolean): Promise<void> {
  const loaded = parseDossierText(
    readFileSync(join(root, TEMPLATES[0] ?? ''), 'utf8'),
    'seed.yaml',
  );
  if (!loaded.ok) throw new Error('the seed dossier does not validate');
  const seed = loaded.dossier;
  for (let i = 0; i < 50; i++) auditOnce(seed);
  const seedMs = medianMs(() => auditOnce(seed), quick ? 50 : 300);
  console.log(
    `seed dossier: derive + score + audit ${seedMs.toFixed(3)} ms (median) ${seedMs <= 1 ? '(≤ 1 ms target met)' : '(> 1 ms target MISSED)'}`,
  );
  console.log('projects | audit ms | floor ms | audit/floor | ratio vs 250');
  let first: number | undefined;
  for (const n of [250, 500, 1000, 2000]) {
    const d = withProjects(seed, n);
    auditOnce(d);
    const runs = quick ? 3 : 7;
    const auditMs = medianMs(() => auditOnce(d), runs);
    const floorMs = medianMs(() => floorOnce(d), runs);
    const ratio = auditMs / floorMs;
    first ??= ratio;
    console.log(
      `${String(n).padStart(8)} | ${auditMs.toFixed(1).padStart(8)} | ${floorMs.toFixed(2).padStart(8)} | ${ratio.toFixed(1).padStart(11)} | ${(ratio / first).toFixed(2)}`,
    );
  }
}
