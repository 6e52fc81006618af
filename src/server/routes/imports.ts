/**
 * POST /api/imports: a multipart `file` (≤ 20 MB, 413 above) → a dossier draft with what was found.
 * YAML/JSON dossier files are parsed here; PDF/DOCX/XLSX/TXT go to the importer (src/importers/),
 * which tells the file type by its bytes. A file that cannot be a report (empty, encrypted,
 * scanned, corrupt, not a performance report) is a 422 `unsupported-file`.
 *
 * Report files are read in the import sandbox (src/importers/sandbox.ts: a worker thread with a
 * heap cap and a time limit, stopped when the client goes away): a file above a limit is the same
 * 422 with detail code `file.limit` and a message naming the limit; when every import slot is busy
 * the answer is 503 with Retry-After.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { parseDossierText } from '../../io/load-dossier.ts';
import { appendLog } from '../../storage/activity.ts';
import { signedIn, type AppDeps } from '../context.ts';
import {
  ImportBusyError,
  ImportCancelledError,
  ImportSandbox,
  type SandboxOptions,
} from '../../importers/sandbox.ts';
import { countedErrorsMessage, HttpError, rejectInputAs, RejectedInput } from '../errors.ts';

const KINDS: Record<string, 'yaml' | 'json' | 'pdf' | 'docx' | 'xlsx' | 'text'> = {
  yaml: 'yaml',
  yml: 'yaml',
  json: 'json',
  pdf: 'pdf',
  docx: 'docx',
  xlsx: 'xlsx',
  txt: 'text',
};

export function importRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  sandboxOptions: SandboxOptions = {},
): void {
  const sandbox = new ImportSandbox(sandboxOptions);
  app.addHook('onClose', async () => {
    await sandbox.close();
  });

  app.post('/api/imports', async (request, reply) => {
    const c = await signedIn(deps, request);
    if (!request.isMultipart())
      throw new HttpError(
        415,
        'unsupported-media-type',
        '请以 multipart/form-data 上传文件（字段名 file）',
      );
    const part = await request
      .file({ limits: { fileSize: deps.uploadLimit, files: 1 } })
      .catch(badMultipart);
    if (!part || part.fieldname !== 'file')
      throw new HttpError(400, 'bad-request', '缺少上传文件（字段名 file）', [
        { path: 'file', message: 'required' },
      ]);
    // toBuffer() throws the 413 error of @fastify/multipart when the file is above the limit.
    const buf = await part.toBuffer().catch(badMultipart);
    const ext = (part.filename.match(/\.([a-z0-9]+)$/i)?.[1] ?? '').toLowerCase();
    const kind = KINDS[ext];
    if (!kind)
      throw new HttpError(
        415,
        'unsupported-file',
        `不支持的文件类型「.${ext}」（支持 PDF、DOCX、XLSX、TXT、YAML、JSON）`,
      );
    await appendLog(deps.store.db, {
      actor: c.user.username,
      action: 'import',
      detail: { file: part.filename, bytes: buf.length, kind },
    });
    if (kind === 'yaml' || kind === 'json') {
      const loaded = parseDossierText(buf.toString('utf8'), part.filename, 'zh');
      if (!loaded.ok)
        throw new RejectedInput(
          'invalid-dossier',
          countedErrorsMessage('文件', loaded.errors),
          loaded.errors,
        );
      return { dossier: loaded.dossier, found: [], missing: [], uncertain: [], errors: [] };
    }
    if (sandbox.running >= sandbox.maxConcurrent) throw busy(reply, sandbox);
    // The client going away (connection closed before the answer) stops the worker.
    const gone = new AbortController();
    const onClose = () => {
      if (!reply.raw.writableFinished) gone.abort();
    };
    reply.raw.once('close', onClose);
    const r = await sandbox
      .run(buf, part.filename, 'zh', gone.signal)
      .catch((err: unknown) => {
        if (err instanceof ImportBusyError) throw busy(reply, sandbox);
        if (err instanceof ImportCancelledError)
          throw new HttpError(499, 'client-closed', '客户端已断开，导入已停止');
        return rejectInputAs('unsupported-file')(err);
      })
      .finally(() => reply.raw.off('close', onClose));
    // Without a valid dossier the draft is the data as found: the user completes and confirms it.
    return {
      dossier: r.dossier ?? r.data,
      found: r.found,
      missing: r.missing,
      uncertain: r.uncertain,
      errors: r.errors,
    };
  });
}

/**
 * 503 + Retry-After: every import slot is taken (the file is not queued: bombs must not pile up).
 */
function busy(reply: FastifyReply, sandbox: ImportSandbox): HttpError {
  const seconds = Math.max(1, Math.ceil(sandbox.limits.timeMs / 1000 / 4));
  reply.header('retry-after', String(seconds));
  return new HttpError(
    503,
    'busy',
    `正在处理的导入已达上限（${sandbox.maxConcurrent} 个），请 ${seconds} 秒后再试`,
  );
}

/**
 * A body busboy cannot parse (no boundary, cut short) is the client's error, 400 — not a 500.
 * Errors that carry their own 4xx (413 above the upload limit) pass through.
 */
function badMultipart(err: unknown): never {
  const status = (err as { statusCode?: number }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) throw err;
  throw new HttpError(400, 'bad-multipart', '上传内容格式错误（multipart 不完整或缺少 boundary）');
}
