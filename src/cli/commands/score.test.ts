import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { baseDossierInput } from '../../core/testing/factories.ts';
import type { DossierInput } from '../../core/dossier/schema.ts';
import { runCli } from '../run.ts';
import { displayWidth, renderTable } from './score.ts';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-score-'));
function write(name: string, patch: Partial<DossierInput> = {}): string {
  const file = join(dir, name);
  writeFileSync(file, stringify({ ...baseDossierInput(), ...patch }));
  return file;
}

const seedLike: Partial<DossierInput> = {
  income: { general: { initialBudget: '500', adjustedBudget: '500', actual: '465.4' } },
  indicators: [
    {
      id: 'C1',
      level1: '成本指标',
      level2: '社会成本指标',
      name: '涉案金额增长率',
      target: '＜1%',
      actual: '-74.21%',
      weight: 10,
      score: 10,
    },
    {
      id: 'O1',
      level1: '产出指标',
      level2: '数量指标',
      name: '新增各项贷款',
      target: '220 亿',
      actual: '303.95 亿',
      weight: 40,
      score: 40,
    },
    {
      id: 'E1',
      level1: '效益指标',
      level2: '生态效益指标',
      name: '金融工作成效',
      target: '定性',
      actual: '成效明显',
      weight: 30,
      score: 28,
    },
    {
      id: 'S1',
      level1: '满意度指标',
      level2: '服务对象满意度指标',
      name: '金融机构满意度',
      target: '≥95%',
      actual: '均完成',
      weight: 10,
      score: 9,
    },
  ],
  statements: [
    { concept: 'score.total', value: '98.9', where: { line: 135 } },
    { concept: 'score.grade', value: '优', where: { line: 381 } },
  ],
};

describe('jixiao score', () => {
  it('prints every indicator, the execution line and computed vs stated totals', async () => {
    const file = write('seed-like.yaml', seedLike);
    const r = await runCli(['score', file], { capture: true });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('规则集：全国通用评分规则（财预〔2020〕10号）（national 2020.1）');
    expect(r.stdout).toContain(
      '预算执行：分值 10.00  执行率 93.08%  得分 9.31  ' +
        '预算执行率 = 465.4 ÷ 500 = 93.08%；10 × min(93.08% ÷ 100%, 1) = 9.31',
    );
    expect(r.stdout).toContain(
      '40 × min(303.95 ÷ 220, 1) = 40.00（目标“220 亿”未写比较符，按“≥”处理）',
    );
    expect(r.stdout).toMatch(/金融机构满意度\s+≥95%\s+均完成\s+10\.00\s+—\s+9\.00\s+采用填报/);
    // 9.31 + 10 + 40 + 28 (qualitative 成效明显 → 达成 [24, 30]: the stated 28 stands) + 9 (stated) =
    // 96.31
    expect(r.stdout).toContain('计算总分 96.31（优）　填报总分 98.9（优）　差额 -2.59');
    expect(r.stdout).toContain('1 项无法按公式计算而采用填报得分');
  });

  it('--json gives one object with totals, execution, indicators and stated', async () => {
    const file = write('seed-like.json', seedLike);
    const r = await runCli(['score', file, '--json'], { capture: true });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, unknown> & {
      indicators: Record<string, unknown>[];
      execution: Record<string, unknown>;
    };
    expect(j.total).toBe('96.31');
    expect(j.grade).toBe('优');
    expect(j.stated).toEqual({ total: '98.9', grade: '优' });
    expect(j.difference).toBe('-2.59');
    expect(j.execution).toMatchObject({
      weight: '10.00',
      rate: '93.08',
      rateText: '93.08%',
      score: '9.31',
      rule: 'scoreExecutionProportional',
    });
    expect(j.indicators).toHaveLength(4);
    expect(j.indicators[2]).toMatchObject({
      id: 'E1',
      weight: '30.00',
      score: '28.00',
      computed: '28.00',
      statedScore: '28.00',
      tier: 'achieved',
      target: '定性',
      actual: '成效明显',
    });
    expect(j.indicators[0]?.trace).toContain('比值无意义，已达标');
  });

  it('--ruleset overrides dossier.ruleset; the dossier one is used otherwise', async () => {
    const file = write('hunan.yaml', { ...seedLike, ruleset: 'hunan' });
    const fromDossier = JSON.parse(
      (await runCli(['score', file, '--json'], { capture: true })).stdout,
    ) as { ruleset: { name: string }; execution: { score: string } };
    expect(fromDossier.ruleset.name).toBe('hunan');
    expect(fromDossier.execution.score).toBe('6.00');
    const fromFlag = JSON.parse(
      (await runCli(['score', file, '--json', '--ruleset', 'national'], { capture: true })).stdout,
    ) as { ruleset: { name: string } };
    expect(fromFlag.ruleset.name).toBe('national');
  });

  it('bad input exits 2 with a located message', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      [
        'year: 2023',
        'unit:',
        '  name: 测试',
        'indicators:',
        '  - id: A',
        '    level1: 产出指标',
        '    level2: 数量指标',
        '    name: x',
        '    target: ≥1',
        '    weight: abc',
        '',
      ].join('\n'),
    );
    const r = await runCli(['score', bad], { capture: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:10:\d+: indicators\[0\]\.weight/);
    const missing = await runCli(['score', join(dir, 'none.yaml')], { capture: true });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('找不到文件');
    const unknown = await runCli(['score', write('ok.yaml'), '--ruleset', 'guangdong'], {
      capture: true,
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('未知的规则集“guangdong”');
  });
});

describe('the Hengyang example (examples/hengyang-finance-office-2023.yaml)', () => {
  const example = join(
    dirname(fileURLToPath(import.meta.url)),
    '../../../examples/hengyang-finance-office-2023.yaml',
  );
  type J = {
    total: string;
    grade: string;
    weightSum: string;
    stated: { total: string | null; grade: string | null };
    difference: string | null;
    execution: { score: string; rate: string; trace: string };
    indicators: {
      name: string;
      status: string;
      score: string;
      stated: string;
      trace: string;
      rule: string;
    }[];
    byLevel1: { level1: string; weight: string; expectedWeight?: string }[];
  };
  const run = async (...args: string[]) =>
    JSON.parse(
      (await runCli(['score', example, '--json', ...args], { capture: true })).stdout,
    ) as J;

  it(
    'computes 98.00 beside the stated 98.9; ' + 'the stated item scores add up to 98, not 98.9',
    async () => {
      const j = await run();
      // 附件2: 507.13 ÷ 507.13 (adjusted budget) = 100% → 10.
      expect(j.execution).toMatchObject({ score: '10.00', rate: '100.00' });
      expect(j.weightSum).toBe('100.00');
      expect(j.indicators).toHaveLength(14);
      const statedSum = j.indicators.reduce((a, i) => a + Number(i.stated) * 100, 0) / 100;
      expect(statedSum).toBe(88);
      // 金融工作成效: 成效明显 is the 达成 tier [4, 5]; the filed 3 lies outside it and is kept (the
      // unit's judgement; the auditor reports it), not raised silently to 5.
      const eco = j.indicators.find((i) => i.name === '金融工作成效');
      expect(eco).toMatchObject({ score: '3.00', stated: '3.00', status: 'computed' });
      // 5 indicators answered with words (均下降/均完成) keep their stated scores.
      expect(j.indicators.filter((i) => i.status === 'stated-used')).toHaveLength(5);
      expect(j.indicators.find((i) => i.name === '新增各项贷款')?.trace).toBe(
        '5 × min(303.95 ÷ 220, 1) = 5.00（目标“220 亿”未写比较符，按“≥”处理）',
      );
      expect(j.indicators.find((i) => i.name === '非法集资涉案金额增长率')?.trace).toContain(
        '比值无意义，已达标',
      );
      // 10 (execution) + 88 stated = 98.
      expect(j.total).toBe('98.00');
      expect(j.grade).toBe('优');
      expect(j.stated).toEqual({ total: '98.9', grade: '优' });
      expect(j.difference).toBe('-0.90');
    },
  );
  it("against the initial budget the execution rate is the narrative's 93.08% → 9.31", async () => {
    const dir2 = mkdtempSync(join(tmpdir(), 'jixiao-rs-'));
    const rsFile = join(dir2, 'initial.yaml');
    writeFileSync(
      rsFile,
      [
        'name: initial',
        'version: "1"',
        'title: 年初预算口径',
        'source: 测试',
        'execution:',
        '  denominator: initialBudget',
        '',
      ].join('\n'),
    );
    const j = await run('--ruleset', rsFile);
    // 507.13 ÷ 544.84 = 93.0788…% → 93.08%; 10 × 0.9308 = 9.31; 9.31 + 88 = 97.31.
    expect(j.execution).toMatchObject({ rate: '93.08', score: '9.31' });
    expect(j.total).toBe('97.31');
  });
  it('under the Hunan rule set the 一级 weights match what it expects', async () => {
    const j = await run('--ruleset', 'hunan');
    expect(j.byLevel1.map((l) => [l.level1, l.weight, l.expectedWeight])).toEqual([
      ['成本指标', '10.00', '10.00'],
      ['产出指标', '40.00', '40.00'],
      ['效益指标', '30.00', '30.00'],
      ['满意度指标', '10.00', '10.00'],
    ]);
    expect(j.execution.score).toBe('10.00');
  });
});

describe('table helpers', () => {
  it('CJK characters take two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('产出指标')).toBe(8);
    expect(displayWidth('≥95%')).toBe(4);
    expect(displayWidth('＜1%')).toBe(4);
  });
  it('pads columns to the widest cell', () => {
    const lines = renderTable(
      ['名称', '分值', '说明'],
      [
        ['产出', '10.00', 'x'],
        ['a', '5.00', 'y'],
      ],
      new Set([1]),
    );
    expect(lines[2]).toBe('产出  10.00  x');
    expect(lines[3]).toBe('a      5.00  y');
  });
});

describe("jixiao score: a dossier's ruleset: path (issue #13)", () => {
  it('refuses /etc/shadow and /dev/urandom fast with exit 2 and a located message', async () => {
    for (const target of ['/etc/shadow', '/dev/urandom']) {
      const file = write(`rs-${target.replace(/\W/g, '')}.yaml`, { ruleset: target });
      const t0 = performance.now();
      const r = await runCli(['score', file], { capture: true });
      expect(performance.now() - t0, target).toBeLessThan(2000);
      expect(r.code, target).toBe(2);
      expect(r.stderr).toContain(`${target}: 档案的 ruleset 只能是规则集名称`);
      expect(r.stderr).not.toMatch(/root:|未知字段/);
    }
  });
});
