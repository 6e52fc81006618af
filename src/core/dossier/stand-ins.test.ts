import { describe, expect, it } from 'vitest';
import { projectLabel, STAND_IN_NAMES, statedName } from './stand-ins.ts';

describe('stand-in names', () => {
  it('a stand-in is no stated name; any other text, even one close to it, is', () => {
    expect(statedName('（未注明项目名称）')).toBeUndefined();
    expect(statedName('（未注明一级指标）')).toBeUndefined();
    expect(statedName('（未注明二级指标）')).toBeUndefined();
    expect(statedName('（文中未注明单位）')).toBeUndefined();
    expect(statedName('未注明项目名称')).toBe('未注明项目名称');
    expect(statedName('产出指标')).toBe('产出指标');
  });

  it('an unnamed project is named by its place counted from 1', () => {
    expect(projectLabel(STAND_IN_NAMES.project, 0)).toBe('第1个项目');
    expect(projectLabel(STAND_IN_NAMES.project, 2)).toBe('第3个项目');
    expect(projectLabel('乡村道路养护', 2)).toBe('乡村道路养护');
  });
});
