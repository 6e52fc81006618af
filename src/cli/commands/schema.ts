/**
 * `jixiao schema [-o FILE] [--check FILE]`: the dossier format as JSON Schema.
 * docs/dossier.schema.json is written with `jixiao schema -o docs/dossier.schema.json`;
 * `--check` exits 1 when the given file differs from what the code generates (stale).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { dossierJsonSchemaText } from '../../core/dossier/json-schema.ts';
import { readTextFile } from '../../io/load-dossier.ts';
import { EXIT, type CliContext, type ExitCode } from '../context.ts';

export function register(
  program: Command,
  ctx: () => CliContext,
  setExit: (c: ExitCode) => void,
): void {
  program
    .command('schema')
    .description('输出档案格式的 JSON Schema / print the dossier JSON Schema')
    .option('-o, --output <file>', '写入文件 / write to FILE')
    .option('--check <file>', '检查文件是否与当前格式一致 / exit 1 when FILE is stale')
    .action(async (opts: { output?: string; check?: string }) => {
      const c = ctx();
      const text = dossierJsonSchemaText();
      if (opts.check) {
        const file = resolve(c.cwd, opts.check);
        const current = await readTextFile(file, c.lang);
        if (current === text)
          c.out(
            c.lang === 'zh' ? `${opts.check}：与当前档案格式一致` : `${opts.check}: up to date`,
          );
        else {
          c.err(
            c.lang === 'zh'
              ? `${opts.check}：已过期，请运行 jixiao schema -o ${opts.check}`
              : `${opts.check}: stale; run jixiao schema -o ${opts.check}`,
          );
          setExit(EXIT.findings);
        }
        return;
      }
      if (opts.output) {
        const file = resolve(c.cwd, opts.output);
        const before = await readFile(file, 'utf8').catch(() => undefined);
        if (before !== text) await writeFile(file, text, 'utf8');
        c.out(c.lang === 'zh' ? `已写入 ${opts.output}` : `wrote ${opts.output}`);
        return;
      }
      c.out(text.trimEnd());
    });
}
