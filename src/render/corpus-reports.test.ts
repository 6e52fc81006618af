/**
 * Reports of dossiers imported from the real published documents (issue #11): for each corpus
 * document that states money and indicators (by its hand-read NN.json), `jixiao import` then
 * `jixiao report --draft` (HTML and DOCX), and the report's text, read back with an HTML tag strip
 * and with mammoth, holds no placeholder word and one total: every statement of the self-score in
 * the body, the 评分复核说明 and 附件2 gives the same figure, and that figure is the sum of the
 * 得分 column of 附件2 (hand arithmetic over the printed cells, not the engine's total).
 * A 年度指标值 the published grid left blank is imported as no target (never a stand-in word), so
 * the report shows a blank cell and no placeholder of any form.
 * Needs shared/corpus beside the repository (or $CORPUS_DIR); skipped without it.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Decimal from 'decimal.js';
import mammoth from 'mammoth';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run.ts';

/** $CORPUS_DIR, else shared/corpus beside the repository or any ancestor (worktrees nest). */
function findCorpus(): string | undefined {
  if (process.env.CORPUS_DIR)
    return existsSync(process.env.CORPUS_DIR) ? process.env.CORPUS_DIR : undefined;
  for (let d = join(import.meta.dirname, '..', '..'); d !== dirname(d); d = dirname(d)) {
    const c = join(dirname(d), 'shared', 'corpus');
    if (existsSync(c)) return c;
  }
  return undefined;
}
const corpus = findCorpus();

interface HandRead {
  currency_unit: string | null;
  indicators: unknown[] | null;
  report_level: 'department' | 'project' | null;
}

/** Corpus documents with money and at least one indicator row, as read by hand. */
function documents(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .filter((f) => {
      const h = JSON.parse(readFileSync(join(dir, f), 'utf8')) as HandRead;
      return h.currency_unit !== null && (h.indicators?.length ?? 0) > 0;
    })
    .map((f) => f.replace(/\.json$/, '.txt'))
    .filter((f) => existsSync(join(dir, f)));
}

/**
 * Words that stand in for a missing figure or name and must never reach a submitted report
 * (未注明: the importer's stand-in for a unit, project or indicator level the document left out).
 */
const PLACEHOLDER = /未填写|未填|不适用|待填|未注明|undefined|NaN|null|\[object/;

const decodeEntities = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');

/** Visible text of an HTML rendition: styles, scripts and tags removed, one line per block. */
function htmlText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/g, '')
      .replace(/<\/(p|h\d|tr|td|th|li|div|section)>/g, '\n')
      .replace(/<[^>]+>/g, ''),
  );
}

/** 附件2's indicator grid rows (after the 三级指标 header), each as its cells' text. */
function annex2GridRows(html: string): string[][] {
  const start = html.search(/>附件2</);
  expect(start, '附件2 present').toBeGreaterThan(0);
  const end = html.indexOf('</section>', start);
  const section = html.slice(start, end < 0 ? undefined : end);
  const grid = section.indexOf('三级指标');
  expect(grid, '附件2 grid header').toBeGreaterThan(0);
  // From inside the header row: the first whole row matched is the first grid row.
  return [...section.slice(grid).matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...(m[1] ?? '').matchAll(/<t[dh]\b[^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) =>
      decodeEntities((c[1] ?? '').replace(/<[^>]+>/g, '')).trim(),
    ),
  );
}

interface Totals {
  body: string[];
  review: string[];
  annex2: string[];
}

/**
 * Every place the text states the total (before 附件2's title; then its 总分 row). 附件2 is the
 * unit's 部门整体支出绩效自评表, or for a project-level document its project's table.
 */
function totalsInText(text: string): Totals {
  const flat = text.replace(/\s+/g, '');
  const at = flat.search(/附件2(?:部门整体|项目)支出绩效自评表/);
  const body = at < 0 ? flat : flat.slice(0, at);
  // 附件2 up to the next annex label, cells kept apart (a cell ends a line in both readings).
  const from = text.search(/附件2\s*(?:部门整体|项目)支出绩效自评表/);
  const annex2 = from < 0 ? '' : text.slice(from).split(/\n\s*附件3/)[0]!;
  return {
    body: [...body.matchAll(/自评得分(\d+(?:\.\d+)?)分/g)].map((m) => m[1]!),
    review: [...body.matchAll(/复核计算为(\d+(?:\.\d+)?)分/g)].map((m) => m[1]!),
    annex2: [...annex2.matchAll(/总分\s+(\S+)\s+(\S+)\s+评价等次/g)].map((m) => m[2]!),
  };
}

const same = (a: string, b: string): boolean => new Decimal(a).eq(new Decimal(b));

describe.runIf(corpus !== undefined)('reports of dossiers imported from the corpus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-corpus-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const docs = corpus ? documents(corpus) : [];

  it('has documents with money and indicators to check', () => {
    expect(docs.length).toBeGreaterThanOrEqual(5);
  });

  for (const doc of docs) {
    it(`${doc}: no placeholder, one total that is the sum of 附件2's scores`, async () => {
      const name = doc.replace(/\.txt$/, '');
      const yaml = join(dir, `${name}.yaml`);
      const imported = await runCli(['import', join(corpus!, doc), '-o', yaml], {
        capture: true,
      });
      expect(existsSync(yaml), imported.stderr).toBe(true);
      // The imported dossier holds no stand-in word either (a blank target stays absent).
      expect(readFileSync(yaml, 'utf8'), 'imported dossier').not.toMatch(/未填/);
      const level = (JSON.parse(readFileSync(join(corpus!, `${name}.json`), 'utf8')) as HandRead)
        .report_level;
      const out = join(dir, name);
      const rep = await runCli(
        ['report', yaml, '--draft', '--format', 'html,docx', '-o', out, '--today', '2024-06-01'],
        { capture: true },
      );
      expect(rep.code, rep.stderr).toBe(0);
      const html = readFileSync(join(out, `${name}.html`), 'utf8');
      // A unit or project the document does not name leaves no stand-in in the title.
      expect(/<title>([^<]*)<\/title>/.exec(html)?.[1], 'title').not.toMatch(/未注明|[（(]未/);
      const docx = await mammoth.extractRawText({
        buffer: readFileSync(join(out, `${name}.docx`)),
      });

      for (const [form, text] of [
        ['html', htmlText(html)],
        ['docx', docx.value],
      ] as const) {
        const lines = text.split('\n').filter((l) => PLACEHOLDER.test(l));
        expect(lines, `${form}: placeholder words`).toEqual([]);

        const t = totalsInText(text);
        const all = [...t.body, ...t.review, ...t.annex2];
        expect(t.body.length, `${form}: the body states the total`).toBeGreaterThan(0);
        expect(t.annex2.length, `${form}: 附件2 states the total once`).toBe(1);
        for (const v of all)
          expect(same(v, t.annex2[0]!), `${form}: ${all.join(' / ')}`).toBe(true);
        // A project-level document has one 自评表 (its project's): no unit total beside it.
        if (level === 'project')
          expect(
            [...text.matchAll(/总分\s+\S+\s+\S+\s+评价等次/g)].length,
            `${form}: one 总分 row in the whole report`,
          ).toBe(1);
      }

      // The total is the sum of the printed 得分 column of 附件2 (indicators and 预算执行). Grid
      // rows end with 分值, 得分, 偏差原因 (rowspans vary at the left), the 总分 row likewise.
      const rows = annex2GridRows(html);
      const totalRow = rows.find((r) => r[0] === '总分');
      expect(totalRow, '总分 row').toBeDefined();
      let sum = new Decimal(0);
      for (const r of rows) {
        if (r[0] === '总分') break;
        const score = r[r.length - 2] ?? '';
        if (score !== '') sum = sum.plus(new Decimal(score));
      }
      const stated = totalRow![totalRow!.length - 2]!;
      if (!/折算/.test(htmlText(html))) expect(sum.toFixed(2), 'sum of 得分').toBe(stated);
    }, 60_000);
  }
});
