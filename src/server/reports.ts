/**
 * Report downloads: dossier + score → ReportModel (src/core/report) → docx / xlsx / html / pdf
 * (src/render). PDF prints the HTML rendition in one shared Chromium, started on first use and
 * closed with the app; when Chromium is not installed (or fails to start) the answer is 501
 * not-available with the install hint.
 *
 * Under load (issue #13) the server goes through ReportService: the files are rendered in a
 * bounded worker pool (report-pool.ts; PDF's HTML there too, its print in Chromium's page pool),
 * cached per dossier version and format (the same version gives the same bytes; concurrent
 * requests for one file share one render), and an anonymous address may have only a few renders
 * running at once (429 beyond; cached files are always served).
 */
import type { FastifyInstance } from 'fastify';
import { InputErrors } from '../core/errors/input-error.ts';
import { buildReportModel } from '../core/report/build.ts';
import type { ReportModel } from '../core/report/model.ts';
import { reportReadiness, type Readiness } from '../core/report/readiness.ts';
import { renderDocx } from '../render/docx.ts';
import { renderHtml } from '../render/html.ts';
import { PdfRenderer } from '../render/pdf.ts';
import { renderXlsx } from '../render/xlsx.ts';
import type { DossierRecord } from '../storage/dossiers.ts';
import type { Computed } from './compute.ts';
import { HttpError, RetryLater } from './errors.ts';
import { ConcurrencyLimit } from './rate-limits.ts';
import {
  ReportPool,
  ReportsBusyError,
  ReportTooLargeError,
  type ReportPoolOptions,
} from './report-pool.ts';

export const REPORT_FORMATS = ['docx', 'xlsx', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const CONTENT_TYPES: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

export interface RenderedFile {
  readonly body: Buffer | string;
  readonly contentType: string;
  readonly disposition: string;
  /** Not ready to submit (reportReadinessOf): every page carries 草稿 and a 草稿 watermark. */
  readonly draft: boolean;
}

/**
 * Is the stored dossier ready to be submitted as a report (issue #11 item 4)? Error-level findings
 * of its audit and required figures missing say no; an unknown rule set (nothing scored) says no.
 */
export function reportReadinessOf(computed: Computed): Readiness {
  const rs = computed.ruleset;
  return reportReadiness(
    computed.dossier,
    computed.score,
    computed.findings ?? [],
    rs ? rs.execution.denominator : 'adjustedBudget',
  );
}

let pdf: Promise<PdfRenderer> | undefined;

/** Close the shared Chromium (registered as an onClose hook of the app). */
export async function closePdf(): Promise<void> {
  const p = pdf;
  pdf = undefined;
  if (p)
    await p.then(
      (r) => r.close(),
      () => undefined,
    );
}

export function registerReportCleanup(app: FastifyInstance): void {
  app.addHook('onClose', async () => {
    await closePdf();
  });
}

function pdfRenderer(): Promise<PdfRenderer> {
  if (!pdf) {
    pdf = PdfRenderer.launch({ lang: 'zh' });
    // A failed start is retried on the next request (Chromium may be installed meanwhile).
    pdf.catch(() => {
      pdf = undefined;
    });
  }
  return pdf;
}

async function renderPdf(model: ReportModel): Promise<Buffer> {
  return (await pdfRenderer()).render(model);
}

async function printPdf(html: string): Promise<Buffer> {
  return (await pdfRenderer()).print(html);
}

const RENDERERS: Record<ReportFormat, (model: ReportModel) => Promise<Buffer | string> | string> = {
  docx: renderDocx,
  xlsx: renderXlsx,
  html: (model) => renderHtml(model),
  pdf: renderPdf,
};

function modelOf(computed: Computed): { model: ReportModel; draft: boolean } {
  const rs = computed.ruleset;
  // An unknown rule set still gets a report (no score stated), as a draft.
  // A download of an unready dossier is a draft: 草稿 in the page header and as a watermark.
  const draft = !reportReadinessOf(computed).ready;
  const model = buildReportModel(computed.dossier, {
    score: computed.score,
    ...(rs ? { base: rs.execution.denominator, grades: rs.grades, rulesetTitle: rs.title } : {}),
    draft,
  });
  return { model, draft };
}

function fileOf(
  format: ReportFormat,
  year: number,
  unitName: string,
  draft: boolean,
  body: Buffer | string,
): RenderedFile {
  const name = `${unitName || 'dossier'}-${year}-绩效自评报告${draft ? '（草稿）' : ''}.${format}`;
  return {
    body,
    contentType: CONTENT_TYPES[format],
    // RFC 6266: an ASCII fallback name, then the Chinese name percent-encoded (filename*).
    disposition:
      `attachment; filename="report.${format}"; ` + `filename*=UTF-8''${encodeURIComponent(name)}`,
    draft,
  };
}

/** Chromium missing or failing to start: a clear 501, not a 500. */
function notAvailable(err: unknown): never {
  if (err instanceof InputErrors)
    throw new HttpError(501, 'not-available', err.errors.map((e) => e.message).join('；'));
  throw err;
}

/** Render one report in this thread (no pool, no cache): tests and one-off callers. */
export async function renderReport(
  format: ReportFormat,
  record: Pick<DossierRecord, 'year'>,
  computed: Computed,
  unitName: string,
): Promise<RenderedFile> {
  const { model, draft } = modelOf(computed);
  const body = await Promise.resolve()
    .then(() => RENDERERS[format](model))
    .catch(notAvailable);
  return fileOf(format, record.year, unitName, draft, body);
}

export interface ReportServiceOptions {
  /** The render worker pool (size, queue, heap and time caps). */
  readonly pool?: ReportPoolOptions;
  /** Rendered files kept, bytes in all (default 64 MiB); the least recently used go first. */
  readonly cacheBytes?: number;
  /** Renders one anonymous address may have running at once (default 2). */
  readonly anonymousPerAddress?: number;
}

/** Which stored version is asked for, and the names its file carries. */
export interface ReportTarget {
  readonly id: number;
  readonly version: number;
  readonly year: number;
  readonly unitName: string;
}

/** hit: served from the cache; shared: joined a render already running; rendered: rendered. */
export type CacheOutcome = 'hit' | 'shared' | 'rendered';

interface Entry {
  /** The computed result it was made from (a new day's audit may change readiness). */
  readonly computed: Computed;
  readonly file: Promise<RenderedFile>;
  bytes: number;
}

export class ReportService {
  readonly pool: ReportPool;
  private readonly cache = new Map<string, Entry>();
  private cachedBytes = 0;
  private readonly maxBytes: number;
  private readonly anonymous: ConcurrencyLimit;
  /** Renders started (cache misses), for tests and logs. */
  renders = 0;

  constructor(options: ReportServiceOptions = {}) {
    this.pool = new ReportPool(options.pool);
    this.maxBytes = options.cacheBytes ?? 64 * 1024 * 1024;
    this.anonymous = new ConcurrencyLimit(options.anonymousPerAddress ?? 2);
  }

  /**
   * The file of `target` in `format`. `anonymousAddress` (an unsigned caller's IP) is limited to
   * a few renders at once (RetryLater 429); a full pool is RetryLater 503. Both messages Chinese.
   */
  async get(
    format: ReportFormat,
    target: ReportTarget,
    computed: Computed,
    anonymousAddress?: string,
  ): Promise<{ file: RenderedFile; cache: CacheOutcome }> {
    const key = `${target.id}:${target.version}:${format}:${target.year}:${target.unitName}`;
    const hit = this.cache.get(key);
    if (hit && hit.computed === computed) {
      // Most recently used last.
      this.cache.delete(key);
      this.cache.set(key, hit);
      const cache = hit.bytes > 0 ? 'hit' : 'shared';
      return { file: await hit.file, cache };
    }
    if (hit) this.drop(key);
    const release =
      anonymousAddress !== undefined ? this.anonymous.acquire(anonymousAddress) : null;
    if (release === undefined)
      throw new RetryLater(
        429,
        'rate-limited',
        `同一地址同时生成的报告最多 ${this.anonymous.max} 份，请稍后再试（已生成的报告可直接下载）`,
        5,
      );
    const file = this.render(format, target, computed).finally(() => release?.());
    const entry: Entry = { computed, file, bytes: 0 };
    this.cache.set(key, entry);
    this.renders++;
    file.then(
      (f) => {
        if (this.cache.get(key) !== entry) return;
        entry.bytes = Math.max(1, Buffer.byteLength(f.body));
        this.cachedBytes += entry.bytes;
        this.evict();
      },
      () => {
        if (this.cache.get(key) === entry) this.cache.delete(key);
      },
    );
    return { file: await file, cache: 'rendered' };
  }

  private async render(
    format: ReportFormat,
    target: ReportTarget,
    computed: Computed,
  ): Promise<RenderedFile> {
    const { model, draft } = modelOf(computed);
    let body: Buffer | string;
    try {
      const out = await this.pool.render(format === 'pdf' ? 'pdf-html' : format, model);
      body =
        format === 'pdf'
          ? await printPdf(String(out)).catch(notAvailable)
          : typeof out === 'string'
            ? out
            : Buffer.from(out.buffer, out.byteOffset, out.byteLength);
    } catch (err) {
      if (err instanceof ReportsBusyError)
        throw new RetryLater(
          503,
          'busy',
          `正在生成的报告已达上限（${this.pool.size + this.pool.maxQueued} 份），请 ` +
            `${err.retryAfterSeconds} 秒后再试`,
          err.retryAfterSeconds,
        );
      if (err instanceof ReportTooLargeError)
        throw new HttpError(
          422,
          'report-too-large',
          err.reason === 'memory'
            ? `报告内容过多，生成时超出内存限制（${this.pool.memoryMb} MB），已停止`
            : `报告生成超过时间限制（${Math.round(this.pool.timeMs / 1000)} 秒），已停止`,
        );
      throw err;
    }
    return fileOf(format, target.year, target.unitName, draft, body);
  }

  private drop(key: string): void {
    const e = this.cache.get(key);
    if (!e) return;
    this.cache.delete(key);
    this.cachedBytes -= e.bytes;
  }

  private evict(): void {
    for (const [key, e] of this.cache) {
      if (this.cachedBytes <= this.maxBytes) break;
      if (e.bytes > 0) this.drop(key);
    }
  }

  /** Bytes of rendered files held now. */
  get heldBytes(): number {
    return this.cachedBytes;
  }

  async close(): Promise<void> {
    await this.pool.close();
    this.cache.clear();
    this.cachedBytes = 0;
  }
}
