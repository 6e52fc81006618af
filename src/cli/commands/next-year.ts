/**
 * `jixiao next-year FILE [-o FILE] [--force]`: next year's dossier from this one (see
 * core/dossier/next-year.ts).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Dossier } from '../../core/dossier/schema.ts';
import { stringify } from 'yaml';
import { dossierFileForm, nextYearDossier } from '../../core/dossier/next-year.ts';
import { loadDossierFile } from '../../io/load-dossier.ts';
import type { CliContext, ExitCode } from '../context.ts';
import { schemaRefFor, writeNew } from './new.ts';

/** "已生成 out.yaml（2024年度，指标 12 项，项目 3 个）". */
function wroteMessage(output: string, next: Dossier, lang: 'zh' | 'en'): string {
  const indicators = next.indicators.length;
  const projects = next.expenditure.projects.length;
  return lang === 'zh'
    ? `已生成 ${output}（${next.year}年度，指标 ${indicators} 项，项目 ${projects} 个）`
    : `wrote ${output} (FY${next.year}, ${indicators} indicators, ${projects} projects)`;
}

export function register(
  program: Command,
  ctx: () => CliContext,
  _setExit: (c: ExitCode) => void,
): void {
  program
    .command('next-year')
    .description(
      '由本年度档案生成下一年度档案（结转上年数，清空本年结果）/ next year’s dossier from this one',
    )
    .argument('<file>', '本年度档案 / this year’s dossier')
    .option('-o, --output <file>', '写入文件（默认输出到屏幕）/ write to FILE (default: stdout)')
    .option('--force', '覆盖已有文件 / overwrite FILE')
    .action(async (input: string, opts: { output?: string; force?: boolean }) => {
      const c = ctx();
      const d = await loadDossierFile(resolve(c.cwd, input), c.lang);
      const next = nextYearDossier(d);
      const header = [
        `# ${next.unit.name} ${next.year}年度部门整体支出绩效自评档案，` +
          `由 jixiao next-year 根据 ${input}（${d.year}年度）生成。`,
        '# 已结转：单位情况、项目与指标（名称、指标值、分值）、上年决算数（priorActual）、' +
          '上年年初预算数（priorInitialBudget）、上年末资产。',
        '# 待填写：本年预算数与执行数、指标实际完成值与得分、绩效情况说明、填报日期。金额单位：万元。',
      ];
      const body = stringify(dossierFileForm(next), { lineWidth: 0 });
      if (!opts.output) {
        c.out(`${header.join('\n')}\n${body}`.trimEnd());
        return;
      }
      const file = resolve(c.cwd, opts.output);
      const schemaRef = schemaRefFor(file);
      await writeNew(
        file,
        (schemaRef ? `# yaml-language-server: $schema=${schemaRef}\n` : '') +
          `${header.join('\n')}\n${body}`,
        Boolean(opts.force),
        c.lang,
      );
      c.out(wroteMessage(opts.output, next, c.lang));
    });
}
