/**
 * Imports off the event loop (issue #13): each import runs in a worker thread with a heap cap
 * (resourceLimits), a time limit and cancellation (the worker is terminated, which stops even a
 * synchronous loop inside mammoth or pdfjs), and at most `maxConcurrent` at once: one more is
 * refused at once with ImportBusyError (the server answers 503 + Retry-After) rather than queued,
 * so a burst of bombs cannot pile up memory. Workers are reused while they behave; one that hit a
 * limit is thrown away and a fresh one starts on the next import.
 *
 * Buffers outside the V8 heap are not covered by resourceLimits, which is why the zip guard and the
 * PDF page limit run first inside the worker, before anything inflates.
 */
import { InputErrors, type Lang } from '../core/errors/input-error.ts';
import { WorkerSlots, workerEntry } from '../io/worker-slots.ts';
import type { ImportReport } from './extract/index.ts';
import { DEFAULT_IMPORT_LIMITS, limitError, timeLimitError, type ImportLimits } from './limits.ts';
import type { TaskRequest, TaskResponse } from './sandbox-task.ts';

/** All import slots are taken: try again later. */
export class ImportBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('import slots busy');
    this.name = 'ImportBusyError';
  }
}

/** The caller went away (the request was aborted); the worker was stopped. */
export class ImportCancelledError extends Error {
  constructor() {
    super('import cancelled');
    this.name = 'ImportCancelledError';
  }
}

export interface SandboxOptions {
  readonly limits?: ImportLimits;
  /** Imports running at once (default 2: two workers of `memoryMb` stay under 1 GB RSS). */
  readonly maxConcurrent?: number;
  /** Start one worker now, so the first import does not wait for it to load (~1–2 s). */
  readonly warm?: boolean;
}

/**
 * Extra time past the budget before the worker is ended from outside, ms (the reader's own check
 * stops first).
 */
const GRACE_MS = 1000;

const WORKER_URL = workerEntry(new URL('./sandbox-worker.mjs', import.meta.url), 'sandbox-task.js');

export class ImportSandbox {
  readonly limits: ImportLimits;
  readonly maxConcurrent: number;
  private readonly workers: WorkerSlots;
  private active = 0;

  constructor(options: SandboxOptions = {}) {
    this.limits = options.limits ?? DEFAULT_IMPORT_LIMITS;
    this.maxConcurrent = options.maxConcurrent ?? 2;
    this.workers = new WorkerSlots(WORKER_URL, this.limits.memoryMb, options.warm);
  }

  /** Imports running now. */
  get running(): number {
    return this.active;
  }

  /**
   * Import `bytes` in a worker (the bytes are moved to it: do not use them afterwards). Resolves
   * with the report; rejects with InputErrors (unusable file or a limit, code file.limit),
   * ImportBusyError, ImportCancelledError, or an Error for a bug.
   */
  async run(
    bytes: Uint8Array,
    file: string,
    lang: Lang = 'zh',
    signal?: AbortSignal,
  ): Promise<ImportReport> {
    if (this.workers.closed) throw new Error('import sandbox closed');
    if (this.active >= this.maxConcurrent)
      throw new ImportBusyError(Math.max(1, Math.ceil(this.limits.timeMs / 1000 / 4)));
    if (signal?.aborted) throw new ImportCancelledError();
    this.active++;
    try {
      return await this.importOnWorker(bytes, file, lang, signal);
    } finally {
      this.active--;
    }
  }

  private importOnWorker(
    bytes: Uint8Array,
    file: string,
    lang: Lang,
    signal: AbortSignal | undefined,
  ): Promise<ImportReport> {
    const limits = this.limits;
    return new Promise<ImportReport>((resolve, reject) => {
      void this.workers.run<TaskResponse>({
        // Hand the bytes over without a copy when they own their whole buffer (an upload's
        // Buffer.concat does); the caller's view is detached then.
        message: (id) => {
          const owns =
            bytes.byteOffset === 0 &&
            bytes.byteLength === bytes.buffer.byteLength &&
            bytes.buffer instanceof ArrayBuffer;
          const data = owns ? bytes : new Uint8Array(bytes);
          const body: TaskRequest = { id, bytes: data, file, lang, limits };
          return { body, transfer: [data.buffer as ArrayBuffer] };
        },
        onAnswer: (m) => {
          if (m.kind === 'report')
            return { keep: true, settle: () => resolve(m.report as ImportReport) };
          if (m.kind === 'input-errors') {
            const errors = m.errors as InputErrors['errors'];
            return { keep: true, settle: () => reject(new InputErrors(errors)) };
          }
          return { keep: false, settle: () => reject(new Error(`import worker: ${m.message}`)) };
        },
        onError: (err, outOfMemory) =>
          reject(
            outOfMemory
              ? limitError(
                  file,
                  `导入超出内存限制（${limits.memoryMb} MB），已停止；文件内容过多或结构异常`,
                  `the import exceeded its memory limit (${limits.memoryMb} MB) and was stopped`,
                  lang,
                )
              : err,
          ),
        onExit: (code) => reject(new Error(`import worker exited (${code})`)),
        timeMs: limits.timeMs + GRACE_MS,
        onTimeout: () => reject(timeLimitError(file, limits, lang)),
        signal,
        onAbort: () => reject(new ImportCancelledError()),
      });
    });
  }

  /** Stop every worker (the server's onClose hook; the CLI's end). */
  close(): Promise<void> {
    return this.workers.close();
  }
}
