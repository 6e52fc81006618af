/**
 * `jixiao score FILE [--ruleset NAME|PATH] [--json]`: score a dossier under a rule set and show
 * every
 * indicator with its trace, the execution line, and the computed total beside the stated one.
 * Rule set: --ruleset > dossier.ruleset (a path there is relative to the dossier) > national.
 */
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { parseDossierText, readTextFile } from '../../io/load-dossier.ts';
import { InputErrors } from '../../core/errors/input-error.ts';
import { loadRuleset } from '../../io/load-ruleset.ts';
import { formatPercent } from '../../core/money.ts';
import { score } from '../../core/scoring/score.ts';
import { scoreResultToJson, totalDifference, type GridJson } from '../../core/scoring/json.ts';
import type { ScoreStatus } from '../../core/scoring/types.ts';
import type { CliContext, ExitCode } from '../context.ts';

const STATUS_ZH: Record<ScoreStatus, string> = {
  computed: '计算',
  'manual-needed': '需人工评分',
  'stated-used': '采用填报',
  override: '人工调整',
  'not-applicable': '不适用',
};

/** Terminal width of a string: East Asian wide and full-width characters take two columns. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd)
        ? 2
        : 1;
  }
  return w;
}

const pad = (text: string, width: number, right = false): string => {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
};

/** A plain-text table; the last column is left unpadded (it holds the long trace). */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  rightAligned: ReadonlySet<number> = new Set(),
): string[] {
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i] ?? 0, rightAligned.has(i))))
      .join('  ')
      .trimEnd();
  return [
    line(header),
    widths
      .map((w, i) =>
        '─'.repeat(i === widths.length - 1 ? Math.max(displayWidth(header[i] ?? ''), 8) : w),
      )
      .join('  '),
    ...rows.map(line),
  ];
}

function gridLines(g: GridJson): string[] {
  const out: string[] = [];
  const e = g.execution;
  out.push(
    `预算执行：分值 ${e.weight}  执行率 ${e.rateText}  得分 ${e.score ?? '需人工评分'}  ${e.trace}`,
  );
  const rows = g.indicators.map((i) => [
    `${i.level1}/${i.level2}`,
    i.name,
    i.target ?? '',
    i.actual ?? '',
    i.weight,
    i.computed ?? '—',
    i.stated ?? '—',
    i.status === 'computed' && i.stated !== null && i.computed !== i.stated
      ? `${STATUS_ZH[i.status]}≠填报`
      : STATUS_ZH[i.status],
    i.trace,
  ]);
  out.push(
    ...renderTable(
      [
        '一级/二级',
        '三级指标',
        '指标值',
        '实际完成值',
        '分值',
        '计算得分',
        '填报得分',
        '状态',
        '计算过程',
      ],
      rows,
      new Set([4, 5, 6]),
    ),
  );
  const level1Subtotal = (l: (typeof g.byLevel1)[number]): string =>
    `${l.level1} ${l.score}/${l.weight}` +
    (l.expectedWeight !== undefined && l.expectedWeight !== l.weight
      ? `（规则集要求分值 ${l.expectedWeight}）`
      : '');
  out.push(`一级小计：${g.byLevel1.map(level1Subtotal).join('；')}`);
  out.push(`分值合计 ${g.weightSum}（含预算执行 ${e.weight}）`);
  return out;
}

export function register(
  program: Command,
  ctx: () => CliContext,
  _setExit: (c: ExitCode) => void,
): void {
  program
    .command('score')
    .description(
      '按规则集评分：逐项列出计算过程，计算总分与填报总分对照 / score a dossier with traces',
    )
    .argument('<file>', 'dossier file (YAML/JSON)')
    .option(
      '--ruleset <name>',
      'rule set name (rulesets/<name>.yaml) or path; default: dossier.ruleset, else national',
    )
    .option('--json', 'print one JSON object')
    .action(async (file: string, opts: { ruleset?: string; json?: boolean }) => {
      const c = ctx();
      const path = resolve(c.cwd, file);
      // Messages name the file as the user wrote it.
      const loaded = parseDossierText(await readTextFile(path, c.lang), file, c.lang);
      if (!loaded.ok) throw new InputErrors(loaded.errors);
      const dossier = loaded.dossier;
      const ruleset =
        opts.ruleset !== undefined
          ? await loadRuleset(opts.ruleset, { cwd: c.cwd, lang: c.lang })
          : await loadRuleset(dossier.ruleset ?? 'national', {
              cwd: dirname(path),
              lang: c.lang,
              confined: true,
            });
      const result = score(dossier, ruleset);
      const json = scoreResultToJson(result, dossier);
      if (opts.json) {
        c.out(JSON.stringify(json, null, 2));
        return;
      }
      c.out(`${dossier.unit.name}　${dossier.year}年度　部门整体支出绩效自评评分`);
      c.out(`规则集：${ruleset.title}（${ruleset.name} ${ruleset.version}）`);
      c.out('');
      for (const l of gridLines(json)) c.out(l);
      for (const p of json.projects) {
        c.out('');
        c.out(`项目：${p.name}（${p.projectId}）`);
        for (const l of gridLines(p)) c.out(l);
        c.out(`项目计算总分 ${p.total}（${p.grade}）`);
      }
      c.out('');
      c.out(`总分计算：${result.trace}`);
      const stated = result.stated;
      const diff = totalDifference(result.total, stated.total);
      c.out(
        `计算总分 ${result.total}（${result.grade}）` +
          `　填报总分 ${stated.total ?? '未填报'}${stated.grade ? `（${stated.grade}）` : ''}` +
          (diff !== null ? `　差额 ${diff}` : ''),
      );
      const manual = json.indicators.filter((i) => i.status === 'manual-needed').length;
      const usedStated = json.indicators.filter((i) => i.status === 'stated-used').length;
      const hints = [
        manual ? `${manual} 项需人工评分（暂按 0 计）` : '',
        usedStated ? `${usedStated} 项无法按公式计算而采用填报得分` : '',
      ].filter(Boolean);
      if (hints.length) c.out(`提示：${hints.join('，')}。`);
      if (result.execution.score === null)
        c.out(`提示：预算执行率${formatPercent(result.execution.rate)}，预算执行得分需人工评定。`);
    });
}
