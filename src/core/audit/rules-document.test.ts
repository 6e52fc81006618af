import { describe, expect, it } from 'vitest';
import { Dossier, type DossierInput } from '../dossier/schema.ts';
import { auditDossier } from './audit.ts';
import type { Finding } from './types.ts';

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
      ...st('project.initialBudget', m.initial, '年初预算数', 'p1'),
      ...st('project.adjustedBudget', m.adjusted, '全年预算数', 'p1'),
      ...st('project.actual', m.actual, '全年执行数', 'p1'),
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
