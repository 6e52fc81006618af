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
