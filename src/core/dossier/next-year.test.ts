import { describe, expect, it } from 'vitest';
import { makeDossier } from '../testing/factories.ts';
import { dossierFileForm, nextYearDossier, rollColumns } from './next-year.ts';
import { Dossier, MoneyColumns } from './schema.ts';

describe('rollColumns', () => {
  it('moves 决算 to priorActual and 年初预算 to priorInitialBudget, dropping the rest', () => {
    expect(
      rollColumns(
        MoneyColumns.parse({
          priorActual: '1',
          priorInitialBudget: '2',
          initialBudget: '3',
          adjustedBudget: '4',
          actual: '5',
        }),
      ),
    ).toEqual({ priorActual: '5', priorInitialBudget: '3' });
    expect(rollColumns(MoneyColumns.parse({ adjustedBudget: '4' }))).toEqual({});
    expect(rollColumns(undefined)).toEqual({});
  });
});

describe('nextYearDossier', () => {
  const withResults = makeDossier({
    statements: [{ concept: 'score.total', value: '98', where: { section: '六' } }],
    provenance: { year: { text: '2023', confidence: 1 } },
    narrative: { problems: '无', savingMeasures: ['节约'] },
    goal: { expected: '保障运转', achieved: '运转正常' },
    ruleset: 'hunan',
  });
  const next = nextYearDossier(withResults);

  it('is valid and one year later, with the profile and rule set carried', () => {
    expect(Dossier.safeParse(next).success).toBe(true);
    expect(next.year).toBe(2024);
    expect(next.ruleset).toBe('hunan');
    expect(next.unit).toEqual(withResults.unit);
    expect(next.unit).not.toBe(withResults.unit);
  });

  it('moves this year’s actuals and initial budgets to the prior-year columns', () => {
    expect(next.income.general).toEqual({ priorActual: '500', priorInitialBudget: '500' });
    expect(next.expenditure.personnel).toEqual({ priorActual: '320', priorInitialBudget: '320' });
    expect(next.expenditure.projects[0]).toMatchObject({
      id: 'P1',
      name: '业务工作经费',
      kind: 'business',
      money: { priorActual: '100', priorInitialBudget: '100' },
    });
    expect(next.threePublic.reception).toEqual({ priorActual: '0.8', priorInitialBudget: '2' });
    expect(next.assets).toEqual({ previousYearEnd: '120' });
  });

  it(
    'keeps indicators with targets and weights but no actuals, ' + 'scores, tiers or deviations',
    () => {
      expect(next.indicators.map((i) => i.id)).toEqual(withResults.indicators.map((i) => i.id));
      for (const [k, i] of next.indicators.entries()) {
        const before = withResults.indicators[k];
        expect(i.target).toEqual(before?.target);
        expect(i.weight).toBe(before?.weight);
        expect(i).not.toHaveProperty('actual');
        expect(i).not.toHaveProperty('score');
        expect(i).not.toHaveProperty('tier');
        expect(i).not.toHaveProperty('deviation');
      }
    },
  );

  it('clears statements, provenance, narrative, achievements and the filing date', () => {
    expect(next.statements).toEqual([]);
    expect(next.provenance).toBeUndefined();
    expect(next.narrative).toEqual({ savingMeasures: [] });
    expect(next.goal).toEqual({ expected: '保障运转', achieved: '' });
    expect(next.filing).toEqual({ preparer: '张三' });
  });

  it('does not change its input', () => {
    const before = JSON.stringify(withResults);
    nextYearDossier(withResults);
    expect(JSON.stringify(withResults)).toBe(before);
  });
});

describe('dossierFileForm', () => {
  it('writes targets and actuals back as text and round-trips through the schema', () => {
    const d = makeDossier();
    const form = dossierFileForm(d);
    expect(form.indicators?.[0]).toMatchObject({ target: '≤100%', actual: '100%' });
    expect(Dossier.parse(JSON.parse(JSON.stringify(form)))).toEqual(
      Dossier.parse(JSON.parse(JSON.stringify(d))),
    );
  });

  it('keeps the object form when the text would not parse back to the same value', () => {
    const d = makeDossier({
      indicators: [
        {
          id: 'X',
          level1: '产出指标',
          level2: '数量指标',
          name: 'x',
          target: { kind: 'number', op: '>=', value: 95, unit: '%', text: '不低于九十五' },
          actual: { value: '96', unit: '%', text: '九十六' },
          weight: 90,
        },
      ],
    });
    const form = dossierFileForm(d);
    expect(form.indicators?.[0]?.target).toMatchObject({ kind: 'number', op: '>=', value: '95' });
    expect(form.indicators?.[0]?.actual).toMatchObject({ value: '96', text: '九十六' });
    expect(Dossier.parse(JSON.parse(JSON.stringify(form))).indicators).toEqual(d.indicators);
  });
});
