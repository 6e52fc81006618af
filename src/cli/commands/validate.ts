/** `jixiao validate FILE…`: schema errors, located at file:line:column. */
import type { Command } from 'commander';
import type { Dossier } from '../../core/dossier/schema.ts';
import { parseDossierText, readTextFile, formatInputError } from '../../io/load-dossier.ts';
import { EXIT, type CliContext, type ExitCode } from '../context.ts';

/** "x.yaml：有效（某局，2023年度，指标 12 项）" — one line per valid file. */
function validMessage(file: string, d: Dossier, lang: 'zh' | 'en'): string {
  const { unit, year, indicators } = d;
  return lang === 'zh'
    ? `${file}：有效（${unit.name}，${year}年度，指标 ${indicators.length} 项）`
    : `${file}: valid (${unit.name}, FY${year}, ${indicators.length} indicators)`;
}

export function register(
  program: Command,
  ctx: () => CliContext,
  setExit: (c: ExitCode) => void,
): void {
  program
    .command('validate')
    .description('校验档案文件（YAML/JSON）：列出每个错误及其行号 / validate dossier files')
    .argument('<files...>', 'dossier files')
    .action(async (files: string[]) => {
      const c = ctx();
      for (const file of files) {
        const loaded = parseDossierText(await readTextFile(file, c.lang), file, c.lang);
        if (loaded.ok) {
          c.out(validMessage(file, loaded.dossier, c.lang));
        } else {
          for (const e of loaded.errors) c.err(formatInputError(e));
          c.err(
            c.lang === 'zh'
              ? `${file}：${loaded.errors.length} 个错误`
              : `${file}: ${loaded.errors.length} error(s)`,
          );
          setExit(EXIT.badInput);
        }
      }
    });
}
