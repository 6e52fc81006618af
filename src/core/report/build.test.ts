import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDossierText } from '../../io/load-dossier.ts';
import { derive } from '../derive.ts';
import type { Dossier } from '../dossier/schema.ts';
import { formatPercent, formatWan } from '../money.ts';
import { NATIONAL_RULESET } from '../scoring/ruleset.ts';
import { score } from '../scoring/score.ts';
import { baseDossierInput, makeDossier } from '../testing/factories.ts';
import { buildReportModel } from './build.ts';
import { blockText, type Cell, type ReportModel } from './model.ts';

const EXAMPLE = fileURLToPath(
  new URL('../../../examples/hengyang-finance-office-2023.yaml', import.meta.url),
);

function loadExample(): Dossier {
  const loaded = parseDossierText(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  return loaded.dossier;
}

const modelOf = (d: Dossier): ReportModel =>
  buildReportModel(d, {
    score: score(d, NATIONAL_RULESET),
    base: NATIONAL_RULESET.execution.denominator,
    grades: NATIONAL_RULESET.grades,
    rulesetTitle: NATIONAL_RULESET.title,
  });

const allText = (m: ReportModel): string[] => [
  m.title,
  ...m.body.map(blockText),
  ...m.annexes.flatMap((a) => [
    a.title,
    ...a.before,
    ...a.after,
    ...a.tables.flatMap((t) => t.rows.flatMap((r) => r.cells.map((c) => c.text))),
  ]),
];
const cells = (m: ReportModel): Cell[] =>
  m.annexes.flatMap((a) => a.tables.flatMap((t) => t.rows.flatMap((r) => r.cells)));
const cellById = (m: ReportModel, id: string): Cell | undefined =>
  cells(m).find((c) => c.id === id);
/** Text of the first narrative run standing for a concept. */
const figure = (m: ReportModel, concept: string, scope?: string): string | undefined => {
  for (const b of m.body)
    if (b.kind === 'paragraph')
      for (const r of b.runs)
        if (r.figure === concept && (scope === undefined || r.scope === scope)) return r.text;
  return undefined;
};

describe('buildReportModel — factory dossier', () => {
  const d = makeDossier();
  const m = modelOf(d);

  it('matches the snapshot', () => {
    expect(m).toMatchSnapshot();
  });

  it('follows the published outline: title with the unit, sections 一 to 九, annexes 1 and 2', () => {
    expect(m.title).toBe('（2023年度）部门整体支出绩效自评报告');
    expect(m.unitName).toBe('测试市测试局');
    const h1 = m.body.filter((b) => b.kind === 'heading' && b.level === 1).map(blockText);
    expect(h1).toEqual([
      '一、部门（单位）基本情况',
      '二、一般公共预算支出情况',
      '三、政府性基金预算支出情况',
      '四、国有资本经营预算支出情况',
      '五、社会保险基金预算支出情况',
      '六、部门整体支出绩效情况',
      '七、存在的问题及原因分析',
      '八、下一步改进措施',
      '九、其他需要说明的情况',
    ]);
    const h2 = m.body.filter((b) => b.kind === 'heading' && b.level === 2).map(blockText);
    expect(h2).toEqual(
      expect.arrayContaining([
        '（一）基本支出情况',
        '（二）项目支出情况',
        '（一）运行成本',
        '（二）资产管理',
        '（三）经济效益',
        '（四）社会效益',
        '（五）社会公众或服务对象满意度',
      ]),
    );
    expect(m.annexes.map((a) => `${a.label} ${a.title}`)).toEqual([
      '附件1 部门整体支出绩效评价基础数据表',
      '附件2 部门整体支出绩效自评表',
    ]);
  });

  it('states figures computed from the dossier, not typed', () => {
    const x = derive(d);
    expect(figure(m, 'expenditure.basic.actual')).toBe(`${formatWan(x.basic.actual ?? '')}万元`);
    expect(figure(m, 'expenditure.personnel.share')).toBe('80.00%');
    expect(figure(m, 'expenditure.publicFunds.share')).toBe('20.00%');
    expect(figure(m, 'execution.rate')).toBe(formatPercent(x.executionRate));
    expect(figure(m, 'budget.growth.rate')).toBe('11.11%');
    expect(figure(m, 'assets.growth.amount')).toBe('20.00万元');
    expect(figure(m, 'threePublic.total.actual')).toBe('4.30万元');
    expect(figure(m, 'score.total')).toBe(`${m.summary.total}分`);
    expect(figure(m, 'score.grade')).toBe(m.summary.grade);
  });

  it('ignores statements: a stated figure never reaches the narrative', () => {
    const lying = makeDossier({
      statements: [
        { concept: 'execution.rate', value: '12.34%', where: { section: '六' } },
        { concept: 'score.total', value: '55', where: {} },
      ],
    });
    const text = allText(modelOf(lying)).join('\n');
    expect(text).not.toContain('12.34');
    expect(text).not.toContain('55分');
  });

  it('inserts people-written sections as written', () => {
    const w = makeDossier({
      narrative: {
        problems: '项目支出进度偏慢。\n资产登记不及时。',
        measures: '按月通报执行进度。',
      },
    });
    const mm = modelOf(w);
    const texts = mm.body.map(blockText);
    const i = texts.indexOf('七、存在的问题及原因分析');
    expect(texts.slice(i + 1, i + 3)).toEqual(['项目支出进度偏慢。', '资产登记不及时。']);
    expect(texts).toContain('按月通报执行进度。');
  });

  it(
    'wires annex formulas to cells that exist, ' + 'with cached results equal to the model values',
    () => {
      const ids = new Set(
        cells(m)
          .map((c) => c.id)
          .filter(Boolean),
      );
      for (const c of cells(m)) {
        for (const ref of c.formula?.matchAll(/\{([^}]+)\}/g) ?? [])
          expect(ids.has(ref[1] ?? ''), `${c.id} → ${ref[1]}`).toBe(true);
      }
      expect(cellById(m, 'a1.basic.actual')).toMatchObject({
        value: '400',
        formula: 'SUM({a1.personnel.actual},{a1.publicFunds.actual})',
      });
      expect(cellById(m, 'a2.exec.rate')).toMatchObject({ value: '1', text: '100.00%' });
      expect(cellById(m, 'a2.total.score')?.formula).toMatch(/^ROUND\(SUM\(/);
    },
  );
});

describe('buildReportModel — missing and odd data', () => {
  it('says "未填写" / "不适用" and never "undefined" or "NaN"', () => {
    const input = baseDossierInput();
    const d = makeDossier({
      unit: { name: '空白单位', functions: [], offices: [], staffing: {} },
      income: {},
      expenditure: { personnel: {}, publicFunds: {}, projects: [] },
      threePublic: {},
      assets: {},
      goal: { expected: '', achieved: '' },
      indicators: [],
      narrative: {},
      filing: {},
      year: input.year,
    });
    const m = buildReportModel(d, {});
    const text = allText(m).join('\n');
    expect(text).not.toMatch(/undefined|NaN|null|\[object/);
    expect(text).toContain('主要职能未填写。');
    expect(text).toContain('资产数据未填写。');
    expect(text).toContain('尚未计算');
    expect(text).toContain('本单位无政府性基金预算支出。');
    expect(m.summary).toEqual({ total: null, grade: null, ruleset: null, executionRate: '不适用' });
  });

  it('a zero base gives "不适用", an overspend says 增加支出', () => {
    const d = makeDossier({
      expenditure: { personnel: { actual: '0' }, publicFunds: { actual: '0' }, projects: [] },
      income: { general: { initialBudget: '100', adjustedBudget: '100', actual: '120' } },
    });
    const text = modelOf(d).body.map(blockText).join('\n');
    expect(text).toContain('占基本支出的不适用');
    expect(text).toContain('比年初预算增加支出20.00万元');
    expect(text).toContain('预算执行率120.00%');
  });

  it('uses full-width punctuation in generated prose', () => {
    const m = modelOf(makeDossier());
    for (const b of m.body) {
      if (b.kind !== 'paragraph' || b.source !== 'generated') continue;
      const plain = b.runs
        .filter((r) => !r.figure)
        .map((r) => r.text)
        .join('');
      expect(plain, plain).not.toMatch(/[,;:()?!]/);
    }
  });

  it('shows overrides with both scores and the reason, and manual scores as pending', () => {
    const input = baseDossierInput();
    const indicators = (input.indicators ?? []).map((i) =>
      i.id === 'O1'
        ? {
            ...i,
            actual: '18次',
            score: undefined,
            override: { score: 19, reason: '受疫情影响顺延两次检查' },
          }
        : i.id === 'O2'
          ? { ...i, actual: '基本完成', score: undefined }
          : i,
    );
    const d = makeDossier({ indicators });
    const m = modelOf(d);
    const s = score(d, NATIONAL_RULESET);
    const o1 = s.indicators.find((i) => i.id === 'O1');
    const o2 = s.indicators.find((i) => i.id === 'O2');
    expect(o1?.status).toBe('override');
    expect(o2?.status).toBe('manual-needed');
    const grid = m.annexes[1]?.tables[1];
    const row = (name: string) =>
      grid?.rows.find((r) => r.cells.some((c) => c.text === name))?.cells.map((c) => c.text) ?? [];
    expect(row('完成检查次数').join('|')).toContain(
      `19.00|人工调整得分：计算得分${o1?.computed}分，调整为19.00分，理由：受疫情影响顺延两次检查`,
    );
    // The score cell says it is pending; the 偏差原因 cell stays the unit's own (here: empty).
    expect(row('检查覆盖率').slice(-2)).toEqual(['待人工评分', '']);
    expect(m.body.map(blockText).join('\n')).toContain(
      '检查覆盖率：年度指标值＝100%，实际完成值基本完成，分值10分，得分待人工评定。',
    );
  });

  it('adds one 项目支出绩效自评表 per project with indicators', () => {
    const input = baseDossierInput();
    const projects = [
      {
        id: 'P1',
        name: '业务工作经费',
        kind: 'business' as const,
        money: { initialBudget: '100', adjustedBudget: '100', actual: '90' },
        indicators: [
          {
            id: 'PI1',
            level1: '产出指标',
            level2: '数量指标',
            name: '检查次数',
            target: '≥10次',
            actual: '12次',
            weight: 50,
          },
        ],
      },
      {
        id: 'P2',
        name: '无指标项目',
        kind: 'operation' as const,
        money: { initialBudget: '10', actual: '10' },
      },
    ];
    const d = makeDossier({ expenditure: { ...input.expenditure, projects } });
    const m = modelOf(d);
    expect(m.annexes.map((a) => a.label)).toEqual(['附件1', '附件2', '附件3-1']);
    const p = m.annexes[2];
    expect(p?.title).toBe('项目支出绩效自评表（业务工作经费）');
    expect(cellById(m, 'p1.exec.rate')?.text).toBe('90.00%');
    expect(m.body.map(blockText)).toContain('3. 项目支出绩效自评表（业务工作经费）');
  });
});

describe('buildReportModel — the Hengyang example', () => {
  const d = loadExample();
  const m = modelOf(d);

  it('matches the snapshot', () => {
    expect(m).toMatchSnapshot();
  });

  it('narrative figures agree with the annex tables', () => {
    const num = (s: string | undefined) => s?.replace(/万元|分|%/g, '');
    const pairs: [string, string][] = [
      ['expenditure.basic.actual', 'a1.basic.actual'],
      ['expenditure.personnel.actual', 'a1.personnel.actual'],
      ['expenditure.publicFunds.actual', 'a1.publicFunds.actual'],
      ['threePublic.total.actual', 'a1.threePublic.actual'],
      ['threePublic.vehicleOperation.actual', 'a1.vehicleOperation.actual'],
      ['threePublic.reception.actual', 'a1.reception.actual'],
      ['income.total.initialBudget', 'a2.total.initialBudget'],
      ['income.total.actual', 'a2.total.actual'],
      ['execution.rate', 'a2.exec.rate'],
      ['execution.score', 'a2.exec.score'],
      ['score.total', 'a2.total.score'],
    ];
    for (const [concept, id] of pairs) {
      const f = figure(m, concept);
      expect(f, concept).toBeDefined();
      expect(num(f), concept).toBe(num(cellById(m, id)?.text));
    }
    expect(cellById(m, 'a2.grade')?.text).toBe(`评价等次：${figure(m, 'score.grade')}`);
  });

  it(
    'computes what the published report got wrong (basic 404.93, ' +
      'not 404.92; shares of 404.93)',
    () => {
      expect(figure(m, 'expenditure.basic.actual')).toBe('404.93万元');
      expect(figure(m, 'expenditure.personnel.share')).toBe('84.79%');
      expect(figure(m, 'budget.decrease')).toBe('37.71万元');
      expect(figure(m, 'assets.growth.rate')).toBe('85.92%');
    },
  );
});
