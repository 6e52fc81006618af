import { describe, expect, it } from 'vitest';
import { diffJson, showValue } from './diff.ts';

describe('diffJson', () => {
  it('lists changed, added and removed leaves by path', () => {
    const a = {
      income: { general: { actual: '500' } },
      indicators: [{ id: 'A', weight: '10' }],
      narrative: { problems: 'x' },
    };
    const b = {
      income: { general: { actual: '480' } },
      indicators: [
        { id: 'A', weight: '10' },
        { id: 'B', weight: '5' },
      ],
      narrative: {},
    };
    expect(diffJson(a, b)).toEqual([
      { path: 'income.general.actual', before: '500', after: '480' },
      { path: 'indicators[1]', before: undefined, after: { id: 'B', weight: '5' } },
      { path: 'narrative.problems', before: 'x', after: undefined },
    ]);
    expect(diffJson(a, a)).toEqual([]);
  });
  it('shows values briefly', () => {
    expect(showValue(undefined)).toBe('（空）');
    expect(showValue('a'.repeat(100))).toHaveLength(81);
  });
});
