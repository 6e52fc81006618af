import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../core/audit/catalogue.ts';
import { renderRulesMarkdown } from '../../core/audit/rules-doc.ts';
import { runCli } from '../run.ts';

const repo = join(import.meta.dirname, '../../..');

describe('docs/rules.md', () => {
  it('is up to date with the catalogue (run `npm run docs:rules` when this fails)', () => {
    expect(readFileSync(join(repo, 'docs/rules.md'), 'utf8')).toBe(renderRulesMarkdown());
  });
  it('lists every rule with severity, family, source and an example', () => {
    const md = renderRulesMarkdown();
    for (const r of CATALOGUE) {
      const section = md.slice(md.indexOf(`### ${r.code}\n`));
      expect(section.split('\n### ')[0]).toContain(`Source: ${r.source}`);
      expect(section.split('\n### ')[0]).toContain(`Catches, e.g.: ${r.example}`);
    }
  });
  it('docs-rules writes the file; --check reports a stale one with exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-rules-'));
    const w = await runCli(['docs-rules', '--out', 'rules.md'], { capture: true, cwd: dir });
    expect(w.code).toBe(0);
    expect(readFileSync(join(dir, 'rules.md'), 'utf8')).toBe(renderRulesMarkdown());
    expect(
      (await runCli(['docs-rules', '--out', 'rules.md', '--check'], { capture: true, cwd: dir }))
        .code,
    ).toBe(0);
    const stale = await runCli(['docs-rules', '--out', 'missing.md', '--check'], {
      capture: true,
      cwd: dir,
    });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('过期');
  });
});
