import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputErrors } from '../core/errors/input-error.ts';
import { makeDossier } from '../core/testing/factories.ts';
import { parseDossierText } from '../io/load-dossier.ts';
import { PdfRenderer, findChromium } from './pdf.ts';
import { cellText, keyFigures, loadExample, modelOf } from './fixtures.test-support.ts';

describe('PdfRenderer without Chromium', () => {
  it('fails with the install command as input error data (exit 2), no stack trace', async () => {
    const err = await PdfRenderer.launch({ executablePath: '/nonexistent/chromium' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputErrors);
    expect((err as InputErrors).errors[0]?.message).toContain(
      'apt-get install chromium fonts-noto-cjk',
    );
    expect(findChromium({ JIXIAO_CHROMIUM: '/nonexistent/chromium' })).toBeNull();
  });
});

const hasTools = findChromium() !== null && existsSync('/usr/bin/pdftotext');
describe.skipIf(!hasTools)('PdfRenderer with Chromium (read back with pdftotext)', () => {
  const model = modelOf(loadExample());
  let renderer: PdfRenderer;
  let dir: string;
  let text: string;
  let pages: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-pdf-'));
    renderer = await PdfRenderer.launch();
    const file = join(dir, 'report.pdf');
    writeFileSync(file, await renderer.render(model));
    text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    pages = text.split('\f');
  }, 120_000);
  afterAll(async () => {
    await renderer?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is A4 with CJK text and a "— N —" footer on every page', () => {
    const info = execFileSync('pdfinfo', [join(dir, 'report.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    // Annex pages are landscape (the @page "annex" rule).
    const sizes = execFileSync('pdfinfo', ['-f', '1', '-l', '99', join(dir, 'report.pdf')], {
      encoding: 'utf8',
    });
    expect(sizes).toMatch(/size:\s+84[12](\.\d+)? x 59[45](\.\d+)? pts/);
    expect(text).toContain('部门整体支出绩效自评报告');
    const real = pages.filter((p) => p.trim() !== '');
    expect(real.length).toBeGreaterThan(5);
    real.forEach((p, i) => expect(p, `page ${i + 1}`).toMatch(new RegExp(`— ?${i + 1} ?—`)));
  });

  it('prints the computed figures, and the narrative agrees with the annex tables', () => {
    const flat = text.replace(/\s+/g, '');
    const f = keyFigures(model);
    for (const key of [
      'expenditure.basic.actual',
      'execution.rate',
      'budget.decrease',
      'assets.growth.rate',
      'threePublic.total.actual',
      'score.total',
    ]) {
      expect(flat, key).toContain(f[key]);
    }
    // 附件2 total row and 附件1 basic row, as laid out on the page.
    expect(text).toMatch(
      new RegExp(
        [
          '年度资金总额',
          cellText(model, 'a2.total.initialBudget'),
          cellText(model, 'a2.total.adjustedBudget'),
          cellText(model, 'a2.total.actual'),
          '\\S+',
          String(f['execution.rate']),
        ].join('\\s+'),
      ),
    );
    expect(text).toMatch(
      new RegExp(
        `一、部门基本支出\\s+\\S+\\s+\\S+\\s+${(f['expenditure.basic.actual'] ?? '').replace('万元', '')}`,
      ),
    );
    expect(text).toMatch(
      new RegExp(
        `总分\\s+\\S+\\s+${cellText(model, 'a2.total.score')}\\s+评价等次：${model.summary.grade}`,
      ),
    );
  });

  it('extracts as typed: no control characters, radicals or compatibility ideographs', async () => {
    // Chromium writes each glyph's ToUnicode entry from the lowest code point the font maps to
    // it; a font mapping U+0001 to its space or U+2F69 (radical) to 白 would read back wrong.
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const bytes = new Uint8Array(readFileSync(join(dir, 'report.pdf')));
    const doc = await getDocument({ data: bytes, verbosity: 0 }).promise;
    let extracted = '';
    for (let p = 1; p <= doc.numPages; p++) {
      const content = await (await doc.getPage(p)).getTextContent();
      for (const item of content.items) if ('str' in item) extracted += item.str + '\n';
    }
    await doc.destroy();
    const wrong = /[\u0000-\u0008\u000b\u000e-\u001f\u2e80-\u2fdf\uf900-\ufaff]/gu;
    for (const [name, t] of [
      ['pdfjs', extracted],
      ['pdftotext', text],
    ] as const) {
      const found = [...new Set(t.match(wrong) ?? [])].map(
        (c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}`,
      );
      expect(found, name).toEqual([]);
    }
    // Spot checks against words of the seed example typed in the dossier.
    expect(extracted).toContain('支出');
    expect(extracted.replace(/\s+/g, '')).toContain('部门整体支出绩效自评报告');
  }, 60_000);

  it('repeats the indicator grid header on every page the grid reaches', () => {
    const gridPages = pages.filter((p) => /定性\s+成效明显/.test(p));
    expect(gridPages.length).toBeGreaterThan(0);
    for (const p of gridPages) expect(p).toContain('偏差原因分析及改进措施');
  });

  it('embeds real fonts: no Type 3, all embedded, distinct body/heading/page-number faces', () => {
    const fonts = execFileSync('pdffonts', [join(dir, 'report.pdf')], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter(Boolean);
    expect(fonts.length).toBeGreaterThanOrEqual(4);
    for (const line of fonts) {
      expect(line, line).not.toMatch(/Type 3/);
      expect(line, line).toMatch(/CID TrueType|CID Type 0C|TrueType/);
      expect(line, line).toMatch(/\syes\s+(yes|no)\s+(yes|no)\s+\d+/);
    }
    // One face each for 仿宋 body, 黑体 and 楷体 headings, 宋体 page number (and the title).
    const names = new Set(fonts.map((l) => l.split(/\s+/)[0]?.replace(/^[A-Z]{6}\+/, '')));
    expect(names.size).toBeGreaterThanOrEqual(4);
  });

  it('paginates: "— N —" right on odd pages, left on even; no heading last on a page', () => {
    const real = pages.filter((p) => p.trim() !== '');
    real.forEach((p, i) => {
      const lines = p.split('\n').filter((l) => l.trim() !== '');
      const last = lines[lines.length - 1] ?? '';
      const m = /^(\s*)— ?(\d+) ?—\s*$/.exec(last);
      expect(m, `page ${i + 1}: ${last}`).not.toBeNull();
      expect(Number(m?.[2])).toBe(i + 1);
      // Odd pages: the number sits right (indented); even pages: at the left margin.
      if ((i + 1) % 2 === 1) expect((m?.[1] ?? '').length, `page ${i + 1}`).toBeGreaterThan(20);
      else expect((m?.[1] ?? '').length, `page ${i + 1}`).toBeLessThan(10);
      // The line above the number is not a section heading stranded at the page foot.
      const above = (lines[lines.length - 2] ?? '').trim();
      expect(above, `page ${i + 1}`).not.toMatch(
        /^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）[^，。]{0,20}$/,
      );
    });
  });

  it('reuses one browser for several reports', async () => {
    const other = await renderer.render(modelOf(makeDossier()));
    expect(other.subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);
});

/** Every example dossier of examples/ (the ones that load), printed and read back per page. */
const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/', import.meta.url));
const PAGE_NUMBER = /^\s*— ?\d+ ?—\s*$/;
const HEADING = /^\s*([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)[^，。；]{0,24}$/;
/** Rows that only sum up a table: 预算执行 and 总分 of the indicator grid, 合计. */
const TOTAL_ROW = /^\s*(预算执行（|预算执行\s|总分|合计|评价等次)/;
const GRID_HEADER = /一级指标.*得分/;
const indent = (l: string): number => l.length - l.trimStart().length;

/** A page's text lines, without the page number, the 草稿 mark and blank lines. */
function contentLines(page: string): string[] {
  const out: string[] = [];
  for (const l of page.split('\n')) {
    if (l.trim() === '' || PAGE_NUMBER.test(l) || l.trim() === '草稿') continue;
    // Chromium squeezes "）。" (CJK punctuation trimming): the overlapped 。 reads as a line of its
    // own in -layout output. It belongs to the line above.
    if (/^\s*[。，、；：）]/.test(l) && out.length > 0) continue;
    out.push(l);
  }
  return out;
}

describe.skipIf(!hasTools)('PDF pagination of every example (pdftotext -layout per page)', () => {
  const files = readdirSync(EXAMPLES_DIR).filter((f) => /\.ya?ml$/.test(f));
  const printed = new Map<string, string[][]>();
  let renderer: PdfRenderer;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-pages-'));
    renderer = await PdfRenderer.launch();
    for (const f of files) {
      const path = join(EXAMPLES_DIR, f);
      const loaded = parseDossierText(readFileSync(path, 'utf8'), path);
      if (!loaded.ok) continue;
      const file = join(dir, `${f}.pdf`);
      writeFileSync(file, await renderer.render(modelOf(loaded.dossier)));
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      printed.set(
        f,
        text
          .split('\f')
          .filter((p) => p.trim() !== '')
          .map(contentLines),
      );
    }
  }, 300_000);
  afterAll(async () => {
    await renderer?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints three or more examples, all fonts embedded and no Type 3 (pdffonts)', () => {
    expect(printed.size).toBeGreaterThanOrEqual(3);
    for (const f of printed.keys()) {
      const fonts = execFileSync('pdffonts', [join(dir, `${f}.pdf`)], { encoding: 'utf8' })
        .split('\n')
        .slice(2)
        .filter(Boolean);
      expect(fonts.length, f).toBeGreaterThanOrEqual(4);
      for (const line of fonts) {
        expect(line, `${f}: ${line}`).not.toMatch(/Type 3/);
        expect(line, `${f}: ${line}`).toMatch(/\syes\s+(yes|no)\s+(yes|no)\s+\d+/);
      }
    }
  });

  it('has no near-empty page, no page of only total rows, no heading at a page foot', () => {
    for (const [f, pages] of printed)
      pages.forEach((lines, i) => {
        const at = `${f} p.${i + 1}: ${lines.join(' / ')}`;
        // Two lines of a note, or a table's last row, alone on a page.
        expect(lines.length, at).toBeGreaterThanOrEqual(3);
        const rows = lines.filter((l) => !GRID_HEADER.test(l));
        expect(rows.length > 0 && rows.every((l) => TOTAL_ROW.test(l)), at).toBe(false);
        expect(lines[lines.length - 1], at).not.toMatch(HEADING);
      });
  });

  it('has no widow or orphan of one line in the body text', () => {
    for (const [f, pages] of printed) {
      // Body pages: before the page that opens with the 附件1 label.
      const annexAt = pages.findIndex((l) => /^\s*附件\d/.test(l[0] ?? ''));
      const body = pages.slice(0, annexAt < 0 ? pages.length : annexAt);
      for (let i = 0; i + 1 < body.length; i++) {
        const last = body[i]![body[i]!.length - 1] ?? '';
        const next = body[i + 1]!;
        const at = `${f} p.${i + 1}–${i + 2}: “${last.trim()}” / “${(next[0] ?? '').trim()}”`;
        // Paragraph first lines are indented (2em), continuation lines start at the margin.
        const continues = next.length > 0 && indent(next[0]!) < 2;
        // Orphan: a paragraph's first line alone at the foot, the rest on the next page.
        expect(indent(last) >= 2 && !HEADING.test(last) && continues, `orphan ${at}`).toBe(false);
        // Widow: a paragraph's last line alone at the top of the next page.
        const alone = next.length === 1 || indent(next[1] ?? '') >= 2;
        expect(continues && alone, `widow ${at}`).toBe(false);
      }
    }
  });
});
