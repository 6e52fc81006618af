/**
 * ReportModel → one self-contained HTML file (inline CSS, no external resources), laid out after
 * GB/T 9704-2012 for printing: A4, margins top 37 mm / bottom 35 mm / left 28 mm / right 26 mm,
 * title 22 pt 小标宋, body 16 pt 仿宋 at a fixed ~29 pt line pitch (22 lines a page), 一级 headings
 * 黑体, 二级 楷体, page numbers "— N —" in 14 pt 宋体. Annexes print landscape on their own pages;
 * table header rows sit in <thead> so Chromium repeats them on every page.
 */
import type { Annex, Block, Cell, ReportModel, Table } from '../core/report/model.ts';
import { headerRowCount } from './layout.ts';

export interface HtmlOptions {
  /**
   * css: page numbers by CSS @page margin boxes (browsers that support them);
   * none: leave them to the printer (the PDF renderer adds a footer template).
   */
  readonly pageNumbers?: 'css' | 'none';
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const lines = (s: string): string => s.split('\n').map(esc).join('<br>');

// Font stacks: the GB/T fonts by their Windows/WPS names first, then the free Noto CJK fonts
// (fonts-noto-cjk) that a Linux print server has.
const FANGSONG = `"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", "Noto Serif SC", serif`;
const HEITI = `"黑体", "SimHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif`;
const KAITI = `"楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", "Noto Serif CJK SC", serif`;
const XIAOBIAOSONG = `"方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "Noto Serif CJK SC", serif`;
const SONG = `"宋体", "SimSun", "Noto Serif CJK SC", serif`;

function css(opts: HtmlOptions): string {
  const pageNumber =
    opts.pageNumbers === 'css'
      ? `@bottom-center { content: "— " counter(page) " —"; font-family: ${SONG}; font-size: 14pt; }`
      : '';
  return `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; ${pageNumber} }
@page annex { size: A4 landscape; margin: 28mm 30mm 26mm 30mm; ${pageNumber} }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: #000; background: #fff; font-family: ${FANGSONG}; font-size: 16pt; line-height: 28.95pt; }
.page { max-width: 156mm; margin: 0 auto; padding: 12mm 0; }
h1.title { font-family: ${XIAOBIAOSONG}; font-size: 22pt; line-height: 36pt; font-weight: normal; text-align: center; margin: 0 0 28.95pt; }
h1.title .unit { display: block; }
h2 { font-family: ${HEITI}; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; line-height: 28.95pt; }
h3 { font-family: ${KAITI}; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; line-height: 28.95pt; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.missing { color: #a00; }
section.annex { page: annex; break-before: page; max-width: 237mm; margin: 0 auto; padding: 8mm 0; }
section.annex.portrait { page: auto; max-width: 156mm; }
.annex-label { font-family: ${HEITI}; font-size: 16pt; text-indent: 0; }
.annex-title { text-indent: 0; font-family: ${XIAOBIAOSONG}; font-size: 18pt; line-height: 28pt; text-align: center; margin: 6pt 0 10pt; font-weight: normal; }
.annex p { text-indent: 0; font-size: 12pt; line-height: 18pt; }
table { border-collapse: collapse; width: 100%; font-size: 10.5pt; line-height: 13pt; margin: 0; }
table + table { margin-top: -1px; }
th, td { border: 1px solid #000; padding: 1.5pt 3pt; vertical-align: middle; text-align: center; font-weight: normal; }
thead th, td.b { font-weight: bold; }
td.l { text-align: left; }
td.r { text-align: right; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
@media print { .page { padding: 0; max-width: none; } section.annex { padding: 0; max-width: none; } }
`;
}

function cellHtml(c: Cell, tag: 'td' | 'th'): string {
  const cls = [c.align === 'left' ? 'l' : c.align === 'right' ? 'r' : '', c.bold ? 'b' : '']
    .filter(Boolean)
    .join(' ');
  const attrs = [
    c.rowSpan && c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : '',
    c.colSpan && c.colSpan > 1 ? ` colspan="${c.colSpan}"` : '',
    cls ? ` class="${cls}"` : '',
    c.id ? ` data-id="${esc(c.id)}"` : '',
  ].join('');
  return `<${tag}${attrs}>${lines(c.text)}</${tag}>`;
}

export function tableHtml(t: Table): string {
  const total = t.columns.reduce((a, b) => a + b, 0) || 1;
  const cols = t.columns
    .map((w) => `<col style="width:${((w / total) * 100).toFixed(2)}%">`)
    .join('');
  const head = headerRowCount(t);
  const tr = (cells: readonly Cell[], tag: 'td' | 'th') =>
    `<tr>${cells.map((c) => cellHtml(c, tag)).join('')}</tr>`;
  const thead = head
    ? `<thead>${t.rows
        .slice(0, head)
        .map((r) => tr(r.cells, 'th'))
        .join('')}</thead>`
    : '';
  const tbody = `<tbody>${t.rows
    .slice(head)
    .map((r) => tr(r.cells, 'td'))
    .join('')}</tbody>`;
  return `<table data-table="${esc(t.id)}"><colgroup>${cols}</colgroup>${thead}${tbody}</table>`;
}

function blockHtml(b: Block): string {
  if (b.kind === 'heading')
    return b.level === 1 ? `<h2>${esc(b.text)}</h2>` : `<h3>${esc(b.text)}</h3>`;
  const runs = b.runs
    .map((r) =>
      r.figure
        ? `<span class="fig" data-figure="${esc(r.figure)}">${esc(r.text)}</span>`
        : esc(r.text),
    )
    .join('');
  return `<p${b.source === 'missing' ? ' class="missing"' : ''}>${runs}</p>`;
}

function annexHtml(a: Annex): string {
  return `<section class="annex${a.landscape ? '' : ' portrait'}" id="${esc(a.id)}">
<p class="annex-label">${esc(a.label)}</p>
<h2 class="annex-title">${esc(a.title)}</h2>
${a.before.map((l) => `<p>${esc(l)}</p>`).join('\n')}
${a.tables.map(tableHtml).join('\n')}
${a.after.map((l) => `<p>${esc(l)}</p>`).join('\n')}
</section>`;
}

/** Render the report model as one HTML document (UTF-8 string). */
export function renderHtml(model: ReportModel, opts: HtmlOptions = {}): string {
  const o: HtmlOptions = { pageNumbers: opts.pageNumbers ?? 'css' };
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="jixiao">
<title>${esc(model.unitName)}${esc(model.title)}</title>
<style>${css(o)}</style>
</head>
<body>
<main class="page">
<h1 class="title"><span class="unit">${esc(model.unitName)}</span>${esc(model.title)}</h1>
${model.body.map(blockHtml).join('\n')}
</main>
${model.annexes.map(annexHtml).join('\n')}
</body>
</html>
`;
}
