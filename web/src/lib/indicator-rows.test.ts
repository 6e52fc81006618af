import { describe, expect, it } from 'vitest';
import { nextIndicatorId, rowSpans } from './indicator-rows.ts';

describe('indicator tree rows', () => {
  it('merges consecutive 一级 and, inside them, 二级 cells', () => {
    const rows = [
      { level1: '产出', level2: '数量' },
      { level1: '产出', level2: '数量' },
      { level1: '产出', level2: '质量' },
      { level1: '效益', level2: '数量' },
      { level1: '产出', level2: '数量' },
    ];
    expect(rowSpans(rows)).toEqual([
      { level1: 3, level2: 2 },
      { level1: 0, level2: 0 },
      { level1: 0, level2: 1 },
      { level1: 1, level2: 1 },
      { level1: 1, level2: 1 },
    ]);
  });
  it('does not merge the same 二级 across different 一级', () => {
    expect(
      rowSpans([
        { level1: 'A', level2: 'x' },
        { level1: 'B', level2: 'x' },
      ]),
    ).toEqual([
      { level1: 1, level2: 1 },
      { level1: 1, level2: 1 },
    ]);
  });
  it('finds a free id', () => {
    expect(nextIndicatorId(['I1', 'I3'])).toBe('I4');
    expect(nextIndicatorId(['I3', 'I2'])).toBe('I4');
    expect(nextIndicatorId([])).toBe('I1');
  });
});
