/**
 * `jixiao new --unit NAME --year Y [-o FILE] [--force]`: a blank, commented dossier for a new
 * unit-year.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { blankDossierYaml } from '../../core/dossier/blank.ts';
import { InputErrors, type Lang } from '../../core/errors/input-error.ts';
import type { CliContext, ExitCode } from '../context.ts';

/** The JSON Schema shipped with the package (docs/dossier.schema.json). */
export const PACKAGE_SCHEMA = fileURLToPath(
  new URL('../../../docs/dossier.schema.json', import.meta.url),
);

/**
 * `$schema` reference for a file written at `outFile`: relative to it, when the package ships the
 * schema.
 */
export function schemaRefFor(outFile: string): string | undefined {
  if (!existsSync(PACKAGE_SCHEMA)) return undefined;
  const rel = relative(dirname(outFile), PACKAGE_SCHEMA).split('\\').join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

export function parseYear(text: string, lang: Lang): number {
  const year = /^\d{4}$/.test(text.trim()) ? Number(text) : NaN;
  if (!(year >= 2000 && year <= 2100)) {
    throw new InputErrors([
      {
        code: 'usage',
        where: {},
        message:
          lang === 'zh'
            ? `--year 应为 2000 至 2100 之间的年份，实际为 "${text}"`
            : `--year must be a year from 2000 to 2100, got "${text}"`,
      },
    ]);
  }
  return year;
}

/** Write `text` to `file` unless it exists (then exit 2, unless --force). */
export async function writeNew(
  file: string,
  text: string,
  force: boolean,
  lang: Lang,
): Promise<void> {
  if (!force && existsSync(file)) {
    throw new InputErrors([
      {
        code: 'usage',
        where: { file },
        message:
          lang === 'zh'
            ? `文件已存在：${file}（如需覆盖请加 --force）`
            : `file exists: ${file} (use --force to overwrite)`,
      },
    ]);
  }
  await writeFile(file, text, 'utf8');
}

export function register(
  program: Command,
  ctx: () => CliContext,
  _setExit: (c: ExitCode) => void,
): void {
  program
    .command('new')
    .description('新建空白档案（带中文填写说明）/ create a blank, commented dossier')
    .requiredOption('--unit <name>', '单位名称 / unit name')
    .requiredOption('--year <year>', '年度 / fiscal year')
    .option('-o, --output <file>', '写入文件（默认输出到屏幕）/ write to FILE (default: stdout)')
    .option('--force', '覆盖已有文件 / overwrite FILE')
    .action(async (opts: { unit: string; year: string; output?: string; force?: boolean }) => {
      const c = ctx();
      const unit = opts.unit.trim();
      if (!unit)
        throw new InputErrors([
          {
            code: 'usage',
            where: {},
            message: c.lang === 'zh' ? '--unit 不能为空' : '--unit must not be empty',
          },
        ]);
      const year = parseYear(opts.year, c.lang);
      if (!opts.output) {
        c.out(blankDossierYaml({ unit, year }).trimEnd());
        return;
      }
      const file = resolve(c.cwd, opts.output);
      const schemaRef = schemaRefFor(file);
      await writeNew(
        file,
        blankDossierYaml({ unit, year, ...(schemaRef ? { schemaRef } : {}) }),
        Boolean(opts.force),
        c.lang,
      );
      c.out(
        c.lang === 'zh'
          ? `已新建 ${opts.output}（${unit}，${year}年度）；填写后运行 jixiao validate ${opts.output}`
          : `created ${opts.output} (${unit}, FY${year}); ` +
              `fill it in, then run jixiao validate ${opts.output}`,
      );
    });
}
