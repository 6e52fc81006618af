/** `jixiao validate FILE…`: schema errors, located at file:line:column. */
import type { Command } from 'commander';
import { parseDossierText, readTextFile, formatInputError } from '../../io/load-dossier.ts';
import { EXIT, type CliContext, type ExitCode } from '../context.ts';

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
          c.out(
            c.lang === 'zh'
              ? `${file}：有效（${loaded.dossier.unit.name}，${loaded.dossier.year}年度，指标 ${loaded.dossier.indicators.length} 项）`
              : `${file}: valid (${loaded.dossier.unit.name}, FY${loaded.dossier.year}, ${loaded.dossier.indicators.length} indicators)`,
          );
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
