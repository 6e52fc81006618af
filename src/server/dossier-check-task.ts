/**
 * The save-check worker's side of dossier-check-pool.ts: one message = one PUT body and the
 * dossier's year, answered with checkSave's result. A throw is a bug, not a refusal: it is
 * answered as `crash`, and the pool runs the check again in the request's thread, which throws.
 */
import { parentPort } from 'node:worker_threads';
import { checkSave } from './dossier-check.ts';

const port = parentPort;
if (port) {
  port.on('message', (task: { id: number; body: string | Uint8Array; year: number }) => {
    try {
      port.postMessage({ id: task.id, result: checkSave(task.body, task.year) });
    } catch (err) {
      port.postMessage({ id: task.id, crash: err instanceof Error ? err.message : String(err) });
    }
  });
  port.postMessage({ ready: true });
}
