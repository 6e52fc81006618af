/**
 * Shared test factories: small, valid, internally consistent dossiers that tests change one field
 * at a time. Use these instead of hand-writing dossiers in each test.
 */
import { Dossier, type DossierInput } from '../dossier/schema.ts';

type IndicatorInput = DossierInput['indicators'] extends (infer T)[] | undefined ? T : never;

let seq = 0;

/** A quantitative indicator; defaults: 产出指标/数量指标, target ≥ 100 个, actual 100 个, weight 10. */
export function makeIndicatorInput(overrides: Partial<IndicatorInput> = {}): IndicatorInput {
  seq += 1;
  return {
    id: `T${seq}`,
    level1: '产出指标',
    level2: '数量指标',
    name: `测试指标${seq}`,
    target: '≥100个',
    actual: '100个',
    weight: 10,
    score: 10,
    ...overrides,
  };
}

/**
 * A consistent unit-year: budget 500.00 万元 fully executed; basic 400 (人员 320 + 公用 80), one project
 * of 100; indicator weights 成本 10 + 产出 40 + 效益 30 + 满意度 10 = 90, plus execution 10.
 */
export function baseDossierInput(): DossierInput {
  return {
    year: 2023,
    unit: {
      name: '测试市测试局',
      region: '测试市',
      functions: ['负责测试工作'],
      offices: ['综合科'],
      staffing: { authorized: 20, actual: 19, retired: 2 },
    },
    income: {
      general: {
        priorInitialBudget: '450',
        initialBudget: '500',
        adjustedBudget: '500',
        actual: '500',
      },
    },
    expenditure: {
      personnel: { priorActual: '300', initialBudget: '320', adjustedBudget: '320', actual: '320' },
      publicFunds: { priorActual: '70', initialBudget: '80', adjustedBudget: '80', actual: '80' },
      projects: [
        {
          id: 'P1',
          name: '业务工作经费',
          kind: 'business',
          money: { priorActual: '90', initialBudget: '100', adjustedBudget: '100', actual: '100' },
        },
      ],
    },
    threePublic: {
      vehicleOperation: {
        priorActual: '3',
        priorInitialBudget: '4',
        initialBudget: '4',
        adjustedBudget: '4',
        actual: '3.5',
      },
      reception: {
        priorActual: '1',
        priorInitialBudget: '2',
        initialBudget: '2',
        adjustedBudget: '2',
        actual: '0.8',
      },
    },
    assets: { yearEnd: '120', previousYearEnd: '100' },
    goal: { expected: '保障运转，完成业务工作。', achieved: '运转正常，业务工作全部完成。' },
    indicators: [
      {
        id: 'C1',
        level1: '成本指标',
        level2: '经济成本指标',
        name: '公用经费控制率',
        target: '≤100%',
        actual: '100%',
        weight: 10,
        score: 10,
      },
      {
        id: 'O1',
        level1: '产出指标',
        level2: '数量指标',
        name: '完成检查次数',
        target: '≥20次',
        actual: '24次',
        weight: 20,
        score: 20,
      },
      {
        id: 'O2',
        level1: '产出指标',
        level2: '质量指标',
        name: '检查覆盖率',
        target: '=100%',
        actual: '100%',
        weight: 10,
        score: 10,
      },
      {
        id: 'O3',
        level1: '产出指标',
        level2: '时效指标',
        name: '按时完成率',
        target: '≥95%',
        actual: '98%',
        weight: 10,
        score: 10,
      },
      {
        id: 'E1',
        level1: '效益指标',
        level2: '社会效益指标',
        name: '服务质量提升',
        kind: 'qualitative',
        target: '成效明显',
        actual: '成效明显',
        tier: 'achieved',
        weight: 15,
        score: 15,
      },
      {
        id: 'E2',
        level1: '效益指标',
        level2: '经济效益指标',
        name: '新增融资额',
        target: '≥100亿元',
        actual: '120亿元',
        weight: 15,
        score: 15,
      },
      {
        id: 'S1',
        level1: '满意度指标',
        level2: '服务对象满意度指标',
        name: '服务对象满意度',
        target: '≥90%',
        actual: '95%',
        weight: 10,
        score: 10,
      },
    ],
    filing: { preparer: '张三', date: '2024-04-20' },
  };
}

/** Build a parsed dossier; `patch` replaces top-level keys of the base (shallow). */
export function makeDossier(patch: Partial<DossierInput> = {}): Dossier {
  return Dossier.parse({ ...baseDossierInput(), ...patch });
}
