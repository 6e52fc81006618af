/**
 * The arithmetic checks called one at a time on a small context: the whole finding (message with
 * its figures, parts, locations), parts stated at the total's place replacing the data, every
 * money column, and the staffing sum. Hand arithmetic on the base factory dossier
 * (src/core/testing/factories.ts): 人员 320 + 公用 80 = 基本 400 (年初 320 + 80 = 400); P1 100;
 * income 500 (一般公共预算 only); “三公” 运行维护 3.5 + 接待 0.8 = 4.3.
 */
import { describe, expect, it } from 'vitest';
import type { DossierInput } from '../dossier/schema.ts';
import { runRule, stated } from '../testing/audit-context.ts';
import { baseDossierInput } from '../testing/factories.ts';
import { ARITHMETIC_RULES } from './rules-arithmetic.ts';
import type { Rule } from './types.ts';

const ruleOf = (code: string): Rule => {
  const rule = ARITHMETIC_RULES.find((r) => r.code === code);
  if (!rule) throw new Error(`no rule ${code}`);
  return rule;
};
const base = baseDossierInput();
const annex1 = (row: string, column: string) => ({
  annex: 1 as const,
  table: '基础数据',
  row,
  column,
});

describe('ARITH-BASIC-SUM', () => {
  const rule = ruleOf('ARITH-BASIC-SUM');
  it('within tolerance: info naming each part and the tolerance', () => {
    const [f, ...rest] = runRule(rule, {
      statements: [stated('expenditure.basic.actual', '400.02')],
    });
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('info');
    expect(f?.values).toEqual({
      stated: '400.02',
      sum: '400.00',
      difference: '0.02',
      tolerance: '0.02',
      part1: '人员经费 320.00',
      part2: '公用经费 80.00',
    });
    expect(f?.message.zh).toBe(
      '基本支出全年执行数（决算数）：二（一）写 400.02 万元；人员经费 320.00（档案数据） + ' +
        '公用经费 80.00（档案数据） = 400.00 万元，相差 0.02 万元（在 0.02 万元舍入容差内）。',
    );
    expect(f?.message.en).toBe(
      'expenditure basic actual: 二（一） says 400.02; expenditure personnel 320.00 (dossier) + ' +
        'expenditure publicFunds 80.00 (dossier) = 400.00, off by 0.02 万元 ' +
        '(within rounding tolerance).',
    );
    expect(f?.locations).toEqual([
      { section: '二（一）' },
      { path: 'expenditure.personnel.actual' },
      { path: 'expenditure.publicFunds.actual' },
    ]);
  });
  it('beyond tolerance: error, no tolerance note', () => {
    const [f] = runRule(rule, { statements: [stated('expenditure.basic.actual', '399.97')] });
    expect(f?.severity).toBe('error');
    expect(f?.values).toMatchObject({ stated: '399.97', difference: '0.03', tolerance: '0.02' });
    expect(f?.message.zh).toBe(
      '基本支出全年执行数（决算数）：二（一）写 399.97 万元；人员经费 320.00（档案数据） + ' +
        '公用经费 80.00（档案数据） = 400.00 万元，相差 0.03 万元。',
    );
    expect(f?.message.en).toMatch(/off by 0\.03 万元\.$/);
  });
  it('equal, or words only: silent', () => {
    expect(runRule(rule, { statements: [stated('expenditure.basic.actual', '400.00')] })).toEqual(
      [],
    );
    expect(runRule(rule, { statements: [stated('expenditure.basic.actual', '见附表')] })).toEqual(
      [],
    );
  });
  it('each column on its own: 年初预算数 320 + 80 = 400', () => {
    const where = annex1('基本支出', '年初预算数');
    const [f] = runRule(rule, {
      statements: [stated('expenditure.basic.initialBudget', '401', where)],
    });
    expect(f?.values).toMatchObject({ sum: '400.00', difference: '1.00' });
    expect(f?.locations).toEqual([
      where,
      { path: 'expenditure.personnel.initialBudget' },
      { path: 'expenditure.publicFunds.initialBudget' },
    ]);
  });
  it('a part stated at the same place is used, marked as stated', () => {
    const where = annex1('基本支出', '决算数');
    const [f] = runRule(rule, {
      statements: [
        stated('expenditure.basic.actual', '400', where),
        stated('expenditure.personnel.actual', '321', { ...where, row: '人员经费' }),
      ],
    });
    expect(f?.values).toMatchObject({ sum: '401.00', part1: '人员经费 321.00' });
    expect(f?.message.zh).toContain('人员经费 321.00 + 公用经费 80.00（档案数据） = 401.00');
    expect(f?.message.en).toContain(
      'expenditure personnel 321.00 + expenditure publicFunds 80.00 (dossier)',
    );
    expect(f?.locations[1]).toEqual({ ...where, row: '人员经费' });
  });
  it('a part in words at the place falls back to the data', () => {
    const where = annex1('基本支出', '决算数');
    expect(
      runRule(rule, {
        statements: [
          stated('expenditure.basic.actual', '400', where),
          stated('expenditure.personnel.actual', '略', where),
        ],
      }),
    ).toEqual([]);
  });
  it('no data for a part: the others only; no parts at all: silent', () => {
    const noPublic = {
      expenditure: { ...base.expenditure!, publicFunds: {} },
      statements: [stated('expenditure.basic.actual', '330')],
    };
    const [f] = runRule(rule, noPublic);
    expect(f?.values).toMatchObject({ sum: '320.00', difference: '10.00', tolerance: '0.01' });
    expect(
      runRule(rule, {
        expenditure: { ...base.expenditure!, personnel: {}, publicFunds: {} },
        statements: [stated('expenditure.basic.actual', '330')],
      }),
    ).toEqual([]);
  });
});

describe('ARITH-EXPENDITURE-SUM', () => {
  const rule = ruleOf('ARITH-EXPENDITURE-SUM');
  it('basic 400 + projects 100 from the data, located by concept', () => {
    const [f] = runRule(rule, { statements: [stated('expenditure.total.actual', '505')] });
    expect(f?.values).toEqual({
      stated: '505.00',
      sum: '500.00',
      difference: '5.00',
      tolerance: '0.02',
      part1: '基本支出 400.00',
      part2: '项目支出 100.00',
    });
    expect(f?.locations).toEqual([
      { section: '二（一）' },
      { concept: 'expenditure.basic.actual' },
      { concept: 'expenditure.projects.actual' },
    ]);
  });
  it('人员 + 公用 stated at the place replace 基本支出; each project stated replaces 项目支出', () => {
    const where = { section: '三' };
    const [f] = runRule(rule, {
      statements: [
        stated('expenditure.total.actual', '500', where),
        stated('expenditure.personnel.actual', '300', where),
        stated('project.actual', '90', where, 'P1'),
      ],
    });
    // 人员 300 (stated) + 公用 80 (data) + 业务工作经费 90 (stated) = 470.
    expect(f?.values).toEqual({
      stated: '500.00',
      sum: '470.00',
      difference: '30.00',
      tolerance: '0.03',
      part1: '人员经费 300.00',
      part2: '公用经费 80.00',
      part3: '项目“业务工作经费” 90.00',
    });
    expect(f?.message.en).toContain('project "P1" 90.00');
    expect(f?.locations).toEqual([where, where, { path: 'expenditure.publicFunds.actual' }, where]);
  });
});

describe('ARITH-PROJECTS-SUM', () => {
  const rule = ruleOf('ARITH-PROJECTS-SUM');
  const twoProjects: Partial<DossierInput> = {
    expenditure: {
      ...base.expenditure!,
      projects: [
        { id: 'PA', name: '系统运维', money: { initialBudget: '60', actual: '55.5' } },
        { id: 'PB', name: '专项调研', money: { initialBudget: '40' } },
      ],
    },
  };
  it('Σ projects by their JSON paths, a project without the column left out', () => {
    const [f] = runRule(rule, {
      ...twoProjects,
      statements: [stated('expenditure.projects.actual', '60')],
    });
    expect(f?.values).toEqual({
      stated: '60.00',
      sum: '55.50',
      difference: '4.50',
      tolerance: '0.01',
      part1: '项目“系统运维” 55.50',
    });
    expect(f?.locations).toEqual([
      { section: '二（一）' },
      { path: 'expenditure.projects[0].money.actual' },
    ]);
    const [g] = runRule(rule, {
      ...twoProjects,
      statements: [stated('expenditure.projects.initialBudget', '100.02')],
    });
    expect(g?.severity).toBe('info');
    expect(g?.values).toMatchObject({ sum: '100.00', tolerance: '0.02' });
    expect(g?.locations.slice(1)).toEqual([
      { path: 'expenditure.projects[0].money.initialBudget' },
      { path: 'expenditure.projects[1].money.initialBudget' },
    ]);
  });
  it('a project stated at the place, by its id', () => {
    const where = { section: '四' };
    const [f] = runRule(rule, {
      ...twoProjects,
      statements: [
        stated('expenditure.projects.initialBudget', '100', where),
        stated('project.initialBudget', '61', where, 'PA'),
      ],
    });
    expect(f?.values).toMatchObject({ sum: '101.00', part1: '项目“系统运维” 61.00' });
  });
});

describe('ARITH-THREE-PUBLIC-SUM and ARITH-VEHICLE-SUM', () => {
  const total = ruleOf('ARITH-THREE-PUBLIC-SUM');
  const vehicle = ruleOf('ARITH-VEHICLE-SUM');
  it('“三公”: vehicle 3.5 (by concept) + reception 0.8 (by path); abroad not filled', () => {
    const [f] = runRule(total, { statements: [stated('threePublic.total.actual', '4.5')] });
    expect(f?.values).toEqual({
      stated: '4.50',
      sum: '4.30',
      difference: '0.20',
      tolerance: '0.02',
      part1: '公务用车购置及运行维护费 3.50',
      part2: '公务接待费 0.80',
    });
    expect(f?.locations.slice(1)).toEqual([
      { concept: 'threePublic.vehicle.actual' },
      { path: 'threePublic.reception.actual' },
    ]);
  });
  it('purchase and operation stated at the place replace the vehicle sum', () => {
    const where = annex1('三公经费', '决算数');
    const [f] = runRule(total, {
      statements: [
        stated('threePublic.total.actual', '4.3', where),
        stated('threePublic.vehicleOperation.actual', '3.6', where),
      ],
    });
    expect(f?.values).toMatchObject({ sum: '4.40', part1: '公务用车运行维护费 3.60' });
  });
  it('no vehicle data at all: the vehicle part is left out', () => {
    const [f] = runRule(total, {
      threePublic: { reception: { actual: '0.8' } },
      statements: [stated('threePublic.total.actual', '1')],
    });
    expect(f?.values).toEqual({
      stated: '1.00',
      sum: '0.80',
      difference: '0.20',
      tolerance: '0.01',
      part1: '公务接待费 0.80',
    });
  });
  it('vehicle: operation 3.5 only', () => {
    expect(runRule(vehicle, { statements: [stated('threePublic.vehicle.actual', '3.5')] })).toEqual(
      [],
    );
    const [f] = runRule(vehicle, { statements: [stated('threePublic.vehicle.actual', '3.6')] });
    expect(f?.values).toMatchObject({ sum: '3.50', part1: '公务用车运行维护费 3.50' });
    expect(f?.locations.slice(1)).toEqual([{ path: 'threePublic.vehicleOperation.actual' }]);
  });
});

describe('ARITH-INCOME-SUM', () => {
  const rule = ruleOf('ARITH-INCOME-SUM');
  it('Σ sources: 一般公共预算 480 + 其他 20.5 = 500.5', () => {
    const [f] = runRule(rule, {
      income: {
        general: { actual: '480' },
        other: { actual: '20.5' },
      },
      statements: [stated('income.total.actual', '500')],
    });
    expect(f?.severity).toBe('error');
    expect(f?.values).toMatchObject({ sum: '500.50', difference: '0.50', tolerance: '0.02' });
    expect(f?.locations.slice(1)).toEqual([
      { path: 'income.general.actual' },
      { path: 'income.other.actual' },
    ]);
  });
});

describe('ARITH-FUNDS-BY-NATURE', () => {
  const rule = ruleOf('ARITH-FUNDS-BY-NATURE');
  const where = { annex: 2 as const, table: '自评表' };
  it('only when 基本 or 项目 is stated beside the total', () => {
    expect(runRule(rule, { statements: [stated('income.total.actual', '510', where)] })).toEqual(
      [],
    );
    const [f] = runRule(rule, {
      statements: [
        stated('income.total.actual', '510', where),
        stated('expenditure.basic.actual', '400', where),
      ],
    });
    // 基本 400 (stated) + 项目 100 (data) = 500.
    expect(f?.values).toMatchObject({
      sum: '500.00',
      difference: '10.00',
      part2: '项目支出 100.00',
    });
    expect(f?.locations).toEqual([where, where, { concept: 'expenditure.projects.actual' }]);
  });
  it('a part stated at another place does not count', () => {
    expect(
      runRule(rule, {
        statements: [
          stated('income.total.actual', '510', where),
          stated('expenditure.basic.actual', '400', { section: '二' }),
        ],
      }),
    ).toEqual([]);
  });
});

describe('ARITH-STAFFING-SUM', () => {
  const rule = ruleOf('ARITH-STAFFING-SUM');
  const staffing = (s: Record<string, number>, statements: DossierInput['statements'] = []) =>
    runRule(rule, { unit: { ...base.unit!, staffing: s }, statements });
  it('20 = 17 + 3: silent; 20 ≠ 15 + 3: error from the dossier', () => {
    expect(
      staffing({ authorized: 20, authorizedAdministrative: 17, authorizedInstitutional: 3 }),
    ).toEqual([]);
    const [f, ...rest] = staffing({
      authorized: 20,
      authorizedAdministrative: 15,
      authorizedInstitutional: 3,
    });
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('error');
    expect(f?.values).toEqual({
      stated: '20',
      administrative: '15',
      institutional: '3',
      sum: '18',
    });
    expect(f?.message.zh).toBe('编制数：档案写 20 名；行政编制 15 + 事业编制 3 = 18 名。');
    expect(f?.message.en).toBe(
      'Authorised staff: 20 stated; administrative 15 + institutional 3 = 18.',
    );
    expect(f?.locations).toEqual([
      { path: 'unit.staffing.authorized' },
      { path: 'unit.staffing.authorizedAdministrative' },
      { path: 'unit.staffing.authorizedInstitutional' },
    ]);
  });
  it('a stated 编制数 is checked too, at its place', () => {
    const found = staffing({ authorizedAdministrative: 17, authorizedInstitutional: 3 }, [
      stated('staffing.authorized', '21名', { section: '一' }),
      stated('staffing.authorized', '若干', { section: '二' }),
      stated('staffing.authorized', '20', { section: '三' }),
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]?.message.zh).toBe('编制数：一写 21 名；行政编制 17 + 事业编制 3 = 20 名。');
    expect(found[0]?.locations[0]).toEqual({ section: '一' });
  });
  it('silent unless both parts are given', () => {
    expect(staffing({ authorized: 20, authorizedAdministrative: 15 })).toEqual([]);
    expect(staffing({ authorized: 20, authorizedInstitutional: 3 })).toEqual([]);
  });
});
