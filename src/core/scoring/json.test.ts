import { describe, expect, it } from 'vitest';
import { makeDossier } from '../testing/factories.ts';
import { scoreResultToJson, totalDifference } from './json.ts';
import { score } from './score.ts';

describe('totalDifference', () => {
  it('computed − stated, signed, two decimals; null when nothing numeric is stated', () => {
    expect(totalDifference('100.00', '98.9')).toBe('+1.10');
    expect(totalDifference('96.31', '98.9分')).toBe('-2.59');
    expect(totalDifference('98.90', '98.9')).toBe('0.00');
    expect(totalDifference('98.90', null)).toBeNull();
    expect(totalDifference('98.90', '优')).toBeNull();
  });
});

describe('scoreResultToJson', () => {
  it('is plain JSON: rates as text, indicators with target, actual and statedScore', () => {
    const d = makeDossier({ income: { general: { adjustedBudget: '500', actual: '465.4' } } });
    const j = scoreResultToJson(score(d), d);
    const round = JSON.parse(JSON.stringify(j)) as typeof j;
    expect(round).toEqual(j);
    expect(j.execution).toMatchObject({ rate: '93.08', rateText: '93.08%', score: '9.31' });
    expect(j.indicators[1]).toMatchObject({
      id: 'O1',
      target: '≥20次',
      actual: '24次',
      weight: '20.00',
      score: '20.00',
      statedScore: '20.00',
    });
    expect(j.difference).toBeNull();
  });
  it('a not-applicable execution rate is null with 不适用', () => {
    const d = makeDossier({ income: { general: { adjustedBudget: '0', actual: '0' } } });
    expect(scoreResultToJson(score(d)).execution).toMatchObject({
      rate: null,
      rateText: '不适用',
      score: null,
    });
  });
});
