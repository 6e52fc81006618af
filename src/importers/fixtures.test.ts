/**
 * The layout fixtures (fixtures/<layout>.txt, written from fixtures/truth.ts): each imports to the
 * same dossier, field for field, and keeps the same statements.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareDossiers, formatComparison, statementKey } from './compare.ts';
import { LAYOUTS, renderLayout, type Layout } from './fixtures/layouts.ts';
import { expectedDossier, TRUTH } from './fixtures/truth.ts';
import { importText } from './import.ts';

const fixture = (layout: Layout) =>
  readFileSync(join(import.meta.dirname, 'fixtures', `${layout}.txt`), 'utf8');
const keysOf = (layout: Layout) =>
  importText(fixture(layout), `${layout}.txt`)
    .dossier!.statements.map((s) => statementKey(s, false))
    .sort();

describe('layout fixtures', () => {
  const expected = expectedDossier();
  const baseline = keysOf('spaced');

  it('the baseline layout states every figure once per place (90 statements)', () => {
    expect(baseline).toHaveLength(90);
    expect(baseline).toContain('score.total||96.61');
    expect(baseline).toContain('execution.rate||96.05%');
    expect(baseline).toContain('score.grade||优');
    expect(baseline).toContain('project.actual|P2|63.15');
    expect(baseline).toContain('threePublic.abroad.actual||无');
  });

  for (const layout of LAYOUTS) {
    describe(layout, () => {
      const text = fixture(layout);
      const report = importText(text, `${layout}.txt`);

      it('is the generator output (no drift)', () => {
        expect(text).toBe(renderLayout(layout));
      });

      it('imports every structured field of the truth', () => {
        expect(report.errors).toEqual([]);
        const cmp = compareDossiers(expected, report.dossier!);
        expect(cmp.diffs, formatComparison(cmp).join('\n')).toEqual([]);
        expect(cmp.fields).toBeGreaterThan(150);
      });

      it('keeps the same statements as the baseline layout', () => {
        expect(keysOf(layout)).toEqual(baseline);
      });

      it('cites a line for every statement and indicator field', () => {
        for (const s of report.dossier!.statements) expect(s.where.line).toBeGreaterThan(0);
        const prov = report.dossier!.provenance ?? {};
        TRUTH.indicators.forEach((_, i) => {
          expect(prov[`indicators[${i}].target`]?.line, `indicators[${i}].target`).toBeGreaterThan(
            0,
          );
          expect(prov[`indicators[${i}].weight`]?.line, `indicators[${i}].weight`).toBeGreaterThan(
            0,
          );
        });
      });
    });
  }

  it('ocr: repaired values are imported and listed for a person to confirm', () => {
    const r = importText(fixture('ocr'), 'ocr.txt');
    expect(fixture('ocr')).toContain('万兀');
    expect(r.uncertain.length).toBeGreaterThan(10);
    expect(r.uncertain.every((u) => u.confidence < 0.8 && (u.line ?? 0) > 0)).toBe(true);
  });

  it('run-together: amounts split by the column count are listed as uncertain', () => {
    const r = importText(fixture('run-together'), 'run-together.txt');
    expect(fixture('run-together')).toContain('812.40845.66830.25');
    expect(r.uncertain.map((u) => u.path)).toContain('expenditure.publicFunds.priorActual');
  });

  it('page-noise: pages are counted at form feeds and page numbers are not read as cells', () => {
    const r = importText(fixture('page-noise'), 'page-noise.txt');
    const pages = new Set(Object.values(r.dossier!.provenance ?? {}).map((p) => p.page));
    expect(pages.has(1) && pages.has(2) && pages.has(3)).toBe(true);
    expect(r.dossier!.statements.some((s) => /— 7 —|第 9 页/.test(s.where.quote ?? ''))).toBe(
      false,
    );
  });

  it('wrapped: numbers broken by a cell wrap are joined', () => {
    expect(fixture('wrapped')).toMatch(/118\.7\n\n5 万头/);
    const ind = importText(fixture('wrapped'), 'wrapped.txt').dossier!.indicators[2]!;
    expect(ind.actual).toMatchObject({ value: '118.75', unit: '万头' });
    expect(ind.deviation).toBe('部分养殖户外出务工，免疫进度滞后，下年加强巡查');
  });

  it('derived values are marked derived, never silently filled', () => {
    const r = importText(fixture('spaced'), 'spaced.txt');
    const derived = r.uncertain
      .filter((u) => u.reason.startsWith('推算'))
      .map((u) => u.path)
      .sort();
    expect(derived).toEqual([
      'assets.previousYearEnd',
      'expenditure.personnel.initialBudget',
      'expenditure.personnel.priorActual',
      'income.general.priorInitialBudget',
      'income.other.priorInitialBudget',
    ]);
  });
});
