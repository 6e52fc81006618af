/**
 * The live score and audit off the input path (issue 12): this worker runs the same evaluate()
 * (validate → derive → score → audit, the pure core the server runs) on each form state the
 * editor posts, and posts the result back with the request's sequence number, its Decimals as
 * tagged text (live-transfer.ts: a Decimal cannot be structured-cloned). A failure is answered
 * too, so the editor never waits for a reply that will not come.
 */
import { evaluate, type LiveRequest, type LiveReply } from './live.ts';
import { toWire } from './live-transfer.ts';

const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<LiveRequest>) => void) | null;
  postMessage: (reply: LiveReply) => void;
};

scope.onmessage = (e) => {
  const { seq, input, ruleset, today } = e.data;
  let reply: LiveReply;
  try {
    reply = { seq, wire: toWire(evaluate(input, { ruleset, today })) };
  } catch (err) {
    reply = { seq, failed: err instanceof Error ? err.message : String(err) };
  }
  try {
    scope.postMessage(reply);
  } catch (err) {
    scope.postMessage({ seq, failed: err instanceof Error ? err.message : String(err) });
  }
};
