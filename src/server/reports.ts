/**
 * Report downloads: dossier + score → ReportModel (src/core/report) → docx / xlsx / html / pdf
 * (src/render). The modules are loaded lazily by path: a missing or broken renderer answers 501
 * not-available instead of taking the server down. PDF prints the HTML rendition in one shared
 * Chromium, started on first use and closed with the app.
 */
import type { FastifyInstance } from 'fastify';
import { InputErrors } from '../core/errors/input-error.ts';
import type { Dossier } from '../core/dossier/schema.ts';
import type { ReportModel } from '../core/report/model.ts';
import type { DossierRecord } from '../storage/dossiers.ts';
import type { Computed } from './compute.ts';
import { loadRuleset, optionalModule } from './engines.ts';
import { HttpError, notAvailable } from './errors.ts';

export const REPORT_FORMATS = ['docx', 'xlsx', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const CONTENT_TYPES: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

export interface RenderedFile { readonly body: Buffer | string; readonly contentType: string; readonly disposition: string }

type Render = (model: ReportModel) => Promise<Buffer | string> | Buffer | string;

interface PdfRendererLike { render(model: ReportModel): Promise<Buffer>; close(): Promise<void> }
let pdf: Promise<PdfRendererLike> | undefined;

/** Close the shared Chromium (registered as an onClose hook of the app). */
export async function closePdf(): Promise<void> {
  const p = pdf;
  pdf = undefined;
  if (p) await p.then((r) => r.close(), () => undefined);
}

export function registerReportCleanup(app: FastifyInstance): void {
  app.addHook('onClose', async () => { await closePdf(); });
}

async function renderer(format: ReportFormat): Promise<Render | undefined> {
  const mod = await optionalModule(`render/${format}.ts`);
  if (!mod) return undefined;
  if (format === 'pdf') {
    const Pdf = mod.PdfRenderer as { launch(o: { lang: 'zh' }): Promise<PdfRendererLike> } | undefined;
    if (!Pdf) return undefined;
    return async (model) => {
      if (!pdf) {
        pdf = Pdf.launch({ lang: 'zh' });
        pdf.catch(() => { pdf = undefined; });
      }
      return (await pdf).render(model);
    };
  }
  const name = { docx: 'renderDocx', xlsx: 'renderXlsx', html: 'renderHtml' }[format];
  const f = mod[name];
  return typeof f === 'function' ? (f as Render) : undefined;
}

export async function renderReport(format: ReportFormat, record: Pick<DossierRecord, 'year' | 'dossier'>, computed: Computed, unitName: string): Promise<RenderedFile> {
  const render = await renderer(format);
  const build = (await optionalModule('core/report/build.ts'))?.buildReportModel as ((d: Dossier, o: object) => ReportModel) | undefined;
  if (!render || !build) throw notAvailable(`${format.toUpperCase()} 报告`);
  const dossier = record.dossier as Dossier;
  const ruleset = await loadRuleset(dossier.ruleset ?? 'national');
  const model = build(dossier, { score: computed.score, ...(ruleset ? { base: ruleset.execution.denominator, grades: ruleset.grades } : {}) });
  let body: Buffer | string;
  try {
    body = await render(model);
  } catch (err) {
    // Chromium missing or failing to start: a clear 501, not a 500.
    if (err instanceof InputErrors) throw new HttpError(501, 'not-available', err.errors.map((e) => e.message).join('；'));
    throw err;
  }
  const name = `${unitName || 'dossier'}-${record.year}-绩效自评报告.${format}`;
  return { body, contentType: CONTENT_TYPES[format], disposition: `attachment; filename="report.${format}"; filename*=UTF-8''${encodeURIComponent(name)}` };
}
