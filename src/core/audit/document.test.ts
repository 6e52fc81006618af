/**
 * What the audited document is and how the catalogue gates rules on it (document.ts): the level
 * told from the data when the reader did not state it, the rules silent on a partial or
 * project-level document, and the two softenings (a cut sub-row sum, a rounded stated score) with
 * the exact words they add. Gated rules here are stand-ins that return a prepared finding, so
 * each case shows what the gate alone does.
 */
import { describe, expect, it } from 'vitest';
import { Decimal } from '../money.ts';
import type { DossierInput } from '../dossier/schema.ts';
import { contextOf, contextOfInput } from '../testing/audit-context.ts';
import { documentShape, gated, isRoundingOf, ruleApplies, statedUnitName } from './document.ts';
import type { AuditContext, Finding, Rule, Severity } from './types.ts';

const baseContext = (patch: Partial<DossierInput> = {}) => contextOf(patch, { unscored: true });
/** A dossier holding only year 2023, a unit name and what the patch gives. */
const bareContext = (patch: Partial<DossierInput> = {}) =>
  contextOfInput({ year: 2023, unit: { name: '某区档案馆' }, ...patch }, { unscored: true });
const shapeOf = (patch: Partial<DossierInput>) => documentShape(bareContext(patch).dossier);
/** One project with the money and indicators given. */
const oneProject = (
  money: Record<string, string>,
  indicators: NonNullable<DossierInput['indicators']> = [],
): Partial<DossierInput> => ({
  expenditure: { projects: [{ id: 'q1', name: '档案数字化', money, indicators }] },
});
const gridRow = {
  id: 'g1',
  level1: '产出指标',
  level2: '数量指标',
  name: '数字化卷数',
  target: '≥2000卷',
  actual: '2100卷',
  weight: 20,
  score: 20,
};

describe('documentShape: the level', () => {
  it('is department, whole and complete for a dossier without a document', () => {
    expect(shapeOf(oneProject({ actual: '12' }))).toEqual({
      level: 'department',
      partial: false,
      missing: [],
    });
  });
  it('is what the reader stated, whatever the data looks like', () => {
    expect(shapeOf({ document: { level: 'project' } }).level).toBe('project');
    const stated = { document: { level: 'department' as const }, ...oneProject({ actual: '12' }) };
    expect(shapeOf(stated).level).toBe('department');
  });

  const unstated = { document: { missing: [] } };
  it.each<[string, Partial<DossierInput>, 'department' | 'project']>([
    ['a project with money and nothing at unit level', oneProject({ actual: '12' }), 'project'],
    ['a project with only a grid', oneProject({}, [gridRow]), 'project'],
    ['a project with neither money nor a grid', oneProject({}), 'department'],
    ['no project at all', {}, 'department'],
    [
      'an income source stated beside the project',
      { ...oneProject({ actual: '12' }), income: { other: { actual: '3' } } },
      'department',
    ],
    [
      'an income source with no column filled',
      { ...oneProject({ actual: '12' }), income: { general: {} } },
      'project',
    ],
    [
      '人员经费 beside the project',
      {
        expenditure: {
          personnel: { actual: '30' },
          projects: [{ id: 'q1', name: '档案数字化', money: { actual: '12' } }],
        },
      },
      'department',
    ],
    [
      '公用经费 beside the project',
      {
        expenditure: {
          publicFunds: { initialBudget: '8' },
          projects: [{ id: 'q1', name: '档案数字化', money: { actual: '12' } }],
        },
      },
      'department',
    ],
    [
      'a unit-level grid beside the project',
      { ...oneProject({ actual: '12' }), indicators: [gridRow] },
      'department',
    ],
    // A column given as undefined (a key kept by the parser) is not a figure.
    [
      'unit-level columns present but undefined',
      {
        income: { general: { actual: undefined } },
        expenditure: {
          personnel: { actual: undefined },
          publicFunds: { initialBudget: undefined },
          projects: [{ id: 'q1', name: '档案数字化', money: { actual: '12' } }],
        },
      },
      'project',
    ],
    [
      'a project whose only column is undefined',
      {
        expenditure: { projects: [{ id: 'q1', name: '档案数字化', money: { actual: undefined } }] },
      },
      'department',
    ],
  ])('told from the data when not stated: %s → %s', (_label, patch, level) => {
    expect(shapeOf({ ...unstated, ...patch }).level).toBe(level);
  });

  it('partial and missing are the reader’s, default whole and none', () => {
    expect(shapeOf({ document: { partial: true, missing: ['年度', '指标表'] } })).toEqual({
      level: 'department',
      partial: true,
      missing: ['年度', '指标表'],
    });
    expect(shapeOf({ document: { partial: false } }).partial).toBe(false);
    expect(shapeOf({ document: { level: 'project' } })).toEqual({
      level: 'project',
      partial: false,
      missing: [],
    });
  });
});

describe('statedUnitName', () => {
  it('is the name unless the reader lists 单位名称 as missing', () => {
    expect(statedUnitName(bareContext().dossier)).toBe('某区档案馆');
    expect(statedUnitName(bareContext({ document: { missing: ['年度'] } }).dossier)).toBe(
      '某区档案馆',
    );
    const unnamed = bareContext({ document: { missing: ['年度', '单位名称'] } }).dossier;
    expect(statedUnitName(unnamed)).toBeUndefined();
  });
});

describe('isRoundingOf: the integer half up, or one decimal any way', () => {
  it.each<[string, string, boolean]>([
    ['9.29', '9', true],
    ['9.49', '9', true],
    ['9.5', '10', true],
    ['9.5', '9', false],
    ['9.29', '10', false],
    ['2.14', '2.2', true],
    ['2.14', '2.1', true],
    ['2.16', '2.1', true],
    ['2.16', '2.2', true],
    ['2.16', '2.3', false],
    ['2.16', '3', false],
    ['2.154', '2', true],
    ['2.16', '2.16', false],
  ])('exact %s, stated %s → %s', (exact, stated, expected) =>
    expect(isRoundingOf(new Decimal(stated), new Decimal(exact))).toBe(expected),
  );
});

describe('ruleApplies', () => {
  const whole = { level: 'department', partial: false, missing: [] } as const;
  const part = { ...whole, partial: true };
  const project = { ...whole, level: 'project' } as const;
  const noWeights = { ...whole, missing: ['年度', '指标分值'] };
  it.each<[string, typeof whole | typeof part | typeof project | typeof noWeights, boolean]>([
    // Needs the whole report only.
    ['COMPL-GOAL-MISSING', part, false],
    ['COMPL-GOAL-MISSING', whole, true],
    ['COMPL-GOAL-MISSING', project, true],
    // The department template only.
    ['SCORE-EXECUTION', part, false],
    ['SCORE-EXECUTION', project, false],
    ['SCORE-EXECUTION', whole, true],
    ['SCORE-EXECUTION', noWeights, true],
    // Reads 分值 only.
    ['SCORE-ABOVE-WEIGHT', noWeights, false],
    ['SCORE-ABOVE-WEIGHT', { ...whole, missing: ['指标表'] }, true],
    ['SCORE-ABOVE-WEIGHT', part, true],
    ['SCORE-ABOVE-WEIGHT', project, true],
    // In no set.
    ['ARITH-INCOME-SUM', part, true],
    ['PLAUS-NEGATIVE-AMOUNT', noWeights, true],
    ['PLAUS-NEGATIVE-AMOUNT', project, true],
  ])('%s on %j → %s', (code, shape, expected) => expect(ruleApplies(code, shape)).toBe(expected));
});

/** A stand-in rule of the code given that reports the prepared findings and counts its calls. */
function standIn(code: string, found: Finding[]) {
  const calls: AuditContext[] = [];
  const rule: Rule = {
    code,
    severity: 'error',
    family: 'arithmetic',
    title: { zh: '替身规则', en: 'Stand-in rule' },
    source: '测试',
    example: '无',
    check: (ctx) => {
      calls.push(ctx);
      return found;
    },
  };
  return { rule, calls };
}
const prepared = (
  code: string,
  values: Record<string, string>,
  severity: Severity = 'error',
): Finding => ({
  code,
  severity,
  family: 'arithmetic',
  title: { zh: '替身规则', en: 'Stand-in rule' },
  message: { zh: '合计与分项不符。', en: 'Total and parts differ.' },
  values,
  locations: [{ path: 'expenditure.basic' }],
});

describe('gated: which rules are wrapped', () => {
  it('a rule in no set is returned as it is', () => {
    const { rule } = standIn('PLAUS-NEGATIVE-AMOUNT', []);
    expect(gated(rule)).toBe(rule);
  });
  it.each([
    'COMPL-GOAL-MISSING',
    'SCORE-EXECUTION',
    'SCORE-ABOVE-WEIGHT',
    'ARITH-INCOME-SUM',
    'SCORE-RULE-MISMATCH',
  ])('%s is wrapped and keeps its metadata', (code) => {
    const { rule } = standIn(code, []);
    const g = gated(rule);
    expect(g).not.toBe(rule);
    expect({ ...g, check: undefined }).toEqual({ ...rule, check: undefined });
  });
  it('a rule that does not apply is not even run', () => {
    const { rule, calls } = standIn('COMPL-GOAL-MISSING', [prepared('COMPL-GOAL-MISSING', {})]);
    expect(gated(rule).check(baseContext({ document: { partial: true } }))).toEqual([]);
    expect(calls).toHaveLength(0);
    const ctx = baseContext();
    expect(gated(rule).check(ctx)).toEqual([prepared('COMPL-GOAL-MISSING', {})]);
    expect(calls).toEqual([ctx]);
  });
});

const CUT_ZH = '合计与分项不符。（报告只读到一部分，其余分项可能未列出）';
const CUT_EN =
  'Total and parts differ. (only part of the report was read; other parts may not be listed)';

describe('gated: a sub-row sum on a partial document', () => {
  const partial = baseContext({ document: { partial: true } });
  const run = (values: Record<string, string>, severity: Severity = 'error', ctx = partial) =>
    gated(standIn('ARITH-BASIC-SUM', [prepared('ARITH-BASIC-SUM', values, severity)]).rule).check(
      ctx,
    );

  it('a total above the sub-rows read is info, with the words saying why', () => {
    expect(run({ stated: '400.01', sum: '400.00' })).toEqual([
      {
        ...prepared('ARITH-BASIC-SUM', { stated: '400.01', sum: '400.00' }),
        severity: 'info',
        message: { zh: CUT_ZH, en: CUT_EN },
      },
    ]);
  });
  it.each<[string, Record<string, string>, 'info' | 'error']>([
    ['thousands separators and 万元', { stated: '1,234.50万元', sum: '1 234.49' }, 'info'],
    ['whole figures', { stated: '100', sum: '99' }, 'info'],
    ['a negative sum', { stated: '5', sum: '-3' }, 'info'],
    ['equal', { stated: '400.00', sum: '400' }, 'error'],
    ['the sub-rows above the total contradict', { stated: '399.99', sum: '400' }, 'error'],
    ['a stated total that is no figure', { stated: '见附表', sum: '400' }, 'error'],
    ['a sum that is no figure', { stated: '401', sum: '四百' }, 'error'],
    ['only 万元', { stated: '万元', sum: '400' }, 'error'],
    ['two points', { stated: '401.2.3', sum: '400' }, 'error'],
    ['a trailing word', { stated: '401元', sum: '400' }, 'error'],
    ['no stated total', { sum: '400' }, 'error'],
    ['no sum', { stated: '401' }, 'error'],
  ])('%s → %s', (_label, values, severity) => {
    const [f] = run(values);
    expect(f?.severity).toBe(severity);
    expect(f?.message.zh).toBe(severity === 'info' ? CUT_ZH : '合计与分项不符。');
    expect(f?.values).toEqual(values);
  });
  it('a finding that is not an error stays as it is', () => {
    const [f] = run({ stated: '401', sum: '400' }, 'warning');
    expect(f).toEqual(prepared('ARITH-BASIC-SUM', { stated: '401', sum: '400' }, 'warning'));
  });
  it('on a whole document the error stays', () => {
    const [f] = run({ stated: '401', sum: '400' }, 'error', baseContext({ document: {} }));
    expect(f?.severity).toBe('error');
  });
  it('a rule outside the sub-row sums is not softened on a partial document', () => {
    const g = gated(
      standIn('SCORE-ABOVE-WEIGHT', [prepared('SCORE-ABOVE-WEIGHT', { stated: '2', sum: '1' })])
        .rule,
    );
    expect(g.check(partial).map((f) => f.severity)).toEqual(['error']);
  });
});

const ROUND_ZH = '合计与分项不符。（表中得分为计算结果取整）';
const ROUND_EN = 'Total and parts differ. (the table writes the computed score rounded)';

describe('gated: a stated score that is the computed one rounded', () => {
  const imported = baseContext({ document: { level: 'department' } });
  const run = (
    values: Record<string, string>,
    severity: Severity = 'error',
    ctx = imported,
    code = 'SCORE-RULE-MISMATCH',
  ) => gated(standIn(code, [prepared(code, values, severity)]).rule).check(ctx);

  it('is info on an imported document, with the words saying why', () => {
    expect(run({ stated: '9', computed: '9.29' })).toEqual([
      {
        ...prepared('SCORE-RULE-MISMATCH', { stated: '9', computed: '9.29' }),
        severity: 'info',
        message: { zh: ROUND_ZH, en: ROUND_EN },
      },
    ]);
  });
  it.each<[string, Record<string, string>, 'info' | 'error']>([
    ['to one decimal', { stated: '2.2', computed: '2.14' }, 'info'],
    ['rounded up to the integer is points given away', { stated: '10', computed: '9.29' }, 'error'],
    ['no stated score', { computed: '9.29' }, 'error'],
    ['no computed score', { stated: '9' }, 'error'],
    ['a stated score that is no figure', { stated: '九', computed: '9.29' }, 'error'],
  ])('%s → %s', (_label, values, severity) => {
    const [f] = run(values);
    expect(f?.severity).toBe(severity);
    expect(f?.message.en).toBe(severity === 'info' ? ROUND_EN : 'Total and parts differ.');
  });
  it('also on a partial document', () => {
    const partial = baseContext({ document: { partial: true } });
    expect(run({ stated: '9', computed: '9.29' }, 'error', partial)[0]?.severity).toBe('info');
  });
  it('a warning stays a warning', () => {
    expect(run({ stated: '9', computed: '9.29' }, 'warning')[0]?.message.zh).toBe(
      '合计与分项不符。',
    );
  });
  it('a dossier kept in the system (no document) keeps the error', () => {
    expect(run({ stated: '9', computed: '9.29' }, 'error', baseContext())[0]?.severity).toBe(
      'error',
    );
  });
  it('another gated rule is not softened for rounding', () => {
    const values = { stated: '9', computed: '9.29' };
    expect(run(values, 'error', baseContext(), 'COMPL-GOAL-MISSING')[0]?.severity).toBe('error');
    expect(run(values, 'error', imported, 'SCORE-ABOVE-WEIGHT')[0]?.severity).toBe('error');
  });
});
