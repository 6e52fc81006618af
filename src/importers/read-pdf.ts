/**
 * PDF → positioned lines with pdfjs-dist 5 (legacy build, runs on Node 20). Lines, columns and
 * table cells are rebuilt from the text items' coordinates (transform x/y), not from the content
 * stream's order: items on the same baseline (within half a glyph height) form a line, sorted left
 * to right; a horizontal gap wider than about one glyph starts a new cell.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SourceCell, SourceDoc, SourceLine } from './model.ts';
import { normaliseLine } from './normalise.ts';

export class PdfReadError extends Error {
  constructor(readonly reason: 'encrypted' | 'corrupt' | 'scanned', message: string) {
    super(message);
    this.name = 'PdfReadError';
  }
}

interface Item { str: string; x: number; y: number; w: number; h: number }

const CJK_SPACE = /(?<=[\u2E80-\u9fff\uff08\uff09\uff0c\uff1a\uff1b\u3001\u3002\u201c\u201d])\s+|\s+(?=[\u2E80-\u9fff\uff08\uff09\uff0c\uff1a\uff1b\u3001\u3002\u201c\u201d])/g;

const pdfjsDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

function linesOfPage(items: Item[], page: number): SourceLine[] {
  const sorted = items.filter((i) => i.str.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: { y: number; h: number; items: Item[] }[] = [];
  for (const it of sorted) {
    const row = rows.find((r) => Math.abs(r.y - it.y) <= Math.max(1.5, Math.min(r.h, it.h) * 0.5));
    if (row) row.items.push(it); else rows.push({ y: it.y, h: it.h || 10, items: [it] });
  }
  rows.sort((a, b) => b.y - a.y);
  const out: SourceLine[] = [];
  let prevY: number | undefined;
  let prevH = 10;
  rows.forEach((r, idx) => {
    r.items.sort((a, b) => a.x - b.x);
    const cells: { text: string; x: number; end: number }[] = [];
    for (const it of r.items) {
      const last = cells[cells.length - 1];
      const h = it.h || r.h;
      const gap = last ? it.x - last.end : Infinity;
      if (last && gap < h * 1.2) {
        // Same cell: a space only where the gap is a visible space between Latin/number runs.
        last.text += gap > h * 0.25 && !/[\u3400-\u9fff]$/.test(last.text) && !/^[\u3400-\u9fff]/.test(it.str) ? ` ${it.str}` : it.str;
        last.end = Math.max(last.end, it.x + it.w);
      } else cells.push({ text: it.str, x: it.x, end: it.x + it.w });
    }
    // Justified lines spread characters apart: spaces next to CJK characters are layout, not text.
    for (const c of cells) c.text = c.text.replace(CJK_SPACE, '');
    const raw = cells.map((c) => c.text.trim()).join(' ');
    const norm = normaliseLine(raw);
    const cellList: SourceCell[] = cells.length > 1 ? cells.map((c) => ({ text: normaliseLine(c.text.trim()).text, x: c.x })) : [];
    const gapBefore = prevY !== undefined && prevY - r.y > prevH * 1.9;
    out.push({ page, line: idx + 1, text: norm.text.replace(/\s+/g, ' ').trim(), raw, cells: cellList, ...(norm.repaired ? { repaired: true } : {}), ...(gapBefore ? { gapBefore } : {}) });
    prevY = r.y;
    prevH = r.h;
  });
  return out;
}

export async function readPdf(data: Uint8Array, file: string): Promise<SourceDoc> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data: new Uint8Array(data),
      cMapUrl: `${pathToFileURL(join(pdfjsDir, 'cmaps')).href}/`,
      cMapPacked: true,
      standardFontDataUrl: `${pathToFileURL(join(pdfjsDir, 'standard_fonts')).href}/`,
      isEvalSupported: false,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'PasswordException') throw new PdfReadError('encrypted', 'encrypted');
    throw new PdfReadError('corrupt', (err as Error).message ?? String(err));
  }
  try {
    const lines: SourceLine[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const it of content.items) {
        if (!('str' in it)) continue;
        const t = it.transform as number[];
        items.push({ str: it.str, x: t[4] ?? 0, y: t[5] ?? 0, w: it.width, h: it.height || Math.abs(t[3] ?? 10) });
      }
      lines.push(...linesOfPage(items, p));
      page.cleanup();
    }
    if (lines.reduce((n, l) => n + l.text.length, 0) < 20) throw new PdfReadError('scanned', 'no text layer');
    return { kind: 'pdf', file, pages: doc.numPages, lines };
  } finally {
    await doc.destroy();
  }
}
