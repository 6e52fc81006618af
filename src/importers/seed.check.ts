/**
 * Seed check (issue #7): importing the published seed report (text extraction in
 * ../shared/seed/) reproduces the figures of examples/hengyang-finance-office-2023.yaml, and lists
 * every field that differs. Needs ../shared, so it runs only with seed.vitest.config.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDossier } from '../core/audit/index.ts';
import { loadDossierFile } from '../io/load-dossier.ts';
import { runCli } from '../cli/run.ts';
import { compareDossiers, formatComparison } from './compare.ts';
import { importFile } from './import.ts';

const root = join(import.meta.dirname, '..', '..');
const seed = join(root, '..', 'shared', 'seed', 'hengyang-finance-office-2023.txt');
const example = join(root, 'examples', 'hengyang-finance-office-2023.yaml');

// Fields the transcriber added from outside the report's text (region and level are not written in
// it): listed, not failed.
const NOT_IN_REPORT = new Set(['unit.region', 'unit.level']);

describe.runIf(existsSync(seed) && existsSync(example))('seed report → example dossier', () => {
  it('reproduces every figure and every statement of the example', async () => {
    const report = await importFile(seed);
    expect(report.errors).toEqual([]);
    expect(report.dossier).toBeDefined();
    const expected = await loadDossierFile(example);
    const cmp = compareDossiers(expected, report.dossier!, { withLines: true });
    const lines = formatComparison(cmp);
    console.log(`seed import: ${lines.join('\n')}`);
    const realDiffs = cmp.diffs.filter((d) => !NOT_IN_REPORT.has(d.path));
    expect(realDiffs.map((d) => `${d.path}: ${d.expected} ≠ ${d.actual}`)).toEqual([]);
    expect(cmp.statements.missing).toEqual([]);
    expect(cmp.statements.extra).toEqual([]);
  });

  it('cites the seed line of every statement', async () => {
    const report = await importFile(seed);
    for (const s of report.dossier!.statements) expect(s.where.line, s.concept).toBeGreaterThan(0);
  });

  it('jixiao audit on the seed finds what the auditor finds on the example dossier', async () => {
    const today = '2024-06-01';
    const expected = auditDossier(await loadDossierFile(example), { today });
    const imported = auditDossier((await importFile(seed)).dossier!, { today });
    const key = (f: { code: string; severity: string; indicatorId?: string; scope?: string }) =>
      `${f.severity} ${f.code} ${f.indicatorId ?? ''} ${f.scope ?? ''}`;
    expect(imported.map(key).sort()).toEqual(expected.map(key).sort());
    const res = await runCli(['audit', seed, '--json', '--today', today], { capture: true });
    expect(res.code).toBe(1);
    const out = JSON.parse(res.stdout) as {
      findings: { code: string; severity: string; locations: { line?: number }[] }[];
    }[];
    const errors = out[0]!.findings.filter((f) => f.severity === 'error');
    expect(errors.length).toBe(expected.filter((f) => f.severity === 'error').length);
    // Every error cites at least one line of the seed.
    for (const f of errors)
      expect(
        f.locations.some((l) => (l.line ?? 0) > 0),
        f.code,
      ).toBe(true);
  });
});
