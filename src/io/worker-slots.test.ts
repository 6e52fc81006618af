import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { workerEntry } from './worker-slots.ts';

const repo = join(import.meta.dirname, '../..');
const source = pathToFileURL(join(repo, 'src/importers/sandbox-worker.mjs'));

describe('workerEntry', () => {
  afterEach(() => {
    delete process.env.JIXIAO_BUILT_WORKERS;
  });

  it('runs the sources through the tsx entry when not built', () => {
    expect(workerEntry(source, 'sandbox-task.js').href).toBe(source.href);
  });

  it('runs the built task from dist/ when the build defined JIXIAO_BUILT_WORKERS', () => {
    process.env.JIXIAO_BUILT_WORKERS = '1';
    expect(workerEntry(source, 'sandbox-task.js').href).toBe(
      pathToFileURL(join(repo, 'dist/sandbox-task.js')).href,
    );
  });
});
