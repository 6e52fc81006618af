/**
 * Save checks off the event loop (issue 14): the parse and validation of a PUT's body (about half
 * of a save's CPU at 23 KB) run in worker threads, so the request's thread spends a save on HTTP
 * and the database. Until a worker has started, and whenever one crashed or failed, the check runs
 * inline: same function, same answer. A worker that died is replaced on the next check.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { errorCodes } from 'fastify';
import { workerEntry } from '../io/worker-slots.ts';
import { checkSave, type SaveCheck, type SaveCheckFailure } from './dossier-check.ts';
import { HttpError, RejectedInput } from './errors.ts';

const WORKER_URL = workerEntry(
  new URL('./dossier-check-worker.mjs', import.meta.url),
  'dossier-check-task.js',
);

/** Workers for a server: one per core beyond the event loop's, at most 2. */
export function defaultSaveCheckWorkers(): number {
  return Math.max(0, Math.min(2, availableParallelism() - 1));
}

interface Pending {
  /** The body as text or as the request's bytes (decoded in the worker). */
  readonly body: string | Uint8Array;
  readonly year: number;
  readonly resolve: (r: SaveCheck) => void;
  readonly reject: (err: unknown) => void;
}

/** Check inline what a worker was given (it crashed, died or is closing). */
function checkInline(p: Pending): void {
  try {
    p.resolve(checkSave(p.body, p.year));
  } catch (err) {
    p.reject(err);
  }
}

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  readonly pending: Map<number, Pending>;
}

type WorkerMessage =
  | { readonly ready: true }
  | { readonly id: number; readonly result: SaveCheck }
  | { readonly id: number; readonly crash: string };

export class SaveCheckPool {
  private readonly slots = new Set<Slot>();
  private nextId = 1;
  private closed = false;

  /**
   * Up to `size` workers (0: every check inline), started by the first save rather than with the
   * server: booting them costs seconds of CPU that a server's first requests (report renders, the
   * health check) should not share. Saves before they answer are checked inline.
   */
  constructor(private readonly size: number) {}

  /** Workers started and answering (for tests). */
  get readyWorkers(): number {
    return [...this.slots].filter((s) => s.ready).length;
  }

  /**
   * checkSave(body, year), in the least busy ready worker, else inline. Bytes are copied to the
   * worker (microseconds), not transferred: they stay here for an inline check if it dies.
   */
  check(body: string | Uint8Array, year: number): Promise<SaveCheck> {
    if (!this.closed) while (this.slots.size < this.size) this.spawn();
    let best: Slot | undefined;
    for (const s of this.slots)
      if (s.ready && (!best || s.pending.size < best.pending.size)) best = s;
    if (!best) return Promise.resolve(checkSave(body, year));
    const slot = best;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { body, year, resolve, reject });
      if (slot.pending.size === 1) slot.worker.ref();
      slot.worker.postMessage({ id, body, year });
    });
  }

  private spawn(): void {
    // 5 MiB bodies at most (the body limit): 256 MB of heap is ample.
    const worker = new Worker(WORKER_URL, {
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 },
    });
    worker.unref();
    const slot: Slot = { worker, ready: false, pending: new Map() };
    this.slots.add(slot);
    worker.on('message', (m: WorkerMessage) => {
      if ('ready' in m) {
        slot.ready = true;
        return;
      }
      const p = slot.pending.get(m.id);
      if (!p) return;
      slot.pending.delete(m.id);
      if (slot.pending.size === 0) slot.worker.unref();
      // A crash is a bug in the check: inline, it throws in the request with its stack.
      if ('result' in m) p.resolve(m.result);
      else checkInline(p);
    });
    const lost = () => {
      if (!this.slots.delete(slot)) return;
      // Checks are pure: what the worker had not answered is checked inline.
      for (const p of slot.pending.values()) checkInline(p);
      slot.pending.clear();
    };
    worker.on('error', lost);
    worker.on('exit', lost);
  }

  /** Stop the workers (the app's onClose hook); later checks run inline. */
  async close(): Promise<void> {
    this.closed = true;
    const slots = [...this.slots];
    for (const s of slots) {
      this.slots.delete(s);
      for (const p of s.pending.values()) checkInline(p);
      s.pending.clear();
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}

/**
 * A refusal as the error the inline path throws, so errors.ts answers a body checked in a worker
 * exactly as one checked here (bad JSON as fastify's own parser reports it).
 */
export function saveCheckError(f: SaveCheckFailure): Error {
  switch (f.kind) {
    case 'json':
      return f.empty
        ? new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY()
        : new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY();
    case 'rejected':
      return new RejectedInput(f.code, f.message, f.errors);
    case 'http':
      return new HttpError(f.status, f.code, f.message, f.details);
  }
}
