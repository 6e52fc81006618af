/**
 * `jixiao check FILE… [--json] [--severity LEVEL] [--ruleset NAME] [--today YYYY-MM-DD]`: audit
 * dossiers against the rule catalogue (domain.md §5). Findings are grouped by severity, then by
 * family; each names the values compared and where they were stated. Exit 0 without error-level
 * findings, 1 with, 2 on bad input (a file that does not load, an unknown rule set, a bad flag).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Command } from 'commander';
import { atLeast, countFindings, scoreAndAudit } from '../../core/audit/audit.ts';
import { placeLabel } from '../../core/audit/support.ts';
import {
  FAMILIES,
  FAMILY_LABELS,
  SEVERITIES,
  SEVERITY_LABELS,
  type AuditLocation,
  type Finding,
  type Severity,
} from '../../core/audit/types.ts';
import { InputErrors, type InputError } from '../../core/errors/input-error.ts';
import { formatInputError, parseDossierText, unreadableFile } from '../../io/load-dossier.ts';
import { loadRuleset } from '../../io/load-ruleset.ts';
import type { RuleSet } from '../../core/scoring/ruleset.ts';
import { EXIT, type CliContext, type ExitCode } from '../context.ts';

const COLOURS: Record<Severity, string> = {
  error: '\u001b[31m',
  warning: '\u001b[33m',
  info: '\u001b[36m',
};
const RESET = '\u001b[0m';
const BOLD = '\u001b[1m';

/** "二（一） 第77行 “404.92”；expenditure.personnel.actual" */
export function describeLocation(l: AuditLocation, lang: 'zh' | 'en'): string {
  const parts: string[] = [];
  if (l.section || l.annex || l.table) parts.push(placeLabel(l, lang, true));
  if (l.page) parts.push(lang === 'zh' ? `第${l.page}页` : `p. ${l.page}`);
  if (l.line) parts.push(lang === 'zh' ? `第${l.line}行` : `line ${l.line}`);
  if (l.path) parts.push(l.path);
  return parts.join(' ');
}

export interface CheckOptions {
  readonly json?: boolean;
  readonly severity?: string;
  readonly ruleset?: string;
  readonly today?: string;
}

interface FileResult {
  readonly file: string;
  readonly unit?: string;
  readonly year?: number;
  readonly ruleset?: string;
  readonly total?: string;
  readonly findings?: readonly Finding[];
  readonly counts?: { error: number; warning: number; info: number };
  readonly inputErrors?: readonly InputError[];
}

function usage(message: string): InputErrors {
  return new InputErrors([{ code: 'usage', where: {}, message }]);
}

/** Rule sets already read in this run, by name or path and the folder it is resolved from. */
type RulesetCache = Map<string, Promise<RuleSet>>;

function cachedRuleset(
  cache: RulesetCache,
  nameOrPath: string,
  cwd: string,
  c: CliContext,
  confined: boolean,
) {
  const key = `${nameOrPath}\u0000${cwd}\u0000${confined}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = loadRuleset(nameOrPath, { cwd, lang: c.lang, confined });
    cache.set(key, hit);
  }
  return hit;
}

/** Audit one file; bad input comes back as inputErrors, never thrown. */
async function checkFile(
  c: CliContext,
  file: string,
  opts: CheckOptions,
  today: string,
  min: Severity,
  rulesets: RulesetCache,
): Promise<FileResult> {
  try {
    const path = resolve(c.cwd, file);
    let text: string;
    try {
      // Synchronous: a file is small, and one read costs a tenth of fs/promises' (issue #14).
      text = readFileSync(path, 'utf8');
    } catch (err) {
      throw unreadableFile(path, err, c.lang);
    }
    const loaded = parseDossierText(text, file, c.lang);
    if (!loaded.ok) return { file, inputErrors: loaded.errors };
    const dossier = loaded.dossier;
    const ruleset = opts.ruleset
      ? await cachedRuleset(rulesets, opts.ruleset, c.cwd, c, false)
      : await cachedRuleset(rulesets, dossier.ruleset ?? 'national', dirname(path), c, true);
    const { score: result, findings: all } = scoreAndAudit(dossier, { ruleset, today });
    return {
      file,
      unit: dossier.unit.name,
      year: dossier.year,
      ruleset: ruleset.name,
      total: result.total,
      findings: atLeast(all, min),
      counts: countFindings(all),
    };
  } catch (err) {
    if (err instanceof InputErrors)
      return { file, inputErrors: err.errors.map((e) => ({ ...e, where: { file, ...e.where } })) };
    throw err;
  }
}

function renderText(c: CliContext, r: FileResult): string[] {
  const zh = c.lang === 'zh';
  const paint = (sev: Severity, text: string) =>
    c.color ? `${COLOURS[sev]}${text}${RESET}` : text;
  const bold = (text: string) => (c.color ? `${BOLD}${text}${RESET}` : text);
  const out: string[] = [
    bold(
      zh
        ? `== ${r.file}（${r.unit}，${r.year}年度，规则集 ${r.ruleset}，计算总分 ${r.total}）==`
        : `== ${r.file} (${r.unit}, FY${r.year}, ` +
            `rule set ${r.ruleset}, computed total ${r.total}) ==`,
    ),
  ];
  const findings = r.findings ?? [];
  // Grouped in one pass, each group in finding order (issue 14: filtering the list once per
  // severity and family, and describing a shared location again for every finding naming it, were
  // a tenth of a check's CPU outside the core).
  const groups = new Map<Severity, { count: number; byFamily: Map<string, Finding[]> }>();
  for (const f of findings) {
    let g = groups.get(f.severity);
    if (!g) groups.set(f.severity, (g = { count: 0, byFamily: new Map() }));
    g.count++;
    const ofFam = g.byFamily.get(f.family);
    if (ofFam) ofFam.push(f);
    else g.byFamily.set(f.family, [f]);
  }
  const described = new Map<AuditLocation, string>();
  const describe = (l: AuditLocation): string => {
    let text = described.get(l);
    if (text === undefined) described.set(l, (text = describeLocation(l, c.lang)));
    return text;
  };
  for (const sev of SEVERITIES) {
    const g = groups.get(sev);
    if (!g) continue;
    out.push(
      '',
      paint(
        sev,
        bold(
          zh
            ? `${SEVERITY_LABELS[sev].zh}（${g.count}）`
            : `${SEVERITY_LABELS[sev].en}s (${g.count})`,
        ),
      ),
    );
    for (const fam of FAMILIES) {
      const ofFam = g.byFamily.get(fam);
      if (!ofFam) continue;
      out.push(`  ${zh ? FAMILY_LABELS[fam].zh : FAMILY_LABELS[fam].en}`);
      for (const f of ofFam) {
        out.push(`    ${paint(sev, `[${f.code}]`)} ${zh ? f.message.zh : f.message.en}`);
        const locs = f.locations.map(describe).filter(Boolean);
        if (locs.length)
          out.push(`      ${zh ? '位置：' : 'at: '}${[...new Set(locs)].join(zh ? '；' : '; ')}`);
      }
    }
  }
  if (!findings.length) out.push(zh ? '（无发现）' : '(no findings)');
  return out;
}

function summary(c: CliContext, r: FileResult): string {
  const zh = c.lang === 'zh';
  if (r.inputErrors)
    return zh
      ? `${r.file}：无法审核（${r.inputErrors.length} 个输入错误）`
      : `${r.file}: not audited (${r.inputErrors.length} input error(s))`;
  const n = r.counts ?? { error: 0, warning: 0, info: 0 };
  return zh
    ? `${r.file}：错误 ${n.error}，警告 ${n.warning}，提示 ${n.info}`
    : `${r.file}: ${n.error} error(s), ${n.warning} warning(s), ${n.info} info`;
}

/** JSON shape of one finding: what --json prints and tools read. */
export function findingToJson(f: Finding, lang: 'zh' | 'en') {
  return {
    code: f.code,
    severity: f.severity,
    family: f.family,
    title: lang === 'zh' ? f.title.zh : f.title.en,
    message: lang === 'zh' ? f.message.zh : f.message.en,
    messageEn: f.message.en,
    values: f.values,
    locations: f.locations,
    ...(f.indicatorId !== undefined ? { indicatorId: f.indicatorId } : {}),
    ...(f.scope !== undefined ? { scope: f.scope } : {}),
  };
}

/** What one file contributes to the output, made where the file was checked. */
interface Outcome {
  readonly errLines: readonly string[];
  readonly hasErrors: boolean;
  readonly text?: string;
  readonly summary: string;
  readonly json: unknown;
}

function outcome(c: CliContext, r: FileResult, opts: CheckOptions): Outcome {
  return {
    errLines: (r.inputErrors ?? []).map(formatInputError),
    hasErrors: (r.counts?.error ?? 0) > 0,
    ...(r.inputErrors || opts.json ? {} : { text: `${renderText(c, r).join('\n')}\n` }),
    summary: summary(c, r),
    json: opts.json
      ? {
          file: r.file,
          ...(r.inputErrors
            ? { inputErrors: r.inputErrors }
            : {
                unit: r.unit,
                year: r.year,
                ruleset: r.ruleset,
                computedTotal: r.total,
                counts: r.counts,
                findings: (r.findings ?? []).map((f) => findingToJson(f, c.lang)),
              }),
        }
      : undefined,
  };
}

/** What a check worker is given: the index of the next file to check, shared by all threads. */
interface WorkerShare {
  readonly jixiaoCheck: true;
  readonly next: SharedArrayBuffer;
}

/**
 * Below this many files a worker's start-up (loading the command again) costs more than it saves.
 */
const PARALLEL_MIN_FILES = 40;

// One core is left to V8 itself: its optimizing compiler and GC run on background threads and
// took ~1.2 s of a 500-file run (--single-threaded: 4.0 s wall against 2.7 s), and every worker
// compiles the same code again. On 2 cores a worker made the 500 files slower (2.98–6.75 s wall,
// 5.5–6.6 s CPU) than one thread (2.87–4.13 s, 3.7–4.1 s CPU), issue 14.

/**
 * Check every file; outcomes in the order of the arguments. Many files are shared with worker
 * threads (one per core beyond two, at most 3; JIXIAO_THREADS=N sets the number of threads) running
 * the same command line: each thread claims the next unchecked file from a shared counter, so a
 * worker still starting up takes fewer. A file a failed worker claimed is checked here after.
 */
async function checkAll(
  c: CliContext,
  files: readonly string[],
  one: (i: number) => Promise<Outcome>,
): Promise<Outcome[]> {
  const outcomes = new Array<Outcome | undefined>(files.length);
  const threads =
    c.entry && files.length >= PARALLEL_MIN_FILES
      ? Math.max(1, Math.min(4, Number(process.env.JIXIAO_THREADS) || availableParallelism() - 1))
      : 1;
  const share: WorkerShare = { jixiaoCheck: true, next: new SharedArrayBuffer(4) };
  const next = new Int32Array(share.next);
  const progress = await c.progress(files.length, c.lang === 'zh' ? '审核' : 'checking');
  try {
    const workers: Promise<void>[] = [];
    for (let t = 1; t < threads; t++)
      workers.push(
        new Promise<void>((done) => {
          const w = new Worker(c.entry as string, {
            argv: process.argv.slice(2),
            workerData: share,
            stdout: true,
            stderr: true,
          });
          w.on('message', (m: { i: number; outcome: Outcome }) => {
            outcomes[m.i] = m.outcome;
            progress.tick();
          });
          w.on('error', () => undefined);
          w.on('exit', () => done());
        }),
      );
    for (let i = Atomics.add(next, 0, 1), n = 0; i < files.length; i = Atomics.add(next, 0, 1)) {
      outcomes[i] = await one(i);
      progress.tick();
      // Now and then let the workers' messages in, so the progress bar moves with them.
      if (threads > 1 && ++n % 8 === 0) await new Promise((go) => setImmediate(go));
    }
    await Promise.all(workers);
    for (let i = 0; i < files.length; i++)
      if (outcomes[i] === undefined) {
        outcomes[i] = await one(i);
        progress.tick();
      }
  } finally {
    progress.stop();
  }
  return outcomes as Outcome[];
}

export function register(
  program: Command,
  ctx: () => CliContext,
  setExit: (c: ExitCode) => void,
): void {
  program
    .command('check')
    .description(
      '审核档案：按规则目录检查合计、比率、前后一致、评分、完整性与合理性 / audit dossiers against the rule catalogue',
    )
    .argument('<files...>', 'dossier files (YAML/JSON)')
    .option('--json', 'JSON output: an array with one object per file (file, findings, counts)')
    .option('--severity <level>', 'lowest severity shown: error | warning | info', 'info')
    .option(
      '--ruleset <name>',
      'rule set name (rulesets/<name>.yaml) or path; default: dossier.ruleset, else national',
    )
    .option('--today <date>', 'audit date YYYY-MM-DD (default: today)')
    .action(async (files: string[], opts: CheckOptions) => {
      const c = ctx();
      const zh = c.lang === 'zh';
      const min = (opts.severity ?? 'info') as Severity;
      if (!SEVERITIES.includes(min))
        throw usage(
          zh
            ? `--severity 应为 error、warning 或 info，实际为“${opts.severity}”`
            : `--severity must be error, warning or info, got "${opts.severity}"`,
        );
      if (opts.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.today))
        throw usage(
          zh
            ? `--today 应为 YYYY-MM-DD 日期，实际为“${opts.today}”`
            : `--today must be YYYY-MM-DD, got "${opts.today}"`,
        );
      const today = opts.today ?? new Date().toISOString().slice(0, 10);
      const rulesets: RulesetCache = new Map();
      const one = async (i: number) =>
        outcome(c, await checkFile(c, files[i] as string, opts, today, min, rulesets), opts);
      const share = workerData as WorkerShare | null;
      if (!isMainThread && share?.jixiaoCheck) {
        // A worker of the run below: claim the next file until none is left, send each outcome.
        const next = new Int32Array(share.next);
        for (let i = Atomics.add(next, 0, 1); i < files.length; i = Atomics.add(next, 0, 1))
          parentPort?.postMessage({ i, outcome: await one(i) });
        return;
      }
      const outcomes = await checkAll(c, files, one);

      for (const o of outcomes) {
        for (const line of o.errLines) c.err(line);
        if (o.errLines.length) setExit(EXIT.badInput);
        else if (o.hasErrors) setExit(EXIT.findings);
      }
      if (opts.json) {
        c.out(
          JSON.stringify(
            outcomes.map((o) => o.json),
            null,
            2,
          ),
        );
        return;
      }
      for (const o of outcomes) if (o.text !== undefined) c.out(o.text);
      for (const o of outcomes) c.out(o.summary);
    });
}
