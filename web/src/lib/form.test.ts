import { describe, expect, it } from 'vitest';
import { fieldId, getIn, moveItem, parsePath, pathToString, setIn } from './form.ts';

describe('form paths', () => {
  it('round-trips the InputError path notation', () => {
    const p = ['expenditure', 'projects', 2, 'money', 'actual'];
    expect(pathToString(p)).toBe('expenditure.projects[2].money.actual');
    expect(parsePath('expenditure.projects[2].money.actual')).toEqual(p);
    expect(fieldId('indicators[3].weight')).toBe('f-indicators[3].weight');
  });
  it('sets immutably and removes a key when the value is undefined', () => {
    const before = {
      income: { general: { actual: '500', initialBudget: '480' } },
      list: [{ a: 1 }, { a: 2 }],
    };
    const after = setIn(before, ['income', 'general', 'actual'], undefined);
    expect(after.income.general).toEqual({ initialBudget: '480' });
    expect(before.income.general.actual).toBe('500');
    const after2 = setIn(before, ['list', 1, 'a'], 3);
    expect(after2.list[1]).toEqual({ a: 3 });
    expect(after2.list[0]).toBe(before.list[0]);
    expect(getIn(after2, ['list', 1, 'a'])).toBe(3);
    expect(setIn({} as Record<string, unknown>, ['a', 'b'], 'x')).toEqual({ a: { b: 'x' } });
  });
  it('moves items and clamps the target', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 9)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['c', 'a', 'b']);
  });
});
