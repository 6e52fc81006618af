import { describe, expect, it } from 'vitest';
import { renderHtml, tableHtml } from './html.ts';
import { layoutTable, columnLetters, headerRowCount } from './layout.ts';
import { cellText, keyFigures, loadExample, modelOf } from './fixtures.test-support.ts';

const model = modelOf(loadExample());
const html = renderHtml(model);

describe('renderHtml', () => {
  it('is one self-contained document: inline CSS, no external resources or scripts', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).not.toMatch(/<link |<script|src=|url\(/);
  });

  it('prints per GB/T 9704: A4, margins 37/26/35/28 mm, 16/22 pt body/title, page numbers', () => {
    expect(html).toContain('@page { size: A4; margin: 37mm 26mm 35mm 28mm;');
    expect(html).toMatch(/body \{[^}]*font-size: 16pt/);
    expect(html).toMatch(/h1\.title \{[^}]*font-size: 22pt/);
    expect(html).toContain('content: "— " counter(page) " —"');
    expect(renderHtml(model, { pageNumbers: 'none' })).not.toContain('counter(page)');
  });

  it('carries the figures, marked, and annex tables with merged cells, repeated headers', () => {
    const f = keyFigures(model);
    expect(html).toContain(
      `<span class="fig" data-figure="execution.rate">${f['execution.rate']}</span>`,
    );
    expect(html).toContain(`data-id="a2.total.score">${cellText(model, 'a2.total.score')}</td>`);
    expect(html).toMatch(/<td rowspan="6">产出指标（40分）<\/td>/);
    expect(html).toMatch(/<thead><tr><th>一级指标<\/th>/);
    expect(html).not.toMatch(/undefined|NaN/);
  });

  it('escapes text', () => {
    const t = tableHtml({ id: 't', columns: [1], rows: [{ cells: [{ text: '<b>&"x"' }] }] });
    expect(t).toContain('&lt;b&gt;&amp;&quot;x&quot;');
  });
});

describe('layoutTable', () => {
  it('places cells around row and column spans', () => {
    const g = layoutTable({
      id: 't',
      columns: [1, 1, 1],
      rows: [
        {
          header: true,
          cells: [
            { text: 'A', rowSpan: 2 },
            { text: 'B', colSpan: 2 },
          ],
        },
        { cells: [{ text: 'C' }, { text: 'D' }] },
      ],
    });
    expect(g.placed.map((p) => `${p.cell.text}@${p.row},${p.col}`)).toEqual([
      'A@0,0',
      'B@0,1',
      'C@1,1',
      'D@1,2',
    ]);
    expect(g.at[1]?.[0]?.cell.text).toBe('A');
    expect(
      headerRowCount({ id: 't', columns: [1], rows: [{ header: true, cells: [] }, { cells: [] }] }),
    ).toBe(1);
  });

  it('rejects a row wider than the table (a model bug)', () => {
    expect(() =>
      layoutTable({ id: 't', columns: [1], rows: [{ cells: [{ text: 'a' }, { text: 'b' }] }] }),
    ).toThrow(/overflows/);
  });

  it('names spreadsheet columns', () => {
    expect([0, 7, 25, 26, 27, 701].map(columnLetters)).toEqual(['A', 'H', 'Z', 'AA', 'AB', 'ZZ']);
  });
});
