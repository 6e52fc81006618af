// decimalOf's bounded cache, in a file of its own so that no other test has filled it.
import { describe, expect, it } from 'vitest';
import { DECIMALS_MAX, decimalOf } from './money.ts';

describe('decimalOf', () => {
  it('reads a text once: the same instance, with the value of the text', () => {
    const a = decimalOf('1.25');
    expect(a.toFixed()).toBe('1.25');
    expect(decimalOf('2.5').toFixed()).toBe('2.5');
    expect(decimalOf('1.25')).toBe(a);
  });

  it('keeps DECIMALS_MAX texts; the next new text starts it again', () => {
    const first = decimalOf('1.25'); // held since the test above, with 2.5: 2 texts
    for (let i = 0; i < DECIMALS_MAX - 2; i++) decimalOf(`${i}.125`);
    expect(decimalOf('1.25'), 'full, not yet cleared').toBe(first);
    expect(decimalOf('0.5').toFixed()).toBe('0.5');
    const again = decimalOf('1.25');
    expect(again, 'cleared by the new text').not.toBe(first);
    expect(again.toFixed()).toBe('1.25');
  });
});
