import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDossierText } from '../../io/load-dossier.ts';
import { derive } from '../derive.ts';
import { formatPercent, sumWan } from '../money.ts';
import { conceptInfo } from './concepts.ts';
import type { Dossier } from './schema.ts';

const file = fileURLToPath(
  new URL('../../../examples/hengyang-finance-office-2023.yaml', import.meta.url),
);
const text = readFileSync(file, 'utf8');

function load(): Dossier {
  const r = parseDossierText(text, file);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.dossier;
}

const d = load();
const stated = (concept: string, scope?: string): string[] =>
  d.statements.filter((s) => s.concept === concept && s.scope === scope).map((s) => s.value);

describe('examples/hengyang-finance-office-2023.yaml (the seed unit, as published)', () => {
  it('points editors at the JSON Schema on its first line', () => {
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../docs/dossier.schema.json');
  });

  it('holds the unit profile', () => {
    expect(d.year).toBe(2023);
    expect(d.unit.name).toBe('衡阳市人民政府金融工作办公室');
    expect(d.unit.functions).toHaveLength(8);
    expect(d.unit.offices).toHaveLength(7);
    expect(d.unit.staffing).toEqual({
      authorized: 22,
      authorizedAdministrative: 21,
      authorizedInstitutional: 1,
      actual: 22,
      retired: 0,
    });
    expect(d.filing.date).toBe('2023-05-24');
  });

  it('uses the figures the report’s own detail supports', () => {
    const x = derive(d);
    // 基本支出 = 人员 343.36 + 公用 61.57 = 404.93 万元 (the report also says 404.92 and 459.17).
    expect(x.basic.actual).toBe('404.93');
    expect(x.basic.initialBudget).toBe('441.98');
    expect(x.basic.priorActual).toBe('459.17');
    // 项目支出 initial budgets 62.86 + 10 + 30 = 102.86 万元.
    expect(x.projects.initialBudget).toBe('102.86');
    expect(x.projects.priorActual).toBe('118.88');
    // Income: 年初 544.84, 调整后 = 执行 = 483.61 + 23.52 = 507.13 万元.
    expect(x.income.initialBudget).toBe('544.84');
    expect(x.income.adjustedBudget).toBe('507.13');
    expect(x.income.actual).toBe('507.13');
    expect(formatPercent(x.executionRate)).toBe('100.00%');
    expect(formatPercent(derive(d, 'initialBudget').executionRate)).toBe('93.08%');
    expect(x.decreaseAgainstInitial).toBe('37.71');
    // Prior-year initial budget 424.86 reproduces the stated "+119.98, 28.24%".
    expect(x.budgetGrowthAmount).toBe('119.98');
    expect(formatPercent(x.budgetGrowthRate)).toBe('28.24%');
    expect(formatPercent(x.personnelShare, 1)).toBe('84.8%');
    expect(formatPercent(x.publicFundsShare, 1)).toBe('15.2%');
    // "三公": budget 4 + 3 = 7; narrative parts 3.42 + 0.39 = 3.81 (the text's total says 4.19).
    expect(x.threePublic.initialBudget).toBe('7');
    expect(x.threePublic.actual).toBe('3.81');
    expect(x.threePublic.priorActual).toBe('3.85');
    expect(x.assetGrowthAmount).toBe('30.56');
    expect(formatPercent(x.assetGrowthRate)).toBe('85.92%');
    expect(formatPercent(x.staffingControlRate)).toBe('100.00%');
  });

  it('holds the 附件2 grid: 14 indicators, weights 90 (+ execution 10), stated scores 88', () => {
    expect(d.indicators).toHaveLength(14);
    expect(sumWan(d.indicators.map((i) => i.weight))).toBe('90');
    expect(sumWan(d.indicators.map((i) => i.score))).toBe('88');
    const byLevel1 = new Map<string, string[]>();
    for (const i of d.indicators)
      byLevel1.set(i.level1, [...(byLevel1.get(i.level1) ?? []), i.weight]);
    for (const [level1, weights] of byLevel1)
      expect([sumWan(weights)]).toEqual(stated('indicators.level1.subtotal', level1));
    const c1 = d.indicators.find((i) => i.id === 'C1');
    expect(c1?.target).toMatchObject({ kind: 'number', op: '<', value: '1', unit: '%' });
    expect(c1?.actual).toEqual({ value: '-74.21', unit: '%', text: '-74.21%' });
    expect(d.indicators.find((i) => i.id === 'O2')?.actual).toEqual({
      value: '303.95',
      unit: '亿',
      text: '303.95 亿',
    });
    expect(d.indicators.find((i) => i.id === 'O6')?.actual).toEqual({ text: '均完成' });
    expect(d.indicators.find((i) => i.id === 'E3')).toMatchObject({
      level2: '生态效益指标',
      weight: '5',
      score: '3',
    });
    expect(d.indicators.filter((i) => i.kind === 'qualitative')).toHaveLength(4);
    // The stated total (98.9) is not execution 10 + Σ 88: kept as stated for the auditor.
    expect(stated('score.total')).toEqual(['98.9']);
    expect(stated('score.grade')).toEqual(['优']);
  });

  it('keeps every value of a figure the report states more than once', () => {
    expect(stated('expenditure.basic.actual')).toEqual(['404.92', '404.93', '459.17', '404.92']);
    expect(stated('expenditure.basic.initialBudget')).toEqual(['441.98', '441.98', '441.98']);
    expect(stated('expenditure.projects.initialBudget')).toEqual([
      '102.86',
      '102.98',
      '102.86',
      '102.86',
    ]);
    expect(stated('expenditure.projects.actual')).toEqual([
      '102.21',
      '102.86',
      '118.88',
      '118.88',
      '102.21',
    ]);
    expect(stated('expenditure.projects.priorActual')).toEqual(['118.88', '118.88']);
    expect(stated('expenditure.publicFunds.actual')).toEqual(['61.57', '50.43']);
    expect(stated('threePublic.total.actual')).toEqual(['4.19', '3.85']);
    expect(stated('threePublic.total.initialBudget')).toEqual(['7', '7']);
    expect(stated('threePublic.vehicleOperation.actual')).toEqual(['3.42', '3.46']);
    expect(stated('threePublic.vehicleOperation.initialBudget')).toEqual(['4', '4']);
    expect(stated('threePublic.reception.actual')).toEqual(['0.39', '0.39']);
    expect(stated('threePublic.reception.initialBudget')).toEqual(['3', '3']);
    expect(stated('threePublic.abroad.actual')).toEqual(['无', '0']);
    expect(stated('execution.rate')).toEqual(['93.08%', '100%']);
    expect(stated('income.total.initialBudget')).toEqual(['544.84', '544.84']);
    expect(stated('staffing.authorized')).toEqual(['22', '22']);
    expect(stated('staffing.actual')).toEqual(['22', '22']);
    expect(stated('project.actual', 'P1')).toEqual(['104.09']);
    expect(stated('project.actual', 'P3')).toEqual([]);
  });

  it('locates every statement and names known concepts', () => {
    expect(d.statements.length).toBeGreaterThanOrEqual(100);
    for (const s of d.statements) {
      expect(conceptInfo(s.concept), s.concept).toBeDefined();
      expect(s.where.quote, s.concept).toBeTruthy();
      expect(s.where.line, s.concept).toBeGreaterThan(0);
      expect(s.where.section !== undefined || s.where.annex !== undefined, s.concept).toBe(true);
    }
    // Project statements point at a project of the dossier.
    const ids = new Set(d.expenditure.projects.map((p) => p.id));
    for (const s of d.statements.filter((x) => x.concept.startsWith('project.')))
      expect(ids.has(s.scope ?? '')).toBe(true);
    // 附件1's 2023 决算 column repeats its 2022 column on every row that has both.
    const annex1 = d.statements.filter(
      (s) => s.where.annex === 1 && s.where.table === '经费控制情况',
    );
    const col = (row: string, c: string) =>
      annex1.find((s) => s.where.row === row && s.where.column === c)?.value;
    const rows = [...new Set(annex1.map((s) => s.where.row ?? ''))];
    const both = rows.filter(
      (r) => col(r, '2022 年决算数') !== undefined && col(r, '2023 年决算数') !== undefined,
    );
    expect(both.length).toBeGreaterThanOrEqual(12);
    for (const r of both) expect(col(r, '2023 年决算数'), r).toBe(col(r, '2022 年决算数'));
  });
});
