/**
 * `jixiao audit FILE… [--json] [--today YYYY-MM-DD] [--ruleset NAME]`: import published reports
 * (PDF, DOCX, XLSX, HTML, text), score them and run the auditor in one step. Each finding cites
 * where its values are in the source (page and line, or sheet and cell), from the statements and
 * the import provenance. Many files: a progress bar on a TTY and a summary table.
 * Exit codes as `jixiao check`: 0 no error-level finding, 1 error-level findings, 2 a file could
 * not be imported (bad input).
 */
import { writeFile } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  atLeast,
  countFindings,
  placeLabel,
  scoreAndAudit,
  SEVERITIES,
  type AuditLocation,
  type Finding,
  type Severity,
} from '../../core/audit/index.ts';
import { InputErrors, type InputError, type Lang } from '../../core/errors/input-error.ts';
import type { Dossier } from '../../core/dossier/schema.ts';
import { documentShape, statedUnitName } from '../../core/audit/document.ts';
import { formatInputError } from '../../io/load-dossier.ts';
import { loadSelectedRuleset } from '../../io/load-ruleset.ts';
import { importFile, type ImportReport } from '../../importers/import.ts';
import { pathPrefixes } from '../../importers/collect.ts';
import { withImportLimits } from '../../importers/limits.ts';
import { EXIT, type CliContext, type ExitCode } from '../context.ts';
import { addImportLimitOptions, importLimitsOf, type LimitFlags } from '../import-limit-options.ts';
import { findingToJson } from './check.ts';
import { renderTable } from './score.ts';

/** Add the source page/line (or sheet/cell) of a location that only names a dossier path. */
export function locateInSource(loc: AuditLocation, dossier: Dossier): AuditLocation {
  if (loc.line !== undefined || loc.page !== undefined || !loc.path || !dossier.provenance)
    return loc;
  const prov = dossier.provenance;
  for (const p of pathPrefixes(loc.path)) {
    const hit = prov[p];
    if (hit)
      return {
        ...loc,
        ...(hit.page !== undefined ? { page: hit.page } : {}),
        ...(hit.line !== undefined ? { line: hit.line } : {}),
        ...(hit.text && !loc.quote ? { quote: hit.text.slice(0, 60) } : {}),
      };
  }
  return loc;
}

const SEV: Record<Finding['severity'], { zh: string; en: string }> = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'info' },
};

function where(loc: AuditLocation, lang: Lang): string {
  const place = placeLabel(loc, lang, true);
  const pos = [
    loc.page !== undefined ? (lang === 'zh' ? `第${loc.page}页` : `p.${loc.page}`) : '',
    loc.line !== undefined ? (lang === 'zh' ? `第${loc.line}行` : `line ${loc.line}`) : '',
  ]
    .filter(Boolean)
    .join(' ');
  return pos ? `${place}（${pos}）` : place;
}

export interface AuditedFile {
  readonly file: string;
  readonly report: ImportReport;
  readonly findings: Finding[];
  readonly total: string;
  readonly grade: string;
  readonly ruleset: string;
}

export interface FailedFile {
  readonly file: string;
  readonly errors: string[];
  readonly inputErrors: InputError[];
}

/**
 * Import, score and audit one file, as `jixiao audit` does for each of its arguments (the corpus
 * measurement uses the same path). A file that holds no report comes back as a FailedFile with
 * its located reasons; any other exception is a bug and propagates.
 */
export async function auditFile(
  file: string,
  opts: { cwd: string; lang: Lang; today: string; ruleset?: string },
): Promise<AuditedFile | FailedFile> {
  const path = resolve(opts.cwd, file);
  const located = (errors: readonly InputError[]): FailedFile => {
    const errs = errors.map((e) => ({
      ...e,
      message: e.message.replace(path, file),
      where: { ...e.where, file },
    }));
    return { file, errors: errs.map(formatInputError), inputErrors: errs };
  };
  try {
    const report = await importFile(path, opts.lang);
    if (!report.dossier) return located(report.errors);
    const dossier = report.dossier;
    const ruleset = await loadSelectedRuleset(opts.ruleset, dossier.ruleset, {
      cwd: opts.cwd,
      dossierDir: dirname(path),
      lang: opts.lang,
    });
    const scored = scoreAndAudit(dossier, { ruleset, today: opts.today });
    const result = scored.score;
    // A project-level table is scored as its project's grid; a department report as the unit's.
    const own =
      documentShape(dossier).level === 'project' && result.projects.length === 1
        ? (result.projects[0] ?? result)
        : result;
    const findings = scored.findings.map((f) => ({
      ...f,
      locations: f.locations.map((l) => locateInSource(l, dossier)),
    }));
    return {
      file,
      report,
      findings,
      total: own.total,
      grade: own.grade,
      ruleset: ruleset.name,
    };
  } catch (err) {
    if (!(err instanceof InputErrors)) throw err;
    return located(err.errors);
  }
}

/** One row of the many-documents summary (`--summary`), in the order of SUMMARY_COLUMNS. */
export type SummaryRow = readonly (string | number | null)[];

const SUMMARY_COLUMNS: Record<Lang, readonly string[]> = {
  zh: [
    '文件',
    '单位',
    '年度',
    '级别',
    '读到的数字',
    '填报得分',
    '计算得分',
    '等级',
    '错误',
    '警告',
    '第一个错误',
  ],
  en: [
    'file',
    'unit',
    'year',
    'level',
    'figures found',
    'stated score',
    'recomputed score',
    'grade',
    'errors',
    'warnings',
    'first error',
  ],
};

/** The header and one row per document: audited ones, then those that hold no report. */
export function summaryRows(
  done: readonly AuditedFile[],
  failed: readonly FailedFile[],
  lang: Lang,
): SummaryRow[] {
  const zh = lang === 'zh';
  const levelLabel = (d: Dossier) =>
    documentShape(d).level === 'project'
      ? zh
        ? '项目'
        : 'project'
      : zh
        ? '部门整体'
        : 'department';
  const rows: SummaryRow[] = [SUMMARY_COLUMNS[lang]];
  for (const d of done) {
    const dossier = d.report.dossier as Dossier;
    const n = countFindings(d.findings);
    const missing = documentShape(dossier).missing;
    const firstError = d.findings.find((f) => f.severity === 'error');
    rows.push([
      d.file,
      statedUnitName(dossier) ?? '',
      missing.includes('年度') ? null : dossier.year,
      levelLabel(dossier),
      dossier.statements.length,
      dossier.statements.find((s) => s.concept === 'score.total')?.value ?? '',
      Number(d.total),
      d.grade,
      n.error,
      n.warning,
      firstError ? `${firstError.code} ${firstError.message[lang]}` : '',
    ]);
  }
  for (const f of failed)
    rows.push([
      f.file,
      '',
      null,
      zh ? '（无法导入）' : '(not imported)',
      0,
      '',
      null,
      '',
      null,
      null,
      f.errors[0] ?? '',
    ]);
  return rows;
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
const csvField = (v: string | number | null): string => {
  const t = v === null ? '' : String(v);
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
};

/** Write the summary as .xlsx (one sheet, header row frozen) or .csv (UTF-8 with BOM for Excel). */
export async function writeSummary(path: string, rows: readonly SummaryRow[]): Promise<void> {
  if (extname(path).toLowerCase() === '.csv') {
    const text = rows.map((r) => r.map(csvField).join(',')).join('\r\n');
    await writeFile(path, `\uFEFF${text}\r\n`, 'utf8');
    return;
  }
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('审核汇总', { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const r of rows) ws.addRow(r.map((v) => (v === null ? undefined : v)));
  ws.getRow(1).font = { bold: true };
  const widths = [28, 24, 8, 10, 10, 10, 10, 6, 6, 6, 60];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  await wb.xlsx.writeFile(path);
}

export function register(
  program: Command,
  ctx: () => CliContext,
  setExit: (c: ExitCode) => void,
): void {
  const cmd = program
    .command('audit')
    .description(
      '导入已公开的报告并评分、审核（一步完成），问题注明页码和行号 / import, score and audit published reports',
    )
    .argument('<files...>', 'report files (PDF/DOCX/XLSX/HTML/TXT)')
    .option('--json', '输出 JSON / JSON output')
    .option('--today <date>', '审核日期 YYYY-MM-DD（默认今天）/ audit date')
    .option(
      '--severity <level>',
      '最低显示级别 error | warning | info / lowest severity shown',
      'info',
    )
    .option('--ruleset <name>', '规则集 / rule set (default national)')
    .option(
      '--summary <file>',
      '每份文件一行的汇总表（.xlsx 或 .csv）/ one row per document, written as .xlsx or .csv',
    );
  // The same import limits as `jixiao import` and the server (issue #13).
  addImportLimitOptions(cmd).action(
    async (
      files: string[],
      opts: {
        json?: boolean;
        today?: string;
        ruleset?: string;
        severity?: string;
        summary?: string;
      } & LimitFlags,
    ) => {
      const c = ctx();
      const zh = c.lang === 'zh';
      const limits = importLimitsOf(opts);
      const min = (opts.severity ?? 'info') as Severity;
      if (!SEVERITIES.includes(min))
        throw new InputErrors([
          {
            code: 'usage',
            where: {},
            message: zh
              ? `--severity 应为 error、warning 或 info，实际为“${opts.severity}”`
              : `--severity must be error, warning or info, got "${opts.severity}"`,
          },
        ]);
      if (opts.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.today)) {
        throw new InputErrors([
          {
            code: 'usage',
            where: {},
            message: zh
              ? `--today 应为 YYYY-MM-DD，实际为 ${opts.today}`
              : `--today must be YYYY-MM-DD, got ${opts.today}`,
          },
        ]);
      }
      const summaryKind = opts.summary ? extname(opts.summary).toLowerCase() : undefined;
      if (summaryKind !== undefined && summaryKind !== '.xlsx' && summaryKind !== '.csv')
        throw new InputErrors([
          {
            code: 'usage',
            where: {},
            message: zh
              ? `--summary 的文件名应以 .xlsx 或 .csv 结尾，实际为“${opts.summary}”`
              : `--summary must name a .xlsx or .csv file, got "${opts.summary}"`,
          },
        ]);
      const today = opts.today ?? new Date().toISOString().slice(0, 10);
      // The bar goes to stderr, so it never mixes with the JSON or the table on stdout.
      const tty = files.length > 1 && Boolean(process.stderr.isTTY);
      let bar:
        | { start: (n: number, v: number) => void; increment: () => void; stop: () => void }
        | undefined;
      if (tty) {
        const { SingleBar, Presets } = (await import('cli-progress')).default;
        bar = new SingleBar(
          {
            format: `${zh ? '审核' : 'auditing'} [{bar}] {value}/{total}`,
            stream: process.stderr,
            clearOnComplete: true,
          },
          Presets.shades_classic,
        );
        bar.start(files.length, 0);
      }
      const done: AuditedFile[] = [];
      const failed: FailedFile[] = [];
      for (const file of files) {
        const r = await withImportLimits(limits, () =>
          auditFile(file, {
            cwd: c.cwd,
            lang: c.lang,
            today,
            ...(opts.ruleset !== undefined ? { ruleset: opts.ruleset } : {}),
          }),
        );
        if ('findings' in r) done.push(r);
        else failed.push(r);
        bar?.increment();
      }
      bar?.stop();

      if (opts.summary) {
        const out = resolve(c.cwd, opts.summary);
        await writeSummary(out, summaryRows(done, failed, c.lang));
        c.err(zh ? `已写入汇总表 ${opts.summary}` : `summary written to ${opts.summary}`);
      }
      for (const f of failed) for (const e of f.errors) c.err(e);
      if (failed.length) setExit(EXIT.badInput);
      if (done.some((d) => d.findings.some((f) => f.severity === 'error'))) setExit(EXIT.findings);

      if (opts.json) {
        // The shape of `jixiao check --json` (one object per file), plus what the import found.
        const out = [
          ...done.map((d) => ({
            file: d.file,
            unit: d.report.dossier?.unit.name,
            year: d.report.dossier?.year,
            ruleset: d.ruleset,
            computedTotal: d.total,
            grade: d.grade,
            statedTotal:
              d.report.dossier?.statements.find((s) => s.concept === 'score.total')?.value ?? null,
            counts: countFindings(d.findings),
            findings: atLeast(d.findings, min).map((f) => findingToJson(f, c.lang)),
            import: {
              found: d.report.found.length,
              statements: d.report.statements,
              missing: d.report.missing,
              uncertain: d.report.uncertain,
            },
          })),
          ...failed.map((f) => ({ file: f.file, inputErrors: f.inputErrors })),
        ];
        c.out(JSON.stringify(out, null, 2));
        return;
      }
      for (const d of done) {
        const dossier = d.report.dossier as Dossier;
        const n = countFindings(d.findings);
        c.out(
          zh
            ? `${d.file}：${dossier.unit.name} ${dossier.year}年度  计算得分 ${d.total}（${d.grade}）` +
                `  错误 ${n.error}  警告 ${n.warning}  提示 ${n.info}`
            : `${d.file}: ${dossier.unit.name} FY${dossier.year}` +
                `  computed ${d.total} (${d.grade})` +
                `  errors ${n.error}  warnings ${n.warning}  info ${n.info}`,
        );
        for (const f of d.findings) {
          if (!atLeast([f], min).length) continue;
          c.out(`  [${SEV[f.severity][c.lang]}] ${f.code} ${f.message[c.lang]}`);
          const locs = f.locations.filter((l) => l.line !== undefined || l.page !== undefined);
          if (locs.length)
            c.out(`      ${zh ? '出处' : 'at'}：${locs.map((l) => where(l, c.lang)).join('；')}`);
        }
        if (d.report.uncertain.length)
          c.out(
            zh
              ? `  导入时需人工确认 ${d.report.uncertain.length} 项（见 jixiao import）`
              : `  ${d.report.uncertain.length} imported values to confirm (see jixiao import)`,
          );
      }
      if (files.length > 1) {
        const rows = [
          ...done.map((d) => {
            const n = countFindings(d.findings);
            return [
              basename(d.file),
              d.report.dossier?.unit.name ?? '',
              String(d.report.dossier?.year ?? ''),
              d.report.dossier?.statements.find((s) => s.concept === 'score.total')?.value ?? '—',
              `${d.total} ${d.grade}`,
              String(n.error),
              String(n.warning),
              String(d.report.uncertain.length),
            ];
          }),
          ...failed.map((f) => [
            basename(f.file),
            zh ? '（无法导入）' : '(not imported)',
            '',
            '',
            '',
            '',
            '',
            '',
          ]),
        ];
        c.out('');
        for (const l of renderTable(
          zh
            ? ['文件', '单位', '年度', '填报得分', '计算得分', '错误', '警告', '待确认']
            : ['file', 'unit', 'year', 'stated', 'computed', 'errors', 'warnings', 'to confirm'],
          rows,
        ))
          c.out(l);
      }
    },
  );
}
