/**
 * The ratio rules called one at a time on a small context: each stated rate, share or derived
 * amount at its precision, one 0.01 past it, the sign carried by the words, and the figures the
 * message names. Hand arithmetic on the base factory dossier (src/core/testing/factories.ts):
 * 人员 320 ÷ 基本 400 = 80%; 公用 80 ÷ 400 = 20%; 年初预算 500 against 上年 450 → +50, 11.111…%;
 * “三公” 4.3 against 上年 4 → +7.5%, against 预算 6 → 71.666…%; 公用 80 ÷ 预算 80 = 100%;
 * 在职 19 ÷ 编制 20 = 95%; 资产 120 against 100 → +20, 20%.
 */
import { describe, expect, it } from 'vitest';
import type { ConceptKey } from '../concepts/index.ts';
import type { DossierInput } from '../dossier/schema.ts';
import { NATIONAL_RULESET_INPUT, RuleSetSchema } from '../scoring/ruleset.ts';
import { runRule, stated } from '../testing/audit-context.ts';
import { baseDossierInput } from '../testing/factories.ts';
import { RATIO_RULES } from './rules-ratios.ts';
import type { Rule, Severity } from './types.ts';

const ruleOf = (code: string): Rule => {
  const rule = RATIO_RULES.find((r) => r.code === code);
  if (!rule) throw new Error(`no rule ${code}`);
  return rule;
};
const base = baseDossierInput();

interface Case {
  readonly value: string;
  /** undefined: the rule stays silent. */
  readonly severity?: Severity;
  readonly values?: Readonly<Record<string, string>>;
  readonly zh?: string;
}

function table(
  code: string,
  concept: ConceptKey,
  cases: readonly Case[],
  patch: Partial<DossierInput> = {},
) {
  describe(code, () => {
    it.each(cases)('stated $value', ({ value, severity, values, zh }) => {
      const found = runRule(ruleOf(code), { ...patch, statements: [stated(concept, value)] });
      if (severity === undefined) {
        expect(found).toEqual([]);
        return;
      }
      expect(found).toHaveLength(1);
      expect(found[0]?.severity).toBe(severity);
      if (values) expect(found[0]?.values).toEqual(values);
      if (zh) expect(found[0]?.message.zh).toBe(zh);
    });
  });
}

table('RATIO-PERSONNEL-SHARE', 'expenditure.personnel.share', [
  { value: '80%' },
  { value: '80.00%' },
  { value: '80.0%' },
  {
    value: '80.01%',
    severity: 'error',
    values: { stated: '80.01%', recomputed: '80.00%' },
    zh: '人员经费占基本支出比例：二（一）写 80.01%；按 人员经费 ÷ 基本支出 重新计算为 80.00%。',
  },
  {
    value: '79.9%',
    severity: 'error',
    values: { stated: '79.9%', recomputed: '80.00%' },
    zh:
      '人员经费占基本支出比例：二（一）写 79.9%；按 人员经费 ÷ 基本支出 重新计算为 80.00%' +
      '（按所写精度为 80.0%）。',
  },
  {
    value: '81%',
    severity: 'error',
    zh:
      '人员经费占基本支出比例：二（一）写 81%；按 人员经费 ÷ 基本支出 重新计算为 80.00%' +
      '（按所写精度为 80%）。',
  },
  {
    value: '80.001%',
    severity: 'error',
    values: { stated: '80.001%', recomputed: '80.000%' },
  },
  { value: '-80%' },
  { value: '不适用' },
]);

table('RATIO-PUBLIC-SHARE', 'expenditure.publicFunds.share', [
  { value: '20%' },
  { value: '19.99%', severity: 'error', values: { stated: '19.99%', recomputed: '20.00%' } },
]);

table('RATIO-BUDGET-GROWTH', 'budget.growth.rate', [
  { value: '11.11%' },
  { value: '11.1%' },
  { value: '11%' },
  { value: '11.111%' },
  { value: '11.12%', severity: 'error', values: { stated: '11.12%', recomputed: '11.11%' } },
  { value: '11.2%', severity: 'error', values: { stated: '11.2%', recomputed: '11.11%' } },
]);

table('RATIO-THREE-PUBLIC-CHANGE', 'threePublic.change.rate', [
  { value: '7.5%' },
  { value: '7.50%' },
  { value: '－7.50%' },
  { value: '7.49%', severity: 'error', values: { stated: '7.49%', recomputed: '7.50%' } },
  // Half up: 7.5 to no decimals is 8.
  { value: '8%' },
  { value: '7%', severity: 'error' },
]);

// Fewer “三公” this year: 接待 0.2 → 3.5 + 0.2 = 3.7 against 上年 4: −7.5%; the word 下降 carries the sign.
table(
  'RATIO-THREE-PUBLIC-CHANGE',
  'threePublic.change.rate',
  [{ value: '7.5%' }, { value: '-7.50%' }, { value: '7.51%', severity: 'error' }],
  { threePublic: { ...base.threePublic, reception: { priorActual: '1', actual: '0.2' } } },
);

table('RATIO-THREE-PUBLIC-CONTROL', 'threePublic.control.rate', [
  { value: '71.67%' },
  { value: '71.7%' },
  { value: '72%' },
  { value: '71.66%', severity: 'error', values: { stated: '71.66%', recomputed: '71.67%' } },
  {
    value: '71.6%',
    severity: 'error',
    zh:
      '“三公”经费控制率：二（一）写 71.6%；按 “三公”经费决算 ÷ 预算 重新计算为 71.67%' +
      '（按所写精度为 71.7%）。',
  },
]);

table('RATIO-PUBLIC-FUNDS-CONTROL', 'controls.publicFunds.rate', [
  { value: '100%' },
  { value: '99.99%', severity: 'error', values: { stated: '99.99%', recomputed: '100.00%' } },
]);

table('RATIO-STAFF-CONTROL', 'staffing.controlRate', [
  { value: '95%' },
  { value: '95.01%', severity: 'error', values: { stated: '95.01%', recomputed: '95.00%' } },
]);

table('RATIO-ASSET-GROWTH', 'assets.growth.rate', [
  { value: '20%' },
  { value: '20.01%', severity: 'error', values: { stated: '20.01%', recomputed: '20.00%' } },
]);

// Procurement: 实际 18 ÷ 预算 20 = 90%; without a procurement budget the rule is silent.
const procurement: Partial<DossierInput> = {
  controls: { procurement: { initialBudget: '20', actual: '18' } },
};
table(
  'RATIO-PROCUREMENT',
  'controls.procurement.rate',
  [
    { value: '90%' },
    { value: '90.01%', severity: 'error', values: { stated: '90.01%', recomputed: '90.00%' } },
  ],
  procurement,
);
table('RATIO-PROCUREMENT', 'controls.procurement.rate', [{ value: '90.01%' }]);

describe('a percent finding locates the statement and the figures it is computed from', () => {
  it('personnel share: the statement, 人员经费 and 公用经费 by their JSON paths', () => {
    const [f] = runRule(ruleOf('RATIO-PERSONNEL-SHARE'), {
      statements: [stated('expenditure.personnel.share', '75%', { annex: 1, row: '人员经费' })],
    });
    expect(f?.locations).toEqual([
      { annex: 1, row: '人员经费' },
      { path: 'expenditure.personnel.actual' },
      { path: 'expenditure.publicFunds.actual' },
    ]);
    expect(f?.message.en).toBe(
      'Personnel share of basic expenditure: annex 1 says 75%; recomputed 80.00%.',
    );
  });
  it('“三公” control: the sums by concept', () => {
    const [f] = runRule(ruleOf('RATIO-THREE-PUBLIC-CONTROL'), {
      statements: [stated('threePublic.control.rate', '50%')],
    });
    expect(f?.locations).toEqual([
      { section: '二（一）' },
      { concept: 'threePublic.total.actual' },
      { concept: 'threePublic.total.initialBudget' },
    ]);
  });
  it('each statement of the concept is checked on its own', () => {
    const found = runRule(ruleOf('RATIO-ASSET-GROWTH'), {
      statements: [
        stated('assets.growth.rate', '21%', { section: '一' }),
        stated('assets.growth.rate', '20%', { section: '二' }),
        stated('assets.growth.rate', '19%', { section: '三' }),
      ],
    });
    expect(found.map((f) => f.values.stated)).toEqual(['21%', '19%']);
  });
});

// Amounts: exact, within 0.02 万元 "info", beyond it "error"; magnitudes compared.
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
table(
  'RATIO-DECREASE',
  'budget.decrease',
  [
    { value: '20' },
    { value: '-20' },
    {
      value: '20.01',
      severity: 'info',
      values: { stated: '20.01', recomputed: '20.00', difference: '0.01' },
    },
    {
      value: '19.98',
      severity: 'info',
      values: { stated: '19.98', recomputed: '20.00', difference: '0.02' },
      zh: '比年初预算减少支出：二（一）写 19.98 万元；按 年初预算数 − 执行数 计算为 20.00 万元。',
    },
    {
      value: '19.97',
      severity: 'error',
      values: { stated: '19.97', recomputed: '20.00', difference: '0.03' },
    },
    {
      value: '20.03',
      severity: 'error',
      values: { stated: '20.03', recomputed: '20.00', difference: '0.03' },
    },
    { value: '未减少' },
  ],
  actual480,
);

// Overspent: 执行 520 against 年初 500 → −20; "超支 20" states the magnitude.
table(
  'RATIO-DECREASE',
  'budget.decrease',
  [
    { value: '20' },
    {
      value: '-20.5',
      severity: 'error',
      values: { stated: '-20.5', recomputed: '20.00', difference: '0.50' },
    },
  ],
  {
    income: {
      general: { initialBudget: '500', adjustedBudget: '520', actual: '520' },
    },
  },
);

// No 年初预算数 anywhere: nothing to recompute.
table('RATIO-DECREASE', 'budget.decrease', [{ value: '20' }], {
  income: { general: { adjustedBudget: '500', actual: '480' } },
  expenditure: { projects: [] },
});

// 基本支出 年初 400 − 决算 (310 + 80) = 10.
table(
  'RATIO-BASIC-DECREASE',
  'expenditure.basic.decrease',
  [
    { value: '10' },
    {
      value: '10.02',
      severity: 'info',
      values: { stated: '10.02', recomputed: '10.00', difference: '0.02' },
    },
    {
      value: '9.5',
      severity: 'error',
      values: { stated: '9.5', recomputed: '10.00', difference: '0.50' },
      zh:
        '基本支出比年初预算减少：二（一）写 9.5 万元；按 基本支出年初预算数 − 基本支出决算数 ' +
        '计算为 10.00 万元。',
    },
  ],
  {
    expenditure: {
      ...base.expenditure!,
      personnel: { initialBudget: '320', actual: '310' },
    },
  },
);

// 基本支出 without an initial budget, or without an actual: silent.
table('RATIO-BASIC-DECREASE', 'expenditure.basic.decrease', [{ value: '10' }], {
  expenditure: {
    ...base.expenditure!,
    personnel: { actual: '310' },
    publicFunds: { actual: '80' },
  },
});
table('RATIO-BASIC-DECREASE', 'expenditure.basic.decrease', [{ value: '10' }], {
  expenditure: {
    ...base.expenditure!,
    personnel: { initialBudget: '320' },
    publicFunds: { initialBudget: '80' },
  },
});

table('RATIO-BUDGET-GROWTH-AMOUNT', 'budget.growth.amount', [
  { value: '50' },
  { value: '50.02', severity: 'info' },
  {
    value: '49.9',
    severity: 'error',
    values: { stated: '49.9', recomputed: '50.00', difference: '0.10' },
  },
]);

// “三公” 预算 4 + 2 = 6 against 上年 4 + 2.5 = 6.5: 降低 0.5.
table(
  'RATIO-THREE-PUBLIC-BUDGET-CHANGE',
  'threePublic.budget.change',
  [
    { value: '0.5' },
    { value: '-0.50' },
    {
      value: '0.6',
      severity: 'error',
      values: { stated: '0.6', recomputed: '0.50', difference: '0.10' },
    },
  ],
  {
    threePublic: {
      ...base.threePublic,
      reception: { priorInitialBudget: '2.5', initialBudget: '2', actual: '0.8' },
    },
  },
);

table('RATIO-ASSET-GROWTH-AMOUNT', 'assets.growth.amount', [
  { value: '20' },
  {
    value: '20.5',
    severity: 'error',
    values: { stated: '20.5', recomputed: '20.00', difference: '0.50' },
  },
]);
table('RATIO-ASSET-GROWTH-AMOUNT', 'assets.growth.amount', [{ value: '20.5' }], {
  assets: { yearEnd: '120' },
});

describe('an amount finding', () => {
  it('says the figures in English and locates the statement only', () => {
    const [f] = runRule(ruleOf('RATIO-ASSET-GROWTH-AMOUNT'), {
      statements: [stated('assets.growth.amount', '25', { section: '四', page: 3 })],
    });
    expect(f?.message.en).toBe('Asset growth amount: 四 says 25; 20.00 recomputed.');
    expect(f?.locations).toEqual([{ section: '四', page: 3 }]);
  });
});

// Execution rate: 执行 500 ÷ 调整后 520 = 96.153…%; ÷ 年初 500 = 100%.
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
describe('RATIO-EXECUTION-RATE', () => {
  const exec = ruleOf('RATIO-EXECUTION-RATE');

  it('one 0.01 off: error, both bases in the message', () => {
    const [f, ...rest] = runRule(exec, {
      ...adjusted520,
      statements: [stated('execution.rate', '96.16%')],
    });
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('error');
    expect(f?.values).toEqual({
      stated: '96.16%',
      recomputed: '96.15%',
      recomputedOtherBase: '100.00%',
      actual: '500.00',
      budget: '520.00',
    });
    expect(f?.message.zh).toBe(
      '预算执行率：二（一）写 96.16%；执行数 500.00 ÷ 全年（调整后）预算数 520.00 = 96.15%，' +
        '÷ 年初预算数 500.00 = 100.00%。',
    );
    expect(f?.message.en).toBe(
      'Execution rate: 二（一） says 96.16%; actual 500.00 ÷ adjustedBudget 520.00 = 96.15%; ' +
        '÷ initialBudget = 100.00%.',
    );
    expect(f?.locations).toEqual([
      { section: '二（一）' },
      { concept: 'income.total.adjustedBudget' },
      { concept: 'income.total.actual' },
    ]);
  });

  it('the other base only: info, and the message says which base the report used', () => {
    const [f] = runRule(exec, { ...adjusted520, statements: [stated('execution.rate', '100%')] });
    expect(f?.severity).toBe('info');
    expect(f?.message.zh).toBe(
      '预算执行率：二（一）写 100%；执行数 500.00 ÷ 全年（调整后）预算数 520.00 = 96.15%，' +
        '÷ 年初预算数 500.00 = 100.00%（所写数按年初预算数计算，规则集口径为全年（调整后）预算数）。',
    );
  });

  it('at the stated precision, and the sign is not dropped', () => {
    for (const value of ['96.15%', '96.2%', '96%', '96.154%'])
      expect(
        runRule(exec, { ...adjusted520, statements: [stated('execution.rate', value)] }),
      ).toEqual([]);
    const [f] = runRule(exec, { ...adjusted520, statements: [stated('execution.rate', '-96%')] });
    expect(f?.severity).toBe('error');
  });

  it('no 年初预算数 anywhere: no other base, error only', () => {
    const [f] = runRule(exec, {
      income: { general: { adjustedBudget: '520', actual: '500' } },
      statements: [stated('execution.rate', '100%')],
    });
    expect(f?.severity).toBe('error');
    expect(f?.values).toEqual({
      stated: '100%',
      recomputed: '96.15%',
      actual: '500.00',
      budget: '520.00',
    });
    expect(f?.message.zh).toBe(
      '预算执行率：二（一）写 100%；执行数 500.00 ÷ 全年（调整后）预算数 520.00 = 96.15%。',
    );
    expect(f?.message.en).toBe(
      'Execution rate: 二（一） says 100%; actual 500.00 ÷ adjustedBudget 520.00 = 96.15%.',
    );
  });

  it('年初预算数 as the report states it serves as the other base', () => {
    const [f] = runRule(exec, {
      income: { general: { adjustedBudget: '520', actual: '500' } },
      statements: [
        stated('execution.rate', '100%'),
        stated('income.total.initialBudget', '500', { annex: 1 }),
      ],
    });
    expect(f?.severity).toBe('info');
    expect(f?.values.recomputedOtherBase).toBe('100.00%');
  });

  it('no actual: silent', () => {
    expect(
      runRule(exec, {
        income: { general: { initialBudget: '500', adjustedBudget: '520' } },
        expenditure: { projects: [] },
        statements: [stated('execution.rate', '50%')],
      }),
    ).toEqual([]);
  });

  it('words without a figure are skipped', () => {
    expect(
      runRule(exec, { ...adjusted520, statements: [stated('execution.rate', '基本完成')] }),
    ).toEqual([]);
  });

  describe('under a rule set whose base is 年初预算数', () => {
    const ruleset = RuleSetSchema.parse({
      ...NATIONAL_RULESET_INPUT,
      name: 'initial-base',
      execution: { ...NATIONAL_RULESET_INPUT.execution, denominator: 'initialBudget' },
    });
    it('96.15% matches the adjusted budget only: info, figures of both bases', () => {
      const [f] = runRule(
        exec,
        { ...adjusted520, statements: [stated('execution.rate', '96.15%')] },
        { ruleset },
      );
      expect(f?.severity).toBe('info');
      expect(f?.values).toEqual({
        stated: '96.15%',
        recomputed: '100.00%',
        recomputedOtherBase: '96.15%',
        actual: '500.00',
        budget: '500.00',
      });
      expect(f?.message.zh).toBe(
        '预算执行率：二（一）写 96.15%；执行数 500.00 ÷ 年初预算数 500.00 = 100.00%，' +
          '÷ 全年（调整后）预算数 520.00 = 96.15%（所写数按全年（调整后）预算数计算，规则集口径为年初预算数）。',
      );
      expect(f?.message.en).toBe(
        'Execution rate: 二（一） says 96.15%; actual 500.00 ÷ initialBudget 500.00 = 100.00%; ' +
          '÷ adjustedBudget = 96.15%.',
      );
      expect(f?.locations).toEqual([
        { section: '二（一）' },
        { concept: 'income.total.initialBudget' },
        { concept: 'income.total.actual' },
      ]);
    });
    it('no adjusted budget: no other base', () => {
      const [f] = runRule(
        exec,
        {
          income: { general: { initialBudget: '500', actual: '500' } },
          statements: [stated('execution.rate', '96.15%')],
        },
        { ruleset },
      );
      expect(f?.severity).toBe('error');
      expect(f?.values).toEqual({
        stated: '96.15%',
        recomputed: '100.00%',
        actual: '500.00',
        budget: '500.00',
      });
    });
  });
});

// Precision: 11.111…% stated as 11.1% is right at one decimal but 11.11% at two → warning.
describe('RATIO-PRECISION', () => {
  const precision = ruleOf('RATIO-PRECISION');
  const cases: readonly [ConceptKey, string, string | undefined][] = [
    ['budget.growth.rate', '11.1%', '11.11%'],
    ['budget.growth.rate', '11%', '11.11%'],
    ['budget.growth.rate', '11.11%', undefined],
    ['budget.growth.rate', '11.111%', undefined],
    ['budget.growth.rate', '未列示', undefined],
    ['budget.growth.rate', '11.2%', undefined],
    ['budget.growth.rate', '-11.1%', '11.11%'],
    ['threePublic.control.rate', '71.7%', '71.67%'],
    // 80% to one decimal and to two decimals agree: nothing to say.
    ['expenditure.personnel.share', '80%', undefined],
    ['expenditure.personnel.share', '80.0%', undefined],
    ['staffing.controlRate', '95%', undefined],
    ['threePublic.change.rate', '7.5%', undefined],
    ['threePublic.change.rate', '8%', '7.50%'],
    ['controls.procurement.rate', '90%', undefined],
  ];
  it.each(cases)('%s stated %s → two decimals %s', (concept, value, two) => {
    const found = runRule(precision, { statements: [stated(concept, value)] });
    if (two === undefined) {
      expect(found).toEqual([]);
      return;
    }
    expect(found).toHaveLength(1);
    expect(found[0]?.severity).toBe('warning');
    expect(found[0]?.values).toEqual({ stated: value, twoDecimals: two });
    expect(found[0]?.locations).toEqual([{ section: '二（一）' }]);
  });
  it('names the decimals written', () => {
    const [f] = runRule(precision, { statements: [stated('budget.growth.rate', '11.1%')] });
    expect(f?.message.zh).toBe(
      '年初预算比上年增长率：二（一）写 11.1%（1 位小数）；按两位小数应为 11.11%。',
    );
    expect(f?.message.en).toBe(
      'Initial budget growth rate: 二（一） says 11.1% (1 decimals); to two decimals it is 11.11%.',
    );
  });
  it('checks every percent concept, each statement once', () => {
    const found = runRule(precision, {
      statements: [
        stated('budget.growth.rate', '11.1%', { section: '一' }),
        stated('threePublic.control.rate', '71.7%', { section: '二' }),
        stated('budget.growth.rate', '11%', { section: '三' }),
      ],
    });
    expect(found.map((f) => f.values.stated)).toEqual(['11.1%', '11%', '71.7%']);
  });
  it('a rate that cannot be recomputed is skipped', () => {
    expect(
      runRule(precision, {
        assets: {},
        statements: [stated('assets.growth.rate', '20.1%'), stated('budget.growth.rate', '11.1%')],
      }).map((f) => f.values.stated),
    ).toEqual(['11.1%']);
  });
});
