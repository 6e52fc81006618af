import { describe, expect, it } from 'vitest';
import {
  level1Key,
  NATIONAL_RULESET,
  NATIONAL_RULESET_INPUT,
  RuleSetSchema,
  selectRulesetName,
} from './ruleset.ts';

describe('RuleSetSchema', () => {
  it('fills defaults from a minimal rule set', () => {
    const r = RuleSetSchema.parse({
      name: 'mine',
      version: '1',
      title: '自定义',
      source: '本单位',
    });
    expect(r.execution).toEqual({
      weight: '10',
      denominator: 'adjustedBudget',
      rule: 'proportional',
      stepPoints: '2',
      stepWidth: '5',
      stepRounding: 'started',
    });
    expect(r.grades.map((g) => [g.grade, g.min])).toEqual([
      ['优', '90'],
      ['良', '80'],
      ['中', '60'],
      ['差', '0'],
    ]);
    expect(r.notApplicable).toBe('rescale');
    expect(r.overshoot).toEqual({ mode: 'off', margin: '30' });
    expect(r.reasonRequiredBelow).toBeNull();
  });
  it('rejects unknown fields, bad enums, fractions above 1 and negative weights', () => {
    const base = { name: 'x', version: '1', title: 't', source: 's' };
    expect(RuleSetSchema.safeParse({ ...base, extra: 1 }).success).toBe(false);
    expect(RuleSetSchema.safeParse({ ...base, execution: { rule: 'linear' } }).success).toBe(false);
    const negative = RuleSetSchema.safeParse({ ...base, execution: { weight: '-1' } });
    expect(negative.error?.issues).toMatchObject([
      {
        code: 'custom',
        path: ['execution', 'weight'],
        message: 'expected a non-negative decimal number',
        params: { jixiao: 'decimal' },
      },
    ]);
    expect(RuleSetSchema.safeParse({ ...base, execution: { weight: -1 } }).success).toBe(false);
    expect(RuleSetSchema.safeParse({ ...base, execution: { stepWidth: 0 } }).success).toBe(false);
    const q = { min: 0.8, max: 1.2, default: 1 };
    expect(
      RuleSetSchema.safeParse({ ...base, qualitative: { achieved: q, partial: q, notAchieved: q } })
        .success,
    ).toBe(false);
  });
  it('the built-in national rule set parses its own input', () => {
    expect(NATIONAL_RULESET).toEqual(RuleSetSchema.parse(NATIONAL_RULESET_INPUT));
    expect(NATIONAL_RULESET.level1Weights.project).toEqual({
      产出指标: '50',
      效益指标: '30',
      满意度指标: '10',
    });
  });
});

describe('selection and names', () => {
  it('flag > dossier > national', () => {
    expect(selectRulesetName('hunan', 'sichuan')).toBe('hunan');
    expect(selectRulesetName(undefined, 'sichuan')).toBe('sichuan');
    expect(selectRulesetName(undefined, undefined)).toBe('national');
  });
  it('一级 keys ignore the points suffix, spaces and 指标', () => {
    expect(level1Key('产出指标（40分）')).toBe('产出');
    expect(level1Key('满意度 指标(10分)')).toBe('满意度');
    expect(level1Key('效益')).toBe('效益');
    // Only a trailing 指标 goes: one at the start of a name stays.
    expect(level1Key('指标类产出指标')).toBe('指标类产出');
  });
});
