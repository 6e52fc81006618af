import { describe, expect, it } from 'vitest';
import { changeText, labelledMessage, pathLabel, readableMessage } from './labels.ts';

const form = {
  indicators: [{ name: '数据差错率' }, {}],
  expenditure: { projects: [{ name: '统计调查', indicators: [{ name: '调查完成率' }] }] },
};

describe('pathLabel', () => {
  it('names money figures by row and column', () => {
    expect(pathLabel('expenditure.personnel.actual')).toBe('人员经费 全年执行数（决算数）');
  });
  it('names indicator rows by their own name, or their row number while unnamed', () => {
    expect(pathLabel('indicators[0].weight', form)).toBe('数据差错率 分值');
    expect(pathLabel('indicators[1].target', form)).toBe('第 2 行指标 年度指标值');
    expect(pathLabel('expenditure.projects[0].indicators[0].actual', form)).toBe(
      '统计调查 调查完成率 实际完成值',
    );
  });
  it('uses the form labels for plain fields and never returns the path', () => {
    expect(pathLabel('narrative.measures')).toBe('改进措施');
    expect(pathLabel('unit.functions[2]')).toBe('主要职能');
    expect(pathLabel('something.unknown')).not.toMatch(/[a-z]/);
  });
  it('rewrites a message that starts with its path', () => {
    expect(
      labelledMessage('indicators[0].weight：应为数字，实际为文本', 'indicators[0].weight', form),
    ).toBe('数据差错率 分值：应为数字，实际为文本');
  });

  it('writes a history line as the issue asks', () => {
    expect(
      changeText({ path: 'expenditure.personnel.actual', before: '343.36', after: '343.40' }),
    ).toBe('人员经费 全年执行数（决算数）：343.36 → 343.40');
    expect(
      changeText({ path: 'indicators[1]', before: undefined, after: { name: '新指标' } }, form),
    ).toBe('第 2 行指标：新增 新指标');
  });
  it('replaces paths inside a finding message', () => {
    expect(
      readableMessage('档案数据为 560.00 万元（income.general.initialBudget），相差 15.16'),
    ).toBe('档案数据为 560.00 万元（一般公共预算（财政拨款） 年初预算数），相差 15.16');
  });
});
