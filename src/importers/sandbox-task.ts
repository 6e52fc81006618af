/**
 * The import worker's side of sandbox.ts: one message = one import (bytes, file name, language,
 * limits), answered with the report or the input errors. Anything else thrown is a bug, answered
 * as `crash` with its message (the parent decides what the caller sees).
 */
import { parentPort } from 'node:worker_threads';
import { InputErrors, type Lang } from '../core/errors/input-error.ts';
import { importBytes } from './import.ts';
import { withImportLimits, type ImportLimits } from './limits.ts';

export interface TaskRequest {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly file: string;
  readonly lang: Lang;
  readonly limits: ImportLimits;
}

export type TaskResponse =
  | { readonly id: number; readonly kind: 'report'; readonly report: unknown }
  | { readonly id: number; readonly kind: 'input-errors'; readonly errors: unknown }
  | { readonly id: number; readonly kind: 'crash'; readonly message: string };

const port = parentPort;
if (port) {
  port.on('message', (req: TaskRequest) => {
    void withImportLimits(req.limits, () => importBytes(req.bytes, req.file, req.lang)).then(
      (report) => port.postMessage({ id: req.id, kind: 'report', report } satisfies TaskResponse),
      (err: unknown) =>
        port.postMessage(
          (err instanceof InputErrors
            ? { id: req.id, kind: 'input-errors', errors: err.errors }
            : {
                id: req.id,
                kind: 'crash',
                message: err instanceof Error ? err.message : String(err),
              }) satisfies TaskResponse,
        ),
    );
  });
  port.postMessage({ ready: true });
}
