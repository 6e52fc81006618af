/**
 * Core benchmark: for N dossiers varied from a base dossier (the Hengyang example when present,
 * else the test factory), time (a) parse + validate from YAML text and (b) derive + score, and
 * print the per-dossier cost and the ratio (b)/(a). Aim: scoring costs less than parsing.
 * N = 10,000 (quick mode, BENCH_QUICK=1: 100).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { derive } from '../src/core/derive.ts';
import type { Dossier } from '../src/core/dossier/schema.ts';
import { NATIONAL_RULESET } from '../src/core/scoring/ruleset.ts';
import { score } from '../src/core/scoring/score.ts';
import { baseDossierInput } from '../src/core/testing/factories.ts';
import { parseDossierText } from '../src/io/load-dossier.ts';
import { rng } from './support.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = join(root, 'examples/hengyang-finance-office-2023.yaml');

/**
 * Variants of the base text: every unquoted decimal `actual: <number>` (integers such as head
 * counts stay) (money actuals and indicator actuals such as 9.54%) is moved by up to ±15 %, written
 * with two decimals. The split is done once, so making a variant is a join, not a YAML round trip.
 */
function variants(base: string, n: number): string[] {
  const parts = base.split(/(?<=\bactual: )(\d+\.\d+)/);
  const next = rng(20231231);
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    let text = '';
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i] as string;
      // Odd indices are the captured numbers.
      text += i % 2 === 1 ? (Number(p) * (0.85 + 0.3 * next())).toFixed(2) : p;
    }
    out.push(text);
  }
  return out;
}

const us = (ms: number, n: number) => ((ms * 1000) / n).toFixed(1);

export async function run(quick: boolean): Promise<void> {
  const n = quick ? 100 : 10_000;
  const fromExample = existsSync(EXAMPLE);
  const base = fromExample ? readFileSync(EXAMPLE, 'utf8') : stringify(baseDossierInput());
  const texts = variants(base, n);
  const warm = Math.min(50, n);

  for (let i = 0; i < warm; i++) {
    const l = parseDossierText(texts[i] as string, 'bench.yaml');
    if (l.ok) score(l.dossier, NATIONAL_RULESET);
  }

  // (a) parse + validate
  const dossiers: Dossier[] = [];
  let t0 = performance.now();
  for (const text of texts) {
    const loaded = parseDossierText(text, 'bench.yaml');
    if (!loaded.ok)
      throw new Error(`variant does not validate: ${loaded.errors[0]?.message ?? ''}`);
    dossiers.push(loaded.dossier);
  }
  const parseMs = performance.now() - t0;

  // (b) derive + score
  let totalPoints = 0;
  t0 = performance.now();
  for (const d of dossiers) {
    const der = derive(d, NATIONAL_RULESET.execution.denominator);
    const r = score(d, NATIONAL_RULESET, der);
    totalPoints += r.total.length; // keep the result alive
  }
  const scoreMs = performance.now() - t0;
  if (totalPoints === 0) throw new Error('no results');

  console.log(
    `base: ${fromExample ? 'examples/hengyang-finance-office-2023.yaml' : 'test factory'} ` +
      `(${base.length} chars, ${dossiers[0]?.indicators.length ?? 0} indicators), ${n} variants`,
  );
  console.log(
    `(a) parse + validate YAML: ${parseMs.toFixed(0)} ms total, ${us(parseMs, n)} µs/dossier`,
  );
  console.log(
    `(b) derive + score:        ${scoreMs.toFixed(0)} ms total, ${us(scoreMs, n)} µs/dossier`,
  );
  console.log(
    `ratio (b)/(a): ${(scoreMs / parseMs).toFixed(3)} ` +
      (scoreMs < parseMs
        ? '(scoring costs less than parsing)'
        : '(scoring costs MORE than parsing)'),
  );

  // Parse + validate one dossier against JSON.parse of the same dossier as JSON, same run.
  const jsonTexts = dossiersAsJson(texts);
  // CPU time of this process (not wall time): on a shared, loaded machine the time other
  // processes take the core from us would otherwise count against whichever row was unlucky.
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const perDossier = (f: (i: number) => unknown): number => {
    for (let i = 0; i < warm; i++) f(i);
    let min = Infinity;
    for (let round = 0; round < 5; round++) {
      const t = cpuMs();
      for (let i = 0; i < n; i++) f(i);
      min = Math.min(min, (cpuMs() - t) / n);
    }
    return min;
  };
  const jsonParse = perDossier((i) => JSON.parse(jsonTexts[i] as string));
  const yamlLoad = perDossier((i) => parseDossierText(texts[i] as string, 'bench.yaml'));
  const jsonLoad = perDossier((i) => parseDossierText(jsonTexts[i] as string, 'bench.json'));
  const line = (what: string, ms: number, aim: number) =>
    console.log(
      `${what.padEnd(36)} ${(ms * 1000).toFixed(1).padStart(8)} µs   ` +
        `JSON.parse ${(jsonParse * 1000).toFixed(1).padStart(6)} µs   ` +
        `${(ms / jsonParse).toFixed(1).padStart(5)}×  ` +
        `${ms / jsonParse <= aim ? 'ok' : 'MISSED'} (aim ≤ ${aim}×)`,
    );
  console.log('per dossier, CPU time, minimum of 5 rounds:');
  line('parse + validate, YAML dossier', yamlLoad, 20);
  line('parse + validate, JSON dossier', jsonLoad, 6);
}

/** The same dossiers as JSON text (what a .json file or an API body holds). */
function dossiersAsJson(texts: readonly string[]): string[] {
  return texts.map((t) => {
    const loaded = parseDossierText(t, 'bench.yaml');
    if (!loaded.ok) throw new Error('variant does not validate');
    return JSON.stringify(loaded.raw, null, 2);
  });
}
