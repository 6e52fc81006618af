/**
 * Issue #13: a dossier's bounds, each a located Chinese message that names the limit. Expected
 * texts are written out by hand from DOSSIER_LIMITS (8 integer digits of 万元, 100 points, 500
 * indicators, 20,000 characters); 1e308 written out has 309 integer digits.
 */
import { describe, expect, it } from 'vitest';
import { makeDossier } from '../testing/factories.ts';
import { parseDossierText } from '../../io/load-dossier.ts';
import { enteredValueErrors, validateDossier } from './validate.ts';

type Draft = ReturnType<typeof makeDossier> & Record<string, unknown>;

function enteredErrors(edit: (d: Draft) => void): string[] {
  const d = structuredClone(makeDossier()) as Draft;
  edit(d);
  const v = validateDossier(d, 'zh');
  if (!v.ok) return v.errors.map((e) => `schema: ${e.message}`);
  return enteredValueErrors(v.dossier, 'zh').map((e) => e.message);
}

function errorsOf(edit: (d: Draft) => void): string[] {
  const d = structuredClone(makeDossier()) as Draft;
  edit(d);
  const v = validateDossier(d, 'zh');
  return v.ok ? [] : v.errors.map((e) => e.message);
}

const setWeight = (w: unknown) => (d: Draft) => {
  (d.indicators[0] as Record<string, unknown>).weight = w;
};

describe('dossier bounds', () => {
  it('accepts the factory dossier as it is', () => {
    expect(errorsOf(() => undefined)).toEqual([]);
  });

  it('weights and scores are at most 100 points; a person enters weights above 0', () => {
    expect(errorsOf(setWeight(1e308))).toEqual([
      'indicators[0].weight：分值/得分不能超过 100 分，实际为 10000000000000000000…（309 位整数）',
    ]);
    expect(errorsOf(setWeight(100.5))).toEqual([
      'indicators[0].weight：分值/得分不能超过 100 分，实际为 100.5',
    ]);
    expect(errorsOf(setWeight('100'))).toEqual([]);
    // −5 and 0 are a published report's mistakes the auditor reports; an entry refuses them.
    expect(errorsOf(setWeight(-5))).toEqual([]);
    expect(enteredErrors(setWeight(-5))).toEqual(['indicators[0].weight：分值应大于 0，实际为 -5']);
    expect(enteredErrors(setWeight(0))).toEqual(['indicators[0].weight：分值应大于 0，实际为 0']);
    expect(enteredErrors(setWeight('0.5'))).toEqual([]);
  });

  it('amounts have at most 8 integer digits of 万元; entered budgets are not negative', () => {
    const setActual = (v: unknown) => (d: Draft) => {
      (d.expenditure.personnel as Record<string, unknown>).actual = v;
    };
    expect(errorsOf(setActual('9999999999999.99'))).toEqual([
      'expenditure.personnel.actual：金额超出范围：最多 8 位整数（万元，即小于 1 万亿元），实际为 9999999999999.99',
    ]);
    expect(errorsOf(setActual('99999999.999999'))).toEqual([]);
    expect(errorsOf(setActual('1.1234567'))).toEqual([
      'expenditure.personnel.actual：金额（万元）最多六位小数，实际为 "1.1234567"',
    ]);
    expect(enteredErrors(setActual('-3'))).toEqual([
      'expenditure.personnel.actual：金额不能为负数，实际为 -3',
    ]);
    expect(enteredErrors(setActual('0'))).toEqual([]);
  });

  it('a number beyond a double (1e400 in YAML) is out of range, located at its line', () => {
    const yaml = [
      'year: 2023',
      'unit: { name: 测试局 }',
      'expenditure:',
      '  personnel:',
      '    actual: 1e400',
    ].join('\n');
    const r = parseDossierText(yaml, 'big.yaml', 'zh');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.message, e.where.line])).toEqual([
      ['expenditure.personnel.actual：数值超出可表示的范围（绝对值过大）', 5],
    ]);
  });

  it('counts and text lengths are capped', () => {
    expect(
      errorsOf((d) => {
        const first = d.indicators[0] as Record<string, unknown>;
        d.indicators = Array.from({ length: 501 }, (_, i) => ({ ...first, id: `k${i}` })) as never;
      }),
    ).toEqual(['indicators：绩效指标最多 500 项，实际为 501 项']);
    expect(
      errorsOf((d) => {
        (d as Record<string, unknown>).narrative = { overview: '字'.repeat(20_001) };
      }),
    ).toEqual(['narrative.overview：文字最多 20000 个字符，实际为 20001 个']);
  });
});
