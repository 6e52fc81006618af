/**
 * useLive: the live score and audit of the editor's form state, computed in a worker so a
 * keystroke repaints at once and the panel follows when the result is in. One request is in
 * flight at a time; edits made meanwhile are coalesced into the latest form state, sent next.
 * Without workers (or if the worker fails) the same evaluate() runs on the main thread, after
 * the keystroke's paint.
 */
import { useEffect, useRef, useState } from 'react';
import type { RuleSet } from '../../../src/core/scoring/ruleset.ts';
import { evaluate, localToday, recordRecompute, type LiveReply, type LiveResult } from './live.ts';

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

export function useLive(form: unknown, ruleset: RuleSet | null): LiveState {
  // The first result is computed at once, so the panel is there on the first paint.
  const [state, setState] = useState<LiveState>(() => {
    const live = evaluate(form, { ruleset });
    recordRecompute(live);
    return { live, of: form, ruleset };
  });
  const latest = useRef<Job>({ input: form, ruleset });
  latest.current = { input: form, ruleset };
  const engine = useRef<{
    worker: Worker | null;
    seq: number;
    inFlight: (Job & { seq: number }) | null;
    /** A form state waiting for the one in flight. */
    queued: boolean;
    run: (job: Job) => void;
  } | null>(null);

  useEffect(() => {
    let alive = true;
    const accept = (job: Job, live: LiveResult) => {
      if (!alive) return;
      recordRecompute(live);
      setState({ live, of: job.input, ruleset: job.ruleset });
    };
    const onMainThread = (job: Job) => {
      // After the keystroke's paint: a macrotask, not inside the input event.
      setTimeout(() => accept(job, evaluate(job.input, { ruleset: job.ruleset })), 0);
    };
    const e: NonNullable<typeof engine.current> = {
      worker: startWorker(),
      seq: 0,
      inFlight: null,
      queued: false,
      run: (job) => {
        if (!e.worker) return onMainThread(job);
        if (e.inFlight) {
          e.queued = true;
          return;
        }
        e.seq += 1;
        e.inFlight = { ...job, seq: e.seq };
        try {
          e.worker.postMessage({
            seq: e.seq,
            input: job.input,
            ruleset: job.ruleset,
            today: localToday(),
          });
        } catch {
          // Not cloneable (should not happen with plain JSON): compute here from now on.
          e.worker.terminate();
          e.worker = null;
          e.inFlight = null;
          onMainThread(job);
        }
      },
    };
    const next = () => {
      e.inFlight = null;
      if (!e.queued) return;
      e.queued = false;
      e.run(latest.current);
    };
    if (e.worker) {
      e.worker.onmessage = (m: MessageEvent<LiveReply>) => {
        const job = e.inFlight;
        if (!job || m.data.seq !== job.seq) return;
        accept(job, m.data.result);
        next();
      };
      e.worker.onerror = (ev) => {
        ev.preventDefault();
        e.worker?.terminate();
        e.worker = null;
        const job = e.inFlight;
        e.inFlight = null;
        e.queued = false;
        onMainThread(job ?? latest.current);
      };
    }
    engine.current = e;
    return () => {
      alive = false;
      e.worker?.terminate();
      engine.current = null;
    };
  }, []);

  useEffect(() => {
    const e = engine.current;
    if (!e) return;
    const job = e.inFlight;
    // Already computed or being computed for exactly this state: nothing to send.
    if (job && job.input === form && job.ruleset === ruleset && !e.queued) return;
    if (!job && state.of === form && state.ruleset === ruleset) return;
    e.run({ input: form, ruleset });
  }, [form, ruleset]);

  return state;
}
