/**
 * Report downloads: the renderers (src/render/, written separately) are loaded lazily by module
 * path; until one exists its format answers 501 not-available.
 */
import type { DossierRecord } from '../storage/dossiers.ts';
import type { Computed } from './compute.ts';
import { optionalModule } from './engines.ts';
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

type RenderFn = (...args: unknown[]) => unknown;

/** Find the renderer for a format: render/<format>.ts exporting render<Format> or render. */
async function rendererFor(format: ReportFormat): Promise<RenderFn | undefined> {
  const cap = format[0]!.toUpperCase() + format.slice(1);
  for (const path of [`render/${format}.ts`, `render/${format}/index.ts`, 'render/index.ts']) {
    const mod = await optionalModule(path);
    if (!mod) continue;
    for (const name of [`render${cap}`, `render${format.toUpperCase()}`]) if (typeof mod[name] === 'function') return mod[name] as RenderFn;
    if (path !== 'render/index.ts' && typeof mod.render === 'function') return mod.render as RenderFn;
  }
  return undefined;
}

async function reportModelBuilder(): Promise<RenderFn | undefined> {
  for (const path of ['core/report/model.ts', 'core/report/index.ts', 'core/report-model.ts']) {
    const mod = await optionalModule(path);
    const f = mod && (mod.buildReportModel ?? mod.reportModel ?? mod.buildReport);
    if (typeof f === 'function') return f as RenderFn;
  }
  return undefined;
}

export async function renderReport(format: ReportFormat, record: DossierRecord, computed: Computed, unitName: string): Promise<RenderedFile> {
  const render = await rendererFor(format);
  const build = await reportModelBuilder();
  if (!render || !build) throw notAvailable(`${format.toUpperCase()} 报告`);
  if (!computed.score) throw new HttpError(501, 'not-available', computed.problems.join('；') || '评分不可用');
  const model = await build(record.dossier, { score: computed.score, findings: computed.findings ?? [] });
  const out = await render(model);
  const body = typeof out === 'string' || Buffer.isBuffer(out) ? out : out instanceof Uint8Array ? Buffer.from(out) : undefined;
  if (body === undefined) throw new Error(`renderer for ${format} returned an unexpected value`);
  const name = `${unitName || 'dossier'}-${record.year}-绩效自评报告.${format}`;
  return { body, contentType: CONTENT_TYPES[format], disposition: `attachment; filename="report.${format}"; filename*=UTF-8''${encodeURIComponent(name)}` };
}
