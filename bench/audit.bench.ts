/**
 * Audit benchmark: 10,000 varied dossiers (quick mode, BENCH_QUICK=1: 150) — variants of the
 * published seed report, of its corrected version and of the test factory dossier, with amounts,
 * stated figures and indicator actuals moved at random (so different rules fire). Times
 * (a) parse + validate from YAML text and (b) derive + score + audit, and prints dossiers/second
 * and the ratio (b)/(a). Aim: ≤ 1.0 (auditing costs no more than reading the file).
 * Quick mode uses 150 dossiers (not 500) so the CI run stays at a few seconds: parsing the 38 kB
 * seed YAML dominates the time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { audit, countFindings } from '../src/core/audit/audit.ts';
import { derive } from '../src/core/derive.ts';
import type { Dossier } from '../src/core/dossier/schema.ts';
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
}
