/**
 * Report downloads: dossier + score → ReportModel (src/core/report) → docx / xlsx / html / pdf
 * (src/render). PDF prints the HTML rendition in one shared Chromium, started on first use and
 * closed with the app; when Chromium is not installed (or fails to start) the answer is 501
 * not-available with the install hint.
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
import { HttpError } from './errors.ts';

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

async function renderPdf(model: ReportModel): Promise<Buffer> {
  if (!pdf) {
    pdf = PdfRenderer.launch({ lang: 'zh' });
    // A failed start is retried on the next request (Chromium may be installed meanwhile).
    pdf.catch(() => {
      pdf = undefined;
    });
  }
  return (await pdf).render(model);
}

const RENDERERS: Record<ReportFormat, (model: ReportModel) => Promise<Buffer | string> | string> = {
  docx: renderDocx,
  xlsx: renderXlsx,
  html: (model) => renderHtml(model),
  pdf: renderPdf,
};

export async function renderReport(
  format: ReportFormat,
  record: Pick<DossierRecord, 'year'>,
  computed: Computed,
  unitName: string,
): Promise<RenderedFile> {
  const dossier = computed.dossier;
  const rs = computed.ruleset;
  // An unknown rule set still gets a report (no score stated), as a draft.
  // A download of an unready dossier is a draft: 草稿 in the page header and as a watermark.
  const draft = !reportReadinessOf(computed).ready;
  const model = buildReportModel(dossier, {
    score: computed.score,
    ...(rs ? { base: rs.execution.denominator, grades: rs.grades, rulesetTitle: rs.title } : {}),
    draft,
  });
  let body: Buffer | string;
  try {
    body = await RENDERERS[format](model);
  } catch (err) {
    // Chromium missing or failing to start: a clear 501, not a 500.
    if (err instanceof InputErrors)
      throw new HttpError(501, 'not-available', err.errors.map((e) => e.message).join('；'));
    throw err;
  }
  const name = `${unitName || 'dossier'}-${record.year}-绩效自评报告${draft ? '（草稿）' : ''}.${format}`;
  return {
    body,
    contentType: CONTENT_TYPES[format],
    // RFC 6266: an ASCII fallback name, then the Chinese name percent-encoded (filename*).
    disposition:
      `attachment; filename="report.${format}"; ` + `filename*=UTF-8''${encodeURIComponent(name)}`,
    draft,
  };
}
