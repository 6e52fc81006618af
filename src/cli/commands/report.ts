/**
 * `jixiao report FILE… --format docx|xlsx|html|pdf|all -o DIR [--ruleset NAME|PATH]`: the
 * self-evaluation report of each dossier, written as DIR/<input-basename>.<ext>. One Chromium
 * serves all PDFs; a progress bar shows on a terminal when there are several files. A bad dossier
 * is reported with its location and the others are still written (exit code 2 at the end).
 *
 * Readiness (issue #11 item 4): a dossier with error-level audit findings or a missing required
 * figure is not a report a unit can submit. Its problems are listed and nothing is written (exit
 * code 1) unless --draft, which writes every file marked 草稿 on each page.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
import { InputErrors, type InputError } from '../../core/errors/input-error.ts';
import { placeLabel, scoreAndAudit } from '../../core/audit/index.ts';
import { buildReportModel } from '../../core/report/build.ts';
import type { ReportModel } from '../../core/report/model.ts';
import { reportReadiness, type Readiness } from '../../core/report/readiness.ts';
import type { RuleSet } from '../../core/scoring/ruleset.ts';
import { formatInputError, parseDossierText, readTextFile } from '../../io/load-dossier.ts';
import { loadRuleset } from '../../io/load-ruleset.ts';
import type { PdfRenderer } from '../../render/pdf.ts';
import { EXIT, type CliContext, type ExitCode } from '../context.ts';

export const REPORT_FORMATS = ['docx', 'xlsx', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

interface Options {
  readonly format: string;
  readonly out: string;
  readonly ruleset?: string;
  readonly draft?: boolean;
  readonly today?: string;
}

/** "docx,pdf" / "all" → formats; null when a name is unknown. */
export function parseFormats(text: string): ReportFormat[] | null {
  const names = text
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (names.includes('all')) return [...REPORT_FORMATS];
  if (names.length === 0 || names.some((n) => !(REPORT_FORMATS as readonly string[]).includes(n)))
    return null;
  return [...new Set(names)] as ReportFormat[];
}

/**
 * Build the model of one dossier file under the selected rule set (flag > dossier.ruleset >
 * national), with its readiness; `draft` marks an unready dossier's model 草稿.
 */
export async function modelOfFile(
  path: string,
  ctx: CliContext,
  flag: string | undefined,
  cache: Map<string, RuleSet>,
  opts: { readonly draft?: boolean; readonly today?: string } = {},
): Promise<{ model: ReportModel; readiness: Readiness }> {
  const loaded = parseDossierText(await readTextFile(path, ctx.lang), path, ctx.lang);
  if (!loaded.ok) throw new InputErrors(loaded.errors);
  const d = loaded.dossier;
  const name = flag ?? d.ruleset ?? 'national';
  const from = flag !== undefined ? ctx.cwd : dirname(path);
  const key = `${from}\u0000${name}`;
  let rs = cache.get(key);
  if (!rs) {
    rs = await loadRuleset(name, { cwd: from, lang: ctx.lang, confined: flag === undefined });
    cache.set(key, rs);
  }
  const { score: result, findings } = scoreAndAudit(d, {
    ruleset: rs,
    ...(opts.today ? { today: opts.today } : {}),
  });
  const readiness = reportReadiness(d, result, findings, rs.execution.denominator);
  const model = buildReportModel(d, {
    score: result,
    base: rs.execution.denominator,
    grades: rs.grades,
    rulesetTitle: rs.title,
    draft: opts.draft === true && !readiness.ready,
  });
  return { model, readiness };
}

/** The lines that say why a dossier is not ready: its error findings and missing figures. */
export function readinessLines(file: string, r: Readiness, zh: boolean): string[] {
  const out = [
    zh
      ? `${file}：不能作为正式报告提交（${r.errors.length} 个错误，缺少 ${r.missing.length} 项必填数据）`
      : `${file}: not ready to submit ` +
        `(${r.errors.length} error(s), ${r.missing.length} required figure(s) missing)`,
  ];
  for (const f of r.errors) {
    const loc = f.locations[0];
    const where = loc ? placeLabel(loc, zh ? 'zh' : 'en', true) : '';
    const message = zh ? f.message.zh : f.message.en;
    out.push(`  ${zh ? '错误' : 'error'} ${f.code}：${message}${where ? `（${where}）` : ''}`);
  }
  for (const m of r.missing)
    out.push(zh ? `  缺少 ${m.label}（${m.path}）` : `  missing ${m.label} (${m.path})`);
  return out;
}

export function register(
  program: Command,
  ctx: () => CliContext,
  setExit: (c: ExitCode) => void,
): void {
  program
    .command('report')
    .description('生成自评报告（Word / Excel / HTML / PDF）/ write the self-evaluation report')
    .argument('<files...>', 'dossier files (YAML/JSON)')
    .addOption(
      new Option(
        '-f, --format <formats>',
        'docx | xlsx | html | pdf | all (comma-separated)',
      ).default('all'),
    )
    .requiredOption('-o, --out <dir>', 'output directory')
    .option(
      '--ruleset <name>',
      'rule set name (rulesets/<name>.yaml) or path; default: dossier.ruleset, else national',
    )
    .option(
      '--draft',
      '未就绪的档案也生成，每页标“草稿” / write files marked 草稿 even when not ready',
    )
    .option('--today <date>', 'audit date YYYY-MM-DD (default: today)')
    .action(async (files: string[], opts: Options) => {
      const c = ctx();
      const zh = c.lang === 'zh';
      const formats = parseFormats(opts.format);
      if (!formats)
        throw new InputErrors([
          {
            code: 'usage',
            where: {},
            message: zh
              ? `--format 应为 docx、xlsx、html、pdf 或 all（可用逗号组合），实际为“${opts.format}”`
              : '--format must be docx, xlsx, html, pdf or all (comma-separated), ' +
                `got "${opts.format}"`,
          },
        ]);
      const names = files.map((f) => basename(f, extname(f)));
      const dup = names.find((n, i) => names.indexOf(n) !== i);
      if (dup !== undefined)
        throw new InputErrors([
          {
            code: 'usage',
            where: {},
            message: zh
              ? `多个输入文件同名“${dup}”，输出会互相覆盖：请分批生成或改名`
              : `several inputs are named "${dup}": their outputs would overwrite each other`,
          },
        ]);

      // The renderers (docx, exceljs, playwright) load only when a report is written, not for
      // `jixiao --help` or any other command.
      const [{ renderDocx }, { renderHtml }, { PdfRenderer }, { renderXlsx }] = await Promise.all([
        import('../../render/docx.ts'),
        import('../../render/html.ts'),
        import('../../render/pdf.ts'),
        import('../../render/xlsx.ts'),
      ]);
      const cache = new Map<string, RuleSet>();
      const errors: InputError[] = [];
      // Phase 1: every model and its readiness, so that an unready dossier stops the run before
      // anything is written.
      const today = opts.today ?? new Date().toISOString().slice(0, 10);
      const models: ({ model: ReportModel; readiness: Readiness } | null)[] = [];
      for (const file of files) {
        try {
          models.push(
            await modelOfFile(resolve(c.cwd, file), c, opts.ruleset, cache, {
              draft: opts.draft === true,
              today,
            }),
          );
        } catch (err) {
          if (!(err instanceof InputErrors)) throw err;
          errors.push(
            ...err.errors.map((e) => ({ ...e, where: { ...e.where, file: e.where.file ?? file } })),
          );
          models.push(null);
        }
      }
      const unready = models
        .map((m, i) => ({ m, file: files[i] ?? '' }))
        .filter((x) => x.m && !x.m.readiness.ready);
      if (unready.length && !opts.draft) {
        for (const e of errors) c.err(formatInputError(e));
        for (const u of unready)
          for (const line of readinessLines(
            u.file,
            (u.m as { readiness: Readiness }).readiness,
            zh,
          ))
            c.err(line);
        c.err(
          zh
            ? '未生成任何文件。请先修正上述问题，或加 --draft 生成标“草稿”的文件。'
            : 'Nothing written. Fix the problems above, or pass --draft to write files marked 草稿.',
        );
        setExit(errors.length ? EXIT.badInput : EXIT.findings);
        return;
      }

      const outDir = resolve(c.cwd, opts.out);
      await mkdir(outDir, { recursive: true });
      // Launch Chromium before the first file: a missing browser stops the run with one message.
      const pdf = formats.includes('pdf') ? await PdfRenderer.launch({ lang: c.lang }) : null;
      const bar =
        files.length > 1 && c.color && process.stderr.isTTY
          ? new cliProgress.SingleBar(
              { format: '{bar} {value}/{total} {file}', stream: process.stderr, hideCursor: true },
              cliProgress.Presets.shades_classic,
            )
          : null;
      bar?.start(files.length, 0, { file: '' });
      let written = 0;
      try {
        for (const [i, file] of files.entries()) {
          bar?.update(i, { file: basename(file) });
          const built = models[i];
          if (!built) continue;
          const model = built.model;
          const base = join(outDir, names[i] ?? 'report');
          const outputs: string[] = [];
          for (const f of formats) {
            const bytes =
              f === 'docx'
                ? await renderDocx(model)
                : f === 'xlsx'
                  ? await renderXlsx(model)
                  : f === 'html'
                    ? Buffer.from(renderHtml(model), 'utf8')
                    : await (pdf as PdfRenderer).render(model);
            const target = `${base}.${f}`;
            await writeFile(target, bytes);
            outputs.push(target);
          }
          written += 1;
          const s = model.summary;
          const mark = model.draft ? (zh ? '，草稿' : ', draft') : '';
          if (!bar)
            c.out(
              zh
                ? `${file} → ${outputs.join('、')}` +
                    `（总分 ${s.total ?? '未评分'}，${s.grade ?? '未定级'}${mark}）`
                : `${file} → ${outputs.join(', ')} ` +
                    `(total ${s.total ?? 'n/a'}, ${s.grade ?? 'n/a'}${mark})`,
            );
        }
      } finally {
        bar?.update(files.length, { file: '' });
        bar?.stop();
        await pdf?.close();
      }
      for (const e of errors) c.err(formatInputError(e));
      if (bar || files.length > 1)
        c.out(
          zh
            ? `已生成 ${written} 份报告（${formats.join('、')}），` +
                `${files.length - written} 份失败；输出目录：${outDir}`
            : `${written} report(s) written (${formats.join(', ')}), ` +
                `${files.length - written} failed; output: ${outDir}`,
        );
      if (errors.length) setExit(EXIT.badInput);
    });
}
