/**
 * `npm run eval:import`: field accuracy of the importer over every input we have a truth for —
 * the layout fixtures (fixtures/*.txt vs fixtures/truth.ts), the renditions of varied dossiers
 * (HTML, DOCX, XLSX, and PDF when Chromium is installed) and, when ../shared is present, the
 * published seed report against examples/hengyang-finance-office-2023.yaml. Prints one line per
 * input and the totals; prose fields are not scored (see compare.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dossier } from '../core/dossier/schema.ts';
import { makeDossier } from '../core/testing/factories.ts';
import { loadDossierFile } from '../io/load-dossier.ts';
import { renderDocx } from '../render/docx.ts';
import { loadExample, modelOf } from '../render/fixtures.test-support.ts';
import { renderHtml } from '../render/html.ts';
import { findChromium, PdfRenderer } from '../render/pdf.ts';
import { renderXlsx } from '../render/xlsx.ts';
import { compareDossiers, type Comparison } from './compare.ts';
import { LAYOUTS } from './fixtures/layouts.ts';
import { expectedDossier } from './fixtures/truth.ts';
import { importBytes, type ImportReport } from './import.ts';

const root = join(import.meta.dirname, '..', '..');
const rows: {
  name: string;
  cmp?: Comparison;
  report?: ImportReport;
  ms: number;
  error?: string;
}[] = [];

async function measure(
  name: string,
  expected: Dossier,
  bytes: Buffer,
  file: string,
): Promise<void> {
  const t0 = performance.now();
  try {
    const report = await importBytes(bytes, file);
    const ms = performance.now() - t0;
    if (!report.dossier) {
      rows.push({ name, ms, error: report.errors.map((e) => e.message).join('; ') });
      return;
    }
    const cmp = compareDossiers(expected, report.dossier);
    rows.push({ name, cmp, report, ms });
  } catch (err) {
    rows.push({ name, ms: performance.now() - t0, error: (err as Error).message });
  }
}

const truth = expectedDossier();
for (const layout of LAYOUTS)
  await measure(
    `fixture ${layout}`,
    truth,
    readFileSync(join(import.meta.dirname, 'fixtures', `${layout}.txt`)),
    `${layout}.txt`,
  );

const seed = join(root, '..', 'shared', 'seed', 'hengyang-finance-office-2023.txt');
const exampleFile = join(root, 'examples', 'hengyang-finance-office-2023.yaml');
if (existsSync(seed) && existsSync(exampleFile))
  await measure(
    'seed report (text)',
    await loadDossierFile(exampleFile),
    readFileSync(seed),
    'seed.txt',
  );
else console.log('(seed report not found at ../shared: skipped)');

const dossiers: [string, Dossier][] = [
  ['example', loadExample()],
  ['truth', truth],
  ['factory', makeDossier()],
];
for (const [name, d] of dossiers) {
  const model = modelOf(d);
  const strip = { ...d, statements: [] };
  await measure(`${name} → HTML`, strip, Buffer.from(renderHtml(model)), `${name}.html`);
  await measure(`${name} → DOCX`, strip, await renderDocx(model), `${name}.docx`);
  await measure(`${name} → XLSX`, strip, await renderXlsx(model), `${name}.xlsx`);
}
if (findChromium()) {
  const r = await PdfRenderer.launch();
  try {
    for (const [name, d] of dossiers)
      await measure(
        `${name} → PDF`,
        { ...d, statements: [] },
        await r.render(modelOf(d)),
        `${name}.pdf`,
      );
  } finally {
    await r.close();
  }
} else console.log('(chromium not found: PDF round trips skipped)');

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '—');
console.log(
  [
    'input'.padEnd(26),
    'fields'.padStart(11),
    'accuracy'.padStart(9),
    'statements'.padStart(11),
    'to confirm'.padStart(10),
    'ms'.padStart(7),
  ].join(' '),
);
let f = 0;
let fm = 0;
let s = 0;
let sm = 0;
for (const r of rows) {
  if (!r.cmp) {
    console.log(`${r.name.padEnd(26)} FAILED: ${r.error ?? ''}`);
    continue;
  }
  const c = r.cmp;
  f += c.fields;
  fm += c.matched;
  s += c.statements.expected;
  sm += c.statements.matched;
  const statements = c.statements.expected
    ? `${c.statements.matched}/${c.statements.expected}`
    : '—';
  console.log(
    [
      r.name.padEnd(26),
      `${c.matched}/${c.fields}`.padStart(11),
      pct(c.matched, c.fields).padStart(9),
      statements.padStart(11),
      String(r.report?.uncertain.length ?? 0).padStart(10),
      r.ms.toFixed(0).padStart(7),
    ].join(' '),
  );
}
console.log(
  [
    'TOTAL'.padEnd(26),
    `${fm}/${f}`.padStart(11),
    pct(fm, f).padStart(9),
    `${sm}/${s}`.padStart(11),
  ].join(' '),
);
console.log(
  'Fields not printed by a rendition (region, tier, adjusted budgets of 附件1, computed scores)' +
    ' count as misses in the round-trip lines.',
);
