import { describe, expect, it } from 'vitest';
import { asciiDigits, asciiMinus, asciiPercent } from './digits.ts';

describe('full-width number characters', () => {
  it('maps each full-width digit to its ASCII digit and leaves the rest', () => {
    expect(asciiDigits('０１２３４５６７８９')).toBe('0123456789');
    expect(asciiDigits('共１２３．４５万元')).toBe('共123．45万元');
    expect(asciiDigits('abc 7')).toBe('abc 7');
  });

  it('maps the four dashes used as minus signs, and the full-width percent sign', () => {
    expect(asciiMinus('－1 —2 –3 −4')).toBe('-1 -2 -3 -4');
    expect(asciiPercent('８０％')).toBe('８０%');
  });
});
