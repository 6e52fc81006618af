import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDossierText } from '../../io/load-dossier.ts';
import { runCli } from '../run.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'jixiao-new-'));

describe('jixiao new', () => {
  it('prints a blank dossier that validates', async () => {
    const r = await runCli(['new', '--unit', '衡阳市某某局', '--year', '2024'], { capture: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# 填写说明');
    const parsed = parseDossierText(r.stdout, 'stdout.yaml');
    expect(parsed.ok).toBe(true);
    if (parsed.ok)
      expect(parsed.dossier).toMatchObject({ year: 2024, unit: { name: '衡阳市某某局' } });
  });

  it(
    'writes -o FILE with a schema reference, ' +
      'validates with jixiao validate, and refuses to overwrite',
    async () => {
      const file = join(tmp(), 'a.yaml');
      const r = await runCli(['new', '--unit', '某局', '--year', '2025', '-o', file], {
        capture: true,
      });
      expect(r.code).toBe(0);
      const text = readFileSync(file, 'utf8');
      expect(text).toMatch(/^# yaml-language-server: \$schema=.*docs\/dossier\.schema\.json\n/);
      expect((await runCli(['validate', file], { capture: true })).code).toBe(0);
      const again = await runCli(['new', '--unit', '某局', '--year', '2025', '-o', file], {
        capture: true,
      });
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('文件已存在');
      writeFileSync(file, 'x');
      expect(
        (
          await runCli(['new', '--unit', '某局', '--year', '2025', '-o', file, '--force'], {
            capture: true,
          })
        ).code,
      ).toBe(0);
      expect(readFileSync(file, 'utf8')).toContain('year: 2025');
    },
  );

  it('rejects a bad year or a missing unit with exit 2 and a clear message', async () => {
    const bad = await runCli(['new', '--unit', '某局', '--year', '23'], { capture: true });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--year 应为 2000 至 2100 之间的年份');
    const en = await runCli(['new', '--lang', 'en', '--unit', '某局', '--year', 'next'], {
      capture: true,
    });
    expect(en.stderr).toContain('--year must be a year from 2000 to 2100');
    expect((await runCli(['new', '--year', '2024'], { capture: true })).code).toBe(2);
  });
});
