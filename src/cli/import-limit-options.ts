/**
 * The import limits of `jixiao import` and `jixiao audit` (issue #13): the server's defaults
 * (src/importers/limits.ts), each overridable by a flag.
 */
import type { Command } from 'commander';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../importers/limits.ts';

export interface LimitFlags {
  readonly maxPages?: string;
  readonly maxInflatedMb?: string;
  readonly timeLimit?: string;
}

export function addImportLimitOptions(cmd: Command): Command {
  const d = DEFAULT_IMPORT_LIMITS;
  return cmd
    .option('--max-pages <n>', `PDF 页数上限 / PDF page limit (default ${d.maxPages})`)
    .option(
      '--max-inflated-mb <n>',
      `DOCX/XLSX 解压后总大小上限（MB）/ inflated size limit, MB (default ${d.maxTotalBytes / 2 ** 20})`,
    )
    .option(
      '--time-limit <s>',
      `每个文件的时间上限（秒）/ seconds per file (default ${d.timeMs / 1000})`,
    );
}

const positive = (v: string | undefined, fallback: number) => {
  const n = v === undefined ? NaN : Number(v);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

export function importLimitsOf(flags: LimitFlags): ImportLimits {
  const d = DEFAULT_IMPORT_LIMITS;
  const total = positive(flags.maxInflatedMb, d.maxTotalBytes / 2 ** 20) * 2 ** 20;
  return {
    ...d,
    maxPages: Math.floor(positive(flags.maxPages, d.maxPages)),
    maxTotalBytes: total,
    maxEntryBytes: Math.min(d.maxEntryBytes, total),
    timeMs: positive(flags.timeLimit, d.timeMs / 1000) * 1000,
  };
}
