/**
 * Import speed (issue #7): time per PDF page of `importBytes` on a PDF of a generated report, and
 * the ratio to poppler's `pdftotext` on the same file (text only, no extraction); plus the text
 * path (the seed-like layouts) in imports per second. Skips the PDF part with a message when
 * Chromium or pdftotext is missing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
    `text import (wrapped layout, ${text.split('\n').length} lines): ${textMs.toFixed(1)} ms/report, ${(1000 / textMs).toFixed(0)} reports/s`,
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
  const runs = quick ? 2 : 10;
  t0 = performance.now();
  for (let i = 0; i < runs; i++) await importBytes(pdf, 'report.pdf');
  const ours = (performance.now() - t0) / runs;
  t0 = performance.now();
  for (let i = 0; i < runs; i++)
    execFileSync('pdftotext', ['-layout', file, '-'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const poppler = (performance.now() - t0) / runs;
  console.log(
    `PDF import: ${pages} pages, ${(pdf.length / 1024).toFixed(0)} KiB, ${ours.toFixed(0)} ms/file = ${(ours / pages).toFixed(1)} ms/page (read + rebuild tables + extract + validate)`,
  );
  console.log(
    `pdftotext -layout: ${poppler.toFixed(0)} ms/file = ${(poppler / pages).toFixed(1)} ms/page (text only, separate process)`,
  );
  console.log(`ratio import ÷ pdftotext: ${(ours / poppler).toFixed(1)}×`);
}
