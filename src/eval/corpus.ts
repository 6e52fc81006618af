/**
 * `npm run eval:corpus`: the measurement of issue 15. Imports and audits every document of
 * ../shared/corpus (real published self-evaluations, read by hand into NN.json; see its README)
 * through the same path as `jixiao audit`, and prints:
 *   - documents read (a dossier came out, no refusal);
 *   - key figures right, per figure and per document, where the hand reading states a value;
 *   - indicator rows found (name matched fuzzily, weight and score equal);
 *   - recall of the listed inconsistencies by severity (a finding matches an inconsistency when it
 *     names the figures of the inconsistency's evidence);
 *   - error-level findings on the documents marked clean (must be 0).
 * It prints a report and exits 0 whatever the figures; it fails only on a crash. Nothing here is
 * keyed on a file name: every document is measured the same way from its json.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Finding } from '../core/audit/index.ts';
import type { Dossier } from '../core/dossier/schema.ts';
import { auditFile, type AuditedFile } from '../cli/commands/audit.ts';
import {
  dec2,
  figureValues,
  assignFindings,
  KEY_FIGURES,
  matchIndicators,
  type HandInconsistency,
  type HandReading,
  type FoundRow,
  type IndicatorMatch,
  type KeyFigure,
} from './corpus-match.ts';

interface DocResult {
  readonly name: string;
  readonly hand: HandReading;
  readonly audited?: AuditedFile;
  readonly refusal?: string;
  readonly figures: { fig: KeyFigure; want: string; got: string[]; right: boolean }[];
  readonly indicators: IndicatorMatch[];
  readonly incs: { inc: HandInconsistency; by?: Finding }[];
}

const TODAY = '2025-06-30';

async function measure(dir: string, name: string): Promise<DocResult> {
  const hand = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as HandReading;
  const r = await auditFile(`${name}.txt`, { cwd: dir, lang: 'zh', today: TODAY });
  const wanted = KEY_FIGURES.filter((k) => typeof hand[k] === 'number');
  if (!('findings' in r))
    return {
      name,
      hand,
      refusal: r.errors.join('；'),
      figures: wanted.map((fig) => ({
        fig,
        want: dec2(hand[fig] as number) ?? '',
        got: [],
        right: false,
      })),
      indicators: matchIndicators(hand.indicators, []),
      incs: hand.inconsistencies.map((inc) => ({ inc })),
    };
  const d = r.report.dossier as Dossier;
  const figures = wanted.map((fig) => {
    const want = dec2(hand[fig] as number) ?? '';
    const got = figureValues(d, fig);
    return { fig, want, got, right: got.includes(want) };
  });
  // The rows as read (a form without a 分值 column still has rows; execution rows of a project's
  // money block count too), then the dossier's indicators not among them.
  const read: FoundRow[] = [...r.report.rows];
  for (const i of [...d.indicators, ...d.expenditure.projects.flatMap((p) => p.indicators)])
    if (!read.some((x) => x.name === i.name)) read.push(i);
  // A hard or soft inconsistency must be raised (warning or error); a rounding-sized (minor) one
  // is found by an info note too. Each finding counts for one inconsistency at most.
  const by = assignFindings(
    hand.inconsistencies,
    r.findings,
    (f, inc) => inc.severity === 'minor' || f.severity !== 'info',
  );
  return {
    name,
    hand,
    audited: r,
    figures,
    indicators: matchIndicators(hand.indicators, read),
    incs: hand.inconsistencies.map((inc, i) => {
      const f = by[i];
      return f ? { inc, by: f } : { inc };
    }),
  };
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '—');
const frac = (a: number, b: number) => `${a}/${b}`;

/**
 * The corpus directory: $CORPUS_DIR when set, else the nearest `shared/corpus` beside an ancestor
 * of this file (../shared/corpus from the repository; a worktree may sit one level deeper).
 */
function corpusDir(): string {
  const env = process.env['CORPUS_DIR'];
  if (env) return env;
  const first = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');
  for (let d = import.meta.dirname; ; ) {
    const c = join(d, 'shared', 'corpus');
    if (existsSync(c)) return c;
    const up = dirname(d);
    if (up === d) return first;
    d = up;
  }
}

async function main(): Promise<void> {
  const dir = corpusDir();
  if (!existsSync(dir)) {
    console.log(`eval:corpus: ${dir} not found — corpus measurement skipped.`);
    return;
  }
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && existsSync(join(dir, f.replace(/\.json$/, '.txt'))))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
  const results: DocResult[] = [];
  for (const n of names) results.push(await measure(dir, n));

  console.log(`corpus: ${dir}`);
  console.log(
    [
      'document'.padEnd(40),
      'read'.padEnd(4),
      'figures'.padStart(7),
      'rows'.padStart(7),
      'incons.'.padStart(7),
      'E/W/I'.padStart(9),
    ].join(' '),
  );
  for (const r of results) {
    const f = r.audited?.findings ?? [];
    const n = (s: string) => f.filter((x) => x.severity === s).length;
    const figuresCell = frac(r.figures.filter((x) => x.right).length, r.figures.length);
    const rowsCell = frac(r.indicators.filter((x) => x.right).length, r.indicators.length);
    const incsCell = frac(r.incs.filter((x) => x.by).length, r.incs.length);
    const severitiesCell = `${n('error')}/${n('warning')}/${n('info')}`;
    console.log(
      [
        r.name.padEnd(40),
        (r.audited ? 'yes' : 'NO').padEnd(4),
        figuresCell.padStart(7),
        rowsCell.padStart(7),
        incsCell.padStart(7),
        severitiesCell.padStart(9),
      ].join(' ') + (r.hand.clean ? '  clean' : ''),
    );
  }

  console.log('\nwhat was wrong, per document:');
  for (const r of results) {
    const lines: string[] = [];
    if (r.refusal) lines.push(`refused: ${r.refusal}`);
    for (const x of r.figures)
      if (!x.right)
        lines.push(
          `figure ${x.fig}: want ${x.want}, ` +
            (x.got.length ? `found ${x.got.join(', ')}` : 'not found'),
        );
    for (const m of r.indicators)
      if (!m.right)
        lines.push(
          m.found
            ? `row ${m.hand.name}: want ${m.hand.weight}/${m.hand.score}, ` +
                `found “${m.found.name}” ${m.found.weight}/${m.found.score ?? '—'}`
            : `row ${m.hand.name}: not found`,
        );
    for (const x of r.incs)
      lines.push(
        x.by
          ? `${x.inc.severity} found by ${x.by.code} (${x.by.severity}): ${x.inc.what}`
          : `${x.inc.severity} MISSED: ${x.inc.what}`,
      );
    if (r.hand.clean)
      for (const f of r.audited?.findings ?? [])
        if (f.severity === 'error')
          lines.push(`ERROR on a clean document: ${f.code} ${f.message.zh}`);
    if (lines.length) {
      console.log(`  ${r.name}`);
      for (const l of lines) console.log(`    ${l}`);
    }
  }

  const read = results.filter((r) => r.audited).length;
  console.log('\nTOTALS');
  console.log(
    `  documents read           ${frac(read, results.length)}  ${pct(read, results.length)}`,
  );
  const figs = results.flatMap((r) => r.figures);
  const right = figs.filter((x) => x.right).length;
  console.log(`  key figures right        ${frac(right, figs.length)}  ${pct(right, figs.length)}`);
  for (const k of KEY_FIGURES) {
    const of = figs.filter((x) => x.fig === k);
    if (of.length)
      console.log(`    ${k.padEnd(22)} ${frac(of.filter((x) => x.right).length, of.length)}`);
  }
  const rows = results.flatMap((r) => r.indicators);
  const rowsRight = rows.filter((x) => x.right).length;
  const named = rows.filter((x) => x.found).length;
  console.log(
    `  indicator rows found     ${frac(rowsRight, rows.length)}  ${pct(rowsRight, rows.length)}` +
      `  (name matched: ${frac(named, rows.length)})`,
  );
  const incs = results.flatMap((r) => r.incs);
  for (const sev of ['hard', 'soft', 'minor'] as const) {
    const of = incs.filter((x) => x.inc.severity === sev);
    const hit = of.filter((x) => x.by).length;
    console.log(
      `  ${`${sev} inconsistencies`.padEnd(24)} ${frac(hit, of.length)}  ${pct(hit, of.length)}`,
    );
  }
  const clean = results.filter((r) => r.hand.clean);
  const cleanErrors = clean.reduce(
    (n, r) => n + (r.audited?.findings.filter((f) => f.severity === 'error').length ?? 0),
    0,
  );
  console.log(
    `  errors on clean docs     ${cleanErrors} (on ${clean.length} clean documents; must be 0)`,
  );
  console.log(
    '  (a figure is right when any concept it maps to states the value; an inconsistency is found' +
      ' when a finding names two of its figures, one finding per inconsistency: warning or error' +
      ' for hard and soft, any level for minor)',
  );
}

await main();
