// decimalOf's bounded cache, in a file of its own so that no other test has filled it; the bound
// test starts from an empty cache so that it holds when mutation runs share loaded modules.
import { describe, expect, it } from 'vitest';
import { clearMoneyCaches, DECIMALS_MAX, decimalOf } from './money.ts';

describe('decimalOf', () => {
  it('reads a text once: the same instance, with the value of the text', () => {
    const a = decimalOf('1.25');
    expect(a.toFixed()).toBe('1.25');
    expect(decimalOf('2.5').toFixed()).toBe('2.5');
    expect(decimalOf('1.25')).toBe(a);
  });

  it('keeps DECIMALS_MAX texts; the next new text starts it again', () => {
    clearMoneyCaches();
    const first = decimalOf('1.25');
    decimalOf('2.5'); // 2 texts kept
    for (let i = 0; i < DECIMALS_MAX - 2; i++) decimalOf(`${i}.125`);
    expect(decimalOf('1.25'), 'full, not yet cleared').toBe(first);
    expect(decimalOf('0.5').toFixed()).toBe('0.5');
    const again = decimalOf('1.25');
    expect(again, 'cleared by the new text').not.toBe(first);
    expect(again.toFixed()).toBe('1.25');
  });

  it('clearMoneyCaches forgets kept texts: the next read is a new, equal instance', () => {
    const a = decimalOf('3.75');
    clearMoneyCaches();
    const b = decimalOf('3.75');
    expect(b).not.toBe(a);
    expect(b.toFixed()).toBe('3.75');
  });
});
