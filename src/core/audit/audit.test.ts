import { describe, expect, it } from 'vitest';
import type { ConceptKey } from '../concepts/index.ts';
import { derive } from '../derive.ts';
import { score } from '../scoring/score.ts';
import { NATIONAL_RULESET } from '../scoring/ruleset.ts';
import { baseDossierInput, makeDossier } from '../testing/factories.ts';
import {
  audit,
  auditDossier,
  atLeast,
  countFindings,
  scoreAndAudit,
  sortFindings,
} from './audit.ts';
import { CATALOGUE } from './catalogue.ts';
import { parseStated, saidAt } from './support.ts';
import { FAMILIES, type Finding } from './types.ts';

const st = (concept: ConceptKey, value: string, where: Record<string, unknown>) => ({
  concept,
  value,
  where,
});

describe('parseStated', () => {
  it('reads stated figures with their precision', () => {
    expect(parseStated('84.8%')).toMatchObject({ decimals: 1 });
    expect(parseStated('84.8%')?.value.toFixed()).toBe('84.8');
    expect(parseStated('404.92万元')?.value.toFixed()).toBe('404.92');
    expect(parseStated('１０ 分')?.value.toFixed()).toBe('10');
    expect(parseStated('-0.5')?.value.toFixed()).toBe('-0.5');
    expect(parseStated('无')?.value.toFixed()).toBe('0');
    expect(parseStated('优')).toBeNull();
    expect(parseStated('均完成')).toBeNull();
  });
});

describe('arithmetic tolerance (0.01 万元 per summed item)', () => {
  const basic = (value: string) =>
    auditDossier(
      makeDossier({ statements: [st('expenditure.basic.actual', value, { section: '二（一）' })] }),
    ).filter((f) => f.code === 'ARITH-BASIC-SUM');
  it('a 0.01 difference on a two-part sum is an info rounding note', () => {
    const [f] = basic('400.01');
    expect(f?.severity).toBe('info');
    expect(f?.values).toMatchObject({
      stated: '400.01',
      sum: '400.00',
      difference: '0.01',
      tolerance: '0.02',
    });
  });
  it('beyond the tolerance it is an error naming the parts and where the total was stated', () => {
    const [f] = basic('400.03');
    expect(f?.severity).toBe('error');
    expect(f?.message.zh).toBe(
      '基本支出全年执行数（决算数）：二（一）写 400.03 万元；人员经费 320.00（档案数据） + 公用经费 80.00（档案数据） = 400.00 万元，相差 0.03 万元。',
    );
    expect(f?.locations[0]).toEqual({ section: '二（一）' });
    expect(f?.locations).toContainEqual({ path: 'expenditure.personnel.actual' });
  });
  it('parts stated at the same place are used before the dossier data', () => {
    const d = makeDossier({
      statements: [
        st('expenditure.basic.actual', '404.92', { section: '二（一）' }),
        st('expenditure.personnel.actual', '343.36', { section: '二（一）' }),
        st('expenditure.publicFunds.actual', '61.57', { section: '二（一）' }),
      ],
    });
    const f = auditDossier(d).find((x) => x.code === 'ARITH-BASIC-SUM');
    expect(f?.message.zh).toBe(
      '基本支出全年执行数（决算数）：二（一）写 404.92 万元；人员经费 343.36 + 公用经费 61.57 = 404.93 万元，相差 0.01 万元（在 0.02 万元舍入' +
        '容差内）。',
    );
  });
});

describe('scoreAndAudit (figures derived once for score and audit)', () => {
  const stated = (value: string) =>
    makeDossier({ statements: [st('expenditure.basic.actual', value, { section: '二（一）' })] });
  it('finds what auditDossier finds and scores as score() does', () => {
    const d = stated('400.03');
    const both = scoreAndAudit(d);
    expect(both.findings).toEqual(auditDossier(d));
    expect(both.score).toEqual(score(d));
    // 400.03 stated against 320.00 + 80.00 in the data: 0.03 万元 past a 0.02 tolerance.
    expect(both.findings.find((f) => f.code === 'ARITH-BASIC-SUM')?.values).toMatchObject({
      stated: '400.03',
      sum: '400.00',
      difference: '0.03',
    });
  });
  it('derives under the rule set given: 年初预算数 as the base when the rule set says so', () => {
    const d = stated('400.00');
    const initial = {
      ...NATIONAL_RULESET,
      execution: { ...NATIONAL_RULESET.execution, denominator: 'initialBudget' as const },
    };
    const both = scoreAndAudit(d, { ruleset: initial, today: '2024-03-01' });
    expect(both.score).toEqual(score(d, initial, derive(d, 'initialBudget')));
    expect(both.findings).toEqual(auditDossier(d, { ruleset: initial, today: '2024-03-01' }));
  });
});

describe('cross-statement messages', () => {
  it('name every place and value, and the dossier value', () => {
    const d = makeDossier({
      statements: [
        st('expenditure.basic.actual', '404.92', { section: '二（一）' }),
        st('expenditure.basic.actual', '404.93', { section: '六 1' }),
        st('expenditure.basic.actual', '459.17', { annex: 1 }),
      ],
    });
    const f = auditDossier(d).find((x) => x.code === 'CROSS-STATEMENTS-DIFFER');
    expect(f?.message.zh).toBe(
      '基本支出全年执行数（决算数）：二（一）写 404.92 万元，六 1 写 404.93 万元，附件1 写 459.17 万元；档案数据为 400.00 万元（分项合计）。',
    );
    expect(f?.locations).toHaveLength(4);
  });
  it('treat a 0.01 spread between statements as a rounding note', () => {
    const d = makeDossier({
      statements: [
        st('expenditure.personnel.actual', '320.00', { section: '二（一）' }),
        st('expenditure.personnel.actual', '320.01', { annex: 1 }),
      ],
    });
    expect(auditDossier(d).find((x) => x.code === 'CROSS-STATEMENTS-DIFFER')?.severity).toBe(
      'info',
    );
  });
  it('compare percentages at the coarser precision', () => {
    const d = makeDossier({
      statements: [
        st('expenditure.personnel.share', '80%', { section: '二（一）' }),
        st('expenditure.personnel.share', '80.00%', { annex: 1 }),
      ],
    });
    expect(auditDossier(d).some((x) => x.code === 'CROSS-STATEMENTS-DIFFER')).toBe(false);
  });
});

describe('audit()', () => {
  const noisy = makeDossier({
    filing: { date: '2023-06-01' },
    goal: { expected: '', achieved: '' },
    statements: [
      st('expenditure.basic.actual', '400.01', { section: '二（一）' }),
      st('score.total', '90', { section: '六' }),
    ],
  });
  const findings = auditDossier(noisy, { today: '2024-06-01' });
  it('sorts by severity, then family, then code', () => {
    const rank = (f: Finding) =>
      ['error', 'warning', 'info'].indexOf(f.severity) * 100 + FAMILIES.indexOf(f.family);
    expect(findings.map(rank)).toEqual([...findings.map(rank)].sort((a, b) => a - b));
    expect(sortFindings([...findings].reverse()).map((f) => f.code)).toEqual(
      findings.map((f) => f.code),
    );
    expect(new Set(findings.map((f) => f.severity))).toEqual(new Set(['error', 'warning', 'info']));
  });
  it('counts and filters by severity', () => {
    const n = countFindings(findings);
    expect(n.error + n.warning + n.info).toBe(findings.length);
    expect(atLeast(findings, 'warning')).toHaveLength(n.error + n.warning);
    expect(atLeast(findings, 'error').every((f) => f.severity === 'error')).toBe(true);
  });
  it('is pure: the same context gives the same findings, and the dossier is not changed', () => {
    const before = JSON.stringify(noisy);
    expect(auditDossier(noisy, { today: '2024-06-01' })).toEqual(findings);
    expect(JSON.stringify(noisy)).toBe(before);
  });
  it(
    'runs without an engine score (rules needing it stay silent) ' +
      'and checks 一级 weights against the rule set',
    () => {
      const d = makeDossier();
      const derived = derive(d);
      const without = audit({ dossier: d, derived });
      expect(without.filter((f) => f.severity === 'error')).toEqual([]);
      const ruleset = {
        ...NATIONAL_RULESET,
        name: 'x',
        level1Weights: { department: { 产出指标: '50' } },
      };
      const viaView = audit({ dossier: d, derived, score: score(d, ruleset), ruleset });
      expect(viaView.find((f) => f.code === 'SCORE-LEVEL1-RULESET')?.values).toMatchObject({
        level1: '产出指标',
        weights: '40.00',
        expected: '50.00',
      });
    },
  );
  it('runs every rule of the catalogue on an empty-ish dossier without throwing', () => {
    const bare = makeDossier({
      income: {},
      expenditure: {},
      threePublic: {},
      indicators: [],
      goal: { expected: '', achieved: '' },
      filing: {},
      assets: {},
    });
    for (const r of CATALOGUE)
      expect(() => r.check({ dossier: bare, derived: derive(bare) })).not.toThrow();
  });
  it('saidAt lists each place once', () => {
    const d = makeDossier({
      statements: [
        st('expenditure.projects.initialBudget', '100', { annex: 1, row: 'a' }),
        st('expenditure.projects.initialBudget', '100', { annex: 1, row: 'b' }),
      ],
    });
    expect(saidAt(d.statements, '万元')).toBe('附件1 写 100 万元');
  });
  it('base factory input is unchanged by the tests (shared fixture)', () => {
    expect(baseDossierInput().indicators).toHaveLength(7);
  });
});

describe('an indicator whose 年度指标值 the table left blank', () => {
  const base = baseDossierInput();
  const d = makeDossier({
    indicators: (base.indicators ?? []).map((i) =>
      i.id === 'O1' ? { ...i, target: undefined, actual: '22次', score: 18 } : i,
    ),
  });
  const at = d.indicators.findIndex((i) => i.id === 'O1');
  const findings = auditDossier(d).filter((f) => f.indicatorId === 'O1');

  it('is named as not scorable for the missing target, located at the target', () => {
    const f = findings.find((x) => x.code === 'SCORE-MANUAL-NEEDED');
    expect(f?.message.zh).toContain('年度指标值（目标）未填');
    expect(f?.message.zh).toContain('采用表中所写得分 18.00');
    expect(f?.locations).toEqual([{ path: `indicators[${at}].target` }]);
  });

  it('raises no check that needs a target (operator, unit, measurable actual)', () => {
    const codes = findings.map((x) => x.code);
    for (const c of ['COMPL-TARGET-OPERATOR', 'COMPL-TARGET-UNIT', 'COMPL-ACTUAL-NOT-MEASURABLE'])
      expect(codes).not.toContain(c);
  });
});
