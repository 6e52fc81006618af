/**
 * useLive: the live score and audit of the editor's form state, computed in a worker so a
 * keystroke repaints at once and the panel follows when the result is in. One request is in
 * flight at a time; when it is answered, the latest committed form state is sent next if it is
 * not the one just computed (edits made meanwhile are coalesced, never dropped). Without
 * workers, or once the worker failed (an error, a reply that cannot be read), the same
 * evaluate() runs on the main thread in a macrotask, again on the latest state.
 *
 * Nothing else waits for this: the editor marks an edit unsaved when it is made, and checks the
 * form itself before a save when the result is not in yet.
 */
import { useEffect, useRef, useState } from 'react';
import type { RuleSet } from '../../../src/core/scoring/ruleset.ts';
import { evaluate, localToday, recordRecompute, type LiveReply, type LiveResult } from './live.ts';
import { fromWire } from './live-transfer.ts';

export interface LiveState {
  readonly live: LiveResult;
  /** The form state `live` is of (the editor compares it with the current one). */
  readonly of: unknown;
  readonly ruleset: RuleSet | null;
}

interface Job {
  readonly input: unknown;
  readonly ruleset: RuleSet | null;
}

function startWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('./live-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
}

const sameJob = (a: Job, b: Job) => a.input === b.input && a.ruleset === b.ruleset;

export function useLive(form: unknown, ruleset: RuleSet | null): LiveState {
  // The first result is computed at once, so the panel is there on the first paint.
  const [state, setState] = useState<LiveState>(() => {
    const live = evaluate(form, { ruleset });
    recordRecompute(live);
    return { live, of: form, ruleset };
  });
  /** The latest committed form state (set in an effect, not by a render that may not commit). */
  const latest = useRef<Job>({ input: form, ruleset });
  const pumpRef = useRef<(() => void) | null>(null);

  useEffect(() => {
    let alive = true;
    let worker = startWorker();
    let seq = 0;
    /** The job being computed (worker or main thread), or null when idle. */
    let inFlight: (Job & { seq: number }) | null = null;
    /** The job whose result is shown. */
    let shown: Job = latest.current;

    const accept = (job: Job, live: LiveResult, where: 'worker' | 'main') => {
      if (!alive) return;
      recordRecompute(live, where);
      shown = job;
      setState({ live, of: job.input, ruleset: job.ruleset });
    };
    const pump = () => {
      if (!alive || inFlight) return; // the reply pumps again
      const job = latest.current;
      if (sameJob(job, shown)) return;
      seq += 1;
      const mine = { ...job, seq };
      inFlight = mine;
      if (worker) {
        try {
          worker.postMessage({ seq, input: job.input, ruleset: job.ruleset, today: localToday() });
          return;
        } catch {
          stopWorker(); // not cloneable (plain JSON should be): compute here from now on
        }
      }
      // After the event that caused it (a macrotask), so the keystroke is drawn first.
      setTimeout(() => {
        if (inFlight !== mine) return;
        inFlight = null;
        let live: LiveResult;
        try {
          live = evaluate(job.input, { ruleset: job.ruleset });
        } catch (err) {
          shown = job; // a bug in the core: shown as a page error once, not retried in a loop
          throw err;
        }
        accept(job, live, 'main');
        pump();
      }, 0);
    };
    const stopWorker = () => {
      worker?.terminate();
      worker = null;
    };
    /** The worker cannot be trusted any more: the job in flight and every later one run here. */
    const failOver = () => {
      stopWorker();
      inFlight = null;
      pump();
    };
    if (worker) {
      worker.onmessage = (m: MessageEvent<LiveReply>) => {
        const job = inFlight;
        if (!job || m.data.seq !== job.seq) return;
        if ('failed' in m.data) return failOver();
        let live: LiveResult;
        try {
          live = fromWire<LiveResult>(m.data.wire);
        } catch {
          return failOver();
        }
        inFlight = null;
        accept(job, live, 'worker');
        pump();
      };
      worker.onerror = (ev) => {
        ev.preventDefault();
        failOver();
      };
      worker.onmessageerror = failOver;
    }
    pumpRef.current = pump;
    pump(); // a state committed before this effect ran
    return () => {
      alive = false;
      stopWorker();
      pumpRef.current = null;
    };
  }, []);

  useEffect(() => {
    latest.current = { input: form, ruleset };
    pumpRef.current?.();
  }, [form, ruleset]);

  return state;
}
