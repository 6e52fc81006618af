/**
 * Edge cases of exact money that the property tests do not reach: surrounding blanks, more than
 * six decimals, trailing zeros past the sixth, amounts beyond a safe integer of 分, missing parts.
 * Expected values are hand arithmetic (1 万元 = 10^6 分).
 */
import { describe, expect, it } from 'vitest';
import {
  canonicalDecimal,
  fen,
  growthOf,
  numberToDecimalText,
  percentOf,
  sumWan,
  wanToFen,
} from './money.ts';

describe('canonicalDecimal', () => {
  it.each([
    [' 1.50 ', '1.5'],
    ['+007.10', '7.1'],
    ['-0.500', '-0.5'],
    ['abc', null],
    ['1e5', null],
    ['1.', null],
    ['', null],
  ])('%j → %j', (text, expected) => expect(canonicalDecimal(text)).toBe(expected));
});

describe('numberToDecimalText', () => {
  it.each([
    [0.1, '0.1'],
    [441.98, '441.98'],
    [-5, '-5'],
    [Number.POSITIVE_INFINITY, null],
    [Number.NaN, null],
  ])('%s → %j', (n, expected) => expect(numberToDecimalText(n)).toBe(expected));
});

describe('wanToFen', () => {
  it.each([
    [' 1.5 ', 1_500_000],
    ['-1.5', -1_500_000],
    ['+2', 2_000_000],
    ['0.000001', 1],
    // Zeros past the sixth decimal carry no 分: still exact.
    ['1.1234560', 1_123_456],
    ['1.12345600', 1_123_456],
    ['1.1234567', null],
    ['12-3', null],
    ['1,000', null],
    // 10^13 万元 = 10^19 分: beyond a safe integer, refused rather than rounded.
    ['10000000000000', null],
    ['9000000000', 9_000_000_000_000_000],
  ])('%j → %s', (text, expected) => expect(wanToFen(text)).toBe(expected));
});

describe('fen', () => {
  it('names the bad amount', () => expect(() => fen('12x')).toThrow('"12x"'));
  it('reads a valid one', () => expect(fen('0.01')).toBe(10_000));
});

describe('sumWan', () => {
  it('skips parts that are not filled', () =>
    expect(sumWan(['1.1', undefined, '2.2'])).toBe('3.3'));
  it('is exact where floating point is not (0.1 + 0.2)', () =>
    expect(sumWan(['0.1', '0.2'])).toBe('0.3'));
  it('of nothing is 0', () => expect(sumWan([undefined])).toBe('0'));
});

describe('growthOf and percentOf', () => {
  it('a missing current or previous value is "missing"', () => {
    expect(growthOf(undefined, '100')).toEqual({ ok: false, reason: 'missing' });
    expect(growthOf('100', undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(percentOf(undefined, '1')).toEqual({ ok: false, reason: 'missing' });
    expect(percentOf('1', undefined)).toEqual({ ok: false, reason: 'missing' });
  });
  it('a zero base is "zero-base"', () =>
    expect(growthOf('5', '0')).toEqual({ ok: false, reason: 'zero-base' }));
  it('110 against 100 is +10%, 90 against 100 is −10%', () => {
    const up = growthOf('110', '100');
    const down = growthOf('90', '100');
    expect(up.ok && up.percent.toFixed()).toBe('10');
    expect(down.ok && down.percent.toFixed()).toBe('-10');
  });
});
