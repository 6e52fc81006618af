import { describe, expect, it } from 'vitest';
import { sortFindings } from './audit.ts';
import { CATALOGUE } from './catalogue.ts';
import type { Finding } from './types.ts';

const finding = (code: string): Finding => ({
  code,
  severity: 'error',
  family: 'arithmetic',
  title: { zh: code, en: code },
  message: { zh: code, en: code },
  values: {},
  locations: [],
});

describe('sortFindings orders codes as localeCompare does (the oracle)', () => {
  it('on every catalogue code, shuffled', () => {
    const codes = CATALOGUE.map((r) => r.code);
    const shuffled = [...codes].reverse().sort((a, b) => (a.length % 3) - (b.length % 3));
    const expected = [...codes].sort((a, b) => a.localeCompare(b));
    expect(sortFindings(shuffled.map(finding)).map((f) => f.code)).toEqual(expected);
  });

  it('on hyphens, digits and prefixes, and on text outside the plain alphabet', () => {
    const codes = ['X1', 'X-1', 'X', 'X-Z', 'X0', 'XA', 'X-', 'A9', 'AB', 'x-b', 'É-1', 'X9'];
    const expected = [...codes].sort((a, b) => a.localeCompare(b));
    expect(sortFindings([...codes].reverse().map(finding)).map((f) => f.code)).toEqual(expected);
  });
});
