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
import { Worker } from 'node:worker_threads';
import { InputErrors, type Lang } from '../core/errors/input-error.ts';
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

const WORKER_URL = new URL('./sandbox-worker.mjs', import.meta.url);

interface Slot {
  readonly worker: Worker;
  readonly ready: Promise<void>;
}

export class ImportSandbox {
  readonly limits: ImportLimits;
  readonly maxConcurrent: number;
  private readonly idle: Slot[] = [];
  private readonly all = new Set<Slot>();
  private active = 0;
  private nextId = 1;
  private closed = false;

  constructor(options: SandboxOptions = {}) {
    this.limits = options.limits ?? DEFAULT_IMPORT_LIMITS;
    this.maxConcurrent = options.maxConcurrent ?? 2;
    if (options.warm) {
      const slot = this.spawn();
      slot.worker.unref();
      slot.ready.then(
        () => {
          if (!this.closed && this.all.has(slot)) this.idle.push(slot);
        },
        () => this.discard(slot),
      );
    }
  }

  /** Imports running now. */
  get running(): number {
    return this.active;
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_URL, {
      execArgv: [],
      resourceLimits: {
        maxOldGenerationSizeMb: this.limits.memoryMb,
        maxYoungGenerationSizeMb: Math.max(8, Math.min(64, Math.floor(this.limits.memoryMb / 8))),
      },
    });
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: unknown) => {
        if ((m as { ready?: boolean }).ready) {
          worker.off('message', onMessage);
          worker.off('error', reject);
          resolve();
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    const slot = { worker, ready };
    this.all.add(slot);
    worker.once('exit', () => {
      this.all.delete(slot);
      const i = this.idle.indexOf(slot);
      if (i >= 0) this.idle.splice(i, 1);
    });
    return slot;
  }

  private discard(slot: Slot): void {
    this.all.delete(slot);
    void slot.worker.terminate();
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
    if (this.closed) throw new Error('import sandbox closed');
    if (this.active >= this.maxConcurrent)
      throw new ImportBusyError(Math.max(1, Math.ceil(this.limits.timeMs / 1000 / 4)));
    if (signal?.aborted) throw new ImportCancelledError();
    this.active++;
    const slot = this.idle.pop() ?? this.spawn();
    slot.worker.ref();
    try {
      return await this.runOn(slot, bytes, file, lang, signal);
    } finally {
      this.active--;
    }
  }

  private async runOn(
    slot: Slot,
    bytes: Uint8Array,
    file: string,
    lang: Lang,
    signal: AbortSignal | undefined,
  ): Promise<ImportReport> {
    const { worker } = slot;
    const limits = this.limits;
    const id = this.nextId++;
    return new Promise<ImportReport>((resolve, reject) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const finish = (keep: boolean, action: () => void) => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        signal?.removeEventListener('abort', onAbort);
        if (keep && !this.closed) {
          worker.unref();
          this.idle.push(slot);
        } else this.discard(slot);
        action();
      };
      const onMessage = (m: TaskResponse | { ready: true }) => {
        if (!('id' in m) || m.id !== id) return;
        if (m.kind === 'report') finish(true, () => resolve(m.report as ImportReport));
        else if (m.kind === 'input-errors')
          finish(true, () => reject(new InputErrors(m.errors as InputErrors['errors'])));
        else finish(false, () => reject(new Error(`import worker: ${m.message}`)));
      };
      const onError = (err: Error) => {
        const oom =
          (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ||
          /out of memory/i.test(err.message);
        finish(false, () =>
          reject(
            oom
              ? limitError(
                  file,
                  `导入超出内存限制（${limits.memoryMb} MB），已停止；文件内容过多或结构异常`,
                  `the import exceeded its memory limit (${limits.memoryMb} MB) and was stopped`,
                  lang,
                )
              : err,
          ),
        );
      };
      const onExit = (code: number) =>
        finish(false, () => reject(new Error(`import worker exited (${code})`)));
      const onAbort = () => finish(false, () => reject(new ImportCancelledError()));
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      signal?.addEventListener('abort', onAbort, { once: true });
      // The budget counts from the moment the worker can start (a cold worker loads for ~1 s).
      slot.ready.then(
        () => {
          if (settled) return;
          timer = setTimeout(
            () => finish(false, () => reject(timeLimitError(file, limits, lang))),
            limits.timeMs + GRACE_MS,
          );
          // Hand the bytes over without a copy when they own their whole buffer (an upload's
          // Buffer.concat does); the caller's view is detached then.
          const owns =
            bytes.byteOffset === 0 &&
            bytes.byteLength === bytes.buffer.byteLength &&
            bytes.buffer instanceof ArrayBuffer;
          const data = owns ? bytes : new Uint8Array(bytes);
          const req: TaskRequest = { id, bytes: data, file, lang, limits };
          worker.postMessage(req, [data.buffer as ArrayBuffer]);
        },
        (err: Error) => onError(err),
      );
    });
  }

  /** Stop every worker (the server's onClose hook; the CLI's end). */
  async close(): Promise<void> {
    this.closed = true;
    const slots = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
