import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderLayout } from '../../importers/fixtures/layouts.ts';
import { TRUTH } from '../../importers/fixtures/truth.ts';
import { runCli } from '../run.ts';

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

  it('a report with a wrong stated total: exit 1 and the finding cites the line of the stated figure', async () => {
    const text = renderLayout('spaced', { ...TRUTH, score: '99.50' } as unknown as typeof TRUTH);
    expect(text).not.toContain(TRUTH.score);
    const file = join(tmp, 'wrong-total.txt');
    writeFileSync(file, text);
    const res = await runCli(['audit', file, '--json', '--today', '2023-06-01'], { capture: true });
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
  });

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
});
