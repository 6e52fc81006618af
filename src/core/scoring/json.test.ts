import { describe, expect, it } from 'vitest';
import { baseDossierInput, makeDossier } from '../testing/factories.ts';
import { scoreResultToJson, totalDifference } from './json.ts';
import { score } from './score.ts';

describe('totalDifference', () => {
  it('computed − stated, signed, two decimals; null when nothing numeric is stated', () => {
    expect(totalDifference('100.00', '98.9')).toBe('+1.10');
    expect(totalDifference('96.31', '98.9分')).toBe('-2.59');
    expect(totalDifference('98.90', '98.9')).toBe('0.00');
    expect(totalDifference('98.90', null)).toBeNull();
    expect(totalDifference('98.90', '优')).toBeNull();
    // A whole stated number and one with two decimals: 100 − 98 = 2, 100 − 98.95 = 1.05.
    expect(totalDifference('100.00', '98')).toBe('+2.00');
    expect(totalDifference('100.00', '98.95')).toBe('+1.05');
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
  it('a project grid keeps its id and name, its rows their target and actual as written', () => {
    const base = baseDossierInput();
    const p1 = base.expenditure!.projects![0]!;
    const indicator = {
      id: 'PQ',
      level1: '产出指标',
      level2: '数量指标',
      name: '项目产出',
      target: '≥10个',
      actual: '8个',
      weight: 50,
      score: 40,
    };
    const d = makeDossier({
      expenditure: { ...base.expenditure!, projects: [{ ...p1, indicators: [indicator] }] },
    });
    const [p] = scoreResultToJson(score(d), d).projects;
    expect(p).toMatchObject({ projectId: 'P1', name: '业务工作经费' });
    expect(p?.indicators[0]).toMatchObject({
      id: 'PQ',
      target: '≥10个',
      actual: '8个',
      statedScore: '40.00',
    });
  });
});
