/**
 * Boundary tests that pin the auditor's tolerances and severities: for each rule, the difference
 * exactly at the tolerance, one 分 (0.01) past it, and the other base or precision that matches.
 * Expected values are hand arithmetic on the base factory dossier (src/core/testing/factories.ts):
 * 人员经费 320 + 公用经费 80 = 基本支出 400; project P1 100; income 500 (年初 = 调整后 = 执行);
 * “三公” 运行维护 3.5 + 接待 0.8 = 4.3; indicators 90 分 + execution 10 分 = 100 分.
 */
import { describe, expect, it } from 'vitest';
import type { DossierInput } from '../dossier/schema.ts';
import { NATIONAL_RULESET_INPUT, RuleSetSchema } from '../scoring/ruleset.ts';
import { baseDossierInput, makeDossier } from '../testing/factories.ts';
import { auditDossier } from './audit.ts';
import type { Finding, Severity } from './types.ts';

type StatementInput = NonNullable<DossierInput['statements']>[number];

const stated = (concept: string, value: string, section = '二（一）'): StatementInput =>
  ({ concept, value, where: { section } }) as StatementInput;

function findingsOf(code: string, patch: Partial<DossierInput>): Finding[] {
  return auditDossier(makeDossier(patch), { today: '2024-05-01' }).filter((f) => f.code === code);
}

interface Boundary {
  readonly label: string;
  readonly value: string;
  /** undefined: no finding of the rule. */
  readonly severity?: Severity;
  readonly values?: Readonly<Record<string, string>>;
}

function runBoundaries(
  code: string,
  concept: string,
  cases: readonly Boundary[],
  patch: Partial<DossierInput> = {},
) {
  describe(code, () => {
    it.each(cases)('$label: stated $value', ({ value, severity, values }) => {
      const found = findingsOf(code, { ...patch, statements: [stated(concept, value)] });
      if (severity === undefined) {
        expect(found).toEqual([]);
        return;
      }
      expect(found).toHaveLength(1);
      expect(found[0]?.severity).toBe(severity);
      if (values) expect(found[0]?.values).toMatchObject(values);
    });
  });
}

// Sums: tolerance 0.01 万元 per summed item; within it "info", beyond it "error".
runBoundaries('ARITH-BASIC-SUM', 'expenditure.basic.actual', [
  { label: 'equal', value: '400' },
  {
    label: 'at the tolerance of two items (0.02)',
    value: '400.02',
    severity: 'info',
    values: { stated: '400.02', sum: '400.00', difference: '0.02', tolerance: '0.02' },
  },
  {
    label: 'below, at the tolerance',
    value: '399.98',
    severity: 'info',
    values: { difference: '0.02' },
  },
  {
    label: 'one 分 past the tolerance',
    value: '400.03',
    severity: 'error',
    values: { stated: '400.03', sum: '400.00', difference: '0.03' },
  },
  { label: 'far off', value: '459.17', severity: 'error', values: { difference: '59.17' } },
]);

runBoundaries('ARITH-PROJECTS-SUM', 'expenditure.projects.actual', [
  { label: 'equal', value: '100.00' },
  {
    label: 'one item, at its 0.01 tolerance',
    value: '100.01',
    severity: 'info',
    values: { sum: '100.00', difference: '0.01', tolerance: '0.01' },
  },
  { label: 'one 分 past', value: '100.02', severity: 'error', values: { difference: '0.02' } },
]);

runBoundaries('ARITH-EXPENDITURE-SUM', 'expenditure.total.actual', [
  { label: 'equal', value: '500' },
  { label: 'basic + projects, at 0.02', value: '500.02', severity: 'info' },
  { label: 'one 分 past', value: '499.97', severity: 'error', values: { sum: '500.00' } },
]);

runBoundaries('ARITH-THREE-PUBLIC-SUM', 'threePublic.total.actual', [
  { label: 'equal', value: '4.30' },
  { label: 'vehicle + reception, at 0.02', value: '4.32', severity: 'info' },
  {
    label: 'one 分 past',
    value: '4.33',
    severity: 'error',
    values: { stated: '4.33', sum: '4.30', difference: '0.03' },
  },
  { label: 'a wrong total', value: '4.19', severity: 'error', values: { difference: '0.11' } },
]);

runBoundaries('ARITH-VEHICLE-SUM', 'threePublic.vehicle.actual', [
  { label: 'equal', value: '3.5' },
  { label: 'operation only, at 0.01', value: '3.51', severity: 'info' },
  { label: 'one 分 past', value: '3.52', severity: 'error', values: { sum: '3.50' } },
]);

runBoundaries('ARITH-INCOME-SUM', 'income.total.actual', [
  { label: 'equal', value: '500' },
  { label: 'one source, at 0.01', value: '499.99', severity: 'info' },
  { label: 'one 分 past', value: '500.02', severity: 'error', values: { difference: '0.02' } },
]);

describe('ARITH sums take a part stated at the same place instead of the data', () => {
  it('基本支出 against 人员经费 stated beside it (320.50 + 公用 80 = 400.50)', () => {
    const found = findingsOf('ARITH-BASIC-SUM', {
      statements: [
        stated('expenditure.basic.actual', '400'),
        stated('expenditure.personnel.actual', '320.50'),
      ],
    });
    expect(found).toHaveLength(1);
    expect(found[0]?.severity).toBe('error');
    expect(found[0]?.values).toMatchObject({ sum: '400.50', difference: '0.50' });
  });

  it('a part stated elsewhere does not replace the data at this place', () => {
    const found = findingsOf('ARITH-BASIC-SUM', {
      statements: [
        stated('expenditure.basic.actual', '400', '二（一）'),
        stated('expenditure.personnel.actual', '320.50', '六'),
      ],
    });
    expect(found).toEqual([]);
  });
});

// Execution rate: adjusted budget 520, actual 500 → 96.153846…% (national base: 全年预算数);
// against the initial budget 500 it is 100.00%.
const adjusted520: Partial<DossierInput> = {
  income: {
    general: {
      priorInitialBudget: '450',
      initialBudget: '500',
      adjustedBudget: '520',
      actual: '500',
    },
  },
};
runBoundaries(
  'RATIO-EXECUTION-RATE',
  'execution.rate',
  [
    { label: 'two decimals', value: '96.15%' },
    { label: 'one decimal, right at its precision', value: '96.2%' },
    { label: 'no decimals, right at its precision', value: '96%' },
    {
      label: 'one 0.01 off at two decimals',
      value: '96.16%',
      severity: 'error',
      values: { recomputed: '96.15%', actual: '500.00', budget: '520.00' },
    },
    { label: 'wrong at its own precision', value: '96.1%', severity: 'error' },
    {
      label: 'matches the other base (年初预算数) only',
      value: '100%',
      severity: 'info',
      values: { recomputed: '96.15%', recomputedOtherBase: '100.00%' },
    },
  ],
  adjusted520,
);

describe('RATIO-EXECUTION-RATE under a rule set whose base is the initial budget', () => {
  const initialBase = RuleSetSchema.parse({
    ...NATIONAL_RULESET_INPUT,
    name: 'initial-base',
    execution: { ...NATIONAL_RULESET_INPUT.execution, denominator: 'initialBudget' },
  });
  const run = (value: string) =>
    auditDossier(makeDossier({ ...adjusted520, statements: [stated('execution.rate', value)] }), {
      ruleset: initialBase,
      today: '2024-05-01',
    }).filter((f) => f.code === 'RATIO-EXECUTION-RATE');

  it('100% is right against 年初预算数 500', () => expect(run('100%')).toEqual([]));
  it('96.15% matches only the adjusted base → info', () => {
    const found = run('96.15%');
    expect(found).toHaveLength(1);
    expect(found[0]?.severity).toBe('info');
    expect(found[0]?.values).toMatchObject({ recomputed: '100.00%', budget: '500.00' });
  });
});

// Shares: 人员 343.36 ÷ 基本 (343.36 + 61.57 = 404.93) = 84.7949…% → 84.79%, 84.8%, 85%.
const seedLikeBasic: Partial<DossierInput> = {
  expenditure: {
    ...baseDossierInput().expenditure!,
    personnel: {
      priorActual: '300',
      initialBudget: '350',
      adjustedBudget: '350',
      actual: '343.36',
    },
    publicFunds: { priorActual: '70', initialBudget: '80', adjustedBudget: '80', actual: '61.57' },
  },
};
runBoundaries(
  'RATIO-PERSONNEL-SHARE',
  'expenditure.personnel.share',
  [
    { label: 'two decimals', value: '84.79%' },
    { label: 'one decimal at its precision', value: '84.8%' },
    { label: 'no decimals at its precision', value: '85%' },
    {
      label: 'two decimals, one 0.01 off',
      value: '84.80%',
      severity: 'error',
      values: { stated: '84.80%', recomputed: '84.79%' },
    },
    { label: 'one decimal, 0.1 off', value: '84.7%', severity: 'error' },
  ],
  seedLikeBasic,
);
runBoundaries(
  'RATIO-PUBLIC-SHARE',
  'expenditure.publicFunds.share',
  [
    { label: '61.57 ÷ 404.93 = 15.205…% → 15.21%', value: '15.21%' },
    { label: 'one decimal', value: '15.2%' },
    { label: 'half-up matters: 15.20% is wrong', value: '15.20%', severity: 'error' },
  ],
  seedLikeBasic,
);
runBoundaries(
  'RATIO-PRECISION',
  'expenditure.personnel.share',
  [
    {
      label: 'one decimal where two differ',
      value: '84.8%',
      severity: 'warning',
      values: { stated: '84.8%', twoDecimals: '84.79%' },
    },
    { label: 'two decimals', value: '84.79%' },
    { label: 'wrong at its precision is the ratio rule’s, not this one', value: '84.7%' },
  ],
  seedLikeBasic,
);

// Derived amounts: 比年初预算减少 = 年初预算 500 − 执行 480 = 20; within 0.02 "info".
const actual480: Partial<DossierInput> = {
  income: {
    general: {
      priorInitialBudget: '450',
      initialBudget: '500',
      adjustedBudget: '500',
      actual: '480',
    },
  },
};
runBoundaries(
  'RATIO-DECREASE',
  'budget.decrease',
  [
    { label: 'equal', value: '20' },
    { label: 'the sign is in the words', value: '-20.00' },
    {
      label: 'at the 0.02 tolerance',
      value: '20.02',
      severity: 'info',
      values: { recomputed: '20.00', difference: '0.02' },
    },
    { label: 'one 分 past', value: '19.97', severity: 'error', values: { difference: '0.03' } },
  ],
  actual480,
);

// Growth: 年初预算 500 against 上年 450 → +50 and 11.111…% → 11.11%.
runBoundaries('RATIO-BUDGET-GROWTH-AMOUNT', 'budget.growth.amount', [
  { label: 'equal', value: '50' },
  { label: 'one 分 past the tolerance', value: '50.03', severity: 'error' },
]);
runBoundaries('RATIO-BUDGET-GROWTH', 'budget.growth.rate', [
  { label: 'two decimals', value: '11.11%' },
  { label: 'one decimal', value: '11.1%' },
  {
    label: 'off by 0.01',
    value: '11.12%',
    severity: 'error',
    values: { recomputed: '11.11%' },
  },
]);

// Scores: execution 10 + indicators 90 = 100; tolerance 0.01 分.
runBoundaries('SCORE-TOTAL-SUM', 'score.total', [
  { label: 'equal', value: '100' },
  { label: 'at the 0.01 tolerance', value: '99.99' },
  {
    label: 'one 0.01 past',
    value: '99.98',
    severity: 'error',
    values: { stated: '99.98', execution: '10.00', indicators: '90.00', sum: '100.00' },
  },
]);
runBoundaries('SCORE-EXECUTION', 'execution.score', [
  { label: 'full execution, 10 of 10', value: '10' },
  { label: 'at the 0.01 tolerance', value: '9.99' },
  { label: 'one 0.01 past', value: '9.98', severity: 'error', values: { computed: '10.00' } },
]);

describe('SCORE-GRADE-BAND at the band edges (优 ≥ 90, 良 ≥ 80, 中 ≥ 60)', () => {
  const cases: readonly [string, string, boolean][] = [
    ['90', '优', false],
    ['90', '良', true],
    ['89.99', '良', false],
    ['89.99', '优', true],
    ['80', '良', false],
    ['79.99', '中', false],
    ['60', '中', false],
    ['59.99', '差', false],
    ['59.99', '中', true],
  ];
  it.each(cases)('total %s, grade %s → finding: %s', (total, grade, expected) => {
    const found = findingsOf('SCORE-GRADE-BAND', {
      statements: [stated('score.total', total), stated('score.grade', grade)],
    });
    expect(found.length > 0).toBe(expected);
    if (expected)
      expect(found[0]?.values).toMatchObject({ stated: grade, total: Number(total).toFixed(2) });
  });
});
