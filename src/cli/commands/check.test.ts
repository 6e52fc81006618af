import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { baseDossierInput } from '../../core/testing/factories.ts';
import { runCli } from '../run.ts';

const repo = join(import.meta.dirname, '../../..');
const SEED = join(repo, 'examples/hengyang-finance-office-2023.yaml');
const CORRECTED = join(repo, 'examples/hengyang-finance-office-2023-corrected.yaml');

interface JsonFinding {
  code: string;
  severity: string;
  message: string;
  values: Record<string, string>;
  locations: { section?: string; annex?: number; path?: string; line?: number }[];
}
interface JsonFile {
  file: string;
  counts?: { error: number };
  findings?: JsonFinding[];
  inputErrors?: unknown[];
}

async function json(args: string[]): Promise<{ code: number; files: JsonFile[] }> {
  const r = await runCli(['check', '--json', '--today', '2024-06-01', ...args], {
    capture: true,
    cwd: repo,
  });
  return { code: r.code, files: JSON.parse(r.stdout) as JsonFile[] };
}

describe('jixiao check on the published seed report', () => {
  let findings: JsonFinding[] = [];
  let code = 0;
  beforeAll(async () => {
    const r = await json([SEED]);
    code = r.code;
    findings = r.files[0]?.findings ?? [];
  });
  const find = (code: string, text?: string) =>
    findings.filter((f) => f.code === code && (text === undefined || f.message.includes(text)));

  it('exits 1: the report has error-level findings', () => {
    expect(code).toBe(1);
  });
  it('stated total 98.9 ≠ execution 10 + Σ scores 88 = 98', () => {
    const [f] = find('SCORE-TOTAL-SUM');
    expect(f?.values).toMatchObject({
      stated: '98.9',
      sum: '98.00',
      execution: '10.00',
      indicators: '88.00',
    });
    expect(f?.locations.some((l) => l.section === '六')).toBe(true);
  });
  it(
    'execution rate: 100% (附件2) vs 93.08% (六 1); ' +
      'the adjusted budget equals the actual; high score, low execution',
    () => {
      expect(find('CROSS-STATEMENTS-DIFFER', '预算执行率')[0]?.message).toMatch(/93\.08%.*100%/);
      expect(find('PLAUS-BUDGET-CUT-TO-ACTUAL')[0]?.values).toMatchObject({
        initialBudget: '544.84',
        adjustedBudget: '507.13',
        rateAgainstInitial: '93.08%',
      });
      expect(find('PRACT-HIGH-SCORE-LOW-EXECUTION')[0]?.values).toMatchObject({
        score: '98.90',
        executionRate: '93.08%',
        gap: '5.82',
      });
    },
  );
  it('basic expenditure stated 404.92 / 404.93 / 459.17, parts 343.36 + 61.57 = 404.93', () => {
    const m = find('CROSS-STATEMENTS-DIFFER', '基本支出全年执行数')[0]?.message ?? '';
    expect(m).toContain('二（一）写 404.92');
    expect(m).toContain('六 1 写 404.93');
    expect(m).toContain('附件1 写 459.17');
    expect(find('ARITH-BASIC-SUM').map((f) => f.values.sum)).toContain('404.93');
  });
  it('附件1 2023 决算 column copies the 2022 column', () => {
    const [f] = find('PLAUS-COPIED-COLUMN');
    expect(Number(f?.values.rows)).toBeGreaterThanOrEqual(10);
    expect(f?.locations.every((l) => l.annex === 1)).toBe(true);
  });
  it('"三公" actual 4.19 (text) vs 3.85 (附件1); parts 3.42 + 0.39 = 3.81', () => {
    expect(find('CROSS-STATEMENTS-DIFFER', '“三公”经费合计全年执行数')[0]?.message).toMatch(
      /4\.19.*3\.85/,
    );
    expect(find('ARITH-THREE-PUBLIC-SUM')[0]?.values).toMatchObject({
      stated: '4.19',
      sum: '3.81',
    });
  });
  it('project budget 102.86 vs 102.98; project actual 102.21 vs 102.86 vs 118.88', () => {
    expect(find('CROSS-STATEMENTS-DIFFER', '项目支出年初预算数')[0]?.message).toMatch(
      /102\.86.*102\.98/,
    );
    expect(find('CROSS-STATEMENTS-DIFFER', '项目支出全年执行数')[0]?.message).toMatch(
      /102\.21.*102\.86.*118\.88/,
    );
    // 六 1: 收入年初预算 544.84 "其中基本支出 441.98，项目支出 102.98" adds up to 544.96.
    expect(find('ARITH-FUNDS-BY-NATURE')[0]?.values).toMatchObject({
      stated: '544.84',
      sum: '544.96',
    });
  });
  it('公用经费 61.57 (二（一）) vs 50.43 (附件1)', () => {
    expect(find('CROSS-STATEMENTS-DIFFER', '公用经费全年执行数')[0]?.message).toMatch(
      /61\.57.*50\.43/,
    );
  });
  it('filing date 2023-05-24 before the fiscal year ended', () => {
    expect(find('PLAUS-FILING-BEFORE-YEAR-END')[0]?.values).toMatchObject({
      filingDate: '2023-05-24',
      fiscalYearEnd: '2023-12-31',
    });
  });
  it('quantitative targets answered 均完成 / 均下降', () => {
    const words = find('COMPL-ACTUAL-NOT-MEASURABLE').map((f) => f.values.actual);
    expect(words).toContain('均完成');
    expect(words).toContain('均下降');
    expect(words.length).toBe(5);
  });
  it('生态效益指标 holding 金融工作成效; a target with no operator (220 亿)', () => {
    expect(find('PLAUS-WRONG-LEVEL2', '金融工作成效')).toHaveLength(1);
    expect(find('COMPL-TARGET-OPERATOR').map((f) => f.values.target)).toContain('220亿');
  });
  it('一般公共预算 483.61 + 其他 23.52 = 507.13 against an initial budget of 544.84 "均为财政拨款"', () => {
    expect(find('PLAUS-UNBUDGETED-SOURCE')[0]?.values).toMatchObject({
      actual: '23.52',
      initialBudgetTotal: '544.84',
    });
  });
  it('personnel share 84.8% given to one decimal (84.79%)', () => {
    expect(find('RATIO-PRECISION', '人员经费')[0]?.values).toMatchObject({
      stated: '84.8%',
      twoDecimals: '84.79%',
    });
  });
});

describe('jixiao check', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-check-'));
    writeFileSync(join(dir, 'base.yaml'), stringify(baseDossierInput()));
    writeFileSync(join(dir, 'bad.yaml'), 'year: 2023\nunit: {name: 测试}\nindicators: [ {id: 1\n');
    writeFileSync(
      join(dir, 'invalid.yaml'),
      stringify({ ...baseDossierInput(), year: 'two thousand' }),
    );
  });

  it('the corrected seed report audits with no error-level finding (exit 0)', async () => {
    const r = await json([CORRECTED]);
    expect(r.code).toBe(0);
    expect(r.files[0]?.findings?.filter((f) => f.severity === 'error')).toEqual([]);
  });
  it(
    'prints findings grouped by severity and family, ' +
      'with locations and a summary line per file',
    async () => {
      const r = await runCli(['check', SEED, join(dir, 'base.yaml'), '--today', '2024-06-01'], {
        capture: true,
        cwd: repo,
      });
      expect(r.code).toBe(1);
      const out = r.stdout;
      expect(out.indexOf('错误（')).toBeLessThan(out.indexOf('警告（'));
      expect(out).toContain('合计与分项');
      expect(out).toContain('[SCORE-TOTAL-SUM]');
      expect(out).toMatch(/位置：六 第\d+行/);
      expect(out).toMatch(/hengyang-finance-office-2023\.yaml：错误 \d+，警告 \d+，提示 \d+/);
      expect(out).toMatch(/base\.yaml：错误 0，警告 1，提示 0/);
      expect(out).not.toContain('\u001b['); // no colour when captured
    },
  );
  it('--severity error shows only errors; the exit code still follows the errors', async () => {
    const r = await json([SEED, '--severity', 'error']);
    expect(r.code).toBe(1);
    expect(r.files[0]?.findings?.every((f) => f.severity === 'error')).toBe(true);
    const w = await json([join(dir, 'base.yaml'), '--severity', 'error']);
    expect(w.code).toBe(0);
    expect(w.files[0]?.findings).toEqual([]);
  });
  it('--today feeds date rules (a filing date after the audit date)', async () => {
    const r = await runCli(['check', '--json', join(dir, 'base.yaml'), '--today', '2024-04-01'], {
      capture: true,
      cwd: repo,
    });
    const files = JSON.parse(r.stdout) as JsonFile[];
    expect(files[0]?.findings?.map((f) => f.code)).toContain('PLAUS-FILING-IN-FUTURE');
  });
  it("--ruleset hunan: the seed's 一级 weights and the step execution rule", async () => {
    const r = await json([CORRECTED, '--ruleset', 'hunan']);
    // 93.08% under the step rule: two started 5-point steps below 100% → 6 points, not 9.31.
    expect(r.files[0]?.findings?.find((f) => f.code === 'SCORE-EXECUTION')?.values.stated).toBe(
      '9.31',
    );
    expect(r.files[0]?.findings?.some((f) => f.code === 'SCORE-LEVEL1-RULESET')).toBe(false);
  });
  it(
    'exit 2 on bad input: syntax error, schema error, ' +
      'missing file, unknown rule set, bad flag',
    async () => {
      const syntax = await runCli(['check', join(dir, 'bad.yaml')], { capture: true, cwd: repo });
      expect(syntax.code).toBe(2);
      expect(syntax.stderr).toMatch(/bad\.yaml:\d+:\d+/);
      const schema = await runCli(['check', join(dir, 'invalid.yaml'), join(dir, 'base.yaml')], {
        capture: true,
        cwd: repo,
      });
      expect(schema.code).toBe(2);
      expect(schema.stderr).toContain('year');
      expect(schema.stdout).toMatch(/invalid\.yaml：无法审核/);
      expect(schema.stdout).toMatch(/base\.yaml：错误 0/); // the good file is still audited
      expect(
        (await runCli(['check', join(dir, 'nope.yaml')], { capture: true, cwd: repo })).code,
      ).toBe(2);
      expect(
        (
          await runCli(['check', join(dir, 'base.yaml'), '--ruleset', 'atlantis'], {
            capture: true,
            cwd: repo,
          })
        ).code,
      ).toBe(2);
      expect(
        (
          await runCli(['check', join(dir, 'base.yaml'), '--severity', 'loud'], {
            capture: true,
            cwd: repo,
          })
        ).code,
      ).toBe(2);
      expect(
        (
          await runCli(['check', join(dir, 'base.yaml'), '--today', '1 May'], {
            capture: true,
            cwd: repo,
          })
        ).code,
      ).toBe(2);
    },
  );
  it('--json gives code, severity, message, values and locations for each finding', async () => {
    const r = await json([SEED]);
    for (const f of r.files[0]?.findings ?? []) {
      expect(f.code && f.severity && f.message).toBeTruthy();
      expect(typeof f.values).toBe('object');
      expect(f.locations.length).toBeGreaterThan(0);
    }
    const en = await runCli(['--lang', 'en', 'check', '--json', '--today', '2024-06-01', SEED], {
      capture: true,
      cwd: repo,
    });
    const total = (JSON.parse(en.stdout) as JsonFile[])[0]?.findings?.find(
      (f) => f.code === 'SCORE-TOTAL-SUM',
    );
    expect(total?.message).toBe(
      'Total score: 六 says 98.9; execution 10.00 + indicators 88.00 = 98.00.',
    );
  });
});
