import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDossierText } from '../../io/load-dossier.ts';
import { derive } from '../derive.ts';
import type { Dossier, DossierInput } from '../dossier/schema.ts';
import { formatPercent, formatWan } from '../money.ts';
import { NATIONAL_RULESET } from '../scoring/ruleset.ts';
import { score } from '../scoring/score.ts';
import { STAND_IN_NAMES } from '../dossier/stand-ins.ts';
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

  it('reads as the snapshot of its narrative text (beside the figure assertions below)', () => {
    expect(m.body.map(blockText).join('\n')).toMatchSnapshot();
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

  it('states computed figures; a differing stated one appears only in the 评分复核说明', () => {
    const lying = makeDossier({
      statements: [
        { concept: 'execution.rate', value: '12.34%', where: { section: '六' } },
        { concept: 'score.total', value: '55', where: {} },
      ],
    });
    const lm = modelOf(lying);
    const prose = lm.body
      .filter((b) => b.kind === 'paragraph' && !blockText(b).startsWith('评分复核说明'))
      .map(blockText)
      .join('\n');
    expect(prose).not.toContain('12.34');
    expect(prose).not.toContain('55分');
    const table = lm.body.find((b) => b.kind === 'table');
    const rows =
      table?.kind === 'table' ? table.table.rows.map((r) => r.cells.map((c) => c.text)) : [];
    expect(rows.find((r) => r[0] === '自评总分')?.slice(1, 3)).toEqual([
      '55分',
      `${lm.summary.total}分`,
    ]);
    expect(rows.find((r) => r[1] === '12.34%')?.[2]).toBe(figure(lm, 'execution.rate'));
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
  const PLACEHOLDER = /未填写|不适用|未评分|待人工评分|未评定|undefined|NaN|null|\[object/;

  it('never prints a placeholder: a sentence without its figure is rewritten or left out', () => {
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
    expect(text).not.toMatch(PLACEHOLDER);
    expect(text).toContain('本单位无政府性基金预算支出。');
    expect(text).not.toContain('资产总额');
    // The outline stays; the 落款 names the unit even without a date.
    expect(m.body.map(blockText)).toContain('七、存在的问题及原因分析');
    expect(m.body.filter((b) => b.kind === 'paragraph' && b.role === 'signature')).toHaveLength(1);
  });

  it('a target the table left blank is a blank cell and one sentence, never a stand-in', () => {
    const input = baseDossierInput();
    const blank = new Set(['O1', 'O2']);
    const d = makeDossier({
      indicators: (input.indicators ?? []).map((i) =>
        blank.has(i.id) ? { ...i, target: undefined } : i,
      ),
    });
    const m = modelOf(d);
    const text = allText(m).join('\n');
    expect(text).not.toMatch(/未填|（未|待填/);
    const names = d.indicators.filter((i) => blank.has(i.id)).map((i) => i.name);
    for (const name of names) {
      const row = m.annexes
        .flatMap((a) => a.tables.flatMap((t) => t.rows))
        .find((r) => r.cells.some((c) => c.text === name));
      const k = row?.cells.findIndex((c) => c.text === name) ?? -1;
      expect(row?.cells[k + 1]?.text, `${name}: 年度指标值 cell`).toBe('');
    }
    const body = m.body.map(blockText).join('\n');
    expect(body).toContain('以上2项指标自评表未列年度指标值，得分未经对照目标复核。');
    for (const name of names) expect(body).toContain(`“${name}”`);
  });

  it('a unit name the document did not state (a stand-in) reaches no title, table or 落款', () => {
    const d = makeDossier({
      unit: { ...baseDossierInput().unit!, name: '（某单位）' },
      document: { level: 'department', missing: ['单位名称'] },
    });
    const m = modelOf(d);
    expect(m.unitName).toBe('');
    expect(allText(m).join('\n')).not.toContain('（某单位）');
    expect(m.body.filter((b) => b.kind === 'paragraph' && b.role === 'signature')).toHaveLength(1);
  });

  it('a project or indicator level the document did not name is left out, never printed', () => {
    const input = baseDossierInput();
    const projects = [
      {
        id: 'P1',
        name: '河道保洁专项',
        kind: 'business' as const,
        money: { initialBudget: '40', actual: '30' },
      },
      {
        id: 'P2',
        name: STAND_IN_NAMES.project,
        kind: 'business' as const,
        money: { initialBudget: '20', actual: '20' },
        indicators: [
          {
            id: 'PI1',
            level1: STAND_IN_NAMES.level1,
            level2: STAND_IN_NAMES.level2,
            name: '清运垃圾吨数',
            target: '≥500吨',
            actual: '520吨',
            weight: 100,
          },
        ],
      },
    ];
    const d = makeDossier({ expenditure: { ...input.expenditure, projects } });
    const m = modelOf(d);
    expect(allText(m).join('\n')).not.toMatch(/未注明/);
    const body = m.body.map(blockText).join('\n');
    // Two projects, one unnamed: no partial name list; the unnamed one by its place (2nd).
    expect(body).toContain('有项目支出2个（业务工作专项2个）');
    // 20 ÷ 20 = 100.00%.
    expect(body).toContain('第2个项目：年初预算数20.00万元，全年执行数20.00万元，执行率100.00%');
    const annex = m.annexes.find((a) => a.title.startsWith('项目支出绩效自评表'));
    expect(annex?.title).toBe('项目支出绩效自评表（第2个项目）');
    const row = annex?.tables
      .flatMap((t) => t.rows)
      .find((r) => r.cells.some((c) => c.text === '清运垃圾吨数'));
    // The 一级 cell keeps its weight (100分) without a name; the 二级 cell is blank.
    expect(row?.cells.slice(0, 3).map((c) => c.text)).toEqual(['（100分）', '', '清运垃圾吨数']);
    const nameRow = annex?.tables[0]?.rows.find((r) => r.cells[0]?.text === '项目名称');
    expect(nameRow?.cells[1]?.text).toBe('');
  });

  it('a zero base leaves the share out, an overspend says 增加支出, the rate names its base', () => {
    const d = makeDossier({
      expenditure: { personnel: { actual: '0' }, publicFunds: { actual: '0' }, projects: [] },
      income: { general: { initialBudget: '100', adjustedBudget: '100', actual: '120' } },
    });
    const text = modelOf(d).body.map(blockText).join('\n');
    expect(text).not.toContain('占基本支出的');
    expect(text).toContain('比年初预算增加支出20.00万元');
    // 120 ÷ 100 = 120.00%, against the national rule set's denominator 全年预算数.
    expect(text).toContain('预算执行率120.00%（全年预算数100.00万元）');
  });

  it('an execution score the rule set could not give is said, not printed as 0', () => {
    // No budget at all: no rate, so 预算执行 has no score; its 得分 cell is blank.
    const none = { personnel: {}, publicFunds: {}, projects: [] };
    const d = makeDossier({ income: {}, expenditure: none });
    const m = modelOf(d);
    const text = m.body.map(blockText).join('\n');
    expect(text).toContain('预算执行指标（分值10分）因预算执行数据不全未计分，须人工评分。');
    expect(text).not.toMatch(/预算执行指标得0分/);
    expect(cellById(m, 'a2.grid.exec.score')?.text).toBe('');
    // A zero base names the base the rule set divides by.
    const zero = makeDossier({
      income: { general: { initialBudget: '0', adjustedBudget: '0', actual: '5' } },
      expenditure: none,
    });
    expect(modelOf(zero).body.map(blockText).join('\n')).toContain('因全年预算数为0未计分');
  });

  it('names 年初预算数 as the base when the rule set divides by it', () => {
    const d = makeDossier({
      income: { general: { initialBudget: '80', adjustedBudget: '100', actual: '60' } },
    });
    const m = buildReportModel(d, {
      score: score(d, NATIONAL_RULESET),
      base: 'initialBudget',
      rulesetTitle: NATIONAL_RULESET.title,
    });
    // 60 ÷ 80 = 75.00%.
    expect(m.body.map(blockText).join('\n')).toContain('预算执行率75.00%（年初预算数80.00万元）');
  });

  it('uses full-width punctuation in generated prose', () => {
    const m = modelOf(makeDossier());
    for (const b of m.body) {
      if (b.kind !== 'paragraph' || b.source !== 'generated') continue;
      const plain = b.runs
        .filter((r) => !r.figure)
        .map((r) => r.text)
        .join('');
      expect(plain, plain).not.toMatch(/[,;:()?!]| [\u4e00-\u9fff]|[\u4e00-\u9fff] /);
    }
  });

  it(
    'shows overrides with both scores and the reason; ' +
      'a missing score is said to await a person',
    () => {
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
        grid?.rows.find((r) => r.cells.some((c) => c.text === name))?.cells.map((c) => c.text) ??
        [];
      expect(row('完成检查次数').join('|')).toContain(
        `19.00|人工调整得分：计算得分${o1?.computed}分，调整为19.00分，理由：受疫情影响顺延两次检查`,
      );
      // A blank score cell, never a word; the 偏差原因 cell stays the unit's own (here: empty).
      expect(row('检查覆盖率').slice(-2)).toEqual(['', '']);
      const text = m.body.map(blockText).join('\n');
      expect(text).toContain('检查覆盖率的得分有待人工评定。');
      expect(text).toContain('完成检查次数年度指标值为≥20次，实际完成18次，得19分（分值20分）');
      expect(text).toContain('系经人工调整（计算得分');
    },
  );

  it("one total for a project-level document: its project's, no unit table beside it", () => {
    // A project table: 预算 40, 执行 36 → 90% × 10 = 9; two rows met in full (45 + 45) → 99.
    const row = (id: string, name: string) => ({
      id,
      level1: '产出指标',
      level2: '数量指标',
      name,
      target: '≥10次',
      actual: '12次',
      weight: 45,
      score: 45,
    });
    const input = (missing: string[]): Partial<DossierInput> => ({
      document: { level: 'project', missing },
      income: {},
      expenditure: {
        personnel: {},
        publicFunds: {},
        projects: [
          {
            id: 'T1',
            name: '巡查保障项目',
            kind: 'business',
            money: { initialBudget: '40', adjustedBudget: '40', actual: '36' },
            indicators: [row('A1', '巡查次数'), row('A2', '整改次数')],
          },
        ],
      },
      indicators: [],
      statements: [{ concept: 'score.total', value: '100', where: { table: '自评表' } }],
    });
    const m = modelOf(makeDossier(input([])));
    expect(m.title).toBe('（2023年度）巡查保障项目支出绩效自评报告');
    expect(m.annexes.map((a) => a.label)).toEqual(['附件1', '附件2']);
    expect(m.annexes[1]?.title).toBe('项目支出绩效自评表（巡查保障项目）');
    const body = m.body.map(blockText).join('\n');
    expect(body).toContain('巡查保障项目2023年度绩效自评得分99.00分，评价等次为“优”');
    expect(body).toContain('原填报自评总分100分，按评分规则复核计算为99.00分');
    expect(body).not.toMatch(/自评得分(?!99\.00)\d/);
    expect(m.summary.total).toBe('99.00');
    // A document that names no project: neither its title nor its prose carries a stand-in name.
    const unnamed = modelOf(makeDossier(input(['项目名称'])));
    expect(unnamed.title).toBe('（2023年度）项目支出绩效自评报告');
    expect(unnamed.body.map(blockText).join('\n')).toContain('本项目2023年度绩效自评得分99.00分');
  });

  it('adds one 项目支出绩效自评表 per project with indicators, numbered like the 附件 list', () => {
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
    expect(m.annexes.map((a) => a.label)).toEqual(['附件1', '附件2', '附件3']);
    const p = m.annexes[2];
    expect(p?.title).toBe('项目支出绩效自评表（业务工作经费）');
    expect(cellById(m, 'p1.exec.rate')?.text).toBe('90.00%');
    const body = m.body.map(blockText);
    expect(body).toContain('附件：1．部门整体支出绩效评价基础数据表');
    expect(body).toContain('3．项目支出绩效自评表（业务工作经费）');
    // 90 ÷ 100 = 90.00%, with its base; 10 ÷ 10 for the project without indicators.
    expect(body.join('\n')).toContain(
      '业务工作经费：年初预算数100.00万元，全年执行数90.00万元，执行率90.00%（全年预算数100.00万元）。',
    );
    expect(body.join('\n')).toContain(
      '无指标项目：年初预算数10.00万元，全年执行数10.00万元，执行率100.00%（年初预算数10.00万元）。',
    );
  });
});

describe('buildReportModel — the Hengyang example', () => {
  const d = loadExample();
  const m = modelOf(d);
  const text = m.body.map(blockText).join('\n');

  it('narrative figures agree with the annex tables', () => {
    const num = (s: string | undefined) => Number(s?.replace(/万元|分|%/g, ''));
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
      // 343.36 + 61.57 = 404.93; 343.36 ÷ 404.93 = 84.79%; 544.84 − 507.13 = 37.71.
      expect(figure(m, 'expenditure.basic.actual')).toBe('404.93万元');
      expect(figure(m, 'expenditure.personnel.share')).toBe('84.79%');
      expect(figure(m, 'budget.decrease')).toBe('37.71万元');
      expect(figure(m, 'assets.growth.rate')).toBe('85.92%');
    },
  );

  it(
    'states one total (98.00: ' +
      'execution 10 + indicators 90 − 2 kept on 金融工作成效) and reconciles 98.9',
    () => {
      expect(figure(m, 'score.total')).toBe('98.00分');
      expect(text.match(/自评得分[\d.]+分/g)).toEqual(['自评得分98.00分']);
      expect(text).not.toContain('98.9分，等级');
      expect(text).toContain(
        '评分复核说明：本单位原填报自评总分98.9分，按评分规则复核计算为98.00分',
      );
      const review = m.body.find((b) => b.kind === 'table');
      expect(review?.kind).toBe('table');
      const rows =
        review?.kind === 'table' ? review.table.rows.map((r) => r.cells.map((c) => c.text)) : [];
      expect(rows[0]).toEqual(['项目', '原填报', '复核计算', '依据', '说明']);
      expect(rows.find((r) => r[0] === '自评总分')?.slice(1, 3)).toEqual(['98.9分', '98.00分']);
      // The unit's qualitative 3 of 5 is kept, with the finding shown.
      expect(rows.find((r) => r[0] === '金融工作成效')?.slice(1, 3)).toEqual([
        '3分',
        '3分（保留）',
      ]);
      // 343.36 + 61.57 = 404.93 against the filed 404.92; 3.42 + 0.39 = 3.81 against 4.19.
      expect(rows.find((r) => r[1] === '404.92万元')?.[2]).toBe('404.93万元');
      expect(rows.find((r) => r[1] === '4.19万元')?.[2]).toBe('3.81万元');
      expect(rows.find((r) => r[1] === '84.8%')?.[2]).toBe('84.79%');
    },
  );

  it('groups the indicators at full points in one sentence and gives the shortfall its own', () => {
    // 13 indicators at full points: 90 − 5 (金融工作成效) = 85 points.
    expect(text).toMatch(/共13项指标均达到年度指标值，各得满分，合计85分。/);
    expect(text).toContain('金融工作成效为定性指标，完成情况为“成效明显”，得3分（分值5分）。');
    expect(text).not.toMatch(/分值\d+分，得分\d+\.\d{2}分/);
    expect(text).toContain(
      '预算执行率100.00%（全年预算数507.13万元），预算执行指标得10分（分值10分）。',
    );
  });

  it('has the 落款, the 附件 list, the rule set named as a rule set, no asides or duplicates', () => {
    const body = m.body.map(blockText);
    expect(body.slice(-2)).toEqual(['衡阳市人民政府金融工作办公室', '2023年5月24日']);
    expect(body).toContain('附件：1．部门整体支出绩效评价基础数据表');
    expect(body).toContain('2．部门整体支出绩效自评表');
    expect(text).toContain(
      '按照评分规则集“全国通用评分规则”（依据财预〔2020〕10号的评分方法）计分',
    );
    expect(text).not.toContain('未给出');
    expect(text).not.toMatch(/[，；：。] /);
    const sentences = text.split(/(?<=。)/).filter((x) => x.length > 12);
    expect(new Set(sentences).size).toBe(sentences.length);
    expect(text.match(/衡办发〔2022〕13号/g)).toHaveLength(1);
  });
});

describe('the 评分复核说明 with a filed total written as text', () => {
  it('reads "98.9分" as 98.9 and does not fail on words around it', async () => {
    const { makeDossier } = await import('../testing/factories.ts');
    const { buildReportModel } = await import('./build.ts');
    const { score } = await import('../scoring/score.ts');
    const d = makeDossier({
      statements: [{ concept: 'score.total', value: '98.9分<b>x</b>', where: { section: '六' } }],
    });
    const text = JSON.stringify(buildReportModel(d, { score: score(d) }));
    // The base dossier computes 100.00; the filed 98.9 is listed against it.
    expect(text).toContain('98.9分');
    expect(text).toContain('100.00分');
  });
});
