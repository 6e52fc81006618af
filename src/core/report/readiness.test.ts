import { describe, expect, it } from 'vitest';
import { baseDossierInput, makeDossier } from '../testing/factories.ts';
import { missingFigures } from './readiness.ts';

describe('missingFigures: the total funds name a real path and the total concept', () => {
  it('no 全年预算数 in income: path income, concept income.total.adjustedBudget', () => {
    const base = baseDossierInput();
    const d = makeDossier({ income: { general: { priorInitialBudget: '450', actual: '500' } } });
    expect(base.income?.general?.adjustedBudget).toBe('500');
    const missing = missingFigures(d, null, 'adjustedBudget');
    expect(missing[0]).toEqual({
      label: '全年预算数',
      path: 'income',
      concept: 'income.total.adjustedBudget',
    });
    expect(missing.some((m) => m.label === '全年执行数（决算数）')).toBe(false);
  });

  it('no income and no actual spending: the expenditure total, under either base', () => {
    const d = makeDossier({
      income: {},
      expenditure: {
        personnel: { priorActual: '300' },
        publicFunds: { priorActual: '70' },
        projects: [],
      },
    });
    const missing = missingFigures(d, null, 'adjustedBudget').filter((m) => m.concept);
    expect(missing).toEqual([
      { label: '全年预算数', path: 'expenditure', concept: 'expenditure.total.adjustedBudget' },
      { label: '全年执行数（决算数）', path: 'expenditure', concept: 'expenditure.total.actual' },
    ]);
    expect(missingFigures(d, null, 'initialBudget')[0]).toEqual({
      label: '年初预算数',
      path: 'expenditure',
      concept: 'expenditure.total.initialBudget',
    });
  });
});
