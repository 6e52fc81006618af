import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDossierText } from '../io/load-dossier.ts';
import { compute } from './compute.ts';
import { renderReport, reportReadinessOf } from './reports.ts';

const load = (name: string) => {
  const file = fileURLToPath(new URL(`../../examples/${name}.yaml`, import.meta.url));
  const r = parseDossierText(readFileSync(file, 'utf8'), file);
  if (!r.ok) throw new Error(name);
  return r.dossier;
};

describe('report downloads: readiness and drafts', () => {
  it('marks the download of an unready dossier 草稿 (watermark), a ready one not', async () => {
    const unready = await compute(load('hengyang-finance-office-2023'), '2024-06-01');
    const ready = await compute(load('hengyang-finance-office-2023-corrected'), '2024-06-01');
    const r1 = reportReadinessOf(unready);
    expect(r1.ready).toBe(false);
    expect(r1.errors.every((f) => f.severity === 'error')).toBe(true);
    expect(r1.errors.length).toBeGreaterThan(0);
    expect(reportReadinessOf(ready).ready).toBe(true);
    const draft = await renderReport('html', { year: 2023 }, unready, '单位');
    expect(draft.draft).toBe(true);
    expect(String(draft.body)).toContain('<div class="draft-mark" aria-hidden="true">草稿</div>');
    expect(draft.disposition).toContain(encodeURIComponent('（草稿）'));
    const final = await renderReport('html', { year: 2023 }, ready, '单位');
    expect(final.draft).toBe(false);
    expect(String(final.body)).not.toContain('<div class="draft-mark"');
  });
});
