/**
 * Import speed (issue #7): time per PDF page of `importBytes` on a PDF of a generated report, and
 * the ratio to poppler's `pdftotext` on the same file (text only, no extraction); plus the text
 * path (the seed-like layouts) in imports per second. Skips the PDF part with a message when
 * Chromium or pdftotext is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importBytes, importText } from '../src/importers/import.ts';
import { loadExample, modelOf } from '../src/render/fixtures.test-support.ts';
import { findChromium, PdfRenderer } from '../src/render/pdf.ts';

function has(cmd: string): boolean {
  try {
    execFileSync(cmd, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function run(quick: boolean): Promise<void> {
  // Text path.
  const text = readFileSync(
    join(import.meta.dirname, '..', 'src', 'importers', 'fixtures', 'wrapped.txt'),
    'utf8',
  );
  const n = quick ? 20 : 200;
  importText(text, 'warm.txt');
  let t0 = performance.now();
  for (let i = 0; i < n; i++) importText(text, 'bench.txt');
  const textMs = (performance.now() - t0) / n;
  console.log(
    `text import (wrapped layout, ${text.split('\n').length} lines): ` +
      `${textMs.toFixed(1)} ms/report, ${(1000 / textMs).toFixed(0)} reports/s`,
  );

  // Text path, per page: the published seed report (pdftotext output, pages at form feeds).
  const seedFile = join(
    import.meta.dirname,
    '..',
    '..',
    'shared',
    'seed',
    'hengyang-finance-office-2023.txt',
  );
  if (existsSync(seedFile)) {
    const seed = readFileSync(seedFile, 'utf8');
    // Pages at form feeds; the seed text has none, so a page is taken as 50 lines (a printed A4
    // page of the report holds about that many).
    const pages = seed.includes('\f')
      ? seed.split('\f').length
      : Math.max(1, Math.round(seed.split('\n').length / 50));
    importText(seed, 'warm.txt');
    const m = quick ? 5 : 30;
    t0 = performance.now();
    for (let i = 0; i < m; i++) importText(seed, 'seed.txt');
    const ms = (performance.now() - t0) / m;
    console.log(
      `text import (published seed report, ${pages} pages of 50 lines): ` +
        `${ms.toFixed(1)} ms/report = ${(ms / pages).toFixed(2)} ms/page`,
    );
  } else console.log('text import per page: skipped (../shared/seed not present)');
  // Shape-free reading (issue 15): the layout-family fixtures, each a page or less.
  const famDir = join(import.meta.dirname, '..', 'src', 'importers', 'fixtures', 'families');
  const fams = readdirSync(famDir).map((f) => readFileSync(join(famDir, f), 'utf8'));
  const k = quick ? 10 : 100;
  t0 = performance.now();
  for (let i = 0; i < k; i++) for (const f of fams) importText(f, 'family.txt');
  const famMs = (performance.now() - t0) / (k * fams.length);
  console.log(
    `text import (layout families, ${fams.length} one-page documents, shape-free reading): ` +
      `${famMs.toFixed(2)} ms/page`,
  );

  if (!findChromium()) {
    console.log('PDF: skipped (chromium not installed: apt-get install chromium fonts-noto-cjk)');
    return;
  }
  if (!has('pdftotext')) {
    console.log('PDF: skipped (pdftotext not installed: apt-get install poppler-utils)');
    return;
  }
  const renderer = await PdfRenderer.launch();
  let pdf: Buffer;
  try {
    pdf = await renderer.render(modelOf(loadExample()));
  } finally {
    await renderer.close();
  }
  const file = join(mkdtempSync(join(tmpdir(), 'jixiao-bench-')), 'report.pdf');
  writeFileSync(file, pdf);
  const report = await importBytes(pdf, 'report.pdf');
  const pages = Math.max(
    1,
    ...Object.values(report.dossier?.provenance ?? {}).map((p) => p.page ?? 1),
  );
  // Alternating runs, minimum of each: on a shared machine a burst of load in a block of runs of
  // one side made the ratio of means swing between 1.6x and 3.8x (issue 14).
  const runs = quick ? 3 : 10;
  let ours = Infinity;
  let poppler = Infinity;
  for (let i = 0; i < runs; i++) {
    t0 = performance.now();
    await importBytes(pdf, 'report.pdf');
    ours = Math.min(ours, performance.now() - t0);
    t0 = performance.now();
    execFileSync('pdftotext', ['-layout', file, '-'], { stdio: ['ignore', 'pipe', 'ignore'] });
    poppler = Math.min(poppler, performance.now() - t0);
  }
  console.log(
    `PDF import: ${pages} pages, ${(pdf.length / 1024).toFixed(0)} KiB, ` +
      `${ours.toFixed(0)} ms/file = ${(ours / pages).toFixed(1)} ms/page ` +
      '(read + rebuild tables + extract + validate)',
  );
  console.log(
    `pdftotext -layout: ${poppler.toFixed(0)} ms/file = ${(poppler / pages).toFixed(1)} ms/page ` +
      '(text only, separate process)',
  );
  const ratio = ours / poppler;
  console.log(
    `ratio import ÷ pdftotext: ${ratio.toFixed(2)}× ` +
      `(minimum of ${runs} alternating runs each)  ${ratio <= 2 ? 'ok' : 'MISSED'} (aim ≤ 2×)`,
  );
}
