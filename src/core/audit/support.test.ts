/**
 * The audit helpers, called directly: how a stated figure is read, how statements are grouped and
 * their places described, and how findings are built. Expected texts are written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { NATIONAL_RULESET, NATIONAL_RULESET_INPUT, RuleSetSchema } from '../scoring/ruleset.ts';
import { Decimal } from '../money.ts';
import { auditContext, stated, type Where } from '../testing/audit-context.ts';
import { makeDossier } from '../testing/factories.ts';
import { Statement } from '../dossier/schema.ts';
import {
  allIndicators,
  buildAuditIndex,
  clearAuditCaches,
  conceptLabel,
  conceptLocation,
  defineRule,
  engineScore,
  finding,
  fundsLocation,
  initialBudgetTotal,
  parseStated,
  placeKey,
  placeLabel,
  pts,
  rulesetOf,
  saidAt,
  statedNumber,
  statementGroups,
  statementLocation,
  statementsOf,
  wan,
  wrote,
} from './support.ts';
import type { AuditLocation, RuleMeta } from './types.ts';

/** A parsed statement (schema-validated, as a dossier holds it). */
const statement = (value: string, where: Where, concept = 'score.total' as const) =>
  Statement.parse(stated(concept, value, where));

describe('parseStated reads the number a report wrote', () => {
  const cases: readonly [string, string, number][] = [
    ['12.5', '12.5', 1],
    ['７３．０６万元', '73.06', 2],
    ['约 1,234.50 万元', '1234.5', 2],
    ['增长 3 8 %', '38', 0],
    ['降低－2.40%', '-2.4', 2],
    ['−7', '-7', 0],
    ['+3.250', '3.25', 3],
    ['第 12 项', '12', 0],
    ['0.05分', '0.05', 2],
  ];
  it.each(cases)('%s → %s with %i decimals', (text, value, decimals) => {
    const n = parseStated(text);
    expect(n?.value.toFixed()).toBe(value);
    expect(n?.decimals).toBe(decimals);
    expect(n?.text).toBe(text);
  });

  it.each(['无', '—', '-', '－', '–', ' 无 '])('"%s" alone means zero', (text) => {
    const n = parseStated(text);
    expect(n?.value.toFixed()).toBe('0');
    expect(n?.decimals).toBe(0);
    expect(n?.text).toBe(text);
  });

  it.each(['无变化', '——', '良好', '', '百分之五', '上年-本年 5'])('"%s" holds no number', (text) =>
    expect(parseStated(text)).toBeNull(),
  );

  it('a full stop between digits is a decimal point only before a digit', () => {
    expect(parseStated('8．5')?.value.toFixed()).toBe('8.5');
    expect(parseStated('8．')?.decimals).toBe(0);
  });

  it('the same text read twice gives the same figure', () => {
    const first = parseStated('61.57%');
    expect(parseStated('61.57%')).toBe(first);
    expect(first?.value.toFixed()).toBe('61.57');
  });

  it('statedNumber reads a statement’s value', () => {
    expect(statedNumber(statement('91.5分', { section: '六' }))?.value.toFixed()).toBe('91.5');
  });
});

describe('statementsOf / buildAuditIndex group statements by concept and scope', () => {
  const ctx = auditContext({
    statements: [
      stated('staffing.authorizedAdministrative', '15', { section: '一' }),
      stated('project.actual', '100', { section: '三' }, 'P1'),
      stated('project.actual', '99', { section: '四' }, 'P1'),
      stated('project.actual', '7', { section: '四' }, 'P2'),
      stated('score.total', '100', { section: '六' }),
    ],
  });

  it('unscoped lookups see only unscoped statements', () => {
    expect(statementsOf(ctx, 'project.actual')).toEqual([]);
    expect(statementsOf(ctx, 'score.total').map((s) => s.value)).toEqual(['100']);
  });

  it('scoped lookups see that scope, in dossier order', () => {
    expect(statementsOf(ctx, 'project.actual', 'P1').map((s) => s.value)).toEqual(['100', '99']);
    expect(statementsOf(ctx, 'project.actual', 'P2').map((s) => s.value)).toEqual(['7']);
  });

  it('a concept and a scope never run together into another concept', () => {
    expect(statementsOf(ctx, 'staffing.authorized', 'Administrative')).toEqual([]);
    expect(statementsOf(ctx, 'staffing.authorizedAdministrative')).toHaveLength(1);
  });

  it('an absent concept is an empty list', () => {
    expect(statementsOf(ctx, 'budget.decrease')).toEqual([]);
    expect(statementsOf(ctx, 'project.actual', 'P9')).toEqual([]);
  });

  it('statementGroups lists every group once', () => {
    const groups = [...statementGroups(ctx)].map((g) => g.map((s) => s.value));
    expect(groups).toEqual([['15'], ['100', '99'], ['7'], ['100']]);
  });

  it('the index given in the context is the one read', () => {
    const other = buildAuditIndex(ctx.dossier.statements.slice(0, 1));
    const withIndex = { ...ctx, index: other };
    expect(statementsOf(withIndex, 'score.total')).toEqual([]);
    expect(statementsOf(withIndex, 'staffing.authorizedAdministrative')).toHaveLength(1);
  });

  it('an index is built once per statement list; no list gives an empty index', () => {
    const list = ctx.dossier.statements;
    expect(buildAuditIndex(list)).toBe(buildAuditIndex(list));
    expect(buildAuditIndex().groups.length).toBe(0);
  });
});

describe('placeKey: same place when section, annex and table agree', () => {
  it('row and column do not count; each of section, annex and table does', () => {
    const a = placeKey({ section: '二', annex: 1, table: '表', row: 'x', column: 'y' });
    expect(placeKey({ section: '二', annex: 1, table: '表' })).toBe(a);
    expect(placeKey({ section: '三', annex: 1, table: '表' })).not.toBe(a);
    expect(placeKey({ section: '二', annex: 2, table: '表' })).not.toBe(a);
    expect(placeKey({ section: '二', annex: 1, table: '另表' })).not.toBe(a);
  });

  it('a field left out is not a field written in another slot', () => {
    expect(placeKey({ section: '表' })).not.toBe(placeKey({ table: '表' }));
    expect(placeKey({})).toBe(placeKey({}));
    expect(placeKey({ section: '二' })).not.toBe(placeKey({}));
  });
});

describe('placeLabel and wrote describe a place in words', () => {
  const cases: readonly [AuditLocation, string, string][] = [
    [{ section: '二（一）' }, '二（一）', '二（一）写'],
    [{ section: '六 1' }, '六 1', '六 1 写'],
    [{ section: '第3' }, '第3', '第3 写'],
    [{ section: '第0' }, '第0', '第0 写'],
    [{ section: '第9' }, '第9', '第9 写'],
    [{ section: '表a' }, '表a', '表a 写'],
    [{ section: '表z' }, '表z', '表z 写'],
    [{ section: '表A' }, '表A', '表A 写'],
    [{ section: '表Z' }, '表Z', '表Z 写'],
    [{ section: '3、收入' }, '3、收入', '3、收入写'],
    [{ section: 'a-' }, 'a-', 'a-写'],
    [{ annex: 1 }, '附件1', '附件1 写'],
    [{ section: '五', annex: 2, table: '自评表' }, '五 附件2', '五 附件2 写'],
    [{ table: '经费表' }, '经费表', '经费表写'],
    [
      { path: 'income.general.actual' },
      '档案 income.general.actual',
      '档案 income.general.actual 写',
    ],
    [
      { concept: 'expenditure.basic.actual' },
      '档案 expenditure.basic.actual',
      '档案 expenditure.basic.actual 写',
    ],
    [{ page: 4 }, '第4页', '第4页写'],
    [{}, '报告', '报告写'],
  ];
  it.each(cases)('%o → "%s", "%s"', (where, label, wroteText) => {
    expect(placeLabel(where)).toBe(label);
    expect(wrote(where)).toBe(wroteText);
  });

  it('in English', () => {
    expect(placeLabel({ section: '二', annex: 3 }, 'en')).toBe('二 annex 3');
    expect(placeLabel({ table: 'T' }, 'en')).toBe('T');
    expect(placeLabel({ path: 'goal' }, 'en')).toBe('dossier goal');
    expect(placeLabel({ concept: 'score.total' }, 'en')).toBe('dossier score.total');
    expect(placeLabel({ page: 2 }, 'en')).toBe('page 2');
    expect(placeLabel({}, 'en')).toBe('report');
  });

  it('row and column only with detail', () => {
    const w: AuditLocation = { annex: 1, row: '三公经费', column: '决算数' };
    expect(placeLabel(w)).toBe('附件1');
    expect(placeLabel(w, 'zh', true)).toBe('附件1 “三公经费”行 “决算数”列');
    expect(placeLabel(w, 'en', true)).toBe('annex 1 row "三公经费" column "决算数"');
    expect(placeLabel({ row: 'r' }, 'zh', true)).toBe('“r”行');
    expect(placeLabel({ column: 'c' }, 'en', true)).toBe('column "c"');
  });

  it('the table is named only when no annex is', () => {
    expect(placeLabel({ annex: 2, table: '自评表' })).toBe('附件2');
    expect(placeLabel({ section: '四', table: '自评表' })).toBe('四 自评表');
  });

  it('a path, a concept or a page only when nothing else places it, in that order', () => {
    expect(placeLabel({ section: '一', path: 'goal', page: 3 })).toBe('一');
    expect(placeLabel({ path: 'goal', concept: 'score.total', page: 3 })).toBe('档案 goal');
    expect(placeLabel({ concept: 'score.total', page: 3 })).toBe('档案 score.total');
    expect(placeLabel({ row: 'r', page: 3 })).toBe('第3页');
    expect(placeLabel({ row: 'r', page: 3 }, 'zh', true)).toBe('“r”行');
  });
});

describe('statementLocation', () => {
  it('copies every place field that is set, and only those', () => {
    const full: Where = {
      section: '二',
      annex: 1,
      table: '表',
      row: '行',
      column: '列',
      page: 3,
      line: 7,
      quote: '原文',
      sheet: 'Sheet1',
      cell: 'B2',
    };
    const { sheet: _s, cell: _c, ...expected } = full;
    expect(statementLocation(statement('1', full))).toEqual(expected);
    expect(Object.keys(statementLocation(statement('1', {})))).toEqual([]);
    expect(statementLocation(statement('1', { page: 9 }))).toEqual({ page: 9 });
  });

  it('is a new object, not the statement’s own place', () => {
    const s = statement('2', { section: '一' });
    expect(statementLocation(s)).not.toBe(s.where);
    expect(statementLocation(s)).toEqual(statementLocation(s));
  });
});

describe('display helpers', () => {
  it('wan: 万元 with two decimals, half up', () => {
    expect(wan('3.005')).toBe('3.01');
    expect(wan(new Decimal('-1.2'))).toBe('-1.20');
  });
  it('pts: points with two decimals', () => expect(pts(new Decimal('9.315'))).toBe('9.32'));
  it('conceptLabel: Chinese unless asked otherwise', () => {
    expect(conceptLabel('expenditure.basic.actual')).toBe('基本支出全年执行数（决算数）');
    expect(conceptLabel('expenditure.basic.actual', 'en')).not.toBe(
      conceptLabel('expenditure.basic.actual'),
    );
  });
});

const META: RuleMeta = {
  code: 'TEST-RULE',
  severity: 'warning',
  family: 'practice',
  title: { zh: '测试规则', en: 'Test rule' },
  source: '测试',
  example: '例',
};

describe('finding and defineRule', () => {
  const message = { zh: '甲', en: 'A' };
  it('takes code, family and title from the rule, severity unless given', () => {
    const f = finding(META, { message, values: { a: '1' }, locations: [{ path: 'goal' }] });
    expect(f).toEqual({
      code: 'TEST-RULE',
      severity: 'warning',
      family: 'practice',
      title: META.title,
      message,
      values: { a: '1' },
      locations: [{ path: 'goal' }],
    });
    expect('indicatorId' in f || 'scope' in f).toBe(false);
  });
  it('a given severity, indicator and scope are kept', () => {
    const f = finding(META, {
      message,
      values: {},
      locations: [],
      severity: 'info',
      indicatorId: 'O1',
      scope: 'P1',
    });
    expect(f.severity).toBe('info');
    expect(f.indicatorId).toBe('O1');
    expect(f.scope).toBe('P1');
  });
  it('defineRule passes the context and the rule’s own metadata to the check', () => {
    const ctx = auditContext();
    const rule = defineRule(META, (c, meta) => [
      finding(meta, { message: { zh: c.dossier.unit.name, en: '' }, values: {}, locations: [] }),
    ]);
    expect(rule.code).toBe('TEST-RULE');
    expect(rule.severity).toBe('warning');
    expect(rule.check(ctx).map((f) => [f.code, f.message.zh])).toEqual([
      ['TEST-RULE', '测试市测试局'],
    ]);
  });
});

describe('saidAt lists each statement with its place', () => {
  const a = statement('404.92', { section: '二（一）' });
  const b = statement('404.93', { section: '六 1' });
  const aAgain = statement('404.92', { section: '二（一）', row: '另一行' });
  const withUnit = statement('5万元', { annex: 1 });

  it('in Chinese, joined by ，, a repeated place and value once', () => {
    expect(saidAt([a, b, aAgain])).toBe('二（一）写 404.92，六 1 写 404.93');
  });
  it('the unit is added unless the value ends with it', () => {
    expect(saidAt([a, withUnit], '万元')).toBe('二（一）写 404.92 万元，附件1 写 5万元');
  });
  it('in English, joined by ;', () => {
    expect(saidAt([a, b], '', 'en')).toBe('二（一） says 404.92; 六 1 says 404.93');
    expect(saidAt([a, withUnit], '万元', 'en')).toBe(
      '二（一） says 404.92 万元; annex 1 says 5万元',
    );
  });
  it('the same value at another place is listed again', () => {
    const elsewhere = statement('404.92', { section: '三' });
    expect(saidAt([a, elsewhere])).toBe('二（一）写 404.92，三写 404.92');
  });
  it('nothing stated: empty', () => expect(saidAt([])).toBe(''));
});

describe('allIndicators', () => {
  it('unit indicators first, then each project grid with its path and scope', () => {
    const base = makeDossier().expenditure;
    const one = {
      id: 'Q1',
      level1: '产出指标',
      level2: '数量指标',
      name: '项目指标',
      target: '≥1个',
      actual: '1个',
      weight: 5,
    };
    const ctx = auditContext({
      indicators: [{ ...one, id: 'U1' }],
      expenditure: {
        personnel: { actual: '1' },
        projects: [
          { id: 'PA', name: '甲', money: { actual: '1' }, indicators: [one] },
          { id: 'PB', name: '乙', money: { actual: '1' }, indicators: [one, { ...one, id: 'Q2' }] },
        ],
      },
    });
    expect(base.projects).toHaveLength(1);
    expect(allIndicators(ctx).map(({ ind, path, scope }) => [ind.id, path, scope])).toEqual([
      ['U1', 'indicators[0]', undefined],
      ['Q1', 'expenditure.projects[0].indicators[0]', 'PA'],
      ['Q1', 'expenditure.projects[1].indicators[0]', 'PB'],
      ['Q2', 'expenditure.projects[1].indicators[1]', 'PB'],
    ]);
  });
});

describe('engineScore', () => {
  it('finds an indicator by scope and id; none without a score', () => {
    const one = {
      id: 'O1',
      level1: '产出指标',
      level2: '数量指标',
      name: '项目同名指标',
      target: '≥10个',
      actual: '5个',
      weight: 10,
    };
    const patch = {
      expenditure: {
        ...makeDossier().expenditure,
        projects: [{ id: 'P1', name: '甲', money: { actual: '1' }, indicators: [one] }],
      },
    };
    const scored = auditContext(patch, { scored: true });
    // Unit O1: ≥20 次, actual 24 → full 20; project O1: ≥10 个, actual 5 → 10 × 5 ÷ 10 = 5.
    expect(engineScore(scored, 'O1', undefined)?.computed).toBe('20.00');
    expect(engineScore(scored, 'O1', 'P1')?.computed).toBe('5.00');
    expect(engineScore(scored, 'O1', 'P2')).toBeUndefined();
    expect(engineScore(scored, 'X9', undefined)).toBeUndefined();
    expect(engineScore(scored, 'O1', 'P1')).toBe(engineScore(scored, 'O1', 'P1'));
    expect(engineScore(auditContext(patch), 'O1', undefined)).toBeUndefined();
  });
});

describe('rulesetOf, conceptLocation, fundsLocation', () => {
  it('the national rule set unless the context gives one', () => {
    const other = RuleSetSchema.parse({ ...NATIONAL_RULESET_INPUT, name: 'other' });
    expect(rulesetOf(auditContext())).toBe(NATIONAL_RULESET);
    expect(rulesetOf(auditContext({}, { ruleset: other })).name).toBe('other');
  });
  it('a stored concept by its JSON path, a sum by its key', () => {
    const ctx = auditContext();
    expect(conceptLocation(ctx, 'expenditure.personnel.actual')).toEqual({
      path: 'expenditure.personnel.actual',
    });
    expect(conceptLocation(ctx, 'expenditure.basic.actual')).toEqual({
      concept: 'expenditure.basic.actual',
    });
    expect(conceptLocation(ctx, 'project.actual', 'P1')).toEqual({
      path: 'expenditure.projects[0].money.actual',
    });
  });
  it('funds from income when income is filled, else from expenditure', () => {
    expect(fundsLocation(auditContext(), 'actual')).toEqual({ concept: 'income.total.actual' });
    expect(fundsLocation(auditContext({ income: {} }), 'initialBudget')).toEqual({
      concept: 'expenditure.total.initialBudget',
    });
  });
});

describe('initialBudgetTotal', () => {
  it('the structured funds’ 年初预算数 when filled (income 500)', () => {
    expect(initialBudgetTotal(auditContext())).toEqual({
      value: '500',
      loc: { concept: 'income.total.initialBudget' },
    });
  });
  it('else the first stated figure that reads as a number', () => {
    const ctx = auditContext({
      income: { general: { adjustedBudget: '600', actual: '580' } },
      expenditure: { projects: [] },
      statements: [
        stated('income.total.initialBudget', '未列示', { section: '一' }),
        stated('income.total.initialBudget', '612.40', { annex: 1, row: '收入合计' }),
        stated('income.total.initialBudget', '700', { section: '三' }),
      ],
    });
    expect(initialBudgetTotal(ctx)).toEqual({
      value: '612.4',
      loc: { annex: 1, row: '收入合计' },
    });
  });
  it('unknown when neither is there', () => {
    const ctx = auditContext({
      income: { general: { adjustedBudget: '600', actual: '580' } },
      expenditure: { projects: [] },
    });
    expect(initialBudgetTotal(ctx)).toBeUndefined();
  });
});

describe('clearAuditCaches', () => {
  it('forgets kept results: the same text and statements are read again, to equal values', () => {
    const s = statement('12.50', { section: '二' });
    const n = parseStated('12.50');
    const list = [s];
    const index = buildAuditIndex(list);
    expect(buildAuditIndex(list)).toBe(index);
    expect(parseStated('12.50'), 'kept before clearing').toBe(n);
    clearAuditCaches();
    const again = parseStated('12.50');
    expect(again).not.toBe(n);
    expect(again?.value.toFixed()).toBe('12.5');
    expect(again?.decimals).toBe(2);
    expect(buildAuditIndex(list)).not.toBe(index);
  });
});
