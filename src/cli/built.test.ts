import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseDossierInput } from '../core/testing/factories.ts';
import { importBytes } from '../importers/import.ts';
import { DEFAULT_IMPORT_LIMITS } from '../importers/limits.ts';
import { loadExample, modelOf } from '../render/fixtures.test-support.ts';
import { checkSave } from '../server/dossier-check.ts';
import { renderInThread } from '../server/report-task.ts';
import { runCli } from './run.ts';

const repo = join(import.meta.dirname, '../..');
const example = join(repo, 'examples/hengyang-finance-office-2023.yaml');
const dir = mkdtempSync(join(tmpdir(), 'jixiao-built-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  const b = spawnSync(process.execPath, [join(repo, 'scripts/build-cli.mjs')], {
    encoding: 'utf8',
  });
  expect(b.status, b.stderr).toBe(0);
}, 120_000);

/** The built CLI as bench/cli.bench.ts runs it; JIXIAO_ONE_FILE=0 leaves out dist/check.cjs. */
function built(args: string[], oneFile: boolean) {
  const r = spawnSync(process.execPath, [join(repo, 'bin/jixiao.mjs'), ...args], {
    cwd: dir,
    env: { ...process.env, JIXIAO_BUILT: '1', JIXIAO_ONE_FILE: oneFile ? '1' : '0' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the built check (dist/check.cjs from its code cache, issue 14)', () => {
  it('prints what the sources print, with the same exit code', async () => {
    writeFileSync(join(dir, 'broken.json'), '{ "year": 2023, ');
    const d = baseDossierInput();
    writeFileSync(join(dir, 'ok.json'), JSON.stringify(d));
    const cases = [
      ['check', example],
      ['check', '--json', example, 'ok.json'],
      ['--lang', 'en', 'check', '--severity', 'warning', example],
      ['check', 'broken.json', 'ok.json', 'missing.yaml'],
      ['check', '--severity', 'bad', example],
      ['check', '--help'],
    ];
    for (const args of cases) {
      const want = await runCli(args, { capture: true, cwd: dir });
      const got = built(args, true);
      expect(got, args.join(' ')).toEqual(want);
      expect(built(args, false), args.join(' ')).toEqual(got);
    }
    // The example has error findings (exit 1); the broken file is bad input (exit 2).
    expect(built(['check', example], true).code).toBe(1);
    expect(built(['check', 'broken.json', 'ok.json'], true).code).toBe(2);
  }, 120_000);
});

/** The first answer after `ready` of a worker on a built task file, to one message. */
async function askBuiltWorker(file: string, message: unknown): Promise<unknown> {
  const worker = new Worker(join(repo, 'dist', file));
  try {
    return await new Promise((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', (m: { ready?: true }) => {
        if (m.ready) worker.postMessage(message);
        else resolve(m);
      });
    });
  } finally {
    await worker.terminate();
  }
}

describe("the worker threads' built tasks (workerEntry, started from dist/ without tsx)", () => {
  it('an import in dist/sandbox-task.js reads what the sources read', async () => {
    const text = readFileSync(join(repo, 'src/importers/fixtures/wrapped.txt'));
    const want = structuredClone(await importBytes(new Uint8Array(text), 'wrapped.txt'));
    const got = (await askBuiltWorker('sandbox-task.js', {
      id: 7,
      bytes: new Uint8Array(text),
      file: 'wrapped.txt',
      lang: 'zh',
      limits: DEFAULT_IMPORT_LIMITS,
    })) as { id: number; kind: string; report: unknown };
    expect(got.kind).toBe('report');
    expect(got.id).toBe(7);
    expect(got.report).toEqual(want);
  }, 60_000);

  it('a save check in dist/dossier-check-task.js answers what the sources answer', async () => {
    const d = baseDossierInput();
    const body = JSON.stringify({ version: 1, dossier: d });
    const got = (await askBuiltWorker('dossier-check-task.js', { id: 5, body, year: d.year })) as {
      id: number;
      result: unknown;
    };
    expect(got.id).toBe(5);
    expect(got.result).toEqual(structuredClone(checkSave(body, d.year)));
    // A body of the wrong year is refused the same way.
    const wrongYear = (await askBuiltWorker('dossier-check-task.js', {
      id: 6,
      body,
      year: d.year + 1,
    })) as { result: { ok: boolean } };
    expect(wrongYear.result.ok).toBe(false);
    expect(wrongYear.result).toEqual(structuredClone(checkSave(body, d.year + 1)));
  }, 60_000);

  it('a render in dist/report-task.js writes what the sources write', async () => {
    const model = modelOf(loadExample());
    const got = (await askBuiltWorker('report-task.js', { id: 3, format: 'html', model })) as {
      kind: string;
      body: string;
    };
    expect(got.kind).toBe('done');
    expect(got.body).toBe(await renderInThread('html', model));
  }, 60_000);
});
