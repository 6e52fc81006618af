/**
 * One fixture per layout family of published self-evaluations (fixtures/families/, written for
 * this project in its own words and figures), each with its reading worked out by hand: who and
 * when, the level, the money block in 万元, the execution score, the indicator rows and the
 * 基础数据表 figures, each at its place.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StatementInput } from './collect.ts';
import { importBytes, importText } from './import.ts';
import { keyFigures } from './key-figures.ts';
import { auditDossier } from '../core/audit/index.ts';
import type { Dossier } from '../core/dossier/schema.ts';

const read = (name: string) => {
  const text = readFileSync(join(import.meta.dirname, 'fixtures', 'families', name), 'utf8');
  const report = importText(text, name);
  const statements = (report.data.statements as StatementInput[] | undefined) ?? [];
  const stated = (concept: string) =>
    statements.filter((s) => s.concept === concept).map((s) => s.value);
  const rows = report.rows.map((r) => `${r.name} ${r.weight ?? '-'}/${r.score ?? '-'}`);
  return { report, key: keyFigures(report.data, report.rows), stated, rows, statements };
};

describe('project table, one cell per line, amounts in 元', () => {
  const { report, key, stated, rows } = read('project-cell-per-line-yuan.txt');
  it('is read into a dossier whose first project holds the table', () => {
    expect(report.errors).toEqual([]);
    expect(report.dossier?.unit.name).toBe('青石县公路养护站');
    expect(report.dossier?.year).toBe(2024);
    expect(report.dossier?.document?.level).toBe('project');
    expect(report.dossier?.expenditure.projects[0]?.name).toBe('乡村道路养护补助');
  });
  it('converts 元 to 万元 exactly (1 250 000 元 = 125 万元)', () => {
    expect(report.dossier?.expenditure.projects[0]?.money).toEqual({
      initialBudget: '120',
      adjustedBudget: '125',
      actual: '118.75',
    });
    expect(stated('income.general.actual')).toEqual(['118.75']);
  });
  it('reads the execution row: 95% × 10 = 9.5', () => {
    expect(key.executionRate).toBe('95');
    expect(stated('execution.weight')).toEqual(['10']);
    expect(stated('execution.score')).toEqual(['9.5']);
  });
  it('rebuilds the grid rows from wrapped headers and merged 一级/二级 cells', () => {
    expect(rows).toEqual([
      '预算执行（年度资金总额） 10/9.5',
      '指标1养护里程 20/19',
      '指标1路况优良率 20/20',
      '指标1养护完成及时率 10/10',
      '指标1群众出行便利度 20/20',
      '指标1沿线群众满意度 10/10',
    ]);
    const inds = report.dossier?.expenditure.projects[0]?.indicators ?? [];
    expect(inds.map((i) => `${i.level1}/${i.level2}`)).toEqual([
      '产出指标/数量指标',
      '产出指标/质量指标',
      '产出指标/时效指标',
      '效益指标/社会效益指标',
      '满意度指标/服务对象满意度指标',
    ]);
    expect(inds[0]?.deviation).toBe('两段道路因汛期推迟养护，已列入下年计划。');
    // The grid row keeps its line in the file (line 58: "指标1养护里程").
    expect(report.data.provenance).toMatchObject({
      'expenditure.projects[0].indicators[0].name': { line: 58 },
    });
  });
});

describe('project table with "|" fillers, "80万" amounts, unit named by the publisher', () => {
  const { report, key, stated, rows } = read('project-pipes-wan.txt');
  it('takes the unit from 发文单位 when 实施单位 is blank', () => {
    expect(report.dossier?.unit.name).toBe('白沙市人力资源服务中心');
    expect(report.dossier?.year).toBe(2022);
    expect(report.dossier?.expenditure.projects[0]?.name).toBe('就业见习补贴');
  });
  it('reads "80万" as 80 万元 and the 其中 rows as the project income by source', () => {
    expect([key.budgetTotal, key.actualTotal, key.executionRate]).toEqual(['80', '72', '90']);
    expect(stated('income.general.adjustedBudget')).toEqual(['80']);
    expect(stated('income.carryover.actual')).toEqual(['0']);
  });
  it('reads the grid, skipping the blank filler row', () => {
    expect(rows).toEqual([
      '预算执行（年度资金总额） 10/9',
      '见习人数 30/27',
      '见习期满留用率 30/30',
      '青年就业能力提升 20/20',
    ]);
    expect(report.dossier?.expenditure.projects[0]?.indicators[0]?.deviation).toBe(
      '部分单位岗位减少',
    );
  });
});

describe('project table run together on one line after document metadata', () => {
  const { report, stated, rows } = read('project-run-together-spaced.txt');
  it('strips the code before the unit name', () => {
    expect(report.dossier?.unit.name).toBe('东湖区河道管理所');
    expect(report.dossier?.year).toBe(2023);
  });
  it('reads the money row and the 一级 subtotals printed in the labels', () => {
    expect(stated('project.actual')).toEqual(['54']);
    expect(stated('indicators.level1.subtotal')).toEqual(['50', '30', '10']);
  });
  it('reads every row; 满意度指标 is 一级 before the 二级 label of the same words', () => {
    expect(rows.slice(1)).toEqual([
      '保洁河道长度 20/20',
      '保洁达标率 15/15',
      '问题处置及时率 15/14',
      '水面漂浮物减少 30/30',
      '沿岸居民满意度 10/10',
    ]);
    const last = report.dossier?.expenditure.projects[0]?.indicators[4];
    expect(`${last?.level1}/${last?.level2}`).toBe('满意度指标/满意度指标');
  });
});

describe('department narrative with a 基础数据表 of three year columns', () => {
  const { report, key, statements, stated } = read('department-base-table.txt');
  it('is a department report of 2023', () => {
    expect(report.dossier?.unit.name).toBe('南岭县档案馆');
    expect(report.dossier?.document?.level).toBe('department');
  });
  it('reads the current year’s 决算 column: 三公 2.65, 项目支出 94.10, 公用经费 23.70', () => {
    expect([key.threePublicActual, key.projectActual, key.publicFunds]).toEqual([
      '2.65',
      '94.1',
      '23.7',
    ]);
    expect(stated('threePublic.total.priorActual')).toContain('3.2');
    expect(report.dossier?.expenditure.publicFunds.actual).toBe('23.7');
  });
  it('puts a two-value row in the current year’s columns (预算 30.00, 决算 28.50)', () => {
    const proc = statements.filter((s) => s.concept.startsWith('controls.procurement.'));
    expect(proc.map((s) => `${s.concept}=${s.value}`).sort()).toEqual([
      'controls.procurement.actual=28.5',
      'controls.procurement.initialBudget=30',
    ]);
  });
});

describe('department score table from a PDF: labels wrapped, page numbers inside', () => {
  const { report, key, rows } = read('pdf-interleaved.txt');
  it('is read without a unit name: the name is listed as missing, not a refusal', () => {
    expect(report.errors).toEqual([]);
    expect(report.dossier?.document?.missing).toContain('单位名称');
    expect(key.unit).toBeUndefined();
    expect(report.dossier?.year).toBe(2019);
    expect(key.selfScore).toBe('88');
  });
  it('reads “name（weight） score” rows and skips the page number 12', () => {
    expect(rows).toEqual([
      '依据充分性 5/4',
      '目标明确性 5/5',
      '编制科学性 6/5',
      '资金分配合理性 4/3',
      '资金使用合规性 8/8',
    ]);
    const inds = report.dossier?.indicators ?? [];
    expect(inds.map((i) => `${i.level1}/${i.level2}`)).toEqual([
      '部门决策/目标设定',
      '部门决策/目标设定',
      '部门决策/预算编制',
      '部门决策/预算编制',
      '部门管理/资金管理',
    ]);
  });
  it('leaves the 年度指标值 the table does not give absent, with no stand-in word', () => {
    const inds = report.dossier?.indicators ?? [];
    expect(inds.map((i) => i.target)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(JSON.stringify(report.data)).not.toMatch(/未填/);
  });
});

describe('traditional characters with pinyin glosses, web furniture, 来源 line', () => {
  const { report, key } = read('traditional-pinyin.txt');
  it('names the unit from the 来源 line and the project from the title', () => {
    expect(report.dossier?.unit.name).toBe('松河区农业农村局');
    expect(report.dossier?.expenditure.projects[0]?.name).toBe('农机购置补贴');
    expect(report.dossier?.year).toBe(2023);
  });
  it('reads the money told in prose, parts after 其中 left out', () => {
    // 452.5 / 460 = 98.37 %.
    expect([key.budgetTotal, key.actualTotal, key.executionRate]).toEqual([
      '460',
      '452.5',
      '98.37',
    ]);
  });
});

describe('table run together with no separators (document-sharing site)', () => {
  const { report, key, rows } = read('run-together-blob.txt');
  it('splits "48.545.694%" the one way its arithmetic holds: 45.6 / 48.5 = 94 %', () => {
    expect([key.budgetTotal, key.actualTotal, key.executionRate]).toEqual(['48.5', '45.6', '94']);
    expect(report.dossier?.unit.name).toBe('柳林县路灯管理所');
  });
  it('reads percentage-valued rows; without a 分值 column they stay out of the grid', () => {
    expect(rows).toEqual(['路灯亮灯率 -/-', '故障修复及时率 -/-']);
    expect(report.rows.map((r) => `${r.target}→${r.actual}`)).toEqual(['≥98%→99%', '100%→100%']);
    expect(report.dossier?.expenditure.projects[0]?.indicators).toEqual([]);
    expect(report.dossier?.document?.missing).toContain('指标分值');
  });
});

describe('a web page: breadcrumbs and 发布时间 before an HTML table', () => {
  it('reads the project form from the page’s table cells', async () => {
    const file = join(import.meta.dirname, 'fixtures', 'families', 'web-page-table.html');
    const report = await importBytes(readFileSync(file), 'web-page-table.html');
    const project = report.dossier?.expenditure.projects[0];
    expect(report.dossier?.unit.name).toBe('云溪区养老服务指导中心');
    expect(report.dossier?.year).toBe(2023);
    expect(project?.name).toBe('社区养老服务补贴');
    // 38 ÷ 40 = 95 %; 95 % × 10 = 9.5.
    expect(project?.money).toEqual({ initialBudget: '36', adjustedBudget: '40', actual: '38' });
    expect(
      project?.indicators.map((i) => `${i.level1}/${i.level2}/${i.name} ${i.weight}/${i.score}`),
    ).toEqual([
      '产出指标/数量指标/服务老人人次 30/30',
      '产出指标/质量指标/服务投诉率 30/30',
      '满意度指标/服务对象满意度指标/老人满意度 30/27',
    ]);
    expect(project?.indicators[2]?.deviation).toBe('部分站点午餐品种少，已增加供应。');
  });
});

describe('a project table run together with no separator, 分值 before the values', () => {
  const { report, key, rows } = read('project-run-together-grid.txt');
  const project = report.dossier?.expenditure.projects[0];
  it('reads the money block: 36 ÷ 40 = 90 %', () => {
    expect([key.budgetTotal, key.actualTotal, key.executionRate]).toEqual(['40', '36', '90']);
    expect(project?.money).toEqual({ initialBudget: '40', adjustedBudget: '40', actual: '36' });
  });
  it('reads each row as name · 分值 · values · 得分, splitting a weight glued to its value', () => {
    // "2068公里68公里20": 分值 20, 68公里 → 68公里, 得分 20; "1095%95%IO": 10, 95% → 95%, 10
    // (OCR "IO"); "102023年12月完成…9": 10, then the date twice, 9. The page mark "2、" between
    // two rows is dropped. The last row is cut by the excerpt: it keeps its group's 10 points.
    expect(rows).toEqual([
      '目标明确性 5/5',
      '依据充分性 5/5',
      '资金管理预算执行率 10/9',
      '制度执行有效性 10/10',
      '保洁村道里程 20/20',
      '路面保洁达标率 10/10',
      '保洁完成时间 10/9',
      '村容村貌改善程度 20/18',
      '村民满意度 10/-',
    ]);
    expect(report.rows.slice(4, 7).map((r) => `${r.target}→${r.actual}`)).toEqual([
      '68公里→68公里',
      '95%→95%',
      '2023年12月完成→2023年12月完成',
    ]);
    // A dash in the target column: the target as printed (—), the text is the actual.
    expect(report.rows[0]?.target).toBe('—');
    expect(report.rows[0]?.actual).toBe('目标清晰、可衡量');
  });
  it('takes 一级 and 二级 from the labels with points', () => {
    expect(project?.indicators.map((i) => `${i.level1}/${i.level2}`).slice(3, 6)).toEqual([
      '项目管理/（未注明二级指标）',
      '项目产出/数量指标',
      '项目产出/质量指标',
    ]);
  });
});

describe('a department score table run together, 分值 for each level', () => {
  const { report, rows } = read('department-run-together-scores.txt');
  it('reads name · 分值 · 评价标准 · 得分 rows; a name and weight followed by another is a group', () => {
    expect(rows).toEqual([
      '在职人员控制率 10/10',
      '公用经费控制率 10/8',
      '预算完成率 15/12',
      '结转结余变动率 15/15',
    ]);
    expect(report.dossier?.indicators.map((i) => `${i.level1}/${i.level2}`)).toEqual([
      '投入/预算配置',
      '投入/预算配置',
      '过程/预算执行',
      '过程/预算执行',
    ]);
    // The 评价标准 prose is neither a target nor an actual.
    expect(report.rows[0]?.actual).toBeUndefined();
  });
});

describe('a department money block whose 其中 rows carry their own 分值 and 得分', () => {
  const { report, rows } = read('department-pipes-subrow-scores.txt');
  it('reads each row’s 分值 and 得分 under its money head', () => {
    expect(rows).toEqual([
      '预算执行（年度资金总额） 10/10',
      '预算执行（基本支出） 10/10',
      '预算执行（项目支出） 10/10',
    ]);
  });
  it('finds the row scored above its own rule: 372 ÷ 400 = 93% × 10 = 9.3, not 10', () => {
    // 600 of 600 = 100% (10 holds); 228 of 200 is capped at 100% (10 holds).
    const found = auditDossier(report.dossier as Dossier, { today: '2024-06-01' }).filter(
      (f) => f.code === 'DOC-EXECUTION-SCORE',
    );
    expect(found.map((f) => [f.severity, f.values.rate, f.values.expected])).toEqual([
      ['error', '93.00%', '9.30'],
    ]);
  });
});

describe('a whole project table (money block, grid, 总分 row) is audited as whole', () => {
  const file = join(import.meta.dirname, 'fixtures', 'families', 'project-whole-table.txt');
  const text = readFileSync(file, 'utf8');
  const audit = (t: string) => {
    const report = importText(t, 'project-whole-table.txt');
    const findings = auditDossier(report.dossier as Dossier, { today: '2024-06-01' });
    return { report, findings, codes: (sev: string) => findings.filter((f) => f.severity === sev) };
  };
  it('is not partial; 10 + 30 + 20 + 20 + 10 = 90 分值 is an error; 总分 reads the score 89', () => {
    const { report, findings } = audit(text);
    expect(report.dossier?.document?.partial).toBe(false);
    const w = findings.filter((f) => f.code === 'DOC-WEIGHT-TOTAL');
    expect(w.map((f) => [f.severity, f.values.total])).toEqual([['error', '90.00']]);
    const total = report.dossier?.statements.filter((s) => s.concept === 'score.total');
    expect(total?.map((s) => s.value)).toEqual(['89']);
  });
  it('cut before its 总分 row it is an excerpt: partial, and the 分值 total is not checked', () => {
    const cut = text.slice(0, text.indexOf('总分'));
    const { report, findings } = audit(cut);
    expect(report.dossier?.document?.partial).toBe(true);
    expect(findings.filter((f) => f.code === 'DOC-WEIGHT-TOTAL')).toEqual([]);
  });
  it('with 分值 adding up to 100 and the sums holding, no error-level finding', () => {
    const fixed = text
      .replace('明显提升 | 明显提升 | 20 | 20', '明显提升 | 明显提升 | 30 | 30')
      .replace('总分 | 100 | 89', '总分 | 100 | 99');
    const { report, codes } = audit(fixed);
    expect(report.dossier?.document?.partial).toBe(false);
    expect(codes('error').map((f) => f.code)).toEqual([]);
  });
});
