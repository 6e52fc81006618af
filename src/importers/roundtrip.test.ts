/**
 * Round trip (issue #7): import(render(dossier)) gives the dossier back, for varied dossiers and
 * from every rendition: HTML, DOCX (mammoth), XLSX annexes (exceljs) and PDF (Chromium → pdfjs).
 * What a rendition does not print cannot come back; those fields are listed here with the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dossier } from '../core/dossier/schema.ts';
import { makeDossier } from '../core/testing/factories.ts';
import { renderDocx } from '../render/docx.ts';
import { loadExample, modelOf } from '../render/fixtures.test-support.ts';
import { renderHtml } from '../render/html.ts';
import { PdfRenderer } from '../render/pdf.ts';
import { renderXlsx } from '../render/xlsx.ts';
import { compareDossiers, formatComparison } from './compare.ts';
import { expectedDossier } from './fixtures/truth.ts';
import { importBytes } from './import.ts';

/** Not printed by the renditions (or printed as the engine computed it): not expected back. */
const NOT_PRINTED: ReadonlyArray<[RegExp, string]> = [
  [/^unit\.(region|level)$/, 'the report does not print region and level'],
  [/\.tier$/, 'the qualitative tier is not printed'],
  [/^indicators\[\d+\]\.kind$/, 'kind is inferred on import when the dossier left it out'],
  [
    /^indicators\[\d+\]\.(score|deviation)$/,
    'the rendered grid shows the computed score and the engine notes',
  ],
  [
    new RegExp(
      String.raw`^(expenditure\.(personnel|publicFunds|projects\[\d+\]\.money)|threePublic\.\w+)` +
        String.raw`\.adjustedBudget$`,
    ),
    '附件1 has no adjusted-budget column',
  ],
  [/\.priorInitialBudget$/, 'prior-year initial budgets are not printed (only the growth)'],
  [
    /^threePublic\.(abroad|vehiclePurchase)\.actual$/,
    'the narrative writes 无 for an item not filled, which reads back as a stated nil',
  ],
];
/** An XLSX workbook holds the annexes only: narrative-only facts cannot come back. */
const NOT_IN_ANNEXES = new RegExp(
  [
    String.raw`^unit\.(offices|staffing\.` +
      String.raw`(authorizedAdministrative|authorizedInstitutional|retired))`,
    String.raw`^assets\.`,
    String.raw`^filing\.(basis|publication)$`,
  ].join('|'),
);

const DOSSIERS: ReadonlyArray<[string, () => Dossier]> = [
  ['example', loadExample],
  ['truth', expectedDossier],
  ['factory', () => makeDossier()],
];

function check(d: Dossier, imported: Dossier | undefined, extra?: RegExp, minShare = 0.6): void {
  expect(imported).toBeDefined();
  const cmp = compareDossiers(
    { ...d, statements: [], provenance: undefined },
    { ...imported!, statements: [], provenance: undefined },
  );
  const left = cmp.diffs.filter(
    (x) => !NOT_PRINTED.some(([re]) => re.test(x.path)) && !(extra && extra.test(x.path)),
  );
  expect(left, formatComparison(cmp).join('\n')).toEqual([]);
  expect(cmp.matched).toBeGreaterThan(cmp.fields * minShare);
}

describe('round trip: import(render(dossier))', () => {
  for (const [name, make] of DOSSIERS) {
    it(`${name}: HTML`, async () => {
      const d = make();
      const r = await importBytes(Buffer.from(renderHtml(modelOf(d))), `${name}.html`);
      check(d, r.dossier);
    });
    it(`${name}: DOCX`, async () => {
      const d = make();
      const r = await importBytes(await renderDocx(modelOf(d)), `${name}.docx`);
      check(d, r.dossier);
    });
    it(`${name}: XLSX annexes`, async () => {
      const d = make();
      const r = await importBytes(await renderXlsx(modelOf(d)), `${name}.xlsx`);
      check(d, r.dossier, NOT_IN_ANNEXES);
      expect(r.dossier!.provenance?.['indicators[0].weight']?.sheet).toBe('附件2');
    });
  }
});

// The PDF is printed with embedded TrueType CJK fonts and read with pdfjs. Two causes of past
// failures are fixed at both ends: .ci/otf2ttf.py drops the font's cmap entries for C0 controls
// and radical look-alikes (Chromium wrote U+0001 for each space, U+2F69 for 白), and
// normaliseLine reads controls as spaces for PDFs made elsewhere.
describe('round trip through PDF (Chromium print → pdfjs)', () => {
  let renderer: PdfRenderer;
  beforeAll(async () => {
    renderer = await PdfRenderer.launch();
  }, 60_000);
  afterAll(async () => {
    await renderer?.close();
  });

  for (const [name, make] of DOSSIERS) {
    it(`${name}: PDF: narrative, 附件1, budget, goal and grid return with page numbers`, async () => {
      const d = make();
      const pdf = await renderer.render(modelOf(d));
      const r = await importBytes(pdf, `${name}.pdf`);
      check(d, r.dossier);
      const pages = new Set(Object.values(r.dossier!.provenance ?? {}).map((p) => p.page));
      expect(pages.size).toBeGreaterThan(3);
    }, 60_000);
  }
});
