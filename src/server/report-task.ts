/**
 * The report worker's side of report-pool.ts: one message = one ReportModel and a format,
 * answered with the rendered bytes (docx, xlsx), or the HTML text (html; and pdf, whose HTML the
 * parent prints in Chromium). A throw is answered as `crash` with its message.
 */
import { parentPort } from 'node:worker_threads';
import type { ReportModel } from '../core/report/model.ts';
import { renderDocx } from '../render/docx.ts';
import { renderHtml } from '../render/html.ts';
import { renderXlsx } from '../render/xlsx.ts';

export type WorkerFormat = 'docx' | 'xlsx' | 'html' | 'pdf-html';

export interface ReportTask {
  readonly id: number;
  readonly format: WorkerFormat;
  readonly model: ReportModel;
}

export type ReportTaskResponse =
  | { readonly id: number; readonly kind: 'done'; readonly body: Uint8Array | string }
  | { readonly id: number; readonly kind: 'crash'; readonly message: string };

/** One render, in whichever thread calls it (the worker, or the caller when there is no pool). */
export async function renderInThread(
  format: WorkerFormat,
  model: ReportModel,
): Promise<Uint8Array | string> {
  switch (format) {
    case 'docx':
      return renderDocx(model);
    case 'xlsx':
      return renderXlsx(model);
    case 'html':
      return renderHtml(model);
    case 'pdf-html':
      return renderHtml(model, { pageNumbers: 'css' });
  }
}

const port = parentPort;
if (port) {
  port.on('message', (task: ReportTask) => {
    void renderInThread(task.format, task.model).then(
      (body) => {
        const transfer =
          typeof body === 'string' ? [] : [body.buffer as ArrayBuffer].filter((b) => b.byteLength);
        port.postMessage(
          { id: task.id, kind: 'done', body } satisfies ReportTaskResponse,
          // A Buffer may share a pooled ArrayBuffer: copy those, move the rest.
          typeof body !== 'string' && body.byteLength !== body.buffer.byteLength ? [] : transfer,
        );
      },
      (err: unknown) =>
        port.postMessage({
          id: task.id,
          kind: 'crash',
          message: err instanceof Error ? err.message : String(err),
        } satisfies ReportTaskResponse),
    );
  });
  port.postMessage({ ready: true });
}
