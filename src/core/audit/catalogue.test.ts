/**
 * Per-rule tests: for every rule of the catalogue, a dossier that trips it and one that does not
 * (the shared base factory dossier unless stated). A test fails when a rule has no case.
 */
import { describe, expect, it } from 'vitest';
import { moneyConcept, type ConceptKey } from '../concepts/index.ts';
import type { DossierInput } from '../dossier/schema.ts';
import {
  NATIONAL_RULESET,
  NATIONAL_RULESET_INPUT,
  RuleSetSchema,
  type RuleSet,
} from '../scoring/ruleset.ts';
import { baseDossierInput, makeDossier } from '../testing/factories.ts';
import { auditDossier } from './audit.ts';
import { CATALOGUE } from './catalogue.ts';
import type { Finding } from './types.ts';

type Patch = Partial<DossierInput>;
type IndicatorInput = NonNullable<DossierInput['indicators']>[number];
type StatementInput = NonNullable<DossierInput['statements']>[number];

interface Case {
  readonly trip: Patch;
  readonly clean?: Patch;
  readonly ruleset?: RuleSet;
  readonly cleanRuleset?: RuleSet;
  readonly today?: string;
}

const st = (
  concept: ConceptKey,
  value: string,
  where: StatementInput['where'] = { section: '二（一）' },
  scope?: string,
): StatementInput => ({ concept, value, where, ...(scope ? { scope } : {}) });
const annex1 = (row: string, column: string) => ({
  annex: 1 as const,
  table: '经费控制情况',
  row,
  column,
});

/** The base indicators with one replaced (or removed keys set to undefined). */
function ind(id: string, patch: Partial<IndicatorInput>): IndicatorInput[] {
  return (baseDossierInput().indicators ?? []).map((i) =>
    i.id === id
      ? (Object.fromEntries(
          Object.entries({ ...i, ...patch }).filter(([, v]) => v !== undefined),
        ) as IndicatorInput)
      : i,
  );
}
const base = baseDossierInput();
const money = base.expenditure!;
const tp = base.threePublic!;
const hunanLike = (department: Record<string, number>) =>
  RuleSetSchema.parse({ ...NATIONAL_RULESET_INPUT, name: 'test', level1Weights: { department } });
const lostPoint = ind('O1', { score: 18, deviation: '检查次数未达预期，下年加强计划管理' });

/** Where a one-project table states its money block (年度资金总额 row). */
const money1 = (column: string) => ({ table: '预算执行', row: '年度资金总额', column });
/**
 * A project-level table: one project, 全年预算数 40, 执行数 36, a cost row and a benefit row
 * (分值 and 得分 as given), and the statements given (the base dossier's replaced).
 */
function projectTable(
  g: { weights?: [string, string]; scores?: [string, string]; costActual?: string },
  statements: StatementInput[],
): Patch {
  const [w1, w2] = g.weights ?? ['45', '45'];
  const [s1, s2] = g.scores ?? [w1, w2];
  return {
    document: { level: 'project' },
    expenditure: {
      ...money,
      projects: [
        {
          id: 'T1',
          name: '测试项目',
          money: { adjustedBudget: '40', actual: '36' },
          indicators: [
            {
              id: 'T1a',
              level1: '产出指标',
              level2: '成本指标',
              name: '项目总成本',
              target: '≤40万元',
              actual: g.costActual ?? '36万元',
              weight: w1,
              score: s1,
            },
            {
              id: 'T1b',
              level1: '效益指标',
              level2: '社会效益指标',
              name: '服务改善',
              target: '明显改善',
              actual: '明显改善',
              weight: w2,
              score: s2,
            },
          ],
        },
      ],
    },
    statements: [
      st('project.adjustedBudget', '40', money1('全年预算数'), 'T1'),
      st('project.actual', '36', money1('全年执行数'), 'T1'),
      ...statements,
    ],
  };
}

const CASES: Record<string, Case> = {
  'ARITH-INCOME-SUM': {
    trip: { statements: [st('income.total.actual', '510', { annex: 2, table: '年度预算申请' })] },
    clean: { statements: [st('income.total.actual', '500', { annex: 2, table: '年度预算申请' })] },
  },
  'ARITH-FUNDS-BY-NATURE': {
    trip: {
      statements: [
        st('income.total.actual', '500', { annex: 2 }),
        st('expenditure.basic.actual', '400', { annex: 2 }),
        st('expenditure.projects.actual', '90', { annex: 2 }),
      ],
    },
    clean: {
      statements: [
        st('income.total.actual', '500', { annex: 2 }),
        st('expenditure.basic.actual', '400', { annex: 2 }),
        st('expenditure.projects.actual', '100', { annex: 2 }),
      ],
    },
  },
  'ARITH-BASIC-SUM': {
    trip: { statements: [st('expenditure.basic.actual', '410')] },
    clean: { statements: [st('expenditure.basic.actual', '400')] },
  },
  'ARITH-EXPENDITURE-SUM': {
    trip: { statements: [st('expenditure.total.actual', '510')] },
    clean: { statements: [st('expenditure.total.actual', '500')] },
  },
  'ARITH-PROJECTS-SUM': {
    trip: { statements: [st('expenditure.projects.actual', '110')] },
    clean: { statements: [st('expenditure.projects.actual', '100')] },
  },
  'ARITH-THREE-PUBLIC-SUM': {
    trip: { statements: [st('threePublic.total.actual', '5')] },
    clean: { statements: [st('threePublic.total.actual', '4.3')] },
  },
  'ARITH-VEHICLE-SUM': {
    trip: { statements: [st('threePublic.vehicle.actual', '4')] },
    clean: { statements: [st('threePublic.vehicle.actual', '3.5')] },
  },
  'ARITH-STAFFING-SUM': {
    trip: {
      unit: {
        ...base.unit,
        staffing: {
          authorized: 20,
          authorizedAdministrative: 15,
          authorizedInstitutional: 3,
          actual: 19,
        },
      },
    },
    clean: {
      unit: {
        ...base.unit,
        staffing: {
          authorized: 20,
          authorizedAdministrative: 17,
          authorizedInstitutional: 3,
          actual: 19,
        },
      },
    },
  },
  'RATIO-EXECUTION-RATE': {
    trip: { statements: [st('execution.rate', '95%')] },
    clean: { statements: [st('execution.rate', '100%')] },
  },
  'RATIO-PERSONNEL-SHARE': {
    trip: { statements: [st('expenditure.personnel.share', '85%')] },
    clean: { statements: [st('expenditure.personnel.share', '80%')] },
  },
  'RATIO-PUBLIC-SHARE': {
    trip: { statements: [st('expenditure.publicFunds.share', '25%')] },
    clean: { statements: [st('expenditure.publicFunds.share', '20.00%')] },
  },
  'RATIO-BUDGET-GROWTH': {
    trip: { statements: [st('budget.growth.rate', '10%')] },
    clean: { statements: [st('budget.growth.rate', '11.11%')] },
  },
  'RATIO-THREE-PUBLIC-CHANGE': {
    trip: { statements: [st('threePublic.change.rate', '5%')] },
    clean: { statements: [st('threePublic.change.rate', '7.50%')] },
  },
  'RATIO-THREE-PUBLIC-CONTROL': {
    trip: { statements: [st('threePublic.control.rate', '80%')] },
    clean: { statements: [st('threePublic.control.rate', '71.67%')] },
  },
  'RATIO-PUBLIC-FUNDS-CONTROL': {
    trip: { statements: [st('controls.publicFunds.rate', '90%')] },
    clean: { statements: [st('controls.publicFunds.rate', '100%')] },
  },
  'RATIO-PROCUREMENT': {
    trip: {
      controls: { procurement: { initialBudget: '20', actual: '18' } },
      statements: [st('controls.procurement.rate', '100%')],
    },
    clean: {
      controls: { procurement: { initialBudget: '20', actual: '18' } },
      statements: [st('controls.procurement.rate', '90%')],
    },
  },
  'RATIO-STAFF-CONTROL': {
    trip: { statements: [st('staffing.controlRate', '100%')] },
    clean: { statements: [st('staffing.controlRate', '95%')] },
  },
  'RATIO-ASSET-GROWTH': {
    trip: { statements: [st('assets.growth.rate', '25%')] },
    clean: { statements: [st('assets.growth.rate', '20%')] },
  },
  'RATIO-DECREASE': {
    trip: { statements: [st('budget.decrease', '5')] },
    clean: { statements: [st('budget.decrease', '0')] },
  },
  'RATIO-BASIC-DECREASE': {
    trip: { statements: [st('expenditure.basic.decrease', '3')] },
    clean: { statements: [st('expenditure.basic.decrease', '0')] },
  },
  'RATIO-BUDGET-GROWTH-AMOUNT': {
    trip: { statements: [st('budget.growth.amount', '60')] },
    clean: { statements: [st('budget.growth.amount', '50')] },
  },
  'RATIO-THREE-PUBLIC-BUDGET-CHANGE': {
    trip: { statements: [st('threePublic.budget.change', '1')] },
    clean: { statements: [st('threePublic.budget.change', '0')] },
  },
  'RATIO-ASSET-GROWTH-AMOUNT': {
    trip: { statements: [st('assets.growth.amount', '30')] },
    clean: { statements: [st('assets.growth.amount', '20')] },
  },
  // 321 ÷ 401 = 80.05%: "80.0%" is right to one decimal but not to the two domain.md §6 asks for.
  'RATIO-PRECISION': {
    trip: {
      expenditure: { ...money, personnel: { ...money.personnel, actual: '321' } },
      statements: [st('expenditure.personnel.share', '80.0%')],
    },
    clean: {
      expenditure: { ...money, personnel: { ...money.personnel, actual: '321' } },
      statements: [st('expenditure.personnel.share', '80.05%')],
    },
  },
  'CROSS-STATEMENTS-DIFFER': {
    trip: {
      statements: [
        st('expenditure.personnel.actual', '320'),
        st('expenditure.personnel.actual', '330', annex1('人员经费', '2023 年决算数')),
      ],
    },
    clean: {
      statements: [
        st('expenditure.personnel.actual', '320'),
        st('expenditure.personnel.actual', '320.00', annex1('人员经费', '2023 年决算数')),
      ],
    },
  },
  'CROSS-STATED-VS-DATA': {
    trip: { statements: [st('expenditure.personnel.actual', '330')] },
    clean: { statements: [st('expenditure.personnel.actual', '320')] },
  },
  'SCORE-WEIGHT-SUM': { trip: { indicators: ind('O1', { weight: 25, score: 25 }) } },
  'SCORE-WEIGHT-NONPOSITIVE': {
    trip: {
      indicators: [
        ...ind('O1', { weight: 20 }),
        {
          id: 'Z1',
          level1: '产出指标',
          level2: '数量指标',
          name: '零分值指标',
          target: '≥1个',
          actual: '1个',
          weight: 0,
          score: 0,
        },
      ],
    },
  },
  'SCORE-LEVEL1-RULESET': {
    trip: {},
    ruleset: hunanLike({ 成本指标: 10, 产出指标: 50, 效益指标: 20, 满意度指标: 10 }),
    cleanRuleset: hunanLike({ 成本指标: 10, 产出指标: 40, 效益指标: 30, 满意度指标: 10 }),
  },
  'SCORE-LEVEL1-STATED': {
    trip: { statements: [st('indicators.level1.subtotal', '50', { annex: 2 }, '产出指标')] },
    clean: { statements: [st('indicators.level1.subtotal', '40', { annex: 2 }, '产出指标')] },
  },
  'SCORE-ABOVE-WEIGHT': { trip: { indicators: ind('O2', { score: 12 }) } },
  'SCORE-RULE-MISMATCH': {
    trip: { indicators: ind('O3', { actual: '90%', score: 10, deviation: '部分延期' }) },
    clean: { indicators: ind('O3', { actual: '90%', score: 9.47, deviation: '部分延期' }) },
  },
  'SCORE-TOTAL-SUM': {
    trip: {
      statements: [
        st('score.total', '95', { section: '六' }),
        st('execution.score', '10', { annex: 2 }),
      ],
    },
    clean: {
      statements: [
        st('score.total', '100', { section: '六' }),
        st('execution.score', '10', { annex: 2 }),
      ],
    },
  },
  'SCORE-GRADE-BAND': {
    trip: {
      statements: [
        st('score.total', '100', { section: '六' }),
        st('score.grade', '良', { section: '九' }),
      ],
    },
    clean: {
      statements: [
        st('score.total', '100', { section: '六' }),
        st('score.grade', '优', { section: '九' }),
      ],
    },
  },
  'SCORE-EXECUTION': {
    trip: { statements: [st('execution.score', '8', { annex: 2 })] },
    clean: { statements: [st('execution.score', '10', { annex: 2 })] },
  },
  'SCORE-QUALITATIVE-TIER': {
    trip: { indicators: ind('E1', { score: 10, deviation: '服务质量仍有差距' }) },
    clean: { indicators: ind('E1', { score: 12, deviation: '服务质量仍有差距' }) },
  },
  'SCORE-FULL-BUT-MISSED': { trip: { indicators: ind('O3', { actual: '90%', score: 10 }) } },
  'SCORE-OVERRIDE': {
    trip: {
      indicators: ind('O1', {
        override: { score: 18, reason: '部分检查质量不高' },
        deviation: '质量不高',
      }),
    },
  },
  'SCORE-MANUAL-NEEDED': {
    trip: { indicators: ind('O1', { actual: '均完成', score: undefined }) },
  },
  'COMPL-DEVIATION-REASON': {
    trip: { indicators: ind('O1', { score: 18 }) },
    clean: { indicators: lostPoint },
  },
  'COMPL-TARGET-OPERATOR': { trip: { indicators: ind('O1', { target: '20次' }) } },
  'COMPL-TARGET-UNIT': { trip: { indicators: ind('O1', { target: '≥20', actual: '24' }) } },
  'COMPL-ACTUAL-NOT-MEASURABLE': { trip: { indicators: ind('O2', { actual: '均完成' }) } },
  'COMPL-ACTUAL-MISSING': { trip: { indicators: ind('O1', { actual: undefined }) } },
  'COMPL-UNIT-MISMATCH': { trip: { indicators: ind('E2', { actual: '1.2万亿元' }) } },
  'COMPL-GOAL-MISSING': { trip: { goal: { expected: '保障运转。', achieved: '' } } },
  'COMPL-MEASURES-MISSING': {
    trip: { narrative: { problems: '预算执行偏慢。' } },
    clean: { narrative: { problems: '预算执行偏慢。', measures: '按月分析执行进度。' } },
  },
  'COMPL-FILING-MISSING': { trip: { filing: { preparer: '张三' } } },
  'PLAUS-UNBUDGETED-SOURCE': {
    trip: {
      income: { ...base.income, other: { initialBudget: '0', adjustedBudget: '20', actual: '20' } },
    },
    clean: {
      income: {
        ...base.income,
        other: { initialBudget: '20', adjustedBudget: '20', actual: '20' },
      },
    },
  },
  'PLAUS-COPIED-COLUMN': {
    trip: {
      statements: (
        [
          ['人员经费', 'personnel', '300'],
          ['公用经费', 'publicFunds', '70'],
          ['项目支出', 'projects', '90'],
        ] as const
      ).flatMap(([row, part, v]) => [
        st(moneyConcept('expenditure', part, 'priorActual'), v, annex1(row, '2022 年决算数')),
        st(moneyConcept('expenditure', part, 'actual'), v, annex1(row, '2023 年决算数')),
      ]),
    },
    clean: {
      statements: (
        [
          ['人员经费', 'personnel', '300', '320'],
          ['公用经费', 'publicFunds', '70', '80'],
          ['项目支出', 'projects', '90', '100'],
        ] as const
      ).flatMap(([row, part, p, a]) => [
        st(moneyConcept('expenditure', part, 'priorActual'), p, annex1(row, '2022 年决算数')),
        st(moneyConcept('expenditure', part, 'actual'), a, annex1(row, '2023 年决算数')),
      ]),
    },
  },
  'PLAUS-OVERSPENT': {
    trip: {
      expenditure: {
        ...money,
        projects: [
          {
            id: 'P1',
            name: '业务工作经费',
            money: { initialBudget: '100', adjustedBudget: '100', actual: '110' },
          },
        ],
      },
    },
    clean: {
      expenditure: {
        ...money,
        projects: [
          {
            id: 'P1',
            name: '业务工作经费',
            money: { initialBudget: '100', adjustedBudget: '100', actual: '110' },
          },
        ],
      },
      narrative: { other: '项目支出超预算 10 万元，系年中追加检查任务所致。' },
    },
  },
  'PLAUS-NEGATIVE-AMOUNT': {
    trip: { controls: { office: { initialBudget: '1', actual: '-1' } } },
    clean: { controls: { office: { initialBudget: '1', actual: '1' } } },
  },
  'PLAUS-FILING-BEFORE-YEAR-END': {
    trip: { filing: { preparer: '张三', date: '2023-05-24' } },
    clean: { filing: { preparer: '张三', date: '2024-01-01' } },
  },
  'PLAUS-FILING-IN-FUTURE': { trip: {}, today: '2024-04-01' },
  'PLAUS-STAFF-OVER-QUOTA': {
    trip: { unit: { ...base.unit, staffing: { authorized: 20, actual: 22 } } },
    clean: { unit: { ...base.unit, staffing: { authorized: 20, actual: 20 } } },
  },
  'PLAUS-THREE-PUBLIC-OVER-BUDGET': {
    trip: { threePublic: { ...tp, reception: { ...tp.reception, actual: '2.5' } } },
    clean: { threePublic: { ...tp, reception: { ...tp.reception, actual: '2' } } },
  },
  'PLAUS-WRONG-LEVEL2': {
    trip: {
      indicators: ind('E2', {
        level2: '生态效益指标',
        name: '金融工作成效',
        target: '定性',
        actual: '成效明显',
        kind: 'qualitative',
      }),
    },
    clean: {
      indicators: ind('E2', {
        level2: '生态效益指标',
        name: '办公能耗下降率',
        target: '≥5%',
        actual: '6%',
      }),
    },
  },
  'PLAUS-LEVEL2-PARENT': { trip: { indicators: ind('E2', { level2: '数量指标' }) } },
  'PLAUS-PROJECT-NO-MONEY': {
    trip: {
      expenditure: {
        ...money,
        projects: [...money.projects!, { id: 'P2', name: '空项目', money: {} }],
      },
    },
  },
  'PLAUS-BUDGET-CUT-TO-ACTUAL': {
    trip: {
      income: {
        general: {
          priorInitialBudget: '450',
          initialBudget: '520',
          adjustedBudget: '500',
          actual: '500',
        },
      },
    },
    clean: {
      income: {
        general: {
          priorInitialBudget: '450',
          initialBudget: '500',
          adjustedBudget: '500',
          actual: '500',
        },
      },
    },
  },
  'PLAUS-RATE-OVER-100': { trip: { indicators: ind('S1', { actual: '105%' }) } },
  'PRACT-HIGH-SCORE-LOW-EXECUTION': {
    trip: {
      income: {
        general: {
          priorInitialBudget: '450',
          initialBudget: '500',
          adjustedBudget: '500',
          actual: '450',
        },
      },
    },
  },
  'PRACT-UNSPENT-SHARE': {
    trip: {
      income: {
        general: {
          priorInitialBudget: '450',
          initialBudget: '500',
          adjustedBudget: '500',
          actual: '350',
        },
      },
    },
  },
  'PRACT-ALL-FULL': { trip: {}, clean: { indicators: lostPoint } },
  'PRACT-PROBLEMS-EMPTY': {
    trip: { indicators: lostPoint, narrative: { problems: '暂无' } },
    clean: {
      indicators: lostPoint,
      narrative: { problems: '检查计划执行不到位。', measures: '按月调度。' },
    },
  },
  'PRACT-TARGET-TOO-LOW': { trip: { indicators: ind('O1', { actual: '40次' }) } },
  'PRACT-PROJECT-LOW-EXECUTION': {
    trip: {
      expenditure: {
        ...money,
        projects: [
          {
            id: 'P1',
            name: '业务工作经费',
            money: { initialBudget: '100', adjustedBudget: '100', actual: '50' },
          },
        ],
      },
    },
  },
  // Document rules (rules-document.ts): a one-project table, audited in its own terms.
  'DOC-EXECUTION-RATE': {
    trip: projectTable({}, [st('execution.rate', '95%', money1('执行率'))]),
    clean: projectTable({}, [st('execution.rate', '90%', money1('执行率'))]),
  },
  'DOC-EXECUTION-SCORE': {
    // 分值 20 × 36 ÷ 40 = 18.
    trip: projectTable({}, [
      st('execution.weight', '20', money1('分值')),
      st('execution.score', '19', money1('得分')),
    ]),
    clean: projectTable({}, [
      st('execution.weight', '20', money1('分值')),
      st('execution.score', '18', money1('得分')),
    ]),
  },
  'DOC-TOTAL-BOUNDS': {
    // 40 + 40 scored + execution 10 = 90, weights 45 + 45 + 10 = 100: nothing above 90.
    trip: projectTable({ weights: ['45', '45'], scores: ['40', '40'] }, [
      st('execution.weight', '10', money1('分值')),
      st('execution.score', '9', money1('得分')),
      st('score.total', '95', { table: '自评表' }),
    ]),
    clean: projectTable({ weights: ['45', '45'], scores: ['40', '40'] }, [
      st('execution.weight', '10', money1('分值')),
      st('execution.score', '9', money1('得分')),
      st('score.total', '89', { table: '自评表' }),
    ]),
  },
  'DOC-WEIGHT-TOTAL': {
    trip: projectTable({ weights: ['45', '40'] }, [st('execution.weight', '10', money1('分值'))]),
    clean: projectTable({ weights: ['45', '45'] }, [st('execution.weight', '10', money1('分值'))]),
  },
  'DOC-COST-VS-SPENT': {
    trip: projectTable({ costActual: '150万元' }, []),
    clean: projectTable({ costActual: '30万元' }, []),
  },
  'DOC-YUAN-WAN': {
    trip: {
      statements: [
        st('assets.yearEnd', '3625000', { section: '二（三）' }),
        st('assets.yearEnd', '362.5', { section: '三' }),
      ],
    },
  },
  'DOC-SPENT-ABOVE-FUNDS': {
    trip: {
      document: { partial: true },
      statements: [
        st('income.total.initialBudget', '69.06', { section: '二' }),
        st('expenditure.total.actual', '76.36', { section: '二' }),
      ],
    },
    clean: {
      document: { partial: true },
      statements: [
        st('income.total.initialBudget', '69.06', { section: '二' }),
        st('expenditure.total.actual', '60.5', { section: '二' }),
      ],
    },
  },
  'DOC-MISSING': { trip: { document: { missing: ['单位名称'] } } },
  'DOC-PARTIAL': { trip: { document: { partial: true } } },
};

function run(patch: Patch, ruleset: RuleSet = NATIONAL_RULESET, today = '2024-06-01'): Finding[] {
  return auditDossier(makeDossier(patch), { ruleset, today });
}

describe('rule catalogue', () => {
  it('has 40+ rules with unique stable codes, a source, a title and an example each', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CATALOGUE.map((r) => r.code)).size).toBe(CATALOGUE.length);
    for (const r of CATALOGUE) {
      expect(r.code).toMatch(/^(ARITH|RATIO|CROSS|SCORE|COMPL|PLAUS|PRACT|DOC)-[A-Z0-9-]+$/);
      expect(r.source.length).toBeGreaterThan(5);
      expect(r.title.zh && r.title.en && r.example).toBeTruthy();
    }
  });
  it('has a trip case for every rule', () => {
    expect(CATALOGUE.map((r) => r.code).filter((c) => !(c in CASES))).toEqual([]);
  });
  it('the base factory dossier audits clean of errors and warnings except PRACT-ALL-FULL', () => {
    const findings = run({});
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.filter((f) => f.severity !== 'info').map((f) => f.code)).toEqual([
      'PRACT-ALL-FULL',
    ]);
  });

  for (const rule of CATALOGUE) {
    const c = CASES[rule.code];
    if (!c) continue;
    describe(rule.code, () => {
      it(
        'trips on a dossier that breaks it, ' + 'with a message naming the values and a location',
        () => {
          const hits = run(c.trip, c.ruleset, c.today).filter((f) => f.code === rule.code);
          expect(hits.length).toBeGreaterThan(0);
          for (const f of hits) {
            expect(f.family).toBe(rule.family);
            expect(f.message.zh.length).toBeGreaterThan(5);
            expect(f.message.en.length).toBeGreaterThan(5);
            expect(f.locations.length).toBeGreaterThan(0);
          }
          expect(hits.some((f) => f.severity === rule.severity)).toBe(true);
        },
      );
      // The whole finding as the reader sees it: severity, both messages with their figures, the
      // locations and the compared values. The snapshot was read against the trip case by hand;
      // it pins the wording and the figures so a changed tolerance, operand or phrase shows up.
      it('states the reviewed message, locations and values', () => {
        const hits = run(c.trip, c.ruleset, c.today).filter((f) => f.code === rule.code);
        expect(
          hits.map((f) => ({
            severity: f.severity,
            zh: f.message.zh,
            en: f.message.en,
            locations: f.locations,
            values: f.values,
            indicatorId: f.indicatorId,
            scope: f.scope,
          })),
        ).toMatchSnapshot();
      });
      it('stays silent on a dossier that keeps it', () => {
        const clean = run(
          c.clean ?? {},
          c.cleanRuleset ?? NATIONAL_RULESET,
          c.today ? '2024-06-01' : undefined,
        ).filter((f) => f.code === rule.code);
        expect(clean).toEqual([]);
      });
    });
  }
});
