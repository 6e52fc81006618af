/**
 * CROSS-STATEMENTS-DIFFER and CROSS-STATED-VS-DATA called on their own, on the base factory
 * dossier (src/core/testing/factories.ts) with only the statements replaced. Hand arithmetic on
 * its data: 基本支出 = 人员经费 320 + 公用经费 80 = 400 (a sum, stored nowhere); project P1
 * “业务工作经费” executed 100; staff in post 19; “三公” 3.5 + 0.8 = 4.3.
 */
import { describe, expect, it } from 'vitest';
import type { ConceptKey } from '../concepts/index.ts';
import type { DossierInput } from '../dossier/schema.ts';
import { contextOf } from '../testing/audit-context.ts';
import {
  CROSS_RULES,
  checkStatedVsData,
  checkStatementsDiffer,
  dataValueOf,
} from './rules-cross.ts';
import type { Finding, RuleMeta } from './types.ts';

type Where = NonNullable<DossierInput['statements']>[number]['where'];

const rule = (code: string): RuleMeta => {
  const r = CROSS_RULES.find((x) => x.code === code);
  if (!r) throw new Error(`no rule ${code}`);
  return r;
};
const DIFFER = rule('CROSS-STATEMENTS-DIFFER');
const VS_DATA = rule('CROSS-STATED-VS-DATA');

const S1: Where = { section: '二（一）' };
const S6: Where = { section: '六 1' };
const A1: Where = { annex: 1, table: '经费控制情况', row: '基本支出', column: '决算数' };

/** A statement list: [concept, value, where?, scope?]. */
type St = [ConceptKey, string, Where?, string?];
const statements = (list: St[]) =>
  list.map(([concept, value, where = S1, scope]) => ({
    concept,
    value,
    where,
    ...(scope !== undefined ? { scope } : {}),
  }));
const ctxWith = (list: St[], patch: Partial<DossierInput> = {}) =>
  contextOf({ ...patch, statements: statements(list) }, { unscored: true });

const differ = (list: St[], patch?: Partial<DossierInput>): Finding[] =>
  checkStatementsDiffer(ctxWith(list, patch), DIFFER);
const vsData = (list: St[], patch?: Partial<DossierInput>): Finding[] =>
  checkStatedVsData(ctxWith(list, patch), VS_DATA);

describe('dataValueOf: the dossier value a stated figure is compared with', () => {
  const ctx = ctxWith([]);
  it('a stored amount has its JSON path; a sum of parts has its concept and 分项合计', () => {
    expect(dataValueOf(ctx, 'expenditure.personnel.actual')).toEqual({
      value: '320',
      location: { path: 'expenditure.personnel.actual' },
      where: { zh: 'expenditure.personnel.actual', en: 'expenditure.personnel.actual' },
    });
    expect(dataValueOf(ctx, 'expenditure.basic.actual')).toEqual({
      value: '400',
      location: { concept: 'expenditure.basic.actual' },
      where: { zh: '分项合计', en: 'sum of its parts' },
    });
    // 3.5 + 0.8 = 4.3.
    expect(dataValueOf(ctx, 'threePublic.total.actual')?.value).toBe('4.3');
  });
  it('a count is compared; rates, formulas and scores are not', () => {
    expect(dataValueOf(ctx, 'staffing.actual')?.value).toBe('19');
    expect(dataValueOf(ctx, 'execution.rate')).toBeUndefined(); // rate
    expect(dataValueOf(ctx, 'budget.decrease')).toBeUndefined(); // an amount by formula
    expect(dataValueOf(ctx, 'score.total')).toBeUndefined(); // a score
    // Scores stored in the dossier are the scoring rules' to compare.
    expect(dataValueOf(ctx, 'indicator.score', 'O1')).toBeUndefined();
  });
  it('a project concept needs its project; an unscoped concept takes no scope', () => {
    expect(dataValueOf(ctx, 'project.actual', 'P1')).toEqual({
      value: '100',
      location: { path: 'expenditure.projects[0].money.actual' },
      where: {
        zh: 'expenditure.projects[0].money.actual',
        en: 'expenditure.projects[0].money.actual',
      },
    });
    expect(dataValueOf(ctx, 'project.actual')).toBeUndefined();
    expect(dataValueOf(ctx, 'expenditure.personnel.actual', 'P1')).toBeUndefined();
  });
  it('a value the dossier does not hold is undefined', () => {
    expect(dataValueOf(ctx, 'project.actual', 'P9')).toBeUndefined();
    expect(dataValueOf(ctxWith([], { assets: {} }), 'assets.yearEnd')).toBeUndefined();
  });
});

describe('CROSS-STATEMENTS-DIFFER: the same figure stated with different values', () => {
  it.each([
    // [label, first, second, severity or undefined when silent]
    ['equal amounts', '404.92', '404.92', undefined],
    ['equal amounts written differently', '404.92', '404.920万元', undefined],
    ['0.01 apart: a rounding note', '404.92', '404.93', 'info'],
    ['0.01 apart, the other way', '404.93', '404.92', 'info'],
    ['0.02 apart: an error', '404.92', '404.94', 'error'],
    ['far apart', '404.92', '459.17', 'error'],
    ['far apart, larger first', '459.17', '404.92', 'error'],
    ['at another precision: amounts are not rounded', '404.9', '404.92', 'error'],
    ['a number against text that holds none', '404.92', '见附表', 'error'],
  ] as const)('基本支出 %s: %s and %s', (_label, a, b, severity) => {
    const found = differ([
      ['expenditure.basic.actual', a, S1],
      ['expenditure.basic.actual', b, S6],
    ]);
    expect(found.map((f) => f.severity)).toEqual(severity ? [severity] : []);
  });

  it('names both statements and the sum of parts, with 万元 after each amount', () => {
    const [f, ...rest] = differ([
      ['expenditure.basic.actual', '404.92', S1],
      ['expenditure.basic.actual', '404.93万元', S6],
      ['expenditure.basic.actual', '459.17', A1],
    ]);
    expect(rest).toEqual([]);
    // 459.17 − 404.92 = 54.25 > 0.01: an error.
    expect(f?.severity).toBe('error');
    expect(f?.code).toBe('CROSS-STATEMENTS-DIFFER');
    expect(f?.message.zh).toBe(
      '基本支出全年执行数（决算数）：二（一）写 404.92 万元，六 1 写 404.93万元，' +
        '附件1 写 459.17 万元；档案数据为 400.00 万元（分项合计）。',
    );
    expect(f?.message.en).toBe(
      'expenditure basic actual: 二（一） says 404.92 万元; 六 1 says 404.93万元; ' +
        'annex 1 says 459.17 万元; the dossier has 400 (sum of its parts).',
    );
    expect(f?.values).toEqual({
      '二（一）#1': '404.92',
      '六 1#2': '404.93万元',
      '附件1#3': '459.17',
      dossier: '400.00',
    });
    expect(f?.locations).toEqual([
      { section: '二（一）' },
      { section: '六 1' },
      { annex: 1, table: '经费控制情况', row: '基本支出', column: '决算数' },
      { concept: 'expenditure.basic.actual' },
    ]);
    expect(f?.scope).toBeUndefined();
  });

  it('three amounts within 0.01 of each other (404.92, 404.925, 404.93) are a note', () => {
    const found = differ([
      ['expenditure.basic.actual', '404.92', S1],
      ['expenditure.basic.actual', '404.925', S6],
      ['expenditure.basic.actual', '404.93', A1],
    ]);
    expect(found.map((f) => f.severity)).toEqual(['info']);
  });

  it('a stored figure is named by its JSON path', () => {
    const [f] = differ([
      ['expenditure.personnel.actual', '320', S1],
      ['expenditure.personnel.actual', '321', S6],
    ]);
    expect(f?.message.zh).toBe(
      '人员经费全年执行数（决算数）：二（一）写 320 万元，六 1 写 321 万元；' +
        '档案数据为 320.00 万元（expenditure.personnel.actual）。',
    );
    expect(f?.locations.at(-1)).toEqual({ path: 'expenditure.personnel.actual' });
  });

  it('a single statement, or statements of different concepts, are not compared', () => {
    expect(differ([['expenditure.basic.actual', '404.92', S1]])).toEqual([]);
    expect(
      differ([
        ['expenditure.basic.actual', '404.92', S1],
        ['expenditure.personnel.actual', '320', S6],
      ]),
    ).toEqual([]);
  });

  it.each([
    // Rates agree at the coarser of the two precisions, rounding half up.
    ['84.8%', '84.83%', undefined],
    ['84.83%', '84.8%', undefined],
    ['84.85%', '84.9%', undefined],
    ['84.8%', '84.86%', 'error'],
    ['84.8%', '84.75%', undefined],
    ['84.8%', '84.74%', 'error'],
    ['84.80%', '84.83%', 'error'],
  ] as const)('execution rates %s and %s', (a, b, severity) => {
    const found = differ([
      ['execution.rate', a, S1],
      ['execution.rate', b, S6],
    ]);
    expect(found.map((f) => f.severity)).toEqual(severity ? [severity] : []);
  });

  it('rates 0.01 apart are an error, not a rounding note; no dossier value is shown', () => {
    const [f] = differ([
      ['execution.rate', '84.81%', S1],
      ['execution.rate', '84.82%', S6],
    ]);
    expect(f?.severity).toBe('error');
    expect(f?.message.zh).toBe('预算执行率：二（一）写 84.81%，六 1 写 84.82%。');
    expect(f?.message.en).toBe('budget execution rate: 二（一） says 84.81%; 六 1 says 84.82%.');
    expect(f?.values).toEqual({ '二（一）#1': '84.81%', '六 1#2': '84.82%' });
    expect(f?.locations).toEqual([{ section: '二（一）' }, { section: '六 1' }]);
  });

  it('scores are written with 分; grades compare as text, spaces ignored', () => {
    const [f] = differ([
      ['score.total', '98.9', S1],
      ['score.total', '98.90分', S6],
      ['score.total', '97', A1],
    ]);
    expect(f?.message.zh).toBe('自评总分：二（一）写 98.9 分，六 1 写 98.90分，附件1 写 97 分。');
    expect(f?.severity).toBe('error');
    for (const [a, b] of [
      ['优 秀', '优秀'],
      ['优秀', '优 秀'],
    ] as const)
      expect(
        differ([
          ['score.grade', a, S1],
          ['score.grade', b, S6],
        ]),
      ).toEqual([]);
    const [g] = differ([
      ['score.grade', '优', S1],
      ['score.grade', '良', S6],
    ]);
    expect([g?.severity, g?.message.zh]).toEqual([
      'error',
      '自评等级：二（一）写 优，六 1 写 良。',
    ]);
  });

  it('a count: 19 in post, stated 20 and 21, shows the dossier count as it is', () => {
    const [f] = differ([
      ['staffing.actual', '20', S1],
      ['staffing.actual', '21', S6],
    ]);
    expect(f?.severity).toBe('error');
    expect(f?.message.zh).toBe(
      '实际在职人数：二（一）写 20，六 1 写 21；档案数据为 19（unit.staffing.actual）。',
    );
    expect(f?.values.dossier).toBe('19');
  });

  it('a project figure carries its scope and names the project', () => {
    const [f] = differ([
      ['project.actual', '100', S1, 'P1'],
      ['project.actual', '100.5', S6, 'P1'],
    ]);
    expect(f?.scope).toBe('P1');
    expect(f?.message.zh).toBe(
      '项目全年执行数（决算数）（业务工作经费）：二（一）写 100 万元，六 1 写 100.5 万元；' +
        '档案数据为 100.00 万元（expenditure.projects[0].money.actual）。',
    );
    expect(f?.message.en).toBe(
      'project actual (P1): 二（一） says 100 万元; 六 1 says 100.5 万元; ' +
        'the dossier has 100 (expenditure.projects[0].money.actual).',
    );
    // A project the dossier does not have is named by the scope as written.
    const [g] = differ([
      ['project.actual', '7', S1, 'P9'],
      ['project.actual', '8', S6, 'P9'],
    ]);
    expect(g?.message.zh).toBe(
      '项目全年执行数（决算数）（P9）：二（一）写 7 万元，六 1 写 8 万元。',
    );
    expect(g?.values).toEqual({ '二（一）#1': '7', '六 1#2': '8' });
  });
});

describe('CROSS-STATED-VS-DATA: statements that agree, against the dossier', () => {
  it.each([
    // [stated, severity, difference]: 基本支出 400.
    ['400', undefined, undefined],
    ['400.00万元', undefined, undefined],
    ['400.01', 'info', '0.01'],
    ['399.99', 'info', '0.01'],
    ['400.02', 'error', '0.02'],
    ['399.98', 'error', '0.02'],
    ['459.17', 'error', '59.17'],
  ] as const)('基本支出 stated %s', (value, severity, difference) => {
    const found = vsData([['expenditure.basic.actual', value, S1]]);
    expect(found.map((f) => [f.severity, f.values.difference])).toEqual(
      severity ? [[severity, difference]] : [],
    );
  });

  it('names the statements, the sum and the difference', () => {
    const [f, ...rest] = vsData([
      ['expenditure.basic.actual', '404.92', S1],
      ['expenditure.basic.actual', '404.92万元', A1],
    ]);
    expect(rest).toEqual([]);
    expect(f?.code).toBe('CROSS-STATED-VS-DATA');
    expect(f?.message.zh).toBe(
      '基本支出全年执行数（决算数）：二（一）写 404.92 万元，附件1 写 404.92万元；' +
        '档案数据为 400.00 万元（分项合计），相差 4.92。',
    );
    expect(f?.message.en).toBe(
      'expenditure basic actual: 二（一） says 404.92 万元; annex 1 says 404.92万元; ' +
        'the dossier has 400 (sum of its parts).',
    );
    expect(f?.values).toEqual({ stated: '404.92', dossier: '400.00', difference: '4.92' });
    expect(f?.locations).toEqual([
      { section: '二（一）' },
      { annex: 1, table: '经费控制情况', row: '基本支出', column: '决算数' },
      { concept: 'expenditure.basic.actual' },
    ]);
    expect(f?.scope).toBeUndefined();
  });

  it('a count differs by whole persons, and even 0.005 is an error', () => {
    const [f] = vsData([['staffing.actual', '21', S6]]);
    expect(f?.severity).toBe('error');
    expect(f?.message.zh).toBe(
      '实际在职人数：六 1 写 21；档案数据为 19（unit.staffing.actual），相差 2。',
    );
    expect(f?.values).toEqual({ stated: '21', dossier: '19', difference: '2' });
    expect(vsData([['staffing.actual', '19.005', S6]]).map((f) => f.severity)).toEqual(['error']);
  });

  it('a project figure says its scope', () => {
    const [f] = vsData([['project.actual', '98.5', S1, 'P1']]);
    expect(f?.scope).toBe('P1');
    expect(f?.message.zh).toBe(
      '项目全年执行数（决算数）（P1）：二（一）写 98.5 万元；' +
        '档案数据为 100.00 万元（expenditure.projects[0].money.actual），相差 1.50。',
    );
    expect(f?.locations).toEqual([
      { section: '二（一）' },
      { path: 'expenditure.projects[0].money.actual' },
    ]);
  });

  it('is silent where the statements disagree, hold no number, or nothing compares', () => {
    // Disagreeing statements are CROSS-STATEMENTS-DIFFER's.
    expect(
      vsData([
        ['expenditure.basic.actual', '404.92', S1],
        ['expenditure.basic.actual', '404.93', S6],
      ]),
    ).toEqual([]);
    expect(vsData([['expenditure.basic.actual', '见附表', S1]])).toEqual([]);
    expect(vsData([['execution.rate', '50%', S1]])).toEqual([]);
    expect(vsData([['score.total', '12', S1]])).toEqual([]);
    expect(vsData([['project.actual', '5', S1, 'P9']])).toEqual([]);
  });

  it('the first of several agreeing statements is the one compared', () => {
    // "无" reads as 0; 0 against 320 is 320 off.
    const [f] = vsData([
      ['expenditure.personnel.actual', '无', S1],
      ['expenditure.personnel.actual', '无', S6],
    ]);
    expect(f?.values).toEqual({ stated: '无', dossier: '320.00', difference: '320.00' });
  });
});
