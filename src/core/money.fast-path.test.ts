import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  canonicalDecimal,
  fenToWan,
  formatPoints,
  formatWan,
  numberToDecimalText,
  plainFen,
  roundDecimalText,
  wanToFen,
} from './money.ts';

/** decimal.js is the oracle for the shortcuts money.ts takes on already-canonical text. */
describe('money fast paths agree with decimal.js', () => {
  let a = 20261201;
  const next = () => {
    a = (Math.imul(a, 1103515245) + 12345) >>> 0;
    return a / 4294967296;
  };
  it('canonicalDecimal, numberToDecimalText and fenToWan on 20,000 values', () => {
    const texts = [
      '0',
      '-0',
      '00',
      '0.0',
      '-0.0',
      '1.50',
      '01.5',
      '+3',
      '.5',
      '5.',
      '1e5',
      ' 4.2 ',
    ];
    for (let i = 0; i < 20_000; i++) {
      const n = Math.round((next() - 0.5) * 10 ** (1 + Math.floor(next() * 15)));
      const x = n / 10 ** Math.floor(next() * 8);
      texts.push(String(x), x.toFixed(Math.floor(next() * 4)));
      expect(fenToWan(n)).toBe(new Decimal(n).div(1e6).toFixed());
      expect(numberToDecimalText(x)).toBe(new Decimal(x.toString()).toFixed());
    }
    for (const t of texts) {
      const s = t.trim();
      const expected = /^[+-]?\d+(\.\d+)?$/.test(s) ? new Decimal(s).toFixed() : null;
      expect(canonicalDecimal(t)).toBe(expected);
    }
    expect(fenToWan(-0)).toBe('0');
    expect(fenToWan(-1)).toBe('-0.000001');
  });

  it('wanToFen agrees with decimal.js × 10^6 on 20,000 texts (the digit-by-digit path)', () => {
    const texts = ['0', '-0', '00', '0.0', '-0.000000', '1.', '.5', '+3', ' 4.2 ', '1e5', '', '-'];
    texts.push('123456789.123456', '1234567890.1', '-999999999.999999', '12.1234567', '1.10000000');
    for (let i = 0; i < 20_000; i++) {
      const int = String(Math.floor(next() * 10 ** Math.floor(next() * 12)));
      const frac = String(Math.floor(next() * 10 ** 8)).slice(0, Math.floor(next() * 9));
      const sign = next() < 0.3 ? '-' : '';
      texts.push(frac ? `${sign}${int}.${frac}` : `${sign}${int}`);
    }
    for (const t of texts) {
      const s = t.trim();
      const micro = /^[+-]?\d+(\.\d+)?$/.test(s) ? new Decimal(s).times(1e6) : null;
      const expected =
        micro?.isInteger() && micro.abs().lte(Number.MAX_SAFE_INTEGER) ? micro.toNumber() : null;
      expect(wanToFen(t), t).toBe(expected);
    }
  });

  it('wanToFen reads up to six decimals, trailing zeros beyond them allowed', () => {
    expect(wanToFen('1.1234560000')).toBe(1_123_456);
    expect(wanToFen('1.1234567')).toBeNull();
    expect(wanToFen('-12.5')).toBe(-12_500_000);
    expect(wanToFen(' +0.000001 ')).toBe(1);
    expect(wanToFen('12.')).toBeNull();
    expect(wanToFen('9007199254.740991')).toBe(9_007_199_254_740_991);
    expect(wanToFen('9007199254.740992')).toBeNull();
  });
});

describe('formatWan agrees with decimal.js', () => {
  it('on 8,000 decimal texts and their Decimals, at 0 to 3 decimals', () => {
    let a = 1402;
    const next = () => {
      a = (Math.imul(a, 1103515245) + 12345) >>> 0;
      return a / 4294967296;
    };
    const texts = ['0', '-0', '-0.001', '-0.005', '0.005', '0.0049', '999.995', '-999.995', '+5'];
    texts.push('00012.5', '.5', '1e3', '123456789012345.5', '99999999999999.995', ' 4.2');
    for (let i = 0; i < 4_000; i++) {
      const digits = Math.floor(next() * 10 ** (1 + Math.floor(next() * 12)));
      const text = String(digits).padStart(8, '0');
      const point = Math.floor(next() * text.length);
      const sign = next() < 0.3 ? '-' : '';
      texts.push(`${sign}${text.slice(0, point) || '0'}.${text.slice(point)}`, `${sign}${digits}`);
    }
    for (const t of texts)
      for (const dp of [0, 1, 2, 3]) {
        const expected = new Decimal(t.trim())
          .toDecimalPlaces(dp, Decimal.ROUND_HALF_UP)
          .toFixed(dp);
        if (t === t.trim()) expect(formatWan(t, dp)).toBe(expected);
        expect(formatWan(new Decimal(t.trim()), dp)).toBe(expected);
      }
  });
});

// The digit readers on their own: wanToFen and formatWan fall back to a slower reader when they
// give up, so only a direct test sees one give up on the text it is there for. Expected values by
// hand (1 万元 = 10^6 分).
describe('plainFen reads the usual amount text digit by digit', () => {
  it.each([
    ['0', 0],
    ['7', 7_000_000],
    ['10', 10_000_000],
    ['19.9', 19_900_000],
    ['0.05', 50_000],
    ['1.09', 1_090_000],
    ['-12.5', -12_500_000],
    ['0.000001', 1],
    ['123456789', 123_456_789_000_000],
    ['-123456789.5', -123_456_789_500_000],
    ['999999999.999999', 999_999_999_999_999],
  ])('%s → %d 分', (text, fen) => {
    expect(plainFen(text)).toBe(fen);
  });

  it('keeps the sign of "-0", as the regular expression does', () => {
    expect(Object.is(plainFen('-0'), -0)).toBe(true);
    expect(Object.is(plainFen('-0.0'), -0)).toBe(true);
  });

  it.each([
    '',
    '-',
    '+1',
    ' 1',
    '1 ',
    '1.5 ',
    '1.5x',
    '12a',
    '1.2.3',
    '1.-5',
    '1.',
    '.5',
    '1e5',
    '1,5',
    '1234567890',
    '-1234567890',
    '1.1234567',
  ])('leaves %j to the regular expression', (text) => {
    expect(plainFen(text)).toBeUndefined();
  });
});

describe('roundDecimalText rounds plain decimal text half up on its digits', () => {
  it.each([
    ['2.345', 2, '2.35'],
    ['2.344', 2, '2.34'],
    ['-2.345', 2, '-2.35'],
    ['9.995', 2, '10.00'],
    ['12', 2, '12.00'],
    ['+1.25', 1, '1.3'],
    ['0.05', 1, '0.1'],
    ['-0.05', 1, '-0.1'],
    ['-0.001', 2, '0.00'],
    ['0.5', 0, '1'],
    ['0.4', 0, '0'],
    ['7', 0, '7'],
    ['1234567890123.5', 2, '1234567890123.50'],
  ])('%s to %d places → %s', (text, decimals, shown) => {
    expect(roundDecimalText(text, decimals)).toBe(shown);
  });

  it.each([
    ['.5', 2],
    [' 1', 2],
    ['1e3', 2],
    ['1234567890123.5', 3],
  ])('gives %j at %d places to decimal.js', (text, decimals) => {
    expect(roundDecimalText(text, decimals)).toBeNull();
  });
});

describe('formatPoints', () => {
  it('shows points with two decimals, half up, from text or a Decimal', () => {
    expect(formatPoints('9.305')).toBe('9.31');
    expect(formatPoints(new Decimal('9.305'))).toBe('9.31');
    expect(formatPoints(new Decimal('-0.005'))).toBe('-0.01');
    // Text the digit reader gives up on goes through decimal.js.
    expect(formatPoints('.5')).toBe('0.50');
    expect(formatPoints('1234567890123456.5')).toBe('1234567890123456.50');
  });

  it('fenToWan writes a fraction of a 分 exactly, through decimal.js', () => {
    expect(fenToWan(0.5)).toBe('0.0000005');
  });
});
