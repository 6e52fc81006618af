/**
 * Worker threads that run one task at a time under a heap cap and a time limit (issue 13): the
 * report renders and the imports share this. A worker answers `{ ready: true }` once loaded, then
 * one message per task, matched by `id`. A worker that behaved goes back to the idle list; one
 * that crashed, ran out of memory, overran its time or was cancelled is terminated, and a fresh one
 * starts on the next task. How many tasks may run or wait is the caller's decision.
 */
import { Worker, type Transferable } from 'node:worker_threads';

/**
 * A worker thread's entry. From the sources it is `source`, a .mjs that registers tsx and imports
 * the task's TypeScript; from the built CLI (scripts/build-cli.mjs defines
 * process.env.JIXIAO_BUILT_WORKERS in dist/) it is the task's own build, dist/`built`: under tsx's
 * loader an import worker took 1.2–1.5 s to read a 12-page PDF against 0.5 s built (pdfjs loads
 * slowly through a loader), issue 14.
 */
export function workerEntry(source: URL, built: string): URL {
  return process.env.JIXIAO_BUILT_WORKERS === '1'
    ? new URL(`../../dist/${built}`, import.meta.url)
    : source;
}

export interface WorkerSlot {
  readonly worker: Worker;
  /** Settles when the worker has loaded (rejects if it failed to start). */
  readonly ready: Promise<void>;
}

/** What a task's owner does with an answer: settle the caller, and whether the worker stays. */
export interface TaskOutcome {
  readonly keep: boolean;
  readonly settle: () => void;
}

export interface TaskSpec<Answer> {
  /** The task's message for the worker (posted once it is ready), and what moves with it. */
  readonly message: (id: number) => { readonly body: unknown; readonly transfer?: Transferable[] };
  /** The worker's answer to this task. */
  readonly onAnswer: (answer: Answer) => TaskOutcome;
  /** The worker failed: `outOfMemory` when it hit its heap cap. */
  readonly onError: (err: Error, outOfMemory: boolean) => void;
  /** The worker exited while the task ran. */
  readonly onExit: (code: number) => void;
  /** Time limit, ms, counted from the moment the worker is ready (a cold one loads for ~1 s). */
  readonly timeMs: number;
  readonly onTimeout: () => void;
  /** The caller went away: the worker is stopped. */
  readonly signal?: AbortSignal;
  readonly onAbort?: () => void;
}

function isOutOfMemory(err: Error): boolean {
  return (
    (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ||
    /out of memory/i.test(err.message)
  );
}

export class WorkerSlots {
  private readonly idle: WorkerSlot[] = [];
  private readonly all = new Set<WorkerSlot>();
  private nextId = 1;
  private closedNow = false;

  /** `memoryMb`: heap cap per worker; `warm`: start one worker now, ready for the first task. */
  constructor(
    private readonly url: URL,
    private readonly memoryMb: number,
    warm = false,
  ) {
    if (!warm) return;
    const slot = this.spawn();
    slot.ready.then(
      () => {
        if (!this.closedNow && this.all.has(slot)) this.idle.push(slot);
      },
      () => this.discard(slot),
    );
  }

  get closed(): boolean {
    return this.closedNow;
  }

  /** Run one task on an idle worker (or a new one); resolves once the task has settled. */
  run<Answer>(spec: TaskSpec<Answer>): Promise<void> {
    const slot = this.idle.pop() ?? this.spawn();
    slot.worker.ref();
    const { worker } = slot;
    const id = this.nextId++;
    return new Promise<void>((done) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const finish = ({ keep, settle }: TaskOutcome) => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        spec.signal?.removeEventListener('abort', onAbort);
        if (keep && !this.closedNow) {
          worker.unref();
          this.idle.push(slot);
        } else this.discard(slot);
        settle();
        done();
      };
      const stop = (settle: () => void) => finish({ keep: false, settle });
      const onMessage = (m: { id?: number }) => {
        if (m.id === id) finish(spec.onAnswer(m as Answer));
      };
      const onError = (err: Error) => stop(() => spec.onError(err, isOutOfMemory(err)));
      const onExit = (code: number) => stop(() => spec.onExit(code));
      const onAbort = () => stop(() => spec.onAbort?.());
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      spec.signal?.addEventListener('abort', onAbort, { once: true });
      slot.ready.then(() => {
        if (settled) return;
        timer = setTimeout(() => stop(spec.onTimeout), spec.timeMs);
        const { body, transfer } = spec.message(id);
        worker.postMessage(body, transfer);
      }, onError);
    });
  }

  private spawn(): WorkerSlot {
    const worker = new Worker(this.url, {
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

  private discard(slot: WorkerSlot): void {
    this.all.delete(slot);
    void slot.worker.terminate();
  }

  /** Stop every worker (the server's onClose hook; the CLI's end). */
  async close(): Promise<void> {
    this.closedNow = true;
    const slots = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
