import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderLayout } from '../../importers/fixtures/layouts.ts';
import { TRUTH } from '../../importers/fixtures/truth.ts';
import { runCli } from '../run.ts';
import { writeSummary } from './audit.ts';

const fixtures = join(import.meta.dirname, '..', '..', 'importers', 'fixtures');
const tmp = mkdtempSync(join(tmpdir(), 'jixiao-audit-'));

type AuditJson = {
  file: string;
  counts: { error: number };
  findings: { code: string; severity: string; locations: { line?: number; page?: number }[] }[];
}[];

describe('jixiao audit', () => {
  it('a consistent report: exit 0, findings cite lines', async () => {
    const res = await runCli(['audit', join(fixtures, 'spaced.txt'), '--today', '2023-06-01'], {
      capture: true,
    });
    expect(res.stdout).toContain('某县农业农村局 2022年度');
    expect(res.code === 0 || res.code === 1).toBe(true);
    expect(res.stdout).toMatch(/计算得分 \d+\.\d\d（[优良中差]）/);
  });

  it(
    'a report with a wrong stated total: ' +
      'exit 1 and the finding cites the line of the stated figure',
    async () => {
      const text = renderLayout('spaced', { ...TRUTH, score: '99.50' } as unknown as typeof TRUTH);
      expect(text).not.toContain(TRUTH.score);
      const file = join(tmp, 'wrong-total.txt');
      writeFileSync(file, text);
      const res = await runCli(['audit', file, '--json', '--today', '2023-06-01'], {
        capture: true,
      });
      expect(res.code).toBe(1);
      const j = JSON.parse(res.stdout) as AuditJson;
      const f = j[0]!.findings.find((x) => x.code === 'SCORE-TOTAL-SUM');
      expect(f?.severity).toBe('error');
      const lines = text.split('\n');
      // The stated figure's line (the figure may wrap onto the next line).
      expect(
        f?.locations.some(
          (l) =>
            l.line !== undefined &&
            /99\.?5?/.test(lines[l.line - 1] ?? '') &&
            /得分|99/.test(lines[l.line - 1] ?? ''),
        ),
      ).toBe(true);
    },
  );

  it('many files: summary table; a bad file gives exit 2 but the others are audited', async () => {
    const bad = join(tmp, 'empty.pdf');
    writeFileSync(bad, '');
    const res = await runCli(
      [
        'audit',
        join(fixtures, 'pipes.txt'),
        join(fixtures, 'wrapped.txt'),
        bad,
        '--today',
        '2023-06-01',
      ],
      { capture: true },
    );
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('empty.pdf：文件为空');
    expect(res.stdout).toMatch(/文件\s+单位\s+年度\s+填报得分\s+计算得分/);
    expect(res.stdout).toContain('pipes.txt');
    expect(res.stdout).toContain('wrapped.txt');
    expect(res.stdout).toContain('（无法导入）');
  });

  it('rejects a malformed --today', async () => {
    const res = await runCli(['audit', join(fixtures, 'pipes.txt'), '--today', '1/6/2023'], {
      capture: true,
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--today 应为 YYYY-MM-DD');
  });

  describe('--summary: one row per document', () => {
    const wrong = join(tmp, 'summary-wrong-total.txt');
    writeFileSync(
      wrong,
      renderLayout('spaced', { ...TRUTH, score: '99.50' } as unknown as typeof TRUTH),
    );
    const empty = join(tmp, 'summary-empty.pdf');
    writeFileSync(empty, '');
    const args = (out: string) => [
      'audit',
      join(fixtures, 'pipes.txt'),
      wrong,
      empty,
      '--today',
      '2023-06-01',
      '--summary',
      out,
    ];

    it(
      '.xlsx: reopened, the cells hold file, ' + 'unit, year, level, stated score and counts',
      async () => {
        const out = join(tmp, 'summary.xlsx');
        const res = await runCli(args(out), { capture: true });
        expect(res.code).toBe(2);
        const json = await runCli(
          ['audit', join(fixtures, 'pipes.txt'), wrong, '--today', '2023-06-01', '--json'],
          { capture: true },
        );
        const counts = (JSON.parse(json.stdout) as AuditJson).map((d) => d.counts.error);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(out);
        const ws = wb.worksheets[0]!;
        expect(ws.rowCount).toBe(4);
        const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
        expect(row(1).slice(0, 7)).toEqual([
          '文件',
          '单位',
          '年度',
          '级别',
          '读到的数字',
          '填报得分',
          '计算得分',
        ]);
        const [pipes, wrongRow, emptyRow] = [row(2), row(3), row(4)];
        expect(String(pipes[0])).toContain('pipes.txt');
        expect(pipes[1]).toBe('某县农业农村局');
        expect(pipes[2]).toBe(2022);
        expect(pipes[3]).toBe('部门整体');
        expect(Number(pipes[4])).toBeGreaterThan(0);
        expect(wrongRow[5]).toBe('99.50');
        expect(typeof wrongRow[6]).toBe('number');
        expect([pipes[8], wrongRow[8]]).toEqual(counts);
        expect(String(wrongRow[10])).toMatch(/^[A-Z]+-[A-Z0-9-]+ /);
        expect(emptyRow[3]).toBe('（无法导入）');
        expect(String(emptyRow[10])).toContain('文件为空');
      },
    );

    it('.csv: UTF-8 with BOM, one line per document', async () => {
      const out = join(tmp, 'summary.csv');
      await runCli(args(out), { capture: true });
      const text = readFileSync(out, 'utf8');
      expect(
        text.startsWith(
          '\uFEFF文件,单位,年度,级别,读到的数字,填报得分,计算得分,等级,错误,警告,第一个错误\r\n',
        ),
      ).toBe(true);
      const lines = text.slice(1).trimEnd().split('\r\n');
      expect(lines).toHaveLength(4);
      expect(lines[2]).toContain(',99.50,');
      expect(lines[3]).toMatch(/summary-empty\.pdf,,,（无法导入）,0,,,,,,/);
    });

    it('.csv quotes a field holding a comma, a quote or a line break', async () => {
      const out = join(tmp, 'quoting.csv');
      await writeSummary(out, [['a,b', 'say "x"', 'two\nlines', 7, null]]);
      expect(readFileSync(out, 'utf8')).toBe('\uFEFF"a,b","say ""x""","two\nlines",7,\r\n');
    });

    it('rejects a summary file that is neither .xlsx nor .csv', async () => {
      const res = await runCli(
        ['audit', join(fixtures, 'pipes.txt'), '--summary', join(tmp, 'x.ods')],
        { capture: true },
      );
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('--summary 的文件名应以 .xlsx 或 .csv 结尾');
    });
  });
});

describe('jixiao audit on project-level tables (项目支出绩效自评表)', () => {
  // Written for this test: a one-project table with | fillers and web-page furniture first.
  const table = (execScore: string, total: string) =>
    `
首页 > 信息公开 > 绩效信息
某县2023年度项目支出绩效自评表
发布时间：2024-03-12  浏览次数：88
项目名称 | 乡村道路养护 | 主管部门 | 某县交通运输局
实施单位 | 某县公路养护站 | 自评得分 | ${total}
项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
年度资金总额 | 50 | 50 | 45 | 10 | 90% | ${execScore}
其中：财政拨款 | 50 | 50 | 45 | — | — | —
一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因
产出指标 | 数量指标 | 养护道路里程 | ≥30公里 | 30公里 | 30 | 30 |
| 质量指标 | 养护验收合格率 | ≥95% | 97% | 20 | 20 |
效益指标 | 社会效益指标 | 群众出行条件 | 明显改善 | 明显改善 | 30 | 26 | 部分路段雨季通行仍受影响
满意度指标 | 服务对象满意度指标 | 沿线群众满意度 | ≥90% | 93% | 10 | 10 |
总分 | 100 | ${total}
`;
  const consistent = join(tmp, 'project-consistent.txt');
  // 30 + 20 + 26 + 10 = 86 by the rows, + 9 for 45 ÷ 50 = 90% of 分值 10: 95.
  writeFileSync(consistent, table('9', '95'));
  const wrong = join(tmp, 'project-wrong-execution.txt');
  // 得分 10 where 90% × 10 = 9; the total 96 is the rows' 86 + that 10.
  writeFileSync(wrong, table('10', '96'));

  it('consistent table: exit 0; wrong execution score: exit 1 naming 90% × 10 = 9', async () => {
    const ok = await runCli(['audit', consistent, '--json', '--today', '2024-06-01'], {
      capture: true,
    });
    expect(ok.code).toBe(0);
    const bad = await runCli(['audit', wrong, '--json', '--today', '2024-06-01'], {
      capture: true,
    });
    expect(bad.code).toBe(1);
    const j = JSON.parse(bad.stdout) as {
      findings: { code: string; severity: string; values: Record<string, string> }[];
    }[];
    const errors = j[0]!.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.code, f.values.expected])).toEqual([
      ['DOC-EXECUTION-SCORE', '9.00'],
    ]);
  });

  it('--summary: level 项目, unit from 实施单位, stated and recomputed score, first error', async () => {
    const out = join(tmp, 'projects.xlsx');
    await runCli(['audit', consistent, wrong, '--today', '2024-06-01', '--summary', out], {
      capture: true,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    const [ok, bad] = [row(2), row(3)];
    expect(ok.slice(1, 4)).toEqual(['某县公路养护站', 2023, '项目']);
    expect([ok[5], ok[6], ok[8]]).toEqual(['95', 95, 0]);
    expect([bad[5], bad[8]]).toEqual(['96', 1]);
    expect(String(bad[10])).toMatch(/^DOC-EXECUTION-SCORE /);
  });
});
