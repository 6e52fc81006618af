import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/audit/index.ts';
import { Dossier } from '../core/dossier/schema.ts';
import {
  assignFindings,
  dec2,
  figureValues,
  findingMatches,
  matchIndicators,
  nameSimilarity,
  numbersIn,
} from './corpus-match.ts';

const finding = (values: Record<string, string>, zh: string): Finding => ({
  code: 'X',
  severity: 'error',
  family: 'arithmetic',
  title: { zh: '', en: '' },
  message: { zh, en: '' },
  values,
  locations: [],
});

describe('corpus measurement matchers', () => {
  it('reads numbers at two places and leaves years out', () => {
    expect(dec2('1,172.5')).toBe('1172.50');
    expect(dec2('８８.５%')).toBe('88.50');
    expect([...numbersIn('2021年 收入 12.3 + 4 = 16.30，不是 17')]).toEqual([
      '12.30',
      '4.00',
      '16.30',
      '17.00',
    ]);
  });

  it('matches a finding by two figures of the evidence, not by one', () => {
    const inc = { what: '', evidence: '收入 12.3 + 4 = 16.3，支出 17', severity: 'hard' as const };
    expect(findingMatches(finding({ a: '16.30', b: '17.00' }, ''), inc)).toBe(true);
    expect(findingMatches(finding({ a: '16.30' }, '合计 99.00'), inc)).toBe(false);
    expect(findingMatches(finding({}, '分项之和 16.30 万元，合计 17.00 万元'), inc)).toBe(true);
  });

  it('counts one finding for one inconsistency, the one naming most figures first', () => {
    const a = { what: 'a', evidence: '12.3 and 16.3 and 17', severity: 'hard' as const };
    const b = { what: 'b', evidence: '16.3 against 17', severity: 'soft' as const };
    const wide = finding({ x: '12.30', y: '16.30', z: '17.00' }, '');
    expect(assignFindings([a, b], [wide], () => true)).toEqual([wide, undefined]);
    const narrow = finding({ y: '16.30', z: '17.00' }, '');
    expect(assignFindings([a, b], [narrow, wide], () => true)).toEqual([wide, narrow]);
    expect(assignFindings([a], [wide], () => false)).toEqual([undefined]);
  });

  it('matches indicator names fuzzily, then compares weight and score', () => {
    expect(nameSimilarity('指标1：道路清扫面积', '道路清扫面积（万平方米）')).toBe(1);
    // 4 bigrams each, 2 in common (培训, 训人): Dice = 2·2/(4+4) = 0.5.
    expect(nameSimilarity('培训人次数', '培训人员数')).toBe(0.5);
    const ind = (name: string, weight: string, score?: string) =>
      ({
        id: name,
        level1: 'a',
        level2: 'b',
        name,
        target: { kind: 'text', text: 'x' },
        weight,
        ...(score ? { score } : {}),
      }) as never;
    const m = matchIndicators(
      [
        { name: '道路清扫面积', weight: 10, score: 9 },
        { name: '群众满意度', weight: 10, score: null },
        { name: '完全无关', weight: 5, score: 5 },
      ],
      [ind('道路清扫面积（万平方米）', '10', '8'), ind('群众满意度', '10', '10')],
    );
    expect(m.map((x) => [x.found?.name ?? null, x.right])).toEqual([
      ['道路清扫面积（万平方米）', false],
      ['群众满意度', true],
      [null, false],
    ]);
  });

  it('finds a key figure among the statements of its concepts and in the project block', () => {
    const d = Dossier.parse({
      year: 2022,
      unit: { name: '某单位' },
      expenditure: { projects: [{ id: 'p1', name: '项目', money: { adjustedBudget: '50.5' } }] },
      statements: [
        { concept: 'project.actual', value: '48.25万元', scope: 'p1', where: {} },
        { concept: 'score.total', value: '92', where: {} },
      ],
    });
    expect(figureValues(d, 'budget_total')).toEqual(['50.50']);
    expect(figureValues(d, 'actual_total')).toEqual(['48.25']);
    expect(figureValues(d, 'self_score')).toEqual(['92.00']);
    expect(figureValues(d, 'personnel')).toEqual([]);
  });
});
