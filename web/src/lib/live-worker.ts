/**
 * The live score and audit off the input path (issue 12): this worker runs the same evaluate()
 * (validate → derive → score → audit, the pure core the server runs) on each form state the
 * editor posts, and posts the result back with the request's sequence number.
 */
import { evaluate, type LiveRequest, type LiveReply } from './live.ts';

const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<LiveRequest>) => void) | null;
  postMessage: (reply: LiveReply) => void;
};

scope.onmessage = (e) => {
  const { seq, input, ruleset, today } = e.data;
  scope.postMessage({ seq, result: evaluate(input, { ruleset, today }) });
};
