import { describe, expect, it } from 'vitest';
import { derive, fundsColumns, fundsSource } from './derive.ts';
import { formatPercent } from './money.ts';
import { makeDossier } from './testing/factories.ts';

describe('derive', () => {
  it('computes totals, shares and rates exactly', () => {
    const d = derive(makeDossier());
    expect(d.basic.actual).toBe('400');
    expect(d.expenditure.actual).toBe('500');
    expect(d.threePublic.actual).toBe('4.3');
    expect(formatPercent(d.executionRate)).toBe('100.00%');
    expect(formatPercent(d.personnelShare)).toBe('80.00%');
    expect(formatPercent(d.budgetGrowthRate)).toBe('11.11%');
    expect(formatPercent(d.staffingControlRate)).toBe('95.00%');
    expect(formatPercent(d.assetGrowthRate)).toBe('20.00%');
    expect(d.decreaseAgainstInitial).toBe('0');
  });

  it('takes the execution rate against the initial budget in the variant', () => {
    const dossier = makeDossier({
      income: { general: { initialBudget: '544.84', adjustedBudget: '507.13', actual: '507.13' } },
    });
    expect(formatPercent(derive(dossier).executionRate)).toBe('100.00%');
    expect(formatPercent(derive(dossier, 'initialBudget').executionRate)).toBe('93.08%');
  });

  it('says "not applicable" instead of dividing by zero or missing bases', () => {
    const d = derive(
      makeDossier({
        assets: { yearEnd: '10', previousYearEnd: '0' },
        unit: { name: 'x', staffing: {} },
      }),
    );
    expect(d.assetGrowthRate).toEqual({ ok: false, reason: 'zero-base' });
    expect(d.staffingControlRate).toEqual({ ok: false, reason: 'missing' });
  });

  it(
    'leaves a total unknown when a filled part leaves that column blank, ' +
      'and skips absent parts',
    () => {
      const d = derive(
        makeDossier({
          expenditure: {
            personnel: { actual: '300' },
            publicFunds: { actual: '80' },
            projects: [
              { id: 'P1', name: 'a', money: { initialBudget: '10', actual: '9' } },
              { id: 'P2', name: 'b', money: { initialBudget: '5' } },
            ],
          },
        }),
      );
      expect(d.projects.initialBudget).toBe('15');
      expect(d.projects.actual).toBeUndefined();
      expect(d.expenditure.actual).toBeUndefined();
      expect(d.basic.actual).toBe('380');
    },
  );

  it(
    'sums the expenditure total over the stored parts: ' +
      'a basic total unknown in every column does not drop out',
    () => {
      const d = derive(
        makeDossier({
          expenditure: {
            personnel: { actual: '300' },
            publicFunds: { initialBudget: '90' },
            projects: [{ id: 'P1', name: 'a', money: { initialBudget: '10', actual: '9' } }],
          },
        }),
      );
      // 基本支出 is unknown in both columns (each part leaves one blank) ...
      expect(d.basic).toEqual({});
      // ... so the total is unknown too, not the project's 9 / 10 alone.
      expect(d.expenditure.actual).toBeUndefined();
      expect(d.expenditure.initialBudget).toBeUndefined();
    },
  );
});

describe('fundsSource / fundsColumns (which funds count as the total)', () => {
  const expenditureOnly = {
    personnel: { adjustedBudget: '320', actual: '300' },
    publicFunds: { adjustedBudget: '80', actual: '60' },
    projects: [],
  };

  it('takes income by source when its total has any column', () => {
    const d = derive(
      makeDossier({ income: { general: { adjustedBudget: '500', actual: '450' } } }),
    );
    expect(fundsSource(d)).toBe('income');
    expect(fundsColumns(d)).toEqual({ adjustedBudget: '500', actual: '450' });
    // 450 ÷ 500 = 90.00 %
    expect(formatPercent(d.executionRate)).toBe('90.00%');
  });

  it('falls back to expenditure by nature when no income is filled', () => {
    const d = derive(makeDossier({ income: {}, expenditure: expenditureOnly }));
    expect(fundsSource(d)).toBe('expenditure');
    // (300 + 60) ÷ (320 + 80) = 360 ÷ 400 = 90.00 %
    expect(fundsColumns(d)).toEqual({ adjustedBudget: '400', actual: '360' });
    expect(formatPercent(d.executionRate)).toBe('90.00%');
  });

  it(
    'stays with income when income has a budget but no actual: ' +
      'the rate is unknown, not the expenditure rate',
    () => {
      const d = derive(
        makeDossier({
          income: { general: { adjustedBudget: '500' } },
          expenditure: expenditureOnly,
        }),
      );
      expect(fundsSource(d)).toBe('income');
      expect(d.executionRate).toEqual({ ok: false, reason: 'missing' });
    },
  );
});
