import { describe, expect, it } from 'vitest';
import { Dossier, type DossierInput } from '../dossier/schema.ts';
import { contextOfDossier } from '../testing/audit-context.ts';
import { baseDossierInput, makeDossier } from '../testing/factories.ts';
import { auditDossier } from './audit.ts';
import {
  DOCUMENT_RULES,
  checkCostVsSpent,
  checkExecutionRate,
  checkExecutionScore,
  checkMissing,
  checkPartial,
  checkSpentAboveFunds,
  checkTotalBounds,
  checkWeightTotal,
  checkYuanWan,
} from './rules-document.ts';
import type { Finding, RuleMeta } from './types.ts';

type Row = [
  name: string,
  level2: string,
  target: string,
  actual: string,
  weight: string,
  score?: string,
];

/**
 * A project-level table: one project with its money block and grid, stated as a reader states it.
 */
function projectDoc(opts: {
  money?: { initial?: string; adjusted?: string; actual?: string };
  rate?: string;
  execWeight?: string;
  execScore?: string;
  total?: string;
  rows?: Row[];
  partial?: boolean;
  missing?: string[];
  extra?: DossierInput['statements'];
  /** Leave the money block unstated (the project's data only). */
  unstated?: boolean;
}): Dossier {
  const m = opts.money ?? {};
  const where = (column: string) => ({ row: '年度资金总额', column, line: 4 });
  const st = (concept: string, value: string | undefined, column: string, scope?: string) =>
    value === undefined
      ? []
      : [{ concept, value, where: where(column), ...(scope ? { scope } : {}) }];
  return Dossier.parse({
    year: 2022,
    unit: { name: '某县水务站' },
    document: {
      level: 'project',
      ...(opts.partial ? { partial: true } : {}),
      missing: opts.missing ?? [],
    },
    expenditure: {
      projects: [
        {
          id: 'p1',
          name: '农村饮水维修',
          money: {
            ...(m.initial ? { initialBudget: m.initial } : {}),
            ...(m.adjusted ? { adjustedBudget: m.adjusted } : {}),
            ...(m.actual ? { actual: m.actual } : {}),
          },
          indicators: (opts.rows ?? []).map(([name, level2, target, actual, weight, score], i) => ({
            id: `r${i + 1}`,
            level1: level2.includes('成本') || level2.includes('数量') ? '产出指标' : '效益指标',
            level2,
            name,
            target,
            actual,
            weight,
            ...(score !== undefined ? { score } : {}),
            deviation: '见说明',
          })),
        },
      ],
    },
    statements: [
      ...(opts.unstated
        ? []
        : [
            ...st('project.initialBudget', m.initial, '年初预算数', 'p1'),
            ...st('project.adjustedBudget', m.adjusted, '全年预算数', 'p1'),
            ...st('project.actual', m.actual, '全年执行数', 'p1'),
          ]),
      ...st('execution.rate', opts.rate, '执行率'),
      ...st('execution.weight', opts.execWeight, '分值'),
      ...st('execution.score', opts.execScore, '得分'),
      ...(opts.total ? [{ concept: 'score.total', value: opts.total, where: { line: 30 } }] : []),
      ...(opts.extra ?? []),
    ],
  } as DossierInput);
}

const run = (d: Dossier, code: string): Finding[] =>
  auditDossier(d, { today: '2024-06-01' }).filter((f) => f.code === code);
const sev = (d: Dossier, code: string) => run(d, code).map((f) => f.severity);

describe('DOC-EXECUTION-RATE: a stated rate against 执行数 ÷ 预算数', () => {
  it('36 ÷ 40 = 90%: 90% passes, 95% is an error naming both figures', () => {
    expect(
      sev(
        projectDoc({ money: { adjusted: '40', actual: '36' }, rate: '90%' }),
        'DOC-EXECUTION-RATE',
      ),
    ).toEqual([]);
    const f = run(
      projectDoc({ money: { adjusted: '40', actual: '36' }, rate: '95%' }),
      'DOC-EXECUTION-RATE',
    );
    expect(f.map((x) => [x.severity, x.values.byAdjusted])).toEqual([['error', '90.00%']]);
  });

  it(
    'at the rounding of the stated decimals: 36.02 ÷ 40 = 90.05% is “90.1%”, 36.01 ÷ 40 = ' +
      '90.025% is not',
    () => {
      expect(
        sev(
          projectDoc({ money: { adjusted: '40', actual: '36.02' }, rate: '90.1%' }),
          'DOC-EXECUTION-RATE',
        ),
      ).toEqual([]);
      expect(
        sev(
          projectDoc({ money: { adjusted: '40', actual: '36.01' }, rate: '90.1%' }),
          'DOC-EXECUTION-RATE',
        ),
      ).toEqual(['error']);
    },
  );

  it('says when the rate is taken against the initial budget: 36 ÷ 45 = 80%', () => {
    const f = run(
      projectDoc({ money: { initial: '45', adjusted: '40', actual: '36' }, rate: '80%' }),
      'DOC-EXECUTION-RATE',
    );
    expect(f.map((x) => [x.severity, x.values.byInitial])).toEqual([['info', '80.00%']]);
    expect(f[0]?.message.zh).toContain('年初预算数');
  });
});

describe('DOC-EXECUTION-SCORE: 执行率 × 分值 for any 分值', () => {
  const doc = (rate: string, weight: string, score: string) =>
    projectDoc({
      money: { adjusted: '40', actual: '36' },
      rate,
      execWeight: weight,
      execScore: score,
    });

  it('分值 20 at 90% gives 18: 18.01 within 0.01 passes, 18.02 is an error', () => {
    expect(sev(doc('90%', '20', '18'), 'DOC-EXECUTION-SCORE')).toEqual([]);
    expect(sev(doc('90%', '20', '18.01'), 'DOC-EXECUTION-SCORE')).toEqual([]);
    expect(sev(doc('90%', '20', '18.02'), 'DOC-EXECUTION-SCORE')).toEqual(['error']);
  });

  it('分值 10 at 87.34% gives 8.734: 8.7 and 9 are roundings (info), 8.5 is an error', () => {
    expect(sev(doc('87.34%', '10', '8.7'), 'DOC-EXECUTION-SCORE')).toEqual(['info']);
    expect(sev(doc('87.34%', '10', '9'), 'DOC-EXECUTION-SCORE')).toEqual(['info']);
    expect(sev(doc('87.34%', '10', '8.5'), 'DOC-EXECUTION-SCORE')).toEqual(['error']);
  });

  it('分值 100 at 83.5% gives 83.5, not 98; a rate above 100% counts as 100%', () => {
    const f = run(doc('83.5%', '100', '98'), 'DOC-EXECUTION-SCORE');
    expect(f.map((x) => [x.severity, x.values.expected])).toEqual([['error', '83.50']]);
    expect(sev(doc('104%', '10', '10'), 'DOC-EXECUTION-SCORE')).toEqual([]);
  });

  it('分值 10 at 92.9% gives 9.29: 9 is its rounding (info); 10 gives 0.71 away (error)', () => {
    expect(sev(doc('92.9%', '10', '9'), 'DOC-EXECUTION-SCORE')).toEqual(['info']);
    expect(sev(doc('92.9%', '10', '9.3'), 'DOC-EXECUTION-SCORE')).toEqual([]); // within 0.01
    expect(sev(doc('92.9%', '10', '10'), 'DOC-EXECUTION-SCORE')).toEqual(['error']);
  });

  it('an execution row of the grid: 100% executed, 分值 10, 得分 9 is an error', () => {
    const d = projectDoc({
      money: { adjusted: '64.8', actual: '64.8' },
      rows: [['预算执行率', '资金管理', '100%', '100%', '10', '9']],
    });
    expect(run(d, 'DOC-EXECUTION-SCORE').map((x) => [x.severity, x.values.expected])).toEqual([
      ['error', '10.00'],
    ]);
  });
});

describe('DOC-TOTAL-BOUNDS: the stated total against Σ item scores and unscored weights', () => {
  // Scored 20 + 18 + 30 = 68, one row of 分值 20 unscored, execution 9 of 10:
  // lowest 68 + 9 = 77, highest 77 + 20 = 97 (weights 20 + 20 + 30 + 20 + 10 = 100).
  const rows: Row[] = [
    ['维修处数', '数量指标', '≥20处', '20处', '20', '20'],
    ['维修合格率', '质量指标', '≥95%', '96%', '20', '18'],
    ['供水保障', '社会效益指标', '明显改善', '明显改善', '30', '30'],
    ['群众满意度', '满意度指标', '≥90%', '', '20'],
  ];
  const doc = (total: string, partial = false) =>
    projectDoc({
      money: { adjusted: '40', actual: '36' },
      rate: '90%',
      execWeight: '10',
      execScore: '9',
      total,
      rows,
      partial,
    });

  it('97 and 97.01 pass, 97.02 is an error; 76.99 passes, 76.98 is an error', () => {
    expect(sev(doc('97'), 'DOC-TOTAL-BOUNDS')).toEqual([]);
    expect(sev(doc('97.01'), 'DOC-TOTAL-BOUNDS')).toEqual([]);
    expect(run(doc('97.02'), 'DOC-TOTAL-BOUNDS').map((f) => f.values.highest)).toEqual(['97.00']);
    expect(sev(doc('76.99'), 'DOC-TOTAL-BOUNDS')).toEqual([]);
    expect(run(doc('76.98'), 'DOC-TOTAL-BOUNDS').map((f) => f.values.lowest)).toEqual(['77.00']);
  });

  it(
    'on an excerpt, rows not reached could add 100 − Σ weights: none here, so 98 is still an ' +
      'error',
    () => {
      expect(sev(doc('98', true), 'DOC-TOTAL-BOUNDS')).toEqual(['error']);
    },
  );
});

describe('DOC-WEIGHT-TOTAL: a whole project table adds up to 100 with its own 分值', () => {
  const rows = (w: string): Row[] => [
    ['维修处数', '数量指标', '≥20处', '20处', '40', '40'],
    ['供水保障', '社会效益指标', '明显改善', '明显改善', w, w],
  ];
  it('40 + 40 + 分值 20 = 100 passes; 40 + 30 + 20 = 90 is an error; silent on an excerpt', () => {
    const d = (w: string, partial = false) =>
      projectDoc({
        money: { adjusted: '40', actual: '36' },
        execWeight: '20',
        rows: rows(w),
        partial,
      });
    expect(sev(d('40'), 'DOC-WEIGHT-TOTAL')).toEqual([]);
    expect(run(d('30'), 'DOC-WEIGHT-TOTAL').map((f) => f.values.total)).toEqual(['90.00']);
    expect(sev(d('30', true), 'DOC-WEIGHT-TOTAL')).toEqual([]);
  });
});

describe('DOC-COST-VS-SPENT: a cost indicator against the money spent', () => {
  const doc = (spent: string, actual: string) =>
    projectDoc({
      money: { adjusted: '150', actual: spent },
      rows: [['项目总成本', '成本指标', '≤150万元', actual, '10', '10']],
    });
  it('125.25 spent: 125.26万元 is within 0.01, 125.27万元 and 150万 are errors', () => {
    expect(sev(doc('125.25', '125.26万元'), 'DOC-COST-VS-SPENT')).toEqual([]);
    expect(sev(doc('125.25', '125.27万元'), 'DOC-COST-VS-SPENT')).toEqual(['error']);
    expect(sev(doc('125.25', '150万'), 'DOC-COST-VS-SPENT')).toEqual(['error']);
  });
  it('89.974 spent written as 90万元 is the spend rounded (info); in 元 it is converted', () => {
    expect(sev(doc('89.974', '90万元'), 'DOC-COST-VS-SPENT')).toEqual(['info']);
    expect(sev(doc('89.974', '899740元'), 'DOC-COST-VS-SPENT')).toEqual([]);
    expect(sev(doc('89.974', '900000元'), 'DOC-COST-VS-SPENT')).toEqual(['error']);
  });
});

describe('DOC-YUAN-WAN: one figure in 元 and in 万元', () => {
  it('362500 beside 36.25 is a unit slip; 36.25 beside 36.25 is not', () => {
    const d = (v: string) =>
      projectDoc({
        money: { adjusted: '40', actual: '36.25' },
        extra: [
          { concept: 'project.actual', scope: 'p1', value: v, where: { section: '二', line: 9 } },
        ],
      });
    expect(sev(d('362500'), 'DOC-YUAN-WAN')).toEqual(['warning']);
    expect(sev(d('36.25'), 'DOC-YUAN-WAN')).toEqual([]);
  });
});

describe('a partial or project-level document is audited on what was found', () => {
  it('lists what is missing as info and which checks did not run', () => {
    const d = projectDoc({
      money: { adjusted: '40', actual: '36' },
      partial: true,
      missing: ['单位名称', '年度'],
    });
    expect(run(d, 'DOC-MISSING').map((f) => [f.severity, f.values.missing])).toEqual([
      ['info', '单位名称'],
      ['info', '年度'],
    ]);
    expect(run(d, 'DOC-PARTIAL')[0]?.values.skipped).toContain('SCORE-TOTAL-SUM');
  });

  it('rules of a whole department report stay silent; no error on a consistent table', () => {
    const d = projectDoc({
      money: { adjusted: '40', actual: '36' },
      rate: '90%',
      execWeight: '10',
      execScore: '9',
      total: '99',
      rows: [
        ['维修处数', '数量指标', '≥20处', '20处', '30', '30'],
        ['维修合格率', '质量指标', '≥95%', '96%', '30', '30'],
        ['供水保障', '社会效益指标', '明显改善', '明显改善', '30', '30'],
      ],
    });
    const codes = auditDossier(d, { today: '2024-06-01' });
    expect(codes.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual([]);
    for (const c of ['SCORE-LEVEL1-RULESET', 'SCORE-EXECUTION', 'SCORE-WEIGHT-SUM'])
      expect(codes.some((f) => f.code === c)).toBe(false);
    const partial = projectDoc({ money: { adjusted: '40', actual: '36' }, partial: true });
    expect(run(partial, 'COMPL-GOAL-MISSING')).toEqual([]);
  });
});

describe('DOC-EXECUTION-RATE on a zero 年度资金总额 row', () => {
  it('takes the 其中 rows: 0% stated while 财政拨款 89.974 of 89.974 was spent is an error', () => {
    const d = projectDoc({
      money: { adjusted: '0', actual: '0' },
      rate: '0%',
      extra: [
        { concept: 'income.general.adjustedBudget', value: '89.974', where: { line: 5 } },
        { concept: 'income.general.actual', value: '89.974', where: { line: 5 } },
      ],
    });
    const f = run(d, 'DOC-EXECUTION-RATE');
    expect(f.map((x) => [x.severity, x.values.byAdjusted])).toEqual([['error', '100.00%']]);
    expect(f[0]?.message.zh).toContain('其中');
  });
});

describe('DOC-TOTAL-BOUNDS on an excerpt whose rows do not reach 100 points', () => {
  it(
    'weights 20 + 20 read, execution 10 of 10: highest 40 + 10 + 50 unread = 100; 100.02 is a ' +
      'warning',
    () => {
      const rows: Row[] = [
        ['维修处数', '数量指标', '≥20处', '20处', '20', '20'],
        ['维修合格率', '质量指标', '≥95%', '96%', '20', '20'],
      ];
      const doc = (total: string) =>
        projectDoc({
          money: { adjusted: '40', actual: '40' },
          execWeight: '10',
          execScore: '10',
          total,
          rows,
          partial: true,
        });
      expect(sev(doc('100'), 'DOC-TOTAL-BOUNDS')).toEqual([]);
      expect(sev(doc('100.02'), 'DOC-TOTAL-BOUNDS')).toEqual(['warning']);
      // Below the scores read (40 + 10 = 50) stays an error whatever was not read.
      expect(sev(doc('49.98'), 'DOC-TOTAL-BOUNDS')).toEqual(['error']);
    },
  );
});

describe('DOC-SPENT-ABOVE-FUNDS: spending above every stated total of funds', () => {
  const doc = (spent: string, carry?: string) =>
    Dossier.parse({
      year: 2022,
      unit: { name: '某协会' },
      document: { level: 'department', partial: true },
      statements: [
        {
          concept: 'income.total.initialBudget',
          value: '69.06',
          where: { section: '二', line: 3 },
        },
        { concept: 'expenditure.total.actual', value: spent, where: { section: '二', line: 4 } },
        ...(carry
          ? [
              {
                concept: 'income.carryover.actual',
                value: carry,
                where: { section: '二', line: 3 },
              },
            ]
          : []),
      ],
    } as DossierInput);
  it('69.06 of funds: 69.07 spent is within 0.01, 69.08 is a warning; 76.36 is 7.30 over', () => {
    expect(sev(doc('69.07'), 'DOC-SPENT-ABOVE-FUNDS')).toEqual([]);
    expect(sev(doc('69.08'), 'DOC-SPENT-ABOVE-FUNDS')).toEqual(['warning']);
    expect(run(doc('76.36'), 'DOC-SPENT-ABOVE-FUNDS').map((f) => f.values.excess)).toEqual([
      '7.30',
    ]);
  });
  it('a stated carry-over of 7.30 covers it', () => {
    expect(sev(doc('76.36', '7.30'), 'DOC-SPENT-ABOVE-FUNDS')).toEqual([]);
  });
});

describe('SCORE-RULE-MISMATCH on an imported table that writes scores rounded', () => {
  // 分值 2, target ≥300人, actual 290人: 2 × 290 ÷ 300 = 1.9333… → 1.93 by the rule.
  const doc = (score: string) =>
    projectDoc({
      money: { adjusted: '40', actual: '40' },
      rows: [['随访人数', '数量指标', '≥300人', '290人', '2', score]],
    });
  it('1.9 is 1.93 to one decimal: info; 1.8 stays an error', () => {
    expect(sev(doc('1.9'), 'SCORE-RULE-MISMATCH')).toEqual(['info']);
    expect(sev(doc('1.8'), 'SCORE-RULE-MISMATCH')).toEqual(['error']);
  });
});

describe('DOC-EXECUTION-SCORE on the 其中 rows of a department money block', () => {
  // 基本支出 372 of 400 = 93% → 9.3 of 10; 项目支出 250 of 200 = 125% → capped at 100% → 10.
  const doc = (basicScore: string, projectScore = '10', basicBudget = '400') =>
    Dossier.parse({
      year: 2021,
      unit: { name: '某乡人民政府' },
      document: { level: 'department', partial: true, missing: [] },
      expenditure: { projects: [] },
      statements: [
        ['expenditure.basic.initialBudget', basicBudget],
        ['expenditure.basic.actual', '372'],
        ['execution.weight', '10', 'expenditure.basic'],
        ['execution.score', basicScore, 'expenditure.basic'],
        ['expenditure.projects.initialBudget', '200'],
        ['expenditure.projects.actual', '250'],
        ['execution.weight', '10', 'expenditure.projects'],
        ['execution.score', projectScore, 'expenditure.projects'],
      ].map(([concept, value, scope], i) => ({
        concept,
        value,
        where: { table: '预算执行', line: 5 + i },
        ...(scope ? { scope } : {}),
      })),
    } as DossierInput);
  it('a row scored above its own 执行数 ÷ 预算数 × 分值 is an error naming the row', () => {
    const f = run(doc('10'), 'DOC-EXECUTION-SCORE');
    expect(f.map((x) => [x.severity, x.values.rate, x.values.expected])).toEqual([
      ['error', '93.00%', '9.30'],
    ]);
    expect(f[0]?.message.zh).toContain('基本支出');
  });
  it('9.3 holds; 9 is its rounding (info); above 100% the row is capped (10 of 10 holds)', () => {
    expect(sev(doc('9.3'), 'DOC-EXECUTION-SCORE')).toEqual([]);
    expect(sev(doc('9'), 'DOC-EXECUTION-SCORE')).toEqual(['info']);
    expect(sev(doc('9.3', '9'), 'DOC-EXECUTION-SCORE')).toEqual(['error']);
  });
  it('a row without its own 预算数 is not checked', () => {
    expect(sev(doc('10', '10', '0'), 'DOC-EXECUTION-SCORE')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Each rule called on its own context: boundaries, the message figures and where they are.

const ruleOf = (code: string): RuleMeta => {
  const r = DOCUMENT_RULES.find((x) => x.code === code);
  if (!r) throw new Error(`no rule ${code}`);
  return r;
};
const ctxOf = (d: Dossier) => contextOfDossier(d, { unscored: true });
/** Where projectDoc states its money block and execution figures. */
const cell = (column: string) => ({ row: '年度资金总额', column, line: 4 });

describe('checkMissing and checkPartial on their own', () => {
  it('one note per missing part, naming it', () => {
    const d = projectDoc({ missing: ['单位名称'] });
    expect(checkMissing(ctxOf(d), ruleOf('DOC-MISSING'))).toEqual([
      {
        code: 'DOC-MISSING',
        severity: 'info',
        family: 'completeness',
        title: { zh: '报告中未找到的内容', en: 'Not found in the document' },
        message: {
          zh: '报告中未找到单位名称；已按读到的内容审核。',
          en: 'The document does not state: 单位名称; audited on what was read.',
        },
        values: { missing: '单位名称' },
        locations: [{ path: 'document.missing' }],
      },
    ]);
    expect(checkMissing(ctxOf(projectDoc({})), ruleOf('DOC-MISSING'))).toEqual([]);
  });

  it('a partial document lists the skipped checks in code order', () => {
    const skipped = [
      'ARITH-PROJECTS-SUM',
      'COMPL-FILING-MISSING',
      'COMPL-GOAL-MISSING',
      'COMPL-MEASURES-MISSING',
      'PLAUS-COPIED-COLUMN',
      'PRACT-ALL-FULL',
      'PRACT-PROBLEMS-EMPTY',
      'SCORE-EXECUTION',
      'SCORE-LEVEL1-RULESET',
      'SCORE-TOTAL-SUM',
      'SCORE-WEIGHT-SUM',
    ];
    const [f, ...rest] = checkPartial(ctxOf(projectDoc({ partial: true })), ruleOf('DOC-PARTIAL'));
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('info');
    expect(f?.message.zh).toBe(
      '只读到报告的一部分（摘录、单张表或半张指标表），需要完整报告的检查未运行：' +
        `${skipped.join('、')}。`,
    );
    expect(f?.message.en).toBe(
      'Only part of a report was read; checks needing the whole report did not run: ' +
        `${skipped.join(', ')}.`,
    );
    expect(f?.values).toEqual({ skipped: skipped.join(' ') });
    expect(f?.locations).toEqual([{ path: 'document.partial' }]);
    expect(checkPartial(ctxOf(projectDoc({})), ruleOf('DOC-PARTIAL'))).toEqual([]);
  });
});

describe('checkExecutionRate on its own', () => {
  const RATE = ruleOf('DOC-EXECUTION-RATE');
  const rate = (d: Dossier) => checkExecutionRate(ctxOf(d), RATE);
  const doc = (actual: string, stated: string, initial?: string) =>
    projectDoc({
      money: { adjusted: '40', actual, ...(initial ? { initial } : {}) },
      rate: stated,
    });

  it.each([
    // 36.2 ÷ 40 = 90.5%: "90%" and "91%" are both within half a unit (0.5).
    ['36.2', '90%', false],
    ['36.2', '91%', false],
    // 36.21 ÷ 40 = 90.525%: 0.525 from "90%", 0.475 from "91%".
    ['36.21', '90%', true],
    ['36.21', '91%', false],
    // 36.05 ÷ 40 = 90.125%: one decimal allows 0.05, two or more 0.005.
    ['36.05', '90.1%', false],
    ['36.05', '90.2%', true],
    ['36.05', '90.13%', false],
    ['36.05', '90.12%', false],
    ['36.05', '90.11%', true],
    ['36.05', '90.128%', false],
    ['36.05', '90.131%', true],
  ] as const)('actual %s of 40, stated %s: error %s', (actual, stated, error) => {
    expect(rate(doc(actual, stated)).map((f) => f.severity)).toEqual(error ? ['error'] : []);
  });

  it('an error names the statement, the actual and the quotient', () => {
    const [f, ...rest] = rate(doc('36', '95%'));
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('error');
    expect(f?.scope).toBe('p1');
    expect(f?.message.zh).toBe(
      '项目“农村饮水维修”执行率：报告写 95%；执行数 36.00 ÷ 全年预算数 40.00 = 90.00%，' +
        '两种口径都不相符。',
    );
    expect(f?.message.en).toBe(
      '农村饮水维修 execution rate 95% stated; actual ÷ budget gives 90.00%.',
    );
    expect(f?.values).toEqual({
      stated: '95%',
      actual: '36.00',
      adjustedBudget: '40.00',
      byAdjusted: '90.00%',
    });
    expect(f?.locations).toEqual([cell('执行率'), cell('全年执行数')]);
  });

  it('with an initial budget both quotients are named', () => {
    // 36 ÷ 40 = 90%, 36 ÷ 45 = 80%.
    const [f] = rate(doc('36', '95%', '45'));
    expect(f?.severity).toBe('error');
    expect(f?.message.zh).toBe(
      '项目“农村饮水维修”执行率：报告写 95%；执行数 36.00 ÷ 全年预算数 40.00 = 90.00%，' +
        '÷ 年初预算数 45.00 = 80.00%，两种口径都不相符。',
    );
    expect(f?.message.en).toBe(
      '农村饮水维修 execution rate 95% stated; actual ÷ budget gives 90.00% or 80.00%.',
    );
    expect(f?.values).toEqual({
      stated: '95%',
      actual: '36.00',
      adjustedBudget: '40.00',
      initialBudget: '45.00',
      byAdjusted: '90.00%',
      byInitial: '80.00%',
    });
    expect(rate(doc('36', '90%', '45'))).toEqual([]);
  });

  it('a rate against the initial budget is a note saying so', () => {
    const [f] = rate(doc('36', '80%', '45'));
    expect(f?.severity).toBe('info');
    expect(f?.message.zh).toBe(
      '项目“农村饮水维修”执行率：报告写 80%，按年初预算数计算（执行数 36.00 ÷ 全年预算数 40.00 = ' +
        '90.00%；÷ 年初预算数 45.00 = 80.00%）。',
    );
    expect(f?.message.en).toBe(
      '农村饮水维修 execution rate 80% is taken against the initial budget.',
    );
    expect(f?.locations).toEqual([cell('执行率'), cell('全年执行数')]);
    // Only an initial budget: 36 ÷ 45 = 80% is still said to be against it.
    const [g] = rate(projectDoc({ money: { initial: '45', actual: '36' }, rate: '80%' }));
    expect(g?.severity).toBe('info');
    expect(g?.values).toEqual({
      stated: '80%',
      actual: '36.00',
      initialBudget: '45.00',
      byInitial: '80.00%',
    });
    expect(g?.message.zh).toBe(
      '项目“农村饮水维修”执行率：报告写 80%，按年初预算数计算（执行数 36.00 ÷ 年初预算数 45.00 = ' +
        '80.00%）。',
    );
  });

  it('silent on a rate holding no number, a zero budget, or a department report', () => {
    expect(rate(doc('36', '见说明'))).toEqual([]);
    expect(rate(projectDoc({ money: { adjusted: '0', actual: '0' }, rate: '50%' }))).toEqual([]);
    const department = Dossier.parse({
      year: 2022,
      unit: { name: '某县水务站' },
      statements: [
        { concept: 'income.total.adjustedBudget', value: '40', where: { line: 1 } },
        { concept: 'income.total.actual', value: '36', where: { line: 1 } },
        { concept: 'execution.rate', value: '95%', where: { line: 2 } },
      ],
    } as DossierInput);
    expect(rate(department)).toEqual([]);
  });

  it('the project data stand in for an unstated money block', () => {
    const [f] = rate(
      projectDoc({ money: { adjusted: '40', actual: '36' }, rate: '95%', unstated: true }),
    );
    expect(f?.values.byAdjusted).toBe('90.00%');
    expect(f?.locations[1]).toEqual({ path: 'expenditure.projects[0].money.actual' });
  });

  it('a project-level table without a project reads the unit totals, stated or derived', () => {
    const table = (statements: DossierInput['statements'], more: Partial<DossierInput> = {}) =>
      Dossier.parse({
        year: 2022,
        unit: { name: '某县水务站' },
        document: { level: 'project' },
        ...more,
        statements: [
          ...(statements ?? []),
          { concept: 'execution.rate', value: '95%', where: { line: 2 } },
        ],
      } as DossierInput);
    const [f] = rate(
      table([
        { concept: 'income.total.adjustedBudget', value: '40', where: { line: 1 } },
        { concept: 'income.total.actual', value: '36', where: { line: 1 } },
      ]),
    );
    expect(f?.scope).toBeUndefined();
    expect(f?.message.zh).toBe(
      '执行率：报告写 95%；执行数 36.00 ÷ 全年预算数 40.00 = 90.00%，两种口径都不相符。',
    );
    expect(f?.message.en).toBe(' execution rate 95% stated; actual ÷ budget gives 90.00%.');
    expect(f?.locations[1]).toEqual({ line: 1 });
    const [e] = rate(
      table([
        { concept: 'expenditure.total.adjustedBudget', value: '40', where: { line: 3 } },
        { concept: 'expenditure.total.actual', value: '36', where: { line: 3 } },
      ]),
    );
    expect(e?.locations[1]).toEqual({ line: 3 });
    // No statement of money: derive()'s income, else expenditure, totals.
    const [g] = rate(table([], { income: { general: { adjustedBudget: '40', actual: '36' } } }));
    expect([g?.values.byAdjusted, g?.locations[1]]).toEqual([
      '90.00%',
      { concept: 'income.total.actual' },
    ]);
    const [h] = rate(
      table([], { expenditure: { personnel: { adjustedBudget: '40', actual: '36' } } }),
    );
    expect([h?.values.byAdjusted, h?.locations[1]]).toEqual([
      '90.00%',
      { concept: 'expenditure.total.actual' },
    ]);
  });

  it('with two projects an unscoped rate belongs to neither', () => {
    const two = (scope?: string) =>
      Dossier.parse({
        year: 2022,
        unit: { name: '某县水务站' },
        document: { level: 'project' },
        expenditure: {
          projects: ['p1', 'p2'].map((id) => ({
            id,
            name: `项目${id}`,
            money: { adjustedBudget: '40', actual: '36' },
          })),
        },
        statements: [
          {
            concept: 'execution.rate',
            value: '95%',
            where: { line: 2 },
            ...(scope ? { scope } : {}),
          },
        ],
      } as DossierInput);
    expect(rate(two())).toEqual([]);
    expect(rate(two('p2')).map((f) => [f.scope, f.values.byAdjusted])).toEqual([['p2', '90.00%']]);
  });
});

describe('checkExecutionScore on its own', () => {
  const EXEC = ruleOf('DOC-EXECUTION-SCORE');
  const execScore = (d: Dossier) => checkExecutionScore(ctxOf(d), EXEC);
  const doc = (o: { rate?: string; weight?: string; score?: string; rows?: Row[] }) =>
    projectDoc({
      money: { adjusted: '40', actual: '36' },
      ...(o.rate ? { rate: o.rate } : {}),
      ...(o.weight ? { execWeight: o.weight } : {}),
      ...(o.score ? { execScore: o.score } : {}),
      ...(o.rows ? { rows: o.rows } : {}),
    });

  it('an error names the score, the rate, the 分值 and the difference', () => {
    // 90% × 20 = 18; 18.02 is 0.02 off.
    const [f, ...rest] = execScore(doc({ rate: '90%', weight: '20', score: '18.02' }));
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('error');
    expect(f?.scope).toBe('p1');
    expect(f?.indicatorId).toBeUndefined();
    expect(f?.message.zh).toBe(
      '项目“农村饮水维修”预算执行：得分 18.02；按表中规则 执行率 90.00% × 分值 20.00 = 18.00 分，' +
        '相差 0.02 分。',
    );
    expect(f?.message.en).toBe(
      '项目“农村饮水维修”预算执行: score 18.02; rate 90.00% × weight 20.00 = 18.00.',
    );
    expect(f?.values).toEqual({
      stated: '18.02',
      weight: '20.00',
      rate: '90.00%',
      expected: '18.00',
    });
    expect(f?.locations).toEqual([cell('得分'), cell('分值'), cell('执行率')]);
  });

  it.each([
    ['18', undefined],
    ['18.01', undefined],
    ['17.99', undefined],
    ['17.98', 'error'],
    ['18.02', 'error'],
  ] as const)('stated %s against 90 percent × 20 = 18', (score, severity) => {
    expect(execScore(doc({ rate: '90%', weight: '20', score })).map((f) => f.severity)).toEqual(
      severity ? [severity] : [],
    );
  });

  it('a rounding of 8.734 is a note that says so', () => {
    const [f] = execScore(doc({ rate: '87.34%', weight: '10', score: '9' }));
    expect(f?.severity).toBe('info');
    expect(f?.message.zh).toBe(
      '项目“农村饮水维修”预算执行：得分 9；按表中规则 执行率 87.34% × 分值 10.00 = 8.73 分' +
        '（所写为取整结果）。',
    );
  });

  it('without a stated rate the quotient is used and said to be one', () => {
    // 36 ÷ 40 = 90%; × 10 = 9; 10 is 1 off (and 9 rounded is 9, not 10).
    const [f] = execScore(doc({ weight: '10', score: '10' }));
    expect(f?.message.zh).toBe(
      '项目“农村饮水维修”预算执行：得分 10；按表中规则 执行率 90.00%（执行数 ÷ 预算数） × 分值 ' +
        '10.00 = 9.00 分，相差 1.00 分。',
    );
    expect(f?.values.rate).toBe('90.00%');
    expect(f?.locations).toEqual([cell('得分'), cell('分值'), cell('全年执行数')]);
    // Against the initial budget when that is the only one: 36 ÷ 45 = 80% → 8.
    const g = execScore(
      projectDoc({ money: { initial: '45', actual: '36' }, execWeight: '10', execScore: '8' }),
    );
    expect(g).toEqual([]);
  });

  it('a rate above 100% counts as 100%', () => {
    expect(execScore(doc({ rate: '104%', weight: '10', score: '10' }))).toEqual([]);
    expect(
      execScore(doc({ rate: '104%', weight: '10', score: '10.4' })).map((f) => f.values.expected),
    ).toEqual(['10.00']);
  });

  it('silent without a 分值, a score, or on a whole department report', () => {
    expect(execScore(doc({ rate: '90%', score: '5' }))).toEqual([]);
    expect(execScore(doc({ rate: '90%', weight: '20' }))).toEqual([]);
    expect(execScore(doc({ rate: '90%', weight: '20', score: '待定' }))).toEqual([]);
    expect(execScore(makeDossier({ statements: [] }))).toEqual([]);
  });

  it("an execution row of the grid is scored on its own % actual, else the block's rate", () => {
    const row = (actual: string, score: string, name = '预算执行率'): Row[] => [
      ['维修处数', '数量指标', '≥20处', '20处', '20', '20'],
      [name, '资金管理', '100%', actual, '10', score],
    ];
    // 95% × 10 = 9.5; 8 is 1.5 off.
    const [f, ...rest] = execScore(doc({ rows: row('95%', '8') }));
    expect(rest).toEqual([]);
    expect(f?.indicatorId).toBe('r2');
    expect(f?.scope).toBe('p1');
    expect(f?.message.zh).toBe(
      '指标“预算执行率”：得分 8；按表中规则 执行率 95.00% × 分值 10.00 = 9.50 分，相差 1.50 分。',
    );
    expect(f?.locations).toEqual([
      { path: 'expenditure.projects[0].indicators[1].score' },
      { path: 'expenditure.projects[0].indicators[1].weight' },
      { path: 'expenditure.projects[0].indicators[1].actual' },
    ]);
    // No % in the actual: the block's stated rate 90% → 9.
    const [g] = execScore({ ...doc({ rate: '90%', rows: row('已完成', '8') }) });
    expect([g?.values.rate, g?.values.expected, g?.locations[2]]).toEqual([
      '90.00%',
      '9.00',
      cell('执行率'),
    ]);
    expect(execScore(doc({ rate: '90%', rows: row('已完成', '9') }))).toEqual([]);
    expect(execScore(doc({ rows: row('95%', '8', '资金执行率') }))).toHaveLength(1);
    expect(execScore(doc({ rows: row('95%', '8', '预算执行情况') }))).toHaveLength(1);
    expect(execScore(doc({ rows: row('95%', '8', '资金到位率') }))).toEqual([]);
  });
});

describe('checkTotalBounds on its own', () => {
  const TOTAL = ruleOf('DOC-TOTAL-BOUNDS');
  const bounds = (d: Dossier) => checkTotalBounds(ctxOf(d), TOTAL);
  // Scored 20 + 18 + 30 = 68; 群众满意度 (分值 20) unscored.
  const rows: Row[] = [
    ['维修处数', '数量指标', '≥20处', '20处', '20', '20'],
    ['维修合格率', '质量指标', '≥95%', '96%', '20', '18'],
    ['供水保障', '社会效益指标', '明显改善', '明显改善', '30', '30'],
    ['群众满意度', '满意度指标', '≥90%', '', '20'],
  ];
  const doc = (total: string, exec: { weight?: string; score?: string } = {}) =>
    projectDoc({
      money: { adjusted: '40', actual: '36' },
      ...(exec.weight ? { execWeight: exec.weight } : {}),
      ...(exec.score ? { execScore: exec.score } : {}),
      total,
      rows,
    });

  it('above the highest: 68 + 9 + 20 = 97', () => {
    const [f, ...rest] = bounds(doc('97.02', { weight: '10', score: '9' }));
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('error');
    expect(f?.scope).toBe('p1');
    expect(f?.message.zh).toBe(
      '项目“农村饮水维修”自评得分：报告写 97.02 分；各项得分合计 68.00，预算执行得分 9.00，' +
        '未填得分的 1 项分值 20.00，最高只能得 97.00 分。',
    );
    expect(f?.message.en).toBe('农村饮水维修 total 97.02 stated; item scores allow 77.00–97.00.');
    expect(f?.values).toEqual({
      stated: '97.02',
      scored: '68.00',
      execution: '9.00',
      unscoredWeights: '20.00',
      lowest: '77.00',
      highest: '97.00',
    });
    expect(f?.locations).toEqual([
      { line: 30 },
      { path: 'expenditure.projects[0].indicators[*].score' },
    ]);
  });

  it('below the lowest: 68 + 9 = 77', () => {
    const [f] = bounds(doc('76.98', { weight: '10', score: '9' }));
    expect(f?.severity).toBe('error');
    expect(f?.message.zh).toBe(
      '项目“农村饮水维修”自评得分：报告写 76.98 分，低于各项得分合计 68.00 + 预算执行得分 9.00 = ' +
        '77.00 分。',
    );
  });

  it('a 分值 without its score widens the highest: 68 + 20 + 10 = 98', () => {
    expect(bounds(doc('98', { weight: '10' }))).toEqual([]);
    const [f] = bounds(doc('98.02', { weight: '10' }));
    expect([f?.severity, f?.values.highest, f?.values.lowest]).toEqual(['error', '98.00', '68.00']);
    expect(f?.values.execution).toBeUndefined();
    expect(f?.message.zh).toBe(
      '项目“农村饮水维修”自评得分：报告写 98.02 分；各项得分合计 68.00，未填得分的 1 项分值 ' +
        '20.00，最高只能得 98.00 分。',
    );
    const [g] = bounds(doc('67.98', { weight: '10' }));
    expect(g?.message.zh).toBe(
      '项目“农村饮水维修”自评得分：报告写 67.98 分，低于各项得分合计 68.00 = 68.00 分。',
    );
  });

  it('no execution 分值 at all: rows worth 100 − 90 = 10 may be unread, above is a warning', () => {
    // Highest 68 + 20 + 10 = 98.
    expect(bounds(doc('98'))).toEqual([]);
    expect(bounds(doc('98.02')).map((f) => [f.severity, f.values.highest])).toEqual([
      ['warning', '98.00'],
    ]);
    expect(bounds(doc('67.98')).map((f) => f.severity)).toEqual(['error']);
  });

  it('an execution row in the grid replaces the block: 20 + 9 scored + 70 unscored', () => {
    const grid: Row[] = [
      ['维修处数', '数量指标', '≥20处', '20处', '20', '20'],
      ['预算执行率', '资金管理', '100%', '90%', '10', '9'],
      ['供水保障', '社会效益指标', '明显改善', '', '70'],
    ];
    const d = (total: string) =>
      projectDoc({
        money: { adjusted: '40', actual: '36' },
        execWeight: '10',
        execScore: '10',
        total,
        rows: grid,
      });
    // The block's 分值 10 and 得分 10 are not added: lowest 29, highest 99.
    expect(bounds(d('99'))).toEqual([]);
    expect(bounds(d('29'))).toEqual([]);
    expect(bounds(d('99.02')).map((f) => [f.severity, f.values.highest])).toEqual([
      ['error', '99.00'],
    ]);
    expect(bounds(d('28.98')).map((f) => f.values.lowest)).toEqual(['29.00']);
  });

  it('a total holding no number is skipped; each stated total is checked', () => {
    expect(bounds(doc('满分', { weight: '10', score: '9' }))).toEqual([]);
    const d = projectDoc({
      money: { adjusted: '40', actual: '36' },
      execWeight: '10',
      execScore: '9',
      rows,
      extra: [
        { concept: 'score.total', value: '99', where: { line: 31 }, scope: 'p1' },
        { concept: 'score.total', value: '50', where: { line: 32 } },
      ],
    });
    expect(bounds(d).map((f) => [f.values.stated, f.locations[0]])).toEqual([
      ['99', { line: 31 }],
      ['50', { line: 32 }],
    ]);
  });

  it('a whole department grid, all scored, is left to SCORE-TOTAL-SUM; an excerpt is not', () => {
    const department = (partial: boolean) =>
      makeDossier({
        document: { level: 'department', partial },
        statements: [
          { concept: 'execution.weight', value: '10', where: { section: '三' } },
          { concept: 'execution.score', value: '10', where: { section: '三' } },
          { concept: 'score.total', value: '120', where: { section: '三' } },
        ],
      });
    expect(bounds(department(false))).toEqual([]);
    // Base grid 90 of 90 + execution 10 = 100: 120 is above.
    const [f] = bounds(department(true));
    expect([f?.severity, f?.values.highest, f?.scope]).toEqual(['error', '100.00', undefined]);
    expect(f?.message.zh).toBe(
      '自评得分：三写 120 分；各项得分合计 90.00，预算执行得分 10.00，最高只能得 100.00 分。',
    );
    expect(f?.locations[1]).toEqual({ path: 'indicators[*].score' });
  });
});

describe('checkWeightTotal on its own', () => {
  const WEIGHTS = ruleOf('DOC-WEIGHT-TOTAL');
  const weights = (d: Dossier) => checkWeightTotal(ctxOf(d), WEIGHTS);
  const doc = (w: string, execWeight = '20') =>
    projectDoc({
      money: { adjusted: '40', actual: '36' },
      ...(execWeight ? { execWeight } : {}),
      rows: [
        ['维修处数', '数量指标', '≥20处', '20处', '40', '40'],
        ['供水保障', '社会效益指标', '明显改善', '明显改善', w, w],
      ],
    });

  it.each([
    ['40', undefined],
    ['40.01', undefined],
    ['39.99', undefined],
    ['40.02', '100.02'],
    ['39.98', '99.98'],
  ] as const)('40 + %s + 分值 20', (w, total) => {
    expect(weights(doc(w)).map((f) => f.values.total)).toEqual(total ? [total] : []);
  });

  it('names both parts of the sum and where the 分值 is', () => {
    const [f] = weights(doc('30'));
    expect(f?.severity).toBe('error');
    expect(f?.scope).toBe('p1');
    expect(f?.message.zh).toBe(
      '项目“农村饮水维修”：指标分值合计 70.00 + 预算执行分值 20.00 = 90.00 分，应为 100 分。',
    );
    expect(f?.message.en).toBe(
      'Project "农村饮水维修": weights 70.00 + execution 20.00 = 90.00, expected 100.',
    );
    expect(f?.values).toEqual({ weights: '70.00', executionWeight: '20.00', total: '90.00' });
    expect(f?.locations).toEqual([
      { path: 'expenditure.projects[0].indicators[*].weight' },
      cell('分值'),
    ]);
  });

  it('an execution row in the grid needs no block 分值; without either it is not checked', () => {
    const d = projectDoc({
      money: { adjusted: '40', actual: '36' },
      execWeight: '20',
      rows: [
        ['维修处数', '数量指标', '≥20处', '20处', '40', '40'],
        ['预算执行', '资金管理', '100%', '90%', '10', '9'],
        ['供水保障', '社会效益指标', '明显改善', '明显改善', '40', '40'],
      ],
    });
    const [f] = weights(d);
    expect(f?.message.zh).toBe('项目“农村饮水维修”：指标分值合计 90.00 = 90.00 分，应为 100 分。');
    expect(f?.message.en).toBe('Project "农村饮水维修": weights 90.00 = 90.00, expected 100.');
    expect(f?.values).toEqual({ weights: '90.00', total: '90.00' });
    expect(f?.locations).toEqual([{ path: 'expenditure.projects[0].indicators[*].weight' }]);
    expect(weights(doc('30', ''))).toEqual([]);
  });

  it('silent on an excerpt, a department report or a project without rows', () => {
    const partial = projectDoc({
      money: { adjusted: '40', actual: '36' },
      execWeight: '20',
      partial: true,
      rows: [['维修处数', '数量指标', '≥20处', '20处', '40', '40']],
    });
    expect(weights(partial)).toEqual([]);
    expect(weights(makeDossier({}))).toEqual([]);
    expect(
      weights(projectDoc({ money: { adjusted: '40', actual: '36' }, execWeight: '20' })),
    ).toEqual([]);
  });
});

describe('checkCostVsSpent on its own', () => {
  const COST = ruleOf('DOC-COST-VS-SPENT');
  const cost = (spent: string, actual: string, name = '项目总成本', level2 = '成本指标') =>
    checkCostVsSpent(
      ctxOf(
        projectDoc({
          money: { adjusted: '20000', actual: spent },
          rows: [[name, level2, '≤150万元', actual, '10', '10']],
        }),
      ),
      COST,
    );

  it('an error names the actual in 万元 and the money spent', () => {
    const [f, ...rest] = cost('125.25', '150万');
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('error');
    expect([f?.scope, f?.indicatorId]).toEqual(['p1', 'r1']);
    expect(f?.message.zh).toBe(
      '成本指标“项目总成本”：实际完成值 150万（150.00 万元）超过全年执行数 125.25 万元。',
    );
    expect(f?.message.en).toBe(
      'Cost indicator "项目总成本": actual 150.00 万元 against 125.25 spent.',
    );
    expect(f?.values).toEqual({ actual: '150.00', spent: '125.25' });
    expect(f?.locations).toEqual([
      { path: 'expenditure.projects[0].indicators[0].actual' },
      cell('全年执行数'),
    ]);
  });

  it('the spend rounded to the decimals written is a note', () => {
    const [f] = cost('89.974', '90万元');
    expect(f?.severity).toBe('info');
    expect(f?.message.zh).toBe(
      '成本指标“项目总成本”：实际完成值 90万元（90.00 万元）是全年执行数 89.97 万元的取整。',
    );
  });

  it.each([
    // [spent, actual, severity]: 元 ÷ 10000, 亿 × 10000.
    ['125.25', '125.26万元', undefined],
    ['125.25', '125.27万元', 'error'],
    ['125.25', '1252600元', undefined], // 125.26
    ['125.25', '1252700元', 'error'], // 125.27
    ['14999.7', '1.5亿', 'info'], // 15000 is 14999.7 to the integer
    ['14999.7', '1.5亿元', 'info'],
    ['14999.7', '1.6亿元', 'error'], // 16000
    ['125.25', '150千元', undefined], // not a money unit read here
    ['125.25', '150', undefined], // no unit
    ['125.25', '150%', undefined],
  ] as const)('spent %s, actual %s', (spent, actual, severity) => {
    expect(cost(spent, actual).map((f) => f.severity)).toEqual(severity ? [severity] : []);
  });

  it('a cost row is named 成本 in its 二级 or its own name', () => {
    expect(cost('125.25', '150万', '单位维修成本', '数量指标')).toHaveLength(1);
    expect(cost('125.25', '150万', '维修投入', '数量指标')).toEqual([]);
  });

  it('silent when nothing was spent on record', () => {
    const d = projectDoc({
      rows: [['项目总成本', '成本指标', '≤150万元', '150万', '10', '10']],
    });
    expect(checkCostVsSpent(ctxOf(d), COST)).toEqual([]);
  });
});

describe('checkYuanWan on its own', () => {
  const YUAN = ruleOf('DOC-YUAN-WAN');
  const yuan = (list: [string, string, Record<string, unknown>, string?][]) =>
    checkYuanWan(
      ctxOf(
        projectDoc({
          extra: list.map(([concept, value, where, scope]) => ({
            concept,
            value,
            where,
            ...(scope ? { scope } : {}),
          })) as DossierInput['statements'],
        }),
      ),
      YUAN,
    );
  const S2 = { section: '二', line: 9 };

  it('names both places and figures', () => {
    const [f, ...rest] = yuan([
      ['project.actual', '362500', S2, 'p1'],
      ['project.actual', '36.25', cell('全年执行数'), 'p1'],
    ]);
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('warning');
    expect(f?.scope).toBe('p1');
    expect(f?.message.zh).toBe(
      '二写 362500，“年度资金总额”行 “全年执行数”列写 36.25：相差 10000 倍，一处应是以元为单位。',
    );
    expect(f?.message.en).toBe('362500 and 36.25 differ by 10 000: one is in 元.');
    expect(f?.values).toEqual({ large: '362500', small: '36.25' });
    expect(f?.locations).toEqual([S2, cell('全年执行数')]);
  });

  it.each([
    // 362549 ÷ 10000 = 36.2549 → 36.25 at two decimals; 362551 → 36.26.
    ['362549', '36.25', 1],
    ['362551', '36.25', 0],
    ['362500', '36.3', 1], // 36.25 → 36.3 at one decimal
    ['362500', '36.2', 0],
    ['5', '0', 0], // a zero is no unit slip
    ['36.25', '36.25', 0],
  ] as const)('%s beside %s: %i finding(s)', (big, small, n) => {
    expect(
      yuan([
        ['income.total.actual', small, { line: 1 }],
        ['income.total.actual', big, { line: 2 }],
      ]),
    ).toHaveLength(n);
  });

  it('only amounts of one concept and scope are compared', () => {
    expect(
      yuan([
        ['score.total', '900000', { line: 1 }],
        ['score.total', '90', { line: 2 }],
      ]),
    ).toEqual([]);
    expect(
      yuan([
        ['income.total.actual', '362500', { line: 1 }],
        ['expenditure.total.actual', '36.25', { line: 2 }],
      ]),
    ).toEqual([]);
    expect(
      yuan([
        ['project.actual', '362500', { line: 1 }, 'p1'],
        ['project.actual', '36.25', { line: 2 }],
      ]),
    ).toEqual([]);
    expect(
      yuan([
        ['income.total.actual', '362500', { line: 1 }],
        ['income.total.actual', '见附表', { line: 2 }],
      ]),
    ).toEqual([]);
  });
});

describe('checkSpentAboveFunds on its own', () => {
  const SPENT = ruleOf('DOC-SPENT-ABOVE-FUNDS');
  const spentAbove = (statements: [string, string, number][]) =>
    checkSpentAboveFunds(
      ctxOf(
        Dossier.parse({
          year: 2022,
          unit: { name: '某协会' },
          document: { level: 'department', partial: true },
          statements: statements.map(([concept, value, line]) => ({
            concept,
            value,
            where: { section: '二', line },
          })),
        } as DossierInput),
      ),
      SPENT,
    );

  it('names the spending, the funds and the excess: 76.36 − 69.06 = 7.30', () => {
    const [f, ...rest] = spentAbove([
      ['income.total.initialBudget', '69.06', 3],
      ['expenditure.total.actual', '76.36', 4],
    ]);
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('warning');
    expect(f?.message.zh).toBe(
      '二写支出 76.36 万元，超过二所写资金 69.06 万元，多出 7.30 万元，未见其他资金来源。',
    );
    expect(f?.message.en).toBe('Spending 76.36 exceeds the funds stated (69.06) by 7.30.');
    expect(f?.values).toEqual({ spent: '76.36', funds: '69.06', excess: '7.30' });
    expect(f?.locations).toEqual([
      { section: '二', line: 4 },
      { section: '二', line: 3 },
    ]);
  });

  it('a carry-over is added and named: 69.06 + 5 = 74.06, 2.30 short', () => {
    const [f] = spentAbove([
      ['income.total.initialBudget', '69.06', 3],
      ['income.carryover.actual', '5', 5],
      ['expenditure.total.actual', '76.36', 4],
    ]);
    expect(f?.message.zh).toBe(
      '二写支出 76.36 万元，超过二所写资金 69.06 万元 加上年结转 5.00 万元，多出 2.30 万元，' +
        '未见其他资金来源。',
    );
    expect(f?.values).toEqual({ spent: '76.36', funds: '74.06', excess: '2.30' });
    expect(f?.locations).toEqual([
      { section: '二', line: 4 },
      { section: '二', line: 3 },
      { section: '二', line: 5 },
    ]);
  });

  it('the largest stated total of funds counts', () => {
    // 执行 72 is the largest: 76.36 − 72 = 4.36.
    const found = spentAbove([
      ['income.total.initialBudget', '69.06', 3],
      ['income.total.actual', '72', 6],
      ['income.total.adjustedBudget', '70', 7],
      ['expenditure.total.actual', '76.36', 4],
    ]);
    expect(found.map((f) => [f.values.excess, f.locations[1]])).toEqual([
      ['4.36', { section: '二', line: 6 }],
    ]);
    expect(
      spentAbove([
        ['income.total.actual', '72', 6],
        ['income.total.initialBudget', '69.06', 3],
        ['expenditure.total.actual', '76.36', 4],
      ]).map((f) => f.values.excess),
    ).toEqual(['4.36']);
  });

  it('silent with a stated budget of expenditure, no spending, or no funds', () => {
    const funds: [string, string, number] = ['income.total.initialBudget', '69.06', 3];
    const spent: [string, string, number] = ['expenditure.total.actual', '76.36', 4];
    expect(spentAbove([funds, spent, ['expenditure.total.initialBudget', '80', 8]])).toEqual([]);
    expect(spentAbove([funds, spent, ['expenditure.total.adjustedBudget', '80', 8]])).toEqual([]);
    expect(spentAbove([funds])).toEqual([]);
    expect(spentAbove([spent])).toEqual([]);
    expect(spentAbove([funds, ['expenditure.total.actual', '69.07', 4]])).toEqual([]);
  });
});

describe('the reading of rates, scores and sub-rows, one rule at a time', () => {
  const RATE = ruleOf('DOC-EXECUTION-RATE');
  const EXEC = ruleOf('DOC-EXECUTION-SCORE');
  const TOTAL = ruleOf('DOC-TOTAL-BOUNDS');

  it('a project rate is read from project.execution.rate too, and its note is scoped', () => {
    const d = projectDoc({
      money: { initial: '45', adjusted: '40', actual: '36' },
      extra: [
        { concept: 'project.execution.rate', value: '80%', where: cell('执行率'), scope: 'p1' },
      ],
    });
    const [f] = checkExecutionRate(ctxOf(d), RATE);
    expect([f?.severity, f?.scope, f?.values.byInitial]).toEqual(['info', 'p1', '80.00%']);
    // 90% × 分值 10 = 9 by the stated rate 80%: 8.
    const s = projectDoc({
      money: { adjusted: '40', actual: '36' },
      execWeight: '10',
      execScore: '9',
      extra: [
        { concept: 'project.execution.rate', value: '80%', where: cell('执行率'), scope: 'p1' },
      ],
    });
    expect(checkExecutionScore(ctxOf(s), EXEC).map((x) => x.values.expected)).toEqual(['8.00']);
  });

  it('a unit-level table taken against its initial budget says so without a name', () => {
    const d = Dossier.parse({
      year: 2022,
      unit: { name: '某县水务站' },
      document: { level: 'project' },
      statements: [
        { concept: 'income.total.initialBudget', value: '45', where: { line: 1 } },
        { concept: 'income.total.adjustedBudget', value: '40', where: { line: 1 } },
        { concept: 'income.total.actual', value: '36', where: { line: 1 } },
        { concept: 'execution.rate', value: '80%', where: { line: 2 } },
      ],
    } as DossierInput);
    const [f] = checkExecutionRate(ctxOf(d), RATE);
    expect(f?.scope).toBeUndefined();
    expect(f?.message.en).toBe(' execution rate 80% is taken against the initial budget.');
    expect(f?.message.zh).toBe(
      '执行率：报告写 80%，按年初预算数计算（执行数 36.00 ÷ 全年预算数 40.00 = 90.00%；÷ ' +
        '年初预算数 45.00 = 80.00%）。',
    );
  });

  it('the first statement holding a number is the one read', () => {
    const d = projectDoc({
      money: { adjusted: '40', actual: '36' },
      execScore: '9',
      extra: [
        { concept: 'execution.weight', value: '见附表', where: { line: 7 } },
        { concept: 'execution.weight', value: '20', where: { line: 8 } },
      ],
    });
    // 90% × 20 = 18.
    const [f] = checkExecutionScore(ctxOf(d), EXEC);
    expect([f?.values.weight, f?.values.expected, f?.locations[1]]).toEqual([
      '20.00',
      '18.00',
      { line: 8 },
    ]);
  });

  it('a whole department report is left to SCORE-EXECUTION', () => {
    const d = makeDossier({
      statements: [
        { concept: 'execution.rate', value: '90%', where: { section: '三' } },
        { concept: 'execution.weight', value: '10', where: { section: '三' } },
        { concept: 'execution.score', value: '5', where: { section: '三' } },
      ],
    });
    expect(checkExecutionScore(ctxOf(d), EXEC)).toEqual([]);
    // The same statements on an excerpt: 90% × 10 = 9, 5 is 4 off.
    const partial = makeDossier({
      document: { level: 'department', partial: true },
      statements: d.statements,
    });
    expect(checkExecutionScore(ctxOf(partial), EXEC).map((f) => f.values.expected)).toEqual([
      '9.00',
    ]);
  });

  it('a department excerpt with several projects still reads its unscoped totals', () => {
    const base = baseDossierInput();
    const projects = base.expenditure?.projects ?? [];
    const d = makeDossier({
      document: { level: 'department', partial: true },
      expenditure: {
        ...base.expenditure,
        projects: [...projects, { ...projects[0], id: 'P2', name: '宣传经费' }] as NonNullable<
          DossierInput['expenditure']
        >['projects'],
      },
      statements: [
        { concept: 'execution.weight', value: '10', where: { section: '三' } },
        { concept: 'execution.score', value: '10', where: { section: '三' } },
        { concept: 'score.total', value: '120', where: { section: '三' } },
      ],
    });
    // 90 scored + execution 10 = 100.
    const [f] = checkTotalBounds(ctxOf(d), TOTAL);
    expect([f?.values.execution, f?.values.highest]).toEqual(['10.00', '100.00']);
  });

  describe('sub-rows of a department money block', () => {
    // 基本支出 372 of 400 (调整后) = 93% → 9.3 of 10; 年初 500 would give 74.4% → 7.44.
    const sub = (rows: [string, string, string?][]) =>
      checkExecutionScore(
        ctxOf(
          Dossier.parse({
            year: 2021,
            unit: { name: '某乡人民政府' },
            document: { level: 'department', partial: true, missing: [] },
            statements: rows.map(([concept, value, scope], i) => ({
              concept,
              value,
              where: { table: '预算执行', line: 5 + i },
              ...(scope ? { scope } : {}),
            })),
          } as DossierInput),
        ),
        EXEC,
      );
    const money: [string, string][] = [
      ['expenditure.basic.initialBudget', '500'],
      ['expenditure.basic.adjustedBudget', '400'],
      ['expenditure.basic.actual', '372'],
    ];

    it('names the row, the quotient and the difference; the adjusted budget first', () => {
      const [f, ...rest] = sub([
        ...money,
        ['execution.weight', '10', 'expenditure.basic'],
        ['execution.score', '10', 'expenditure.basic'],
      ]);
      expect(rest).toEqual([]);
      expect(f?.message.zh).toBe(
        '预算执行（基本支出）：得分 10；按表中规则 执行率 93.00%（执行数 ÷ 预算数） × 分值 10.00 = ' +
          '9.30 分，相差 0.70 分。',
      );
      expect(f?.values).toEqual({
        stated: '10',
        weight: '10.00',
        rate: '93.00%',
        expected: '9.30',
      });
      expect(f?.locations).toEqual([
        { table: '预算执行', line: 9 },
        { table: '预算执行', line: 8 },
        { table: '预算执行', line: 7 },
      ]);
    });

    it('silent when the row states no 分值 or no 得分, or agrees', () => {
      expect(sub([...money, ['execution.score', '10', 'expenditure.basic']])).toEqual([]);
      expect(sub([...money, ['execution.weight', '10', 'expenditure.basic']])).toEqual([]);
      expect(
        sub([
          ...money,
          ['execution.weight', '10', 'expenditure.basic'],
          ['execution.score', '9.3', 'expenditure.basic'],
        ]),
      ).toEqual([]);
    });
  });
});

describe('edges of the document rules, one rule at a time', () => {
  const EXEC = ruleOf('DOC-EXECUTION-SCORE');
  const TOTAL = ruleOf('DOC-TOTAL-BOUNDS');
  const WEIGHTS = ruleOf('DOC-WEIGHT-TOTAL');
  const COST = ruleOf('DOC-COST-VS-SPENT');
  /** A project-level table read without a project: the unit's money block and grid. */
  const unitTable = (statements: [string, string][], indicators: DossierInput['indicators'] = []) =>
    Dossier.parse({
      year: 2022,
      unit: { name: '某县水务站' },
      document: { level: 'project' },
      indicators,
      statements: statements.map(([concept, value], i) => ({
        concept,
        value,
        where: { line: i + 1 },
      })),
    } as DossierInput);

  it('a unit-level table: the execution score is named 预算执行, rows by indicators[i]', () => {
    const d = unitTable(
      [
        ['income.total.adjustedBudget', '40'],
        ['income.total.actual', '36'],
        ['execution.weight', '10'],
        ['execution.score', '10'],
      ],
      [
        {
          id: 'c1',
          level1: '产出指标',
          level2: '成本指标',
          name: '项目总成本',
          target: '≤40万元',
          actual: '50万元',
          weight: 10,
          score: 10,
        },
      ],
    );
    // 36 ÷ 40 = 90% × 10 = 9.
    const [f] = checkExecutionScore(ctxOf(d), EXEC);
    expect(f?.message.zh).toBe(
      '预算执行：得分 10；按表中规则 执行率 90.00%（执行数 ÷ 预算数） × 分值 10.00 = 9.00 分，' +
        '相差 1.00 分。',
    );
    expect(f?.scope).toBeUndefined();
    const [c] = checkCostVsSpent(ctxOf(d), COST);
    expect(c?.locations).toEqual([{ path: 'indicators[0].actual' }, { line: 2 }]);
    expect(checkWeightTotal(ctxOf(d), WEIGHTS)).toEqual([]);
  });

  it('execution rows without a score, an actual or any rate are passed over', () => {
    const rows = (actual: string, score?: string): Row[] => [
      [
        '预算执行率',
        '资金管理',
        '100%',
        actual,
        '10',
        ...(score !== undefined ? [score] : []),
      ] as Row,
    ];
    const noMoney = (r: Row[]) => checkExecutionScore(ctxOf(projectDoc({ rows: r })), EXEC);
    expect(noMoney(rows('95%'))).toEqual([]);
    expect(noMoney(rows('', '8'))).toEqual([]);
    expect(noMoney(rows('已完成', '8'))).toEqual([]);
  });

  it('an empty grid has no bounds; a whole department grid with an unscored row does', () => {
    const empty = projectDoc({ money: { adjusted: '40', actual: '36' }, total: '120' });
    expect(checkTotalBounds(ctxOf(empty), TOTAL)).toEqual([]);
    const d = makeDossier({
      indicators: (baseDossierInput().indicators ?? []).map((i) =>
        i.id === 'O1' ? { ...i, score: undefined } : i,
      ),
      statements: [
        { concept: 'execution.weight', value: '10', where: { section: '三' } },
        { concept: 'execution.score', value: '10', where: { section: '三' } },
        { concept: 'score.total', value: '120', where: { section: '三' } },
      ],
    });
    // Scored 90 − 20 = 70, + execution 10 = 80; O1's 20 unscored: highest 100.
    const [f] = checkTotalBounds(ctxOf(d), TOTAL);
    expect([f?.severity, f?.values.lowest, f?.values.highest]).toEqual([
      'error',
      '80.00',
      '100.00',
    ]);
    expect(f?.message.en).toBe(' total 120 stated; item scores allow 80.00–100.00.');
  });

  it('an execution row in a whole grid of 30 points: no unread rows are assumed', () => {
    const d = (total: string) =>
      projectDoc({
        money: { adjusted: '40', actual: '36' },
        total,
        rows: [
          ['维修处数', '数量指标', '≥20处', '20处', '20', '20'],
          ['预算执行率', '资金管理', '100%', '90%', '10', '9'],
        ],
      });
    // 20 + 9 = 29 is both the lowest and the highest.
    expect(checkTotalBounds(ctxOf(d('29.02')), TOTAL).map((f) => f.severity)).toEqual(['error']);
    expect(checkTotalBounds(ctxOf(d('29')), TOTAL)).toEqual([]);
  });

  it('a project-level document without a project has no weight total', () => {
    expect(checkWeightTotal(ctxOf(unitTable([['execution.weight', '20']])), WEIGHTS)).toEqual([]);
  });

  it.each([
    // [spent, actual, severity]
    ['149.6', '150万', 'info'], // 149.6 to the integer is 150
    ['149.6', '150.1万', 'error'], // to one decimal 149.6 is not 150.1
    ['125.25', '150万元/人', undefined],
    ['125.25', '150百万元', undefined],
    ['125.25', '1.5亿元/年', undefined],
    ['125.25', '1.5十亿元', undefined],
    ['125.25', '', undefined],
  ] as const)('cost: spent %s, actual %s', (spent, actual, severity) => {
    const d = projectDoc({
      money: { adjusted: '20000', actual: spent },
      rows: [['项目总成本', '成本指标', '≤150万元', actual, '10', '10']],
    });
    expect(checkCostVsSpent(ctxOf(d), COST).map((f) => f.severity)).toEqual(
      severity ? [severity] : [],
    );
  });

  it('yuan/wan: the larger figure is named with its row and column; projects apart', () => {
    const d = (extra: DossierInput['statements']) =>
      checkYuanWan(ctxOf(projectDoc({ extra })), ruleOf('DOC-YUAN-WAN'));
    const [f] = d([
      { concept: 'income.total.actual', value: '362500', where: cell('全年执行数') },
      { concept: 'income.total.actual', value: '36.25', where: { section: '二', line: 9 } },
    ]);
    expect(f?.message.zh).toBe(
      '“年度资金总额”行 “全年执行数”列写 362500，二写 36.25：相差 10000 倍，一处应是以元为单位。',
    );
    expect(f?.scope).toBeUndefined();
    expect(
      d([
        { concept: 'project.actual', value: '362500', where: { line: 1 }, scope: 'p1' },
        { concept: 'project.actual', value: '36.25', where: { line: 2 }, scope: 'p2' },
      ]),
    ).toEqual([]);
  });

  it('spent above funds: the largest total wherever it comes; text is skipped', () => {
    const found = checkSpentAboveFunds(
      ctxOf(
        Dossier.parse({
          year: 2022,
          unit: { name: '某协会' },
          document: { level: 'department', partial: true },
          statements: [
            ['income.total.initialBudget', '见附表', 1],
            ['income.total.initialBudget', '69.06', 2],
            ['income.total.adjustedBudget', '72', 3],
            ['income.total.actual', '70', 4],
            ['expenditure.total.actual', '76.36', 5],
          ].map(([concept, value, line]) => ({ concept, value, where: { line } })),
        } as DossierInput),
      ),
      ruleOf('DOC-SPENT-ABOVE-FUNDS'),
    );
    // 76.36 − 72 = 4.36.
    expect(found.map((f) => [f.values.excess, f.locations[1]])).toEqual([['4.36', { line: 3 }]]);
  });
});
