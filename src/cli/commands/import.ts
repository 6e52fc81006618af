/**
 * `jixiao import FILE… [-o dossier.yaml | --out-dir DIR] [--json]`: read published reports (PDF,
 * DOCX, XLSX annex, HTML, text) back into dossiers with provenance. Prints what was found, what is
 * missing and which values a person should confirm (with page and line). Unusable files (empty,
 * encrypted, scanned, corrupt, not a report) → a clear message and exit 2; the other files still
 * import.
 */
import { writeFile, mkdir } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { InputErrors, type Lang } from '../../core/errors/input-error.ts';
import { formatInputError } from '../../io/load-dossier.ts';
import { importFile, type ImportReport } from '../../importers/import.ts';
import { dossierYaml } from '../../importers/to-yaml.ts';
import { withImportLimits } from '../../importers/limits.ts';
import { addImportLimitOptions, importLimitsOf, type LimitFlags } from '../import-limit-options.ts';
import { EXIT, type CliContext, type ExitCode } from '../context.ts';

const at = (u: { page?: number; line?: number; sheet?: string; cell?: string }, lang: Lang) => {
  const parts: string[] = [];
  if (u.sheet) parts.push(lang === 'zh' ? `工作表“${u.sheet}”` : `sheet "${u.sheet}"`);
  if (u.cell) parts.push(u.cell);
  if (u.page !== undefined) parts.push(lang === 'zh' ? `第${u.page}页` : `page ${u.page}`);
  if (u.line !== undefined) parts.push(lang === 'zh' ? `第${u.line}行` : `line ${u.line}`);
  return parts.join(' ');
};

/** The found / missing / uncertain summary of one import, as lines. */
export function importSummary(file: string, r: ImportReport, lang: Lang): string[] {
  const zh = lang === 'zh';
  const out: string[] = [];
  const d = r.dossier;
  const projects = d?.expenditure.projects.length;
  const summary = d
    ? zh
      ? `（${d.unit.name}，${d.year}年度，指标 ${d.indicators.length} 项，项目 ${projects} 个）`
      : ` (${d.unit.name}, FY${d.year}, ${d.indicators.length} indicators, ${projects} projects)`
    : '';
  out.push(
    zh
      ? `${file}：读取 ${r.found.length} 项数据、${r.statements} 处表述${summary}`
      : `${file}: ${r.found.length} values and ${r.statements} statements read${summary}`,
  );
  if (r.missing.length)
    out.push(zh ? `  未找到：${r.missing.join('、')}` : `  missing: ${r.missing.join(', ')}`);
  if (r.uncertain.length) {
    out.push(
      zh ? `  需人工确认（${r.uncertain.length} 项）：` : `  to confirm (${r.uncertain.length}):`,
    );
    for (const u of r.uncertain)
      out.push(
        `    ${u.path} = ${u.value}  [${at(u, lang)}] ` +
          `${zh ? '置信度' : 'confidence'} ${u.confidence}  ${u.reason}` +
          (u.text ? `  “${u.text.slice(0, 40)}”` : ''),
      );
  }
  if (r.unassigned.length)
    out.push(
      zh
        ? `  未归类的金额/比率 ${r.unassigned.length} 处（未写入档案）：${r.unassigned
            .slice(0, 5)
            .map((u) => `${u.text}[${at(u, lang)}]`)
            .join('；')}`
        : `  ${r.unassigned.length} unassigned figures (not kept): ${r.unassigned
            .slice(0, 5)
            .map((u) => `${u.text}[${at(u, lang)}]`)
            .join('; ')}`,
    );
  return out;
}

export function register(
  program: Command,
  ctx: () => CliContext,
  setExit: (c: ExitCode) => void,
): void {
  const cmd = program
    .command('import')
    .description(
      '导入已公开的自评报告（PDF/DOCX/XLSX/HTML/TXT）为档案，保留每个数值的出处' +
        ' / import published reports into dossiers with provenance',
    )
    .argument('<files...>', 'report files')
    .option(
      '-o, --output <file>',
      '输出档案文件（YAML；仅一个输入文件时）/ output dossier (one input)',
    )
    .option('--out-dir <dir>', '多个文件时的输出目录 / output directory for several inputs')
    .option('--json', '输出 JSON 摘要 / JSON summary');
  addImportLimitOptions(cmd).action(
    async (
      files: string[],
      opts: { output?: string; outDir?: string; json?: boolean } & LimitFlags,
    ) => {
      const limits = importLimitsOf(opts);
      const c = ctx();
      const zh = c.lang === 'zh';
      if (opts.output && files.length > 1) {
        throw new InputErrors([
          {
            code: 'usage',
            where: {},
            message: zh
              ? '-o 只能用于一个输入文件；多个文件请用 --out-dir'
              : '-o takes one input file; use --out-dir for several',
          },
        ]);
      }
      const summaries: unknown[] = [];
      for (const file of files) {
        const path = resolve(c.cwd, file);
        let report: ImportReport;
        try {
          report = await withImportLimits(limits, () => importFile(path, c.lang));
        } catch (err) {
          if (!(err instanceof InputErrors)) throw err;
          for (const e of err.errors)
            c.err(formatInputError({ ...e, where: { ...e.where, file } }).replace(path, file));
          summaries.push({
            file,
            ok: false,
            errors: err.errors.map((e) => ({
              code: e.code,
              message: e.message.replace(path, file),
            })),
          });
          setExit(EXIT.badInput);
          continue;
        }
        if (!report.dossier) {
          for (const e of report.errors)
            c.err(formatInputError({ ...e, where: { ...e.where, file } }).replace(path, file));
          summaries.push({
            file,
            ok: false,
            errors: report.errors.map((e) => ({
              code: e.code,
              message: e.message.replace(path, file),
              where: e.where,
            })),
            missing: report.missing,
          });
          setExit(EXIT.badInput);
          continue;
        }
        const yaml = dossierYaml(report, basename(file));
        let written: string | undefined;
        if (opts.output) written = resolve(c.cwd, opts.output);
        else if (opts.outDir) {
          await mkdir(resolve(c.cwd, opts.outDir), { recursive: true });
          written = join(resolve(c.cwd, opts.outDir), `${basename(file, extname(file))}.yaml`);
        }
        if (written) await writeFile(written, yaml, 'utf8');
        if (opts.json)
          summaries.push({
            file,
            ok: true,
            output: written,
            found: report.found.length,
            statements: report.statements,
            missing: report.missing,
            uncertain: report.uncertain,
            unassigned: report.unassigned.length,
          });
        else {
          for (const l of importSummary(file, report, c.lang)) (written ? c.out : c.err)(l);
          if (written) c.out(zh ? `  已写入 ${written}` : `  written to ${written}`);
          else c.out(yaml);
        }
      }
      if (opts.json)
        c.out(JSON.stringify(summaries.length === 1 ? summaries[0] : summaries, null, 2));
    },
  );
}
