import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import {
  canonicalDecimal,
  fenToWan,
  formatPercent,
  formatWan,
  formatWanOrDash,
  percentOf,
  sumWan,
  wanToFen,
  growthOf,
  parseWan,
  toWan,
} from './money.ts';

const amountText = fc
  .tuple(fc.integer({ min: -99_999_999, max: 99_999_999 }), fc.integer({ min: 0, max: 99 }))
  .map(([i, f]) => `${i < 0 ? '-' : ''}${Math.abs(i)}.${String(f).padStart(2, '0')}`);

describe('money', () => {
  it('parses decimal text exactly into 分', () => {
    expect(wanToFen('441.98')).toBe(441_980_000);
    expect(wanToFen('-0.5')).toBe(-500_000);
    expect(wanToFen('0.000001')).toBe(1);
    expect(wanToFen('0.0000001')).toBeNull();
    expect(wanToFen('4x')).toBeNull();
  });

  it('adds where binary floating point does not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumWan(['0.1', '0.2'])).toBe('0.3');
    expect(sumWan(['343.36', '61.57'])).toBe('404.93');
  });

  it('sums exactly, matching a decimal oracle (property)', () => {
    fc.assert(
      fc.property(fc.array(amountText, { maxLength: 50 }), (xs) => {
        const oracle = xs.reduce((a, x) => a.plus(x), new Decimal(0));
        expect(new Decimal(sumWan(xs)).equals(oracle)).toBe(true);
      }),
    );
  });

  it('round-trips 分 and 万元 (property)', () => {
    fc.assert(
      fc.property(amountText, (x) => {
        expect(fenToWan(wanToFen(x) as number)).toBe(canonicalDecimal(x));
      }),
    );
  });

  it('formats 万元 with two decimals, half up', () => {
    expect(formatWan('404.925')).toBe('404.93');
    expect(formatWan('-404.925')).toBe('-404.93');
    expect(formatWan('7')).toBe('7.00');
  });

  it('rounds percentages half up to two decimals and never divides by zero', () => {
    expect(formatPercent(percentOf('507.13', '544.84'))).toBe('93.08%');
    expect(formatPercent(percentOf('1', '8'))).toBe('12.50%');
    expect(formatPercent(percentOf('0.00125', '1'))).toBe('0.13%');
    expect(percentOf('1', '0')).toEqual({ ok: false, reason: 'zero-base' });
    expect(percentOf(undefined, '1')).toEqual({ ok: false, reason: 'missing' });
    expect(formatPercent(growthOf('66.13', '35.57'))).toBe('85.92%');
  });

  it('percent matches a decimal oracle rounded half up (property)', () => {
    fc.assert(
      fc.property(amountText, amountText, (a, b) => {
        const p = percentOf(a, b);
        if (new Decimal(b).isZero()) {
          expect(p.ok).toBe(false);
          return;
        }
        const oracle = new Decimal(a)
          .div(b)
          .times(100)
          .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
          .toFixed(2);
        expect(formatPercent(p)).toBe(`${oracle}%`);
      }),
    );
  });

  it('makes a Wan only from an amount exact to the 分, in canonical form', () => {
    expect(parseWan('441.980')).toBe('441.98');
    expect(parseWan('+007.5')).toBe('7.5');
    // 0.000001 万元 is one 分; a seventh decimal is finer than a 分.
    expect(parseWan('0.000001')).toBe('0.000001');
    expect(parseWan('0.0000001')).toBeNull();
    expect(parseWan('四百')).toBeNull();
    expect(toWan('-12.30')).toBe('-12.3');
    expect(() => toWan('1,000')).toThrow(/not a valid amount/);
  });
});

describe('formatWanOrDash and formatPercent at other precisions', () => {
  it('a dash for a figure not filled; the amount with two decimals, half up, otherwise', () => {
    expect(formatWanOrDash(undefined)).toBe('—');
    expect(formatWanOrDash('12.345')).toBe('12.35');
    expect(formatWanOrDash('0')).toBe('0.00');
  });

  it('formatPercent rounds to the precision asked for; 不适用 without a base', () => {
    // 2 ÷ 3 × 100 = 66.666…
    expect(formatPercent(percentOf('2', '3'), 1)).toBe('66.7%');
    expect(formatPercent(percentOf('2', '3'), 0)).toBe('67%');
    expect(formatPercent(percentOf('2', '0'), 1)).toBe('不适用');
  });
});
