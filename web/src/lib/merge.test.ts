import { describe, expect, it } from 'vitest';
import { mergeThreeWay, overlaps, resolveConflicts } from './merge.ts';

const base = {
  unit: { name: '某局', staff: 30 },
  narrative: { problems: '旧问题', measures: '旧措施' },
  indicators: [{ id: 'a', actual: '90%' }],
};

describe('mergeThreeWay', () => {
  it('combines edits to different fields without a question', () => {
    const mine = { ...base, narrative: { ...base.narrative, problems: '我的问题' } };
    const theirs = { ...base, unit: { ...base.unit, staff: 31 } };
    const r = mergeThreeWay(base, mine, theirs);
    expect(r.conflicts).toEqual([]);
    expect(r.taken).toEqual(['unit.staff']);
    expect(r.merged.unit.staff).toBe(31);
    expect(r.merged.narrative.problems).toBe('我的问题');
    // The field only they changed is theirs — not put back to the base (the old bug).
    expect(r.merged.narrative.measures).toBe('旧措施');
  });

  it('asks only about a field both changed to different values', () => {
    const mine = {
      ...base,
      narrative: { problems: '我的问题', measures: '同样的措施' },
    };
    const theirs = {
      ...base,
      narrative: { problems: '他的问题', measures: '同样的措施' },
      indicators: [{ id: 'a', actual: '95%' }],
    };
    const r = mergeThreeWay(base, mine, theirs);
    expect(r.conflicts).toEqual([
      { path: 'narrative.problems', base: '旧问题', mine: '我的问题', theirs: '他的问题' },
    ]);
    expect(r.merged.indicators[0]?.actual).toBe('95%');
    expect(r.merged.narrative.problems).toBe('我的问题');
    const taken = resolveConflicts(r.merged, r.conflicts, new Set(['narrative.problems']));
    expect(taken.narrative.problems).toBe('他的问题');
  });

  it('treats a row and a field inside it as overlapping', () => {
    expect(overlaps('indicators[0]', 'indicators[0].actual')).toBe(true);
    expect(overlaps('indicators[1]', 'indicators[10]')).toBe(false);
    expect(overlaps('unit.name', 'unit.nameEn')).toBe(false);
  });
});
