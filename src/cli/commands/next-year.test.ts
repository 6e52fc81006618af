import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDossierText } from '../../io/load-dossier.ts';
import { runCli } from '../run.ts';

const example = fileURLToPath(
  new URL('../../../examples/hengyang-finance-office-2023.yaml', import.meta.url),
);
const broken = fileURLToPath(
  new URL('../../../examples/broken/missing-weight.yaml', import.meta.url),
);

describe('jixiao next-year', () => {
  it('turns the FY2023 example into a valid FY2024 draft', async () => {
    const r = await runCli(['next-year', example], { capture: true });
    expect(r.code).toBe(0);
    const parsed = parseDossierText(r.stdout, 'next.yaml');
    expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
    if (!parsed.ok) return;
    const d = parsed.dossier;
    expect(d.year).toBe(2024);
    expect(d.unit.name).toBe('衡阳市人民政府金融工作办公室');
    // 2023 决算 → 2024 priorActual; 2023 年初预算 → priorInitialBudget (万元).
    expect(d.expenditure.personnel).toEqual({
      priorActual: '343.36',
      priorInitialBudget: '357.65',
    });
    expect(d.income.general).toEqual({ priorActual: '483.61', priorInitialBudget: '544.84' });
    expect(d.threePublic.vehicleOperation).toEqual({
      priorActual: '3.42',
      priorInitialBudget: '4',
    });
    expect(d.assets).toEqual({ previousYearEnd: '66.13' });
    // Projects without a stated 2023 actual carry only their budget.
    expect(d.expenditure.projects.map((p) => [p.id, p.money])).toEqual([
      ['P1', { priorInitialBudget: '62.86' }],
      ['P2', { priorInitialBudget: '10' }],
      ['P3', { priorInitialBudget: '30' }],
    ]);
    expect(d.indicators).toHaveLength(14);
    expect(d.indicators.find((i) => i.id === 'C1')).toEqual({
      id: 'C1',
      level1: '成本指标',
      level2: '社会成本指标',
      name: '非法集资涉案金额增长率',
      kind: 'quantitative',
      target: { kind: 'number', op: '<', value: '1', unit: '%', text: '＜1%' },
      weight: '10',
    });
    expect(
      d.indicators.every(
        (i) => i.actual === undefined && i.score === undefined && i.deviation === undefined,
      ),
    ).toBe(true);
    expect(d.statements).toEqual([]);
    expect(d.filing).toEqual({
      preparer: '罗章伟',
      phone: '8139723',
      basis: '《衡阳市预算绩效管理实施办法》（衡办发〔2022〕13号）',
    });
    expect(d.narrative.economicBenefits).toBeUndefined();
  });

  it('writes -o FILE, which validates', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'jixiao-next-')), 'fy2024.yaml');
    const r = await runCli(['next-year', example, '-o', file, '--lang', 'en'], { capture: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('FY2024, 14 indicators, 3 projects');
    expect(readFileSync(file, 'utf8')).toContain('# yaml-language-server: $schema=');
    expect((await runCli(['validate', file], { capture: true })).code).toBe(0);
  });

  it('reports an invalid input dossier at its line (exit 2)', async () => {
    const r = await runCli(['next-year', broken], { capture: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing-weight\.yaml:\d+:\d+: indicators\[2\]\.weight：缺少必填项/);
  });
});
