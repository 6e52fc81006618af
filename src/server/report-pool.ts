/**
 * Reports off the event loop (issue #13): DOCX, XLSX and HTML are rendered in a bounded pool of
 * worker threads (heap cap, time limit), so a large report never stalls other requests. At most
 * `size` render at once; up to `maxQueued` more wait; one beyond that is refused at once with
 * ReportsBusyError (503 + Retry-After), so a burst cannot pile up memory. A worker that crashed,
 * ran out of memory or overran its time is thrown away and a fresh one starts on the next render.
 */
import { availableParallelism } from 'node:os';
import type { ReportModel } from '../core/report/model.ts';
import { WorkerSlots, workerEntry } from '../io/worker-slots.ts';
import type { ReportTask, ReportTaskResponse, WorkerFormat } from './report-task.ts';

export interface ReportPoolOptions {
  /** Worker threads, i.e. renders at once (default: the cores, at most 2). */
  readonly size?: number;
  /** Renders waiting for a worker before new ones are refused (default 8). */
  readonly maxQueued?: number;
  /** Heap cap per worker, MB (default 256). */
  readonly memoryMb?: number;
  /** Time limit per render, ms (default 60 s). */
  readonly timeMs?: number;
  /** Start one worker now, so the first render does not wait for it to load (~1–2 s). */
  readonly warm?: boolean;
}

/** Every worker is busy and the queue is full. */
export class ReportsBusyError extends Error {
  constructor(
    readonly running: number,
    readonly retryAfterSeconds: number,
  ) {
    super('report workers busy');
    this.name = 'ReportsBusyError';
  }
}

/** The render overran its memory or time: the report is too large for this server. */
export class ReportTooLargeError extends Error {
  constructor(readonly reason: 'memory' | 'time') {
    super(`report render stopped (${reason})`);
    this.name = 'ReportTooLargeError';
  }
}

const WORKER_URL = workerEntry(new URL('./report-worker.mjs', import.meta.url), 'report-task.js');

interface Job {
  readonly format: WorkerFormat;
  readonly model: ReportModel;
  readonly resolve: (body: Uint8Array | string) => void;
  readonly reject: (err: Error) => void;
}

export class ReportPool {
  readonly size: number;
  readonly maxQueued: number;
  readonly memoryMb: number;
  readonly timeMs: number;
  private readonly workers: WorkerSlots;
  private readonly queue: Job[] = [];
  private active = 0;

  constructor(options: ReportPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? Math.min(2, availableParallelism()));
    this.maxQueued = Math.max(0, options.maxQueued ?? 8);
    this.memoryMb = options.memoryMb ?? 256;
    this.timeMs = options.timeMs ?? 60_000;
    this.workers = new WorkerSlots(WORKER_URL, this.memoryMb, options.warm);
  }

  /** Renders running now, and waiting. */
  get load(): { running: number; queued: number } {
    return { running: this.active, queued: this.queue.length };
  }

  /** Render in a worker; rejects with ReportsBusyError at once when the queue is full. */
  render(format: WorkerFormat, model: ReportModel): Promise<Uint8Array | string> {
    if (this.workers.closed) return Promise.reject(new Error('report pool closed'));
    if (this.active >= this.size && this.queue.length >= this.maxQueued)
      return Promise.reject(new ReportsBusyError(this.active, this.retryAfter()));
    return new Promise((resolve, reject) => {
      this.queue.push({ format, model, resolve, reject });
      this.pump();
    });
  }

  /** Seconds a refused caller is told to wait: about one render per worker ahead of it. */
  private retryAfter(): number {
    return Math.max(1, Math.ceil((this.queue.length + this.active) / this.size) * 2);
  }

  private pump(): void {
    while (this.active < this.size && this.queue.length > 0) {
      const job = this.queue.shift() as Job;
      this.active++;
      void this.renderOnWorker(job).finally(() => {
        this.active--;
        this.pump();
      });
    }
  }

  private renderOnWorker(job: Job): Promise<void> {
    return this.workers.run<ReportTaskResponse>({
      message: (id) => ({
        body: { id, format: job.format, model: job.model } satisfies ReportTask,
      }),
      onAnswer: (m) =>
        m.kind === 'done'
          ? { keep: true, settle: () => job.resolve(m.body) }
          : { keep: false, settle: () => job.reject(new Error(`report worker: ${m.message}`)) },
      onError: (err, outOfMemory) =>
        job.reject(outOfMemory ? new ReportTooLargeError('memory') : err),
      onExit: (code) => job.reject(new Error(`report worker exited (${code})`)),
      timeMs: this.timeMs,
      onTimeout: () => job.reject(new ReportTooLargeError('time')),
    });
  }

  /** Stop every worker and refuse what waits (the app's onClose hook). */
  async close(): Promise<void> {
    const waiting = this.queue.splice(0);
    const closing = this.workers.close();
    for (const job of waiting) job.reject(new Error('report pool closed'));
    await closing;
  }
}
