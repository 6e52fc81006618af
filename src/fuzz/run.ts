/**
 * `npm run fuzz` (issue #13): generated hostile inputs per surface against the importer and the
 * HTTP API, with memory and time recorded. Surfaces: YAML and JSON dossiers, DOCX and XLSX zips
 * (mutated, truncated, lying sizes, bombs), PDFs (mutated, page-tree bombs, huge /Count), and
 * multipart bodies to POST /api/imports. A crash is anything but a refusal as data: an exception
 * other than InputErrors from the importer, or a 5xx from the API. Prints, per surface: cases run,
 * crashes, max RSS, max time per case. FUZZ_QUICK=1 runs 200 cases per surface (CI), the default
 * 10,000; FUZZ_CASES=n sets it. Exit code 1 when anything crashed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rng } from '../../bench/support.ts';
import { InputErrors } from '../core/errors/input-error.ts';
import { makeDossier } from '../core/testing/factories.ts';
import { parseDossierText } from '../io/load-dossier.ts';
import { readSourceBytes } from '../importers/import.ts';
import { DEFAULT_IMPORT_LIMITS, withImportLimits } from '../importers/limits.ts';
import { buildApp } from '../server/app.ts';
import { createUser } from '../storage/accounts.ts';
import { openStore } from '../storage/store.ts';
import {
  docxBomb,
  docxHead,
  docxOf,
  docxTail,
  paragraph,
  pdfPages,
  pdfPageTreeBomb,
  xlsxOf,
} from './bombs.ts';
import { writeZip } from './zip.ts';

const CASES = Number(process.env.FUZZ_CASES ?? (process.env.FUZZ_QUICK ? 200 : 10_000));
const rand = rng(20261201);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;

/** Byte-level mutations: flip, insert, delete, duplicate a run, truncate. */
function mutate(buf: Buffer): Buffer {
  const b = Buffer.from(buf);
  const n = 1 + int(8);
  let out = b;
  for (let k = 0; k < n; k++) {
    const at = int(Math.max(1, out.length));
    switch (int(5)) {
      case 0:
        out[at] = int(256);
        break;
      case 1:
        out = Buffer.concat([out.subarray(0, at), Buffer.from([int(256)]), out.subarray(at)]);
        break;
      case 2:
        out = Buffer.concat([out.subarray(0, at), out.subarray(at + 1 + int(16))]);
        break;
      case 3: {
        const run = out.subarray(at, at + 1 + int(64));
        out = Buffer.concat([out.subarray(0, at), run, run, out.subarray(at)]);
        break;
      }
      default:
        out = out.subarray(0, at);
    }
  }
  return out;
}

const NASTY = [
  '1e400',
  '-1e308',
  '9999999999999.99',
  'NaN',
  '"<img src=x onerror=alert(1)>"',
  '&a [*a, *a, *a]',
  '{',
  '[[[[[[[[[[',
  '"\u0000"',
  '-0',
  '0x10',
  '1,000.5',
  '"１２３"',
  'null',
  '~',
];

function yamlCase(): string {
  const d = makeDossier() as unknown as Record<string, unknown>;
  const lines = JSON.stringify(d, null, 1).split('\n');
  // Replace a few values with nasty ones, or add an alias bomb, then maybe mutate bytes.
  for (let k = 0; k < 1 + int(4); k++) {
    const i = int(lines.length);
    lines[i] = (lines[i] ?? '').replace(/: .*?(,?)$/, `: ${pick(NASTY)}$1`);
  }
  let text = lines.join('\n');
  if (rand() < 0.1)
    text =
      'a: &a [x, x, x, x, x, x, x, x, x, x]\n' +
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n' +
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n' +
      `d: [*c, *c, *c, *c, *c, *c, *c, *c]\n${text}`;
  return rand() < 0.3 ? mutate(Buffer.from(text)).toString('utf8') : text;
}

const REPORT = ['部门整体支出绩效自评报告', '一、部门概况', '预算执行率 95.2%', '自评得分 92 分'];
const docxSeed = docxOf(docxHead + REPORT.map(paragraph).join('') + docxTail);
const xlsxSeed = xlsxOf(
  [
    '<?xml version="1.0"?>',
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
    '<row r="1"><c r="A1" t="inlineStr"><is><t>预算绩效</t></is></c></row>',
    '</sheetData></worksheet>',
  ].join(''),
);
const pdfSeed = pdfPages(3, 'budget performance');

async function zipCase(kind: 'docx' | 'xlsx'): Promise<Buffer> {
  const seed = kind === 'docx' ? docxSeed : xlsxSeed;
  const r = rand();
  if (r < 0.02) return docxBomb(16 * 1024 * 1024 + int(64 * 1024 * 1024));
  if (r < 0.05) return docxBomb(1024 * 1024, { declaredSize: int(100_000) });
  if (r < 0.08)
    return writeZip(
      Array.from({ length: 1 + int(3000) }, (_, i) => ({
        name: `word/x${i}.xml`,
        data: Buffer.from(''),
      })),
    );
  return mutate(seed);
}

function pdfCase(): Buffer {
  const r = rand();
  if (r < 0.05) return pdfPageTreeBomb(501 + int(300_000));
  if (r < 0.1)
    return Buffer.from(
      pdfSeed.toString('latin1').replace('/Count 3', `/Count ${int(1e9)}`),
      'latin1',
    );
  return mutate(pdfSeed);
}

interface Stats {
  cases: number;
  crashes: number;
  maxMs: number;
  maxRss: number;
  firstCrash?: string;
}

async function surface(name: string, run: (i: number) => Promise<void>): Promise<Stats> {
  const s: Stats = { cases: 0, crashes: 0, maxMs: 0, maxRss: 0 };
  for (let i = 0; i < CASES; i++) {
    const t0 = performance.now();
    try {
      await run(i);
    } catch (err) {
      s.crashes++;
      s.firstCrash ??=
        err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 300) : String(err);
    }
    s.cases++;
    s.maxMs = Math.max(s.maxMs, performance.now() - t0);
    s.maxRss = Math.max(s.maxRss, process.memoryUsage().rss);
  }
  console.log(
    `${name.padEnd(10)} cases ${s.cases}  crashes ${s.crashes}` +
      `  max RSS ${(s.maxRss / 2 ** 20).toFixed(0)} MB  max time/case ${s.maxMs.toFixed(0)} ms` +
      `${s.firstCrash ? `  first crash: ${s.firstCrash}` : ''}`,
  );
  return s;
}

/** The importer: InputErrors are refusals; anything else thrown is a crash. */
async function importer(bytes: Buffer, file: string): Promise<void> {
  try {
    await withImportLimits({ ...DEFAULT_IMPORT_LIMITS, timeMs: 10_000 }, () =>
      readSourceBytes(bytes, file),
    );
  } catch (err) {
    if (!(err instanceof InputErrors)) throw err;
  }
}

const results: Stats[] = [];
results.push(
  await surface('yaml', async (i) => {
    parseDossierText(yamlCase(), `f${i}.yaml`, 'zh'); // returns errors as data; must not throw
  }),
);
results.push(
  await surface('json', async (i) => {
    const d = JSON.stringify(makeDossier());
    parseDossierText(
      rand() < 0.5
        ? mutate(Buffer.from(d)).toString('utf8')
        : d.replace(/"weight":\d+/, `"weight":${pick(NASTY)}`),
      `f${i}.json`,
      'zh',
    );
  }),
);
results.push(await surface('docx', async (i) => importer(await zipCase('docx'), `f${i}.docx`)));
results.push(await surface('xlsx', async (i) => importer(await zipCase('xlsx'), `f${i}.xlsx`)));
results.push(await surface('pdf', async (i) => importer(pdfCase(), `f${i}.pdf`)));

// The HTTP API: multipart bodies to POST /api/imports and dossier bodies to POST /api/dossiers.
const dir = mkdtempSync(join(tmpdir(), 'jixiao-fuzz-'));
const store = await openStore({ sqliteFile: join(dir, 'fuzz.sqlite') });
const pw = 'fuzzing admin phrase';
await createUser(store.db, { username: 'fuzz', password: pw, role: 'admin' });
const app = await buildApp({ store, writeRateLimit: { capacity: 1e9, perSecond: 1e9 } });
const login = await app.inject({
  method: 'POST',
  url: '/api/session',
  payload: { username: 'fuzz', password: pw },
});
const cookie = `jixiao_session=${login.cookies.find((c) => c.name === 'jixiao_session')?.value}`;
results.push(
  await surface('multipart', async () => {
    const boundary = `----fz${int(1e9)}`;
    const name = pick([
      'a.txt',
      'a.yaml',
      'a.json',
      'a.docx',
      '../../etc/passwd',
      'a',
      '报告.txt',
      'x"y.txt',
    ]);
    const content = pick([
      Buffer.from(REPORT.join('\n')),
      docxSeed,
      Buffer.from(yamlCase()),
      Buffer.alloc(0),
    ]);
    let body: Buffer = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\n` +
          'Content-Disposition: form-data; ' +
          `name="${pick(['file', 'x', ''])}"; filename="${name}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    if (rand() < 0.5) body = mutate(body);
    const res = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: {
        cookie,
        'content-type':
          rand() < 0.9 ? `multipart/form-data; boundary=${boundary}` : 'multipart/form-data',
      },
      payload: body,
    });
    if (res.statusCode >= 500 && res.statusCode !== 503)
      throw new Error(`HTTP ${res.statusCode}: ${res.body.slice(0, 200)}`);
  }),
);
await app.close();
await store.close();
rmSync(dir, { recursive: true, force: true });

const crashes = results.reduce((n, s) => n + s.crashes, 0);
console.log(`total: ${results.reduce((n, s) => n + s.cases, 0)} cases, ${crashes} crashes`);
process.exitCode = crashes ? 1 : 0;
