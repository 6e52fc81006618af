// Entry of a save-check worker thread (dossier-check-pool.ts): the TypeScript sources run through
// tsx's loader, registered in this thread (loaders do not carry over from the parent thread).
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { checkSave } = await import('./dossier-check.ts');
const port = parentPort;
port.on('message', (task) => {
  try {
    port.postMessage({ id: task.id, result: checkSave(task.body, task.year) });
  } catch (err) {
    // A bug, not a refusal: the pool runs the check again in the request's thread, which throws.
    port.postMessage({ id: task.id, crash: err instanceof Error ? err.message : String(err) });
  }
});
port.postMessage({ ready: true });
