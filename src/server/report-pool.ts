/**
 * Reports off the event loop (issue #13): DOCX, XLSX and HTML are rendered in a bounded pool of
 * worker threads (heap cap, time limit), so a large report never stalls other requests. At most
 * `size` render at once; up to `maxQueued` more wait; one beyond that is refused at once with
 * ReportsBusyError (503 + Retry-After), so a burst cannot pile up memory. A worker that crashed,
 * ran out of memory or overran its time is thrown away and a fresh one starts on the next render.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ReportModel } from '../core/report/model.ts';
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

const WORKER_URL = new URL('./report-worker.mjs', import.meta.url);

interface Slot {
  readonly worker: Worker;
  readonly ready: Promise<void>;
}

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
  private readonly idle: Slot[] = [];
  private readonly all = new Set<Slot>();
  private readonly queue: Job[] = [];
  private active = 0;
  private nextId = 1;
  private closed = false;

  constructor(options: ReportPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? Math.min(2, availableParallelism()));
    this.maxQueued = Math.max(0, options.maxQueued ?? 8);
    this.memoryMb = options.memoryMb ?? 256;
    this.timeMs = options.timeMs ?? 60_000;
    if (options.warm) {
      const slot = this.spawn();
      slot.ready.then(
        () => {
          if (!this.closed && this.all.has(slot)) this.idle.push(slot);
        },
        () => this.discard(slot),
      );
    }
  }

  /** Renders running now, and waiting. */
  get load(): { running: number; queued: number } {
    return { running: this.active, queued: this.queue.length };
  }

  /** Render in a worker; rejects with ReportsBusyError at once when the queue is full. */
  render(format: WorkerFormat, model: ReportModel): Promise<Uint8Array | string> {
    if (this.closed) return Promise.reject(new Error('report pool closed'));
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
      const slot = this.idle.pop() ?? this.spawn();
      slot.worker.ref();
      void this.runOn(slot, job).finally(() => {
        this.active--;
        this.pump();
      });
    }
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_URL, {
      execArgv: [],
      resourceLimits: {
        maxOldGenerationSizeMb: this.memoryMb,
        maxYoungGenerationSizeMb: Math.max(8, Math.min(64, Math.floor(this.memoryMb / 8))),
      },
    });
    worker.unref();
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
    ready.catch(() => undefined);
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

  private runOn(slot: Slot, job: Job): Promise<void> {
    const { worker } = slot;
    const id = this.nextId++;
    return new Promise<void>((done) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const finish = (keep: boolean, action: () => void) => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (keep && !this.closed) {
          worker.unref();
          this.idle.push(slot);
        } else this.discard(slot);
        action();
        done();
      };
      const onMessage = (m: ReportTaskResponse | { ready: true }) => {
        if (!('id' in m) || m.id !== id) return;
        if (m.kind === 'done') finish(true, () => job.resolve(m.body));
        else finish(false, () => job.reject(new Error(`report worker: ${m.message}`)));
      };
      const onError = (err: Error) => {
        const oom =
          (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ||
          /out of memory/i.test(err.message);
        finish(false, () => job.reject(oom ? new ReportTooLargeError('memory') : err));
      };
      const onExit = (code: number) =>
        finish(false, () => job.reject(new Error(`report worker exited (${code})`)));
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      slot.ready.then(
        () => {
          if (settled) return;
          timer = setTimeout(
            () => finish(false, () => job.reject(new ReportTooLargeError('time'))),
            this.timeMs,
          );
          worker.postMessage({ id, format: job.format, model: job.model } satisfies ReportTask);
        },
        (err: Error) => onError(err),
      );
    });
  }

  /** Stop every worker and refuse what waits (the app's onClose hook). */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('report pool closed'));
    const slots = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
