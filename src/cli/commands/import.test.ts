import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDossierText } from '../../io/load-dossier.ts';
import { runCli } from '../run.ts';

const fixtures = join(import.meta.dirname, '..', '..', 'importers', 'fixtures');
const tmp = mkdtempSync(join(tmpdir(), 'jixiao-import-'));

describe('jixiao import', () => {
  it('writes a dossier that validates and prints found / missing / uncertain', async () => {
    const out = join(tmp, 'spaced.yaml');
    const res = await runCli(['import', join(fixtures, 'spaced.txt'), '-o', out], {
      capture: true,
    });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(
      /读取 \d+ 项数据、90 处表述（某县农业农村局，2022年度，指标 9 项，项目 2 个）/,
    );
    expect(res.stdout).toContain('需人工确认');
    expect(res.stdout).toContain('assets.previousYearEnd = 2128.36');
    const loaded = parseDossierText(readFileSync(out, 'utf8'), out);
    expect(loaded.ok).toBe(true);
    if (loaded.ok) {
      expect(loaded.dossier.unit.name).toBe('某县农业农村局');
      expect(loaded.dossier.provenance?.['indicators[2].actual']?.line).toBeGreaterThan(0);
    }
  });

  it('--json summarises each file', async () => {
    const res = await runCli(['import', join(fixtures, 'ocr.txt'), '--json', '--out-dir', tmp], {
      capture: true,
    });
    expect(res.code).toBe(0);
    const j = JSON.parse(res.stdout) as {
      ok: boolean;
      statements: number;
      uncertain: { confidence: number }[];
    };
    expect(j.ok).toBe(true);
    expect(j.statements).toBe(90);
    expect(j.uncertain.length).toBeGreaterThan(10);
  });

  it('unusable files: a clear message each, exit 2, the good file still imports', async () => {
    const empty = join(tmp, 'empty.txt');
    writeFileSync(empty, '');
    const notReport = join(tmp, 'menu.txt');
    writeFileSync(notReport, '午餐菜单\n红烧肉 25元\n青菜 8元\n');
    const binary = join(tmp, 'blob.bin');
    writeFileSync(binary, Buffer.from([0, 1, 2, 3, 0, 255, 0, 7]));
    const corrupt = join(tmp, 'broken.pdf');
    writeFileSync(corrupt, '%PDF-1.7\nthis is not really a pdf\n');
    const zip = join(tmp, 'other.zip');
    writeFileSync(zip, Buffer.from('PK\u0003\u0004junk', 'latin1'));
    const files = [
      empty,
      notReport,
      binary,
      corrupt,
      zip,
      join(fixtures, 'bad', 'scan.pdf'),
      join(fixtures, 'bad', 'encrypted.pdf'),
      join(fixtures, 'bad', 'letter.pdf'),
      join(tmp, 'missing.pdf'),
      join(fixtures, 'pipes.txt'),
    ];
    const res = await runCli(['import', ...files, '--out-dir', tmp], { capture: true });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('empty.txt：文件为空');
    expect(res.stderr).toContain('menu.txt：这不像绩效自评报告');
    expect(res.stderr).toContain('blob.bin：无法识别的文件类型');
    expect(res.stderr).toContain('broken.pdf：PDF 文件已损坏');
    expect(res.stderr).toContain('other.zip：');
    expect(res.stderr).toContain('scan.pdf：PDF 没有文字层（扫描件）');
    expect(res.stderr).toContain('encrypted.pdf：PDF 已加密');
    expect(res.stderr).toContain('letter.pdf：这不像绩效自评报告');
    expect(res.stderr).toContain('找不到文件');
    expect(res.stderr).not.toMatch(/内部错误|at .*\.ts:\d+/);
    expect(res.stdout).toContain('pipes.txt：读取');
    expect(readFileSync(join(tmp, 'pipes.yaml'), 'utf8')).toContain('某县农业农村局');
  });

  it('-o with several inputs is a usage error', async () => {
    const res = await runCli(
      [
        'import',
        join(fixtures, 'spaced.txt'),
        join(fixtures, 'pipes.txt'),
        '-o',
        join(tmp, 'x.yaml'),
      ],
      { capture: true },
    );
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('-o 只能用于一个输入文件');
  });
});
