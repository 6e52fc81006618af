import { describe, expect, it } from 'vitest';
import { jsonDiff } from './json-diff.ts';

describe('jsonDiff', () => {
  it('reports changed, added and removed leaves with paths', () => {
    const a = {
      year: 2023,
      unit: { name: '甲' },
      indicators: [{ id: 'A', weight: '10' }, { id: 'B' }],
      x: 1,
    };
    const b = { year: 2023, unit: { name: '乙' }, indicators: [{ id: 'A', weight: '12' }], y: [1] };
    expect(jsonDiff(a, b)).toEqual([
      { path: 'unit.name', before: '甲', after: '乙' },
      { path: 'indicators[0].weight', before: '10', after: '12' },
      { path: 'indicators[1]', before: { id: 'B' } },
      { path: 'x', before: 1 },
      { path: 'y', after: [1] },
    ]);
  });
  it('is empty for equal documents', () => {
    expect(jsonDiff({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toEqual([]);
  });
});
