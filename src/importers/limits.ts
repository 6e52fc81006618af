/**
 * Budgets of one import (issue #13): a 1 MB upload must not take the process down. The zip guard
 * (zip-guard.ts) checks DOCX/XLSX containers against these before anything inflates them, the PDF
 * reader checks the page count and its time budget, and the sandbox (sandbox.ts) runs the whole
 * import in a worker thread with the memory cap and the time limit. The CLI takes the same
 * defaults, overridable by flags (`jixiao import --max-pages 800 …`).
 *
 * The current limits travel with the call through AsyncLocalStorage, so the readers need no extra
 * parameter: `withImportLimits(limits, () => importBytes(…))`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { InputErrors, type Lang } from '../core/errors/input-error.ts';

export interface ImportLimits {
  /** Entries in a zip container (a .docx has ~20, an .xlsx ~10 plus one per sheet). */
  readonly maxZipEntries: number;
  /** Inflated size of one zip entry, bytes. */
  readonly maxEntryBytes: number;
  /** Inflated size of all zip entries together, bytes. */
  readonly maxTotalBytes: number;
  /** Inflated ÷ compressed size of one entry above 1 MiB (real XML is 5–20; bombs are 300+). */
  readonly maxRatio: number;
  /** Paragraphs in a Word document (a 100-page report has a few thousand). */
  readonly maxParagraphs: number;
  /** Rows over all sheets of a workbook (an annex table has hundreds). */
  readonly maxRows: number;
  /** Cells over all sheets of a workbook. */
  readonly maxCells: number;
  /** Pages of a PDF (a published self-evaluation report has 10–80). */
  readonly maxPages: number;
  /** Wall time of one import, ms (PDF reading stops at it; the sandbox ends the worker at it). */
  readonly timeMs: number;
  /** Heap of the import worker, MiB (the sandbox's resourceLimits). */
  readonly memoryMb: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxZipEntries: 2000,
  maxEntryBytes: 32 * 1024 * 1024,
  maxTotalBytes: 96 * 1024 * 1024,
  maxRatio: 100,
  maxParagraphs: 50_000,
  maxRows: 50_000,
  maxCells: 500_000,
  maxPages: 500,
  timeMs: 60_000,
  memoryMb: 384,
};

/** Entries smaller than this are not held to the ratio (tiny XML parts compress very well). */
export const RATIO_FLOOR_BYTES = 1024 * 1024;

interface Current {
  readonly limits: ImportLimits;
  /** Date.now() at the start of the import, ms. */
  readonly started: number;
}

const current = new AsyncLocalStorage<Current>();

/** Run `fn` with `limits` as the current import limits (and its clock started now). */
export function withImportLimits<T>(limits: ImportLimits, fn: () => T): T {
  return current.run({ limits, started: Date.now() }, fn);
}

/** The limits of the import running now (defaults outside withImportLimits). */
export function currentImportLimits(): ImportLimits {
  return current.getStore()?.limits ?? DEFAULT_IMPORT_LIMITS;
}

/** ms since the current import started (0 outside withImportLimits). */
export function importElapsedMs(): number {
  const c = current.getStore();
  return c ? Date.now() - c.started : 0;
}

/** Human sizes for messages: "32 MB", "1.5 GB" (MiB/GiB, written as people write them). */
export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${trim(n / 1024 ** 3)} GB`;
  if (n >= 1024 ** 2) return `${trim(n / 1024 ** 2)} MB`;
  if (n >= 1024) return `${trim(n / 1024)} KB`;
  return `${n} 字节`;
}

const trim = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/** An import refused by a limit: code file.limit, the message names the limit and its value. */
export function limitError(file: string, zh: string, en: string, lang: Lang = 'zh'): InputErrors {
  return new InputErrors([
    {
      code: 'file.limit',
      where: { file },
      message: lang === 'zh' ? `${file}：${zh}` : `${file}: ${en}`,
    },
  ]);
}

/** The time-budget error (the PDF reader between pages, the sandbox when it ends a worker). */
export function timeLimitError(file: string, limits: ImportLimits, lang: Lang = 'zh'): InputErrors {
  const s = limits.timeMs >= 1000 ? Math.round(limits.timeMs / 1000) : limits.timeMs / 1000;
  return limitError(
    file,
    `导入超过时间限制（${s} 秒），已停止；请拆分文件或删去与自评报告无关的页`,
    `the import exceeded its time limit (${s} s) and was stopped`,
    lang,
  );
}

/**
 * Refuse a PDF above the page limit (called by the PDF reader as soon as the page count is known).
 */
export function assertPdfPages(pages: number, file: string, lang: Lang = 'zh'): void {
  const { maxPages } = currentImportLimits();
  if (pages > maxPages)
    throw limitError(
      file,
      `PDF 有 ${pages} 页，超过页数上限 ${maxPages} 页`,
      `the PDF has ${pages} pages, above the limit of ${maxPages}`,
      lang,
    );
}

/** Stop a PDF read that has used up the time budget (called between pages). */
export function assertWithinTime(file: string, lang: Lang = 'zh'): void {
  const limits = currentImportLimits();
  if (importElapsedMs() > limits.timeMs) throw timeLimitError(file, limits, lang);
}
