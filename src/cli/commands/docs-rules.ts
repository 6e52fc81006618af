/**
 * `jixiao docs-rules [--out FILE] [--check]`: write docs/rules.md from the audit rule catalogue.
 * With --check, write nothing and exit 1 when the file differs (stale).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { renderRulesMarkdown } from '../../core/audit/rules-doc.ts';
import { EXIT, type CliContext, type ExitCode } from '../context.ts';

export function register(
  program: Command,
  ctx: () => CliContext,
  setExit: (c: ExitCode) => void,
): void {
  program
    .command('docs-rules')
    .description('由规则目录生成 docs/rules.md / write docs/rules.md from the audit rule catalogue')
    .option('--out <file>', 'output file', 'docs/rules.md')
    .option('--check', 'do not write; exit 1 when the file is stale')
    .action(async (opts: { out: string; check?: boolean }) => {
      const c = ctx();
      const file = resolve(c.cwd, opts.out);
      const text = renderRulesMarkdown();
      if (opts.check) {
        const current = await readFile(file, 'utf8').catch(() => '');
        if (current !== text) {
          c.err(
            c.lang === 'zh'
              ? `${opts.out} 已过期：请运行 jixiao docs-rules`
              : `${opts.out} is stale: run jixiao docs-rules`,
          );
          setExit(EXIT.findings);
        } else c.out(c.lang === 'zh' ? `${opts.out} 为最新` : `${opts.out} is up to date`);
        return;
      }
      await writeFile(file, text, 'utf8');
      c.out(
        c.lang === 'zh'
          ? `已写入 ${opts.out}（${text.split('\n### ').length - 1} 条规则）`
          : `wrote ${opts.out} (${text.split('\n### ').length - 1} rules)`,
      );
    });
}
