import { describe, expect, it } from 'vitest';
import {
  actualToText,
  displayTarget,
  targetMode,
  targetToForm,
  withMode,
} from './indicator-form.ts';

describe('indicator targets in the form', () => {
  it('splits written targets into operator, value and unit', () => {
    const t = targetToForm('≥95%');
    expect(t).toEqual({ kind: 'number', op: '>=', value: '95', unit: '%' });
    expect(targetMode(t)).toBe('>=');
    expect(targetToForm('成效明显')).toEqual({ kind: 'text', text: '成效明显' });
    expect(targetToForm({ kind: 'range', min: '90', max: '100', unit: '%' })).toEqual({
      kind: 'range',
      min: '90',
      max: '100',
      unit: '%',
    });
  });
  it('switches mode keeping the value', () => {
    const t = targetToForm('≥95%');
    expect(withMode(t, '<')).toEqual({ kind: 'number', op: '<', value: '95', unit: '%' });
    expect(withMode(t, 'text')).toEqual({ kind: 'text', text: '≥95%' });
    expect(withMode(t, 'range')).toEqual({ kind: 'range', min: '95', max: '', unit: '%' });
    expect(displayTarget({ kind: 'number', op: '<=', value: '1', unit: '%' })).toBe('≤1%');
  });
  it('shows actuals as written', () => {
    expect(actualToText({ value: '98', unit: '%', text: '98%' })).toBe('98%');
    expect(actualToText('均完成')).toBe('均完成');
    expect(actualToText(undefined)).toBe('');
  });
});
