import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { baseDossierInput } from '../../../src/core/testing/factories.ts';
import { forEditor } from './normalise.ts';
import { evaluate, type LiveResult } from './live.ts';
import { fromWire, toWire } from './live-transfer.ts';

describe('a live result across the worker boundary', () => {
  it('cannot be structured-cloned as it is (its rates are Decimals)', () => {
    const live = evaluate(forEditor(baseDossierInput()), { today: '2024-06-01' });
    expect(() => structuredClone(live)).toThrow(/could not be cloned/);
  });

  it('crosses as wire form and comes back equal, Decimals as Decimals', () => {
    const live = evaluate(forEditor(baseDossierInput()), { today: '2024-06-01' });
    const back = fromWire<LiveResult>(structuredClone(toWire(live)));
    expect(back.score?.total).toBe(live.score?.total);
    expect(back.findings).toEqual(live.findings);
    const rate = live.derived?.executionRate;
    const got = back.derived?.executionRate;
    expect(rate?.ok).toBe(true);
    if (!rate?.ok || !got?.ok) throw new Error('execution rate missing');
    expect(Decimal.isDecimal(got.percent)).toBe(true);
    expect(got.percent.toFixed()).toBe(rate.percent.toFixed());
    expect(back.derived?.projectExecution).toBeInstanceOf(Map);
  });

  it('keeps every digit of a Decimal and leaves plain values alone', () => {
    const v = { a: new Decimal('123456789.123456789012345'), b: ['x', 1, null], c: { d: true } };
    const back = fromWire<typeof v>(structuredClone(toWire(v)));
    expect(back.a.toFixed()).toBe('123456789.123456789012345');
    expect(back.b).toEqual(['x', 1, null]);
    expect(back.c).toEqual({ d: true });
  });
});
