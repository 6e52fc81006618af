import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run.ts';
import { findChromium } from '../../render/pdf.ts';
import { parseFormats } from './report.ts';

const example = fileURLToPath(
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
      'hengyang-finance-office-2023.docx',
      'hengyang-finance-office-2023.html',
      'hengyang-finance-office-2023.xlsx',
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
    expect(readdirSync(out)).toEqual(['hengyang-finance-office-2023.html']);
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
    const r = await runCli(['report', example, '-f', 'html', '--ruleset', 'hunan', '-o', out], {
      capture: true,
    });
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'hengyang-finance-office-2023.html'))).toBe(true);
  });

  it.skipIf(findChromium() === null)(
    'writes all four formats, PDF included',
    async () => {
      const out = join(dir, 'e');
      const r = await runCli(['report', example, '--format', 'all', '-o', out], { capture: true });
      expect(r.code).toBe(0);
      expect(readdirSync(out)).toHaveLength(4);
      expect(readdirSync(out)).toContain('hengyang-finance-office-2023.pdf');
    },
    60_000,
  );
});
