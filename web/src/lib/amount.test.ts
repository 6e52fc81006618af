import { describe, expect, it } from 'vitest';
import { amountForDossier, countForDossier, parseAmountInput } from './amount.ts';

describe('amount inputs', () => {
  it('parses typed amounts exactly, never through floats', () => {
    expect(parseAmountInput('1,234.56')).toEqual({ ok: true, value: '1234.56' });
    expect(parseAmountInput('０.１')).toEqual({ ok: true, value: '0.1' });
    // 0.1 + 0.2 style values and long decimals stay exact
    expect(parseAmountInput('9007199254.740991')).toEqual({ ok: true, value: '9007199254.740991' });
    expect(parseAmountInput('441.980')).toEqual({ ok: true, value: '441.98' });
    expect(parseAmountInput(' 80 万元')).toEqual({ ok: true, value: '80' });
    expect(parseAmountInput('')).toEqual({ ok: true, value: undefined });
  });
  it('keeps invalid text so the schema reports it and nothing is lost', () => {
    const r = parseAmountInput('12a');
    expect(r.ok).toBe(false);
    expect(amountForDossier('12a')).toBe('12a');
    expect(parseAmountInput('1.1234567').ok).toBe(false);
  });
  it('parses head counts', () => {
    expect(countForDossier('19')).toBe(19);
    expect(countForDossier('')).toBeUndefined();
    expect(countForDossier('1.5')).toBe('1.5');
  });
});
