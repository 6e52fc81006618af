/**
 * The completeness checks called one at a time on a small context built from the base factory
 * dossier (src/core/testing/factories.ts), one indicator or field changed per case.
 */
import { describe, expect, it } from 'vitest';
import type { DossierInput } from '../dossier/schema.ts';
import {
  projectGrid,
  projectIndicator,
  runRule,
  withIndicator,
  type IndicatorInput,
} from '../testing/audit-context.ts';
import { COMPLETENESS_RULES } from './rules-completeness.ts';
import type { Rule } from './types.ts';

const ruleOf = (code: string): Rule => {
  const rule = COMPLETENESS_RULES.find((r) => r.code === code);
  if (!rule) throw new Error(`no rule ${code}`);
  return rule;
};
const o1 = (patch: Partial<IndicatorInput>) => ({ indicators: withIndicator('O1', patch) });
/** P1 of the base dossier with one indicator of its own. */
const inProject = (patch: Partial<IndicatorInput>): Partial<DossierInput> =>
  projectGrid([projectIndicator(patch)]);
const scopeAndPath = (rule: Rule, patch: Partial<DossierInput>) =>
  runRule(rule, patch).map((f) => [f.scope, f.indicatorId, f.locations]);

describe('COMPL-DEVIATION-REASON', () => {
  const rule = ruleOf('COMPL-DEVIATION-REASON');
  it('points lost without a reason: warning naming score and weight', () => {
    const [f, ...rest] = runRule(rule, o1({ score: 18 }));
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('warning');
    expect(f?.indicatorId).toBe('O1');
    expect(f?.values).toEqual({ weight: '20', score: '18', target: '≥20次', actual: '24次' });
    expect(f?.message.zh).toBe(
      '指标“完成检查次数”：得分 18，低于分值 20，未写偏差原因及改进措施。',
    );
    expect(f?.message.en).toBe(
      'Indicator "完成检查次数": score 18 below weight 20, no deviation reason.',
    );
    expect(f?.locations).toEqual([{ path: 'indicators[1].deviation' }]);
  });
  it('a missed target at full marks: warning naming actual and target', () => {
    const [f] = runRule(rule, o1({ actual: '18次' }));
    expect(f?.values).toEqual({ weight: '20', score: '20', target: '≥20次', actual: '18次' });
    expect(f?.message.zh).toBe(
      '指标“完成检查次数”：实际 18次 未达目标 ≥20次，未写偏差原因及改进措施。',
    );
    expect(f?.message.en).toBe('Indicator "完成检查次数": target missed, no deviation reason.');
  });
  it('the engine’s verdict when it ran', () => {
    expect(runRule(rule, o1({ actual: '18次' }), { scored: true })).toHaveLength(1);
    expect(runRule(rule, {}, { scored: true })).toEqual([]);
  });
  it('points lost with no actual filled: the actual is empty in the values', () => {
    const [f] = runRule(rule, o1({ score: 18, actual: undefined }));
    expect(f?.values).toEqual({ weight: '20', score: '18', target: '≥20次', actual: '' });
  });
  it('a missed target without a score: no score in the values', () => {
    const [f] = runRule(rule, o1({ actual: '18次', score: undefined }));
    expect(f?.values).toStrictEqual({ weight: '20', target: '≥20次', actual: '18次' });
  });
  it('a written reason, a blank one, not applicable, or nothing lost', () => {
    expect(runRule(rule, o1({ score: 18, deviation: '计划调整' }))).toEqual([]);
    expect(runRule(rule, o1({ score: 18, deviation: '  ' }))).toHaveLength(1);
    expect(runRule(rule, o1({ score: 18, notApplicable: { reason: '无' } }))).toEqual([]);
    expect(runRule(rule, o1({ score: 20 }))).toEqual([]);
    expect(runRule(rule, o1({ score: undefined }))).toEqual([]);
  });
  it('a project row is scoped and located in its grid', () => {
    expect(scopeAndPath(rule, inProject({ score: 80 }))).toEqual([
      ['P1', 'PQ', [{ path: 'expenditure.projects[0].indicators[0].deviation' }]],
    ]);
  });
});

describe('COMPL-TARGET-OPERATOR', () => {
  const rule = ruleOf('COMPL-TARGET-OPERATOR');
  it('a number without ≥ or ≤: warning', () => {
    const [f, ...rest] = runRule(rule, o1({ target: '20次' }));
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('warning');
    expect(f?.values).toEqual({ target: '20次' });
    expect(f?.message.zh).toBe(
      '指标“完成检查次数”：目标“20次”没有比较符号（≥、≤、＝ 等），按“越大越好”理解需人工确认。',
    );
    expect(f?.message.en).toBe('Indicator "完成检查次数": target "20次" has no operator.');
    expect(f?.locations).toEqual([{ path: 'indicators[1].target' }]);
    expect(f?.indicatorId).toBe('O1');
  });
  it('with an operator, a range or a phrase: silent', () => {
    expect(runRule(rule)).toEqual([]);
    expect(runRule(rule, o1({ target: '18-22次' }))).toEqual([]);
  });
  it('a project row is scoped', () => {
    expect(scopeAndPath(rule, inProject({ target: '10个' }))).toEqual([
      ['P1', 'PQ', [{ path: 'expenditure.projects[0].indicators[0].target' }]],
    ]);
  });
});

describe('COMPL-TARGET-UNIT', () => {
  const rule = ruleOf('COMPL-TARGET-UNIT');
  it('a number without a unit', () => {
    const [f, ...rest] = runRule(rule, o1({ target: '≥20', actual: '24' }));
    expect(rest).toEqual([]);
    expect(f?.values).toEqual({ target: '≥20' });
    expect(f?.message.zh).toBe('指标“完成检查次数”：目标“≥20”没有计量单位。');
    expect(f?.message.en).toBe('Indicator "完成检查次数": target "≥20" has no unit.');
    expect(f?.locations).toEqual([{ path: 'indicators[1].target' }]);
  });
  it('a range without a unit', () => {
    expect(runRule(rule, o1({ target: '18-22', actual: '20' }))[0]?.values.target).toBe('18～22');
  });
  it('units given, or a phrase: silent; a project row is scoped', () => {
    expect(runRule(rule)).toEqual([]);
    expect(runRule(rule, o1({ target: '18-22次' }))).toEqual([]);
    expect(scopeAndPath(rule, inProject({ target: '≥10' }))[0]?.[0]).toBe('P1');
  });
});

describe('COMPL-ACTUAL-NOT-MEASURABLE', () => {
  const rule = ruleOf('COMPL-ACTUAL-NOT-MEASURABLE');
  it('words for a numeric target: error', () => {
    const [f, ...rest] = runRule(rule, o1({ actual: '均已完成' }));
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('error');
    expect(f?.values).toEqual({ target: '≥20次', actual: '均已完成' });
    expect(f?.message.zh).toBe(
      '指标“完成检查次数”：目标 ≥20次 是数值，实际完成却写“均已完成”，无法判断是否达标，也无法按规则计分。',
    );
    expect(f?.message.en).toBe(
      'Indicator "完成检查次数": numeric target ≥20次 answered "均已完成".',
    );
    expect(f?.locations).toEqual([{ path: 'indicators[1].actual' }]);
  });
  it('a range target answered in words too', () => {
    expect(runRule(rule, o1({ target: '18-22次', actual: '较多' }))).toHaveLength(1);
  });
  it('a number, a phrase target, no target, no actual, or not applicable: silent', () => {
    expect(runRule(rule)).toEqual([]);
    expect(runRule(rule, o1({ target: '稳步推进', actual: '均已完成' }))).toEqual([]);
    expect(runRule(rule, o1({ target: undefined, actual: '均已完成' }))).toEqual([]);
    expect(runRule(rule, o1({ actual: undefined }))).toEqual([]);
    expect(runRule(rule, o1({ actual: '均已完成', notApplicable: { reason: '无' } }))).toEqual([]);
  });
  it('a project row is scoped', () => {
    expect(scopeAndPath(rule, inProject({ actual: '已完成' }))[0]?.[0]).toBe('P1');
  });
});

describe('COMPL-ACTUAL-MISSING', () => {
  const rule = ruleOf('COMPL-ACTUAL-MISSING');
  it('no actual, or a blank one: warning with the target', () => {
    for (const actual of [undefined, '', '   ']) {
      const [f, ...rest] = runRule(rule, o1({ actual }));
      expect(rest).toEqual([]);
      expect(f?.severity).toBe('warning');
      expect(f?.values).toEqual({ target: '≥20次' });
      expect(f?.message.zh).toBe('指标“完成检查次数”：未填实际完成值。');
      expect(f?.message.en).toBe('Indicator "完成检查次数": actual not filled.');
      expect(f?.locations).toEqual([{ path: 'indicators[1].actual' }]);
    }
  });
  it('an actual given as an object with blank text is not filled', () => {
    expect(runRule(rule, o1({ actual: { text: '   ' } }))).toHaveLength(1);
  });
  it('filled or not applicable: silent; a project row is scoped', () => {
    expect(runRule(rule)).toEqual([]);
    expect(runRule(rule, o1({ actual: undefined, notApplicable: { reason: '无' } }))).toEqual([]);
    expect(scopeAndPath(rule, inProject({ actual: undefined }))[0]?.[0]).toBe('P1');
  });
});

describe('COMPL-UNIT-MISMATCH', () => {
  const rule = ruleOf('COMPL-UNIT-MISMATCH');
  it('次 against 项: warning naming both units', () => {
    const [f, ...rest] = runRule(rule, o1({ actual: '24项' }));
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('warning');
    expect(f?.values).toEqual({ target: '≥20次', actual: '24项' });
    expect(f?.message.zh).toBe('指标“完成检查次数”：目标单位“次”，实际完成单位“项”。');
    expect(f?.message.en).toBe('Indicator "完成检查次数": target unit differs from actual unit.');
    expect(f?.locations).toEqual([{ path: 'indicators[1].actual' }]);
  });
  it('亿 and 亿元 are one unit; a bare number or a phrase target is not compared', () => {
    expect(runRule(rule, { indicators: withIndicator('E2', { actual: '120亿' }) })).toEqual([]);
    expect(runRule(rule, o1({ actual: '24' }))).toEqual([]);
    expect(runRule(rule, o1({ target: '≥20', actual: '24次' }))).toEqual([]);
    expect(runRule(rule, o1({ target: '持续开展', actual: '24次' }))).toEqual([]);
    expect(runRule(rule, o1({ actual: '较多次' }))).toEqual([]);
    // A unit but no figure, or no target at all: nothing to compare.
    expect(runRule(rule, o1({ actual: { text: '若干项', unit: '项' } }))).toEqual([]);
    expect(runRule(rule, o1({ target: undefined, actual: '24项' }))).toEqual([]);
  });
  it('a range target has a unit too; a project row is scoped', () => {
    expect(runRule(rule, o1({ target: '18-22次', actual: '20项' }))).toHaveLength(1);
    expect(scopeAndPath(rule, inProject({ actual: '10项' }))[0]?.[0]).toBe('P1');
  });
});

describe('COMPL-GOAL-MISSING', () => {
  const rule = ruleOf('COMPL-GOAL-MISSING');
  const goal = (expected: string, achieved: string) =>
    runRule(rule, { goal: { expected, achieved } });
  it('both parts filled: silent', () => expect(goal('保障运转', '运转正常')).toEqual([]));
  it.each([
    ['', '运转正常', '预期目标', 'expected is'],
    ['保障运转', ' ', '实际完成情况', 'achieved is'],
    ['', '', '预期目标、实际完成情况', 'expected and achieved are'],
  ])('expected "%s", achieved "%s" → %s', (expected, achieved, missing, en) => {
    const [f, ...rest] = goal(expected, achieved);
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('warning');
    expect(f?.values).toEqual({ missing });
    expect(f?.message.zh).toBe(`年度总体目标：${missing}未填写。`);
    expect(f?.message.en).toBe(`Annual goal: ${en} empty.`);
    expect(f?.locations).toEqual([{ path: 'goal' }]);
  });
});

describe('COMPL-MEASURES-MISSING', () => {
  const rule = ruleOf('COMPL-MEASURES-MISSING');
  const narrative = (n: Record<string, string>) => runRule(rule, { narrative: n });
  it('problems listed, no measures: warning', () => {
    const [f, ...rest] = narrative({ problems: '部分项目执行偏慢。' });
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('warning');
    expect(f?.values).toEqual({});
    expect(f?.message.zh).toBe('报告列出了存在的问题，但“下一步改进措施”为空。');
    expect(f?.message.en).toBe('Problems are listed but measures are empty.');
    expect(f?.locations).toEqual([{ path: 'narrative.measures' }]);
    expect(narrative({ problems: '执行偏慢', measures: ' ' })).toHaveLength(1);
  });
  it.each(['无', '暂无。', '没有', '无.', ' 无 '])('problems "%s" means none', (problems) =>
    expect(narrative({ problems })).toEqual([]),
  );
  it('"无明显问题以外的…" still lists problems; measures given, or no problems: silent', () => {
    expect(narrative({ problems: '无序支出较多' })).toHaveLength(1);
    expect(narrative({ problems: '暂无问题待解决' })).toHaveLength(1);
    expect(narrative({ problems: '绩效意识仍较薄弱，暂无' })).toHaveLength(1);
    expect(narrative({ problems: '执行偏慢', measures: '加快进度' })).toEqual([]);
    expect(narrative({})).toEqual([]);
    expect(narrative({ problems: '  ' })).toEqual([]);
  });
});

describe('COMPL-FILING-MISSING', () => {
  const rule = ruleOf('COMPL-FILING-MISSING');
  it('both filled: silent', () => expect(runRule(rule)).toEqual([]));
  it.each([
    [{ date: '2024-04-20' }, '填表人', 'preparer'],
    [{ preparer: '李四' }, '填报日期', 'filing date'],
    [{}, '填表人、填报日期', 'preparer, filing date'],
  ])('%o → missing %s', (filing, missing, en) => {
    const [f, ...rest] = runRule(rule, { filing });
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('info');
    expect(f?.values).toEqual({ missing });
    expect(f?.message.zh).toBe(`未填${missing}。`);
    expect(f?.message.en).toBe(`Missing: ${en}.`);
    expect(f?.locations).toEqual([{ path: 'filing' }]);
  });
});
