import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run.ts';
import { findChromium } from '../../render/pdf.ts';
import { parseFormats } from './report.ts';

// The corrected seed is ready to submit; the seed as published has error-level findings.
const example = fileURLToPath(
  new URL('../../../examples/hengyang-finance-office-2023-corrected.yaml', import.meta.url),
);
const unready = fileURLToPath(
  new URL('../../../examples/hengyang-finance-office-2023.yaml', import.meta.url),
);
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-report-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseFormats', () => {
  it('reads one, several or all formats and rejects unknown ones', () => {
    expect(parseFormats('all')).toEqual(['docx', 'xlsx', 'html', 'pdf']);
    expect(parseFormats('docx, XLSX,docx')).toEqual(['docx', 'xlsx']);
    expect(parseFormats('doc')).toBeNull();
    expect(parseFormats('')).toBeNull();
  });
});

describe('jixiao report', () => {
  it('writes <basename>.<ext> for each format and prints the total', async () => {
    const out = join(dir, 'a');
    const r = await runCli(['report', example, '--format', 'docx,xlsx,html', '-o', out], {
      capture: true,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'hengyang-finance-office-2023-corrected.docx',
      'hengyang-finance-office-2023-corrected.html',
      'hengyang-finance-office-2023-corrected.xlsx',
    ]);
    expect(r.stdout).toMatch(/总分 \d+\.\d{2}，[优良中差]/);
  });

  it('keeps going past a bad dossier, reports it located, and exits 2', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'year: 2023\nunit:\n  name: 坏单位\nindicators:\n  - id: X\n    level1: 产出指标\n',
    );
    const out = join(dir, 'b');
    const r = await runCli(['report', bad, example, '-f', 'html', '-o', out], { capture: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:5:\d+: indicators\[0\]/);
    expect(readdirSync(out)).toEqual(['hengyang-finance-office-2023-corrected.html']);
    expect(r.stdout).toContain('已生成 1 份报告');
  });

  it(
    'rejects an unknown format, ' + 'an unknown rule set and clashing input names with exit 2',
    async () => {
      const out = join(dir, 'c');
      const f = await runCli(['report', example, '-f', 'odt', '-o', out], { capture: true });
      expect(f.code).toBe(2);
      expect(f.stderr).toContain('--format');
      const rs = await runCli(
        ['report', example, '-f', 'html', '--ruleset', 'no-such-set', '-o', out],
        { capture: true },
      );
      expect(rs.code).toBe(2);
      expect(rs.stderr).toContain('no-such-set');
      const dup = await runCli(['report', example, example, '-f', 'html', '-o', out], {
        capture: true,
      });
      expect(dup.code).toBe(2);
      expect(dup.stderr).toContain('同名');
      const missing = await runCli(['report', example, '-f', 'html'], { capture: true });
      expect(missing.code).toBe(2);
    },
  );

  it('scores under the chosen rule set', async () => {
    const out = join(dir, 'd');
    const r = await runCli(
      ['report', example, '-f', 'html', '--ruleset', 'hunan', '-o', out, '--draft'],
      {
        capture: true,
      },
    );
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'hengyang-finance-office-2023-corrected.html'))).toBe(true);
  });

  it('lists error findings of an unready dossier, writes nothing and exits 1', async () => {
    const out = join(dir, 'f');
    const r = await runCli(['report', unready, '-f', 'html,docx', '-o', out], { capture: true });
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(r.stderr).toMatch(
      /hengyang-finance-office-2023\.yaml：不能作为正式报告提交（\d+ 个错误/,
    );
    // 343.36 + 50.43 = 393.79 against the filed 459.17 (an ARITH finding with both figures).
    expect(r.stderr).toContain('错误 ARITH-BASIC-SUM');
    expect(r.stderr).toContain('未生成任何文件');
  });

  it('writes an unready dossier with --draft, marked 草稿 (HTML mark, DOCX header)', async () => {
    const out = join(dir, 'g');
    const r = await runCli(['report', unready, '-f', 'html,docx', '-o', out, '--draft'], {
      capture: true,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('草稿');
    const html = readFileSync(join(out, 'hengyang-finance-office-2023.html'), 'utf8');
    expect(html).toContain('<div class="draft-mark" aria-hidden="true">草稿</div>');
    expect(html).toMatch(/@top-center \{ content: "草稿"/);
    const zip = await JSZip.loadAsync(readFileSync(join(out, 'hengyang-finance-office-2023.docx')));
    const headers = Object.keys(zip.files).filter((f) => /^word\/header\d+\.xml$/.test(f));
    expect(headers.length).toBeGreaterThan(0);
    for (const h of headers) expect(await zip.file(h)?.async('string')).toContain('草稿');
    // A ready dossier is never marked.
    const ok = await runCli(['report', example, '-f', 'html', '-o', out, '--draft'], {
      capture: true,
    });
    expect(ok.code).toBe(0);
    expect(
      readFileSync(join(out, 'hengyang-finance-office-2023-corrected.html'), 'utf8'),
    ).not.toContain('<div class="draft-mark"');
  });

  it.skipIf(findChromium() === null)(
    'writes all four formats, PDF included',
    async () => {
      const out = join(dir, 'e');
      const r = await runCli(['report', example, '--format', 'all', '-o', out], { capture: true });
      expect(r.code).toBe(0);
      expect(readdirSync(out)).toHaveLength(4);
      expect(readdirSync(out)).toContain('hengyang-finance-office-2023-corrected.pdf');
    },
    60_000,
  );
});
