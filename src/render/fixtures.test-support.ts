/** Test support for the renderers: the Hengyang example and a factory dossier as report models. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildReportModel } from '../core/report/build.ts';
import type { ReportModel } from '../core/report/model.ts';
import type { Dossier } from '../core/dossier/schema.ts';
import { NATIONAL_RULESET } from '../core/scoring/ruleset.ts';
import { score } from '../core/scoring/score.ts';
import { parseDossierText } from '../io/load-dossier.ts';

export const EXAMPLE_FILE = fileURLToPath(
  new URL('../../examples/hengyang-finance-office-2023.yaml', import.meta.url),
);

export function loadExample(): Dossier {
  const loaded = parseDossierText(readFileSync(EXAMPLE_FILE, 'utf8'), EXAMPLE_FILE);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  return loaded.dossier;
}

export const modelOf = (d: Dossier): ReportModel =>
  buildReportModel(d, {
    score: score(d, NATIONAL_RULESET),
    base: NATIONAL_RULESET.execution.denominator,
    grades: NATIONAL_RULESET.grades,
    rulesetTitle: NATIONAL_RULESET.title,
  });

/** The figures a reader checks, as the model's narrative and annex cells state them. */
export function keyFigures(m: ReportModel): Record<string, string> {
  const out: Record<string, string> = {};
  for (const b of m.body)
    if (b.kind === 'paragraph')
      for (const r of b.runs)
        if (r.figure && !r.scope && out[r.figure] === undefined) out[r.figure] = r.text;
  return out;
}

export function cellText(m: ReportModel, id: string): string | undefined {
  for (const a of m.annexes)
    for (const t of a.tables)
      for (const r of t.rows) for (const c of r.cells) if (c.id === id) return c.text;
  return undefined;
}
