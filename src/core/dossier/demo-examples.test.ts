/**
 * The two fictional demo units (examples/demo-*.yaml): they load and validate, score to the figures
 * worked out by hand in their top comments (national rule set, read from rulesets/national.yaml),
 * and audit as intended — the education bureau clean, the county agriculture bureau with each of
 * its planted mistakes found.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDossierFile } from '../../io/load-dossier.ts';
import { loadRuleset } from '../../io/load-ruleset.ts';
import { auditDossier, countFindings, type Finding } from '../audit/index.ts';
import { derive } from '../derive.ts';
import { formatPercent, formatWan } from '../money.ts';
import type { RuleSet } from '../scoring/ruleset.ts';
import { score } from '../scoring/score.ts';
import type { ScoreResult } from '../scoring/types.ts';
import type { Dossier } from './schema.ts';
import { validateDossier } from './validate.ts';

const example = (name: string) =>
  fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url));
const EDU = example('demo-hengyang-education-bureau-2023.yaml');
const AGRI = example('demo-hengyang-county-agri-2023.yaml');
/** Audit date: spring after the fiscal year (the filing dates are 2024-03-28 and 2023-04-18). */
const TODAY = '2024-04-15';

let national: RuleSet;
beforeAll(async () => {
  national = await loadRuleset('national');
});

/** A loaded dossier is already valid; its plain-JSON form must validate again to the same value. */
function revalidates(d: Dossier): void {
  const again = validateDossier(JSON.parse(JSON.stringify(d)));
  expect(again.ok).toBe(true);
  if (again.ok) expect(again.dossier).toEqual(d);
}

/** Columns as displayed (万元, two decimals): canonical decimals drop trailing zeros. */
const shown = (c: Readonly<Record<string, string | undefined>>) =>
  Object.fromEntries(
    Object.entries(c)
      .filter((e): e is [string, string] => e[1] !== undefined)
      .map(([k, v]) => [k, formatWan(v)]),
  );
const subtotals = (r: { byLevel1: readonly { level1: string; weight: string; score: string }[] }) =>
  r.byLevel1.map((l) => [l.level1, l.weight, l.score]);
const project = (r: ScoreResult, id: string) => {
  const p = r.projects.find((x) => x.projectId === id);
  if (!p) throw new Error(`no project grid ${id}`);
  return p;
};

describe('examples/demo-hengyang-education-bureau-2023.yaml (clean demo unit)', () => {
  let d: Dossier;
  let r: ScoreResult;
  let findings: Finding[];
  beforeAll(async () => {
    d = await loadDossierFile(EDU);
    r = score(d, national);
    findings = auditDossier(d, { score: r, ruleset: national, today: TODAY });
  });

  it('is marked fictional, points at the schema and validates', () => {
    const text = readFileSync(EDU, 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../docs/dossier.schema.json');
    expect(text).toContain('虚构示例');
    revalidates(d);
    expect(d.year).toBe(2023);
    expect(d.statements).toEqual([]);
    expect(d.indicators).toHaveLength(18);
    expect(d.expenditure.projects.map((p) => p.kind)).toEqual([
      'special',
      'business',
      'operation',
      'business',
    ]);
    expect(d.expenditure.projects.filter((p) => p.indicators.length > 0).map((p) => p.id)).toEqual([
      'P1',
      'P2',
    ]);
    expect(d.filing.date).toBe('2024-03-28');
  });

  it('derives totals that agree between income and expenditure', () => {
    const x = derive(d, national.execution.denominator);
    expect(shown(x.income)).toEqual({
      priorActual: '5532.75',
      priorInitialBudget: '5380.00',
      initialBudget: '5698.50',
      adjustedBudget: '6042.30',
      actual: '5895.34',
    });
    expect(shown(x.basic)).toMatchObject({
      priorActual: '4328.43',
      initialBudget: '4518.50',
      adjustedBudget: '4674.30',
      actual: '4625.78',
    });
    expect(shown(x.projects)).toMatchObject({
      priorActual: '1204.32',
      initialBudget: '1180.00',
      adjustedBudget: '1368.00',
      actual: '1269.56',
    });
    expect(shown(x.expenditure)).toMatchObject({
      initialBudget: '5698.50',
      adjustedBudget: '6042.30',
      actual: '5895.34',
    });
    expect(formatPercent(x.executionRate)).toBe('97.57%');
    expect(formatPercent(x.budgetGrowthRate)).toBe('5.92%');
    expect(formatPercent(x.threePublicControlRate)).toBe('86.90%');
    expect(formatPercent(x.publicFundsControlRate)).toBe('98.25%');
    expect(formatPercent(x.personnelShare)).toBe('89.26%');
  });

  it('scores 97.82 (优) with every indicator computed and equal to its stated score', () => {
    expect(r.execution.score).toBe('9.76');
    expect(subtotals(r)).toEqual([
      ['成本指标', '10.00', '9.82'],
      ['产出指标', '40.00', '39.82'],
      ['效益指标', '30.00', '28.50'],
      ['满意度指标', '10.00', '9.92'],
    ]);
    expect(r.weightSum).toBe('100.00');
    expect(r.total).toBe('97.82');
    expect(r.grade).toBe('优');
    expect(r.stated).toEqual({ total: null, grade: null });
    for (const i of [...r.indicators, ...r.projects.flatMap((p) => p.indicators)]) {
      expect(i.status, i.id).toBe('computed');
      expect(i.score, i.id).toBe(i.stated === null ? null : Number(i.stated).toFixed(2));
    }
    expect(r.indicators.find((i) => i.id === 'C3')?.trace).toBe('3 × min(15 ÷ 15.93, 1) = 2.82');
    expect(r.indicators.find((i) => i.id === 'E5')?.tier).toBe('partial');
  });

  it('scores both project grids (产出 50, 效益 30, 满意度 10 + 执行 10)', () => {
    expect(r.projects.map((p) => p.projectId)).toEqual(['P1', 'P2']);
    const p1 = project(r, 'P1');
    expect(formatPercent(p1.execution.rate)).toBe('97.50%');
    expect(p1.execution.score).toBe('9.75');
    expect(subtotals(p1)).toEqual([
      ['产出指标', '50.00', '49.55'],
      ['效益指标', '30.00', '26.00'],
      ['满意度指标', '10.00', '10.00'],
    ]);
    expect([p1.weightSum, p1.total, p1.grade]).toEqual(['100.00', '95.30', '优']);
    const p2 = project(r, 'P2');
    expect(formatPercent(p2.execution.rate)).toBe('91.08%');
    expect(p2.execution.score).toBe('9.11');
    expect(subtotals(p2)).toEqual([
      ['产出指标', '50.00', '49.00'],
      ['效益指标', '30.00', '29.00'],
      ['满意度指标', '10.00', '10.00'],
    ]);
    expect([p2.weightSum, p2.total, p2.grade]).toEqual(['100.00', '97.11', '优']);
  });

  it('gives a deviation reason wherever a score is below its weight', () => {
    const all = [...d.indicators, ...d.expenditure.projects.flatMap((p) => p.indicators)];
    const below = all.filter((i) => i.score !== undefined && Number(i.score) < Number(i.weight));
    expect(below.map((i) => i.id)).toEqual([
      'C3',
      'O2',
      'E5',
      'S2',
      'P1-O1',
      'P1-E2',
      'P2-O2',
      'P2-E2',
    ]);
    for (const i of below) expect(i.deviation, i.id).toBeTruthy();
  });

  it('audits with no error-level finding', () => {
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(countFindings(findings).error).toBe(0);
  });
});

describe('examples/demo-hengyang-county-agri-2023.yaml (demo unit with planted mistakes)', () => {
  let d: Dossier;
  let r: ScoreResult;
  let findings: Finding[];
  const codes = () => new Set(findings.map((f) => f.code));
  const withCode = (code: string) => findings.filter((f) => f.code === code);
  beforeAll(async () => {
    d = await loadDossierFile(AGRI);
    r = score(d, national);
    findings = auditDossier(d, { score: r, ruleset: national, today: TODAY });
  });

  it('is marked fictional and validates', () => {
    expect(readFileSync(AGRI, 'utf8')).toContain('虚构示例');
    revalidates(d);
    expect(d.expenditure.projects.filter((p) => p.indicators.length > 0).map((p) => p.id)).toEqual([
      'P1',
    ]);
  });

  it('derives its totals and execution rate', () => {
    const x = derive(d, national.execution.denominator);
    expect(shown(x.income)).toMatchObject({
      initialBudget: '1298.60',
      adjustedBudget: '1442.80',
      actual: '1384.77',
    });
    expect(shown(x.expenditure)).toMatchObject({
      initialBudget: '1298.60',
      adjustedBudget: '1442.80',
      actual: '1384.77',
    });
    expect(formatPercent(x.executionRate)).toBe('95.98%');
    // The report says 88.53% (631.75 ÷ the basic INITIAL budget 713.60).
    expect(formatPercent(x.personnelShare)).toBe('87.15%');
  });

  it('scores 98.60 while the report states 99.6', () => {
    expect(r.execution.score).toBe('9.60');
    expect(subtotals(r)).toEqual([
      ['成本指标', '10.00', '10.00'],
      ['产出指标', '40.00', '40.00'],
      ['效益指标', '30.00', '29.00'],
      ['满意度指标', '10.00', '10.00'],
    ]);
    expect(r.total).toBe('98.60');
    expect(r.grade).toBe('优');
    expect(r.stated).toEqual({ total: '99.6', grade: '优' });
    // "均完成" cannot be measured: the stated 10 is used.
    expect(r.indicators.find((i) => i.id === 'O1')?.status).toBe('stated-used');
    const p1 = project(r, 'P1');
    expect(p1.execution.score).toBe('9.38');
    const o3 = p1.indicators.find((i) => i.id === 'P1-O3');
    expect([o3?.met, o3?.computed, o3?.stated]).toEqual([false, '14.37', '15.00']);
    expect(subtotals(p1)).toEqual([
      ['产出指标', '50.00', '49.37'],
      ['效益指标', '30.00', '30.00'],
      ['满意度指标', '10.00', '10.00'],
    ]);
    expect(p1.total).toBe('98.75');
  });

  it('finds every planted mistake', () => {
    for (const code of [
      'SCORE-TOTAL-SUM', // 1. stated 99.6 vs 98.60
      'RATIO-PERSONNEL-SHARE', // 2. 88.53% vs 87.15%
      'COMPL-ACTUAL-NOT-MEASURABLE', // 3. ≥1500人次 answered 均完成
      'SCORE-FULL-BUT-MISSED',
      'SCORE-RULE-MISMATCH',
      'COMPL-DEVIATION-REASON', // 4. 91% < 95%, full marks, no reason
      'PLAUS-FILING-BEFORE-YEAR-END', // 5. 2023-04-18
      'PLAUS-COPIED-COLUMN', // 6. 附件1 2023 决算 = 2022 决算
    ])
      expect(codes(), code).toContain(code);

    expect(withCode('SCORE-TOTAL-SUM')[0]?.values).toMatchObject({ stated: '99.6', sum: '98.60' });
    expect(withCode('RATIO-PERSONNEL-SHARE')[0]?.severity).toBe('error');
    expect(withCode('COMPL-ACTUAL-NOT-MEASURABLE').map((f) => f.indicatorId)).toEqual(['O1']);
    for (const c of ['SCORE-FULL-BUT-MISSED', 'SCORE-RULE-MISMATCH', 'COMPL-DEVIATION-REASON']) {
      expect(
        withCode(c).map((f) => [f.scope, f.indicatorId]),
        c,
      ).toEqual([['P1', 'P1-O3']]);
    }
    expect(withCode('PLAUS-FILING-BEFORE-YEAR-END')[0]?.values).toMatchObject({
      filingDate: '2023-04-18',
    });
    expect(withCode('PLAUS-COPIED-COLUMN')[0]?.values).toMatchObject({ rows: '5' });
  });

  it('reports them as errors (exit code 1 in `jixiao check`)', () => {
    const planted = [
      'SCORE-TOTAL-SUM',
      'RATIO-PERSONNEL-SHARE',
      'COMPL-ACTUAL-NOT-MEASURABLE',
      'SCORE-FULL-BUT-MISSED',
      'PLAUS-FILING-BEFORE-YEAR-END',
      'PLAUS-COPIED-COLUMN',
    ];
    for (const code of planted)
      expect(
        withCode(code).every((f) => f.severity === 'error'),
        code,
      ).toBe(true);
    expect(countFindings(findings).error).toBeGreaterThanOrEqual(planted.length);
  });
});
