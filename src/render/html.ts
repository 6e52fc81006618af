/**
 * ReportModel → one self-contained HTML file (inline CSS, no external resources), laid out after
 * GB/T 9704-2012 for printing: A4, margins top 37 mm / bottom 35 mm / left 28 mm / right 26 mm,
 * title 22 pt 小标宋, body 16 pt 仿宋 at a fixed ~29 pt line pitch (22 lines a page), 一级 headings
 * 黑体, 二级 楷体, page numbers "— N —" in 14 pt 宋体. Annexes print landscape on their own pages;
 * table header rows sit in <thead> so Chromium repeats them on every page.
 */
import type { Annex, Block, Cell, ReportModel, Table } from '../core/report/model.ts';
import { escapeMarkup as esc } from '../core/text/markup.ts';
import { headerRowCount } from './layout.ts';

export interface HtmlOptions {
  /**
   * css: page numbers by CSS @page margin boxes (browsers that support them);
   * none: leave them to the printer (the PDF renderer adds a footer template).
   */
  readonly pageNumbers?: 'css' | 'none';
  /** Mark every page 草稿 (page header) and lay a 草稿 watermark over it; default: model.draft. */
  readonly draft?: boolean;
}

const lines = (s: string): string => s.split('\n').map(esc).join('<br>');

// Font stacks: the GB/T fonts by their Windows/WPS names first, then free fonts with TrueType
// outlines that Debian ships (.ci/install-fonts.sh). No CFF-outline font (Noto CJK .ttc/.otf) is
// named: Chromium's PDF backend writes those as Type 3 glyph procedures, not as embedded fonts.
const FANGSONG = `"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "FandolFang", serif`;
// 黑体: FandolHei first (10k glyphs), WenQuanYi Zen Hei (45k) only for a character FandolHei lacks:
// Chromium subsets every font it embeds on each print, and the larger face cost ~0.5 s CPU a PDF.
const HEITI = `"黑体", "SimHei", "FandolHei", "WenQuanYi Zen Hei", sans-serif`;
const KAITI =
  '"楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", ' + '"AR PL KaitiM GB", "AR PL UKai CN", serif';
const XIAOBIAOSONG = `"方正小标宋简体", "FZXiaoBiaoSong-B05S", "FandolSong", serif`;
const SONG = `"宋体", "SimSun", "AR PL SungtiL GB", "AR PL UMing CN", serif`;

/**
 * GB/T 9704 7.5: "— 1 —" in 4号 (14 pt) 宋体, 7 mm below the text block, 1 character in from the edge.
 */
const PAGE_NUMBER =
  `content: "— " counter(page) " —"; font-family: ${SONG}; font-size: 14pt;` +
  ' vertical-align: top; padding-top: 7mm;';

function pageBoxes(draft: boolean): string {
  const mark = draft
    ? `@top-center { content: "草稿"; font-family: ${HEITI}; font-size: 14pt; color: #c00;` +
      ' vertical-align: bottom; padding-bottom: 6mm; }'
    : '';
  return `@page :right { @bottom-right { ${PAGE_NUMBER} padding-right: 14pt; } ${mark} }
@page :left { @bottom-left { ${PAGE_NUMBER} padding-left: 14pt; } ${mark} }
@page annex:right { @bottom-right { ${PAGE_NUMBER} padding-right: 14pt; } ${mark} }
@page annex:left { @bottom-left { ${PAGE_NUMBER} padding-left: 14pt; } ${mark} }`;
}

function css(opts: Required<HtmlOptions>): string {
  return [
    '',
    '@page { size: A4; margin: 37mm 26mm 35mm 28mm; }',
    '@page annex { size: A4 landscape; margin: 28mm 30mm 26mm 30mm; }',
    `${opts.pageNumbers === 'css' ? pageBoxes(opts.draft) : ''}`,
    'html { -webkit-text-size-adjust: 100%; }',
    '/* No synthetic bold or italic: Chromium prints synthesised glyphs as Type 3 (see' +
      ' .ci/install-fonts.sh). */',
    `body { margin: 0; color: #000; background: #fff; font-family: ${FANGSONG};` +
      ' font-size: 16pt; line-height: 28.95pt; font-synthesis: none; orphans: 2; widows: 2; }',
    '.page { max-width: 156mm; margin: 0 auto; padding: 12mm 0; }',
    `h1.title { font-family: ${XIAOBIAOSONG}; font-size: 22pt; line-height: 36pt;` +
      ' font-weight: bold; text-align: center; margin: 0 0 28.95pt; break-after: avoid; }',
    'h1.title .unit { display: block; }',
    'h2, h3 { font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em;' +
      ' line-height: 28.95pt; break-after: avoid; break-inside: avoid; }',
    `h2 { font-family: ${HEITI}; }`,
    `h3 { font-family: ${KAITI}; }`,
    'p { margin: 0; text-indent: 2em; text-align: justify; orphans: 2; widows: 2; }',
    'p.short { break-inside: avoid; }',
    'p.signature { text-indent: 0; text-align: right; padding-right: 4em; break-before: avoid;' +
      ' break-inside: avoid; }',
    'p.signature + p.signature { break-before: avoid; }',
    '/* The 附件 list and the 落款 never stand alone on the last page: lines of the text before' +
      ' come along. */',
    'p.annex-list { break-after: avoid; break-before: avoid; }',
    'p.annex-item { text-indent: 0; padding-left: 5em; text-align: left; break-after: avoid; }',
    'p.annex-item + p.annex-item { text-indent: -1.5em; }',
    'p.annex-item:first-of-type { text-indent: 0; }',
    'table.review { font-size: 12pt; line-height: 16pt; margin: 6pt 0; break-inside: auto; }',
    'table.review td, table.review th { padding: 2pt 3pt; }',
    'p.missing { color: #a00; }',
    'section.annex { page: annex; break-before: page; max-width: 237mm; margin: 0 auto;' +
      ' padding: 8mm 0; }',
    'section.annex.portrait { page: auto; max-width: 156mm; }',
    `.annex-label { font-family: ${HEITI}; font-size: 16pt; text-indent: 0; break-after: avoid; }`,
    `.annex-title { text-indent: 0; font-family: ${XIAOBIAOSONG}; font-size: 18pt;` +
      ' line-height: 28pt; text-align: center; margin: 6pt 0 10pt; font-weight: bold;' +
      ' break-after: avoid; }',
    '.annex p { text-indent: 0; font-size: 12pt; line-height: 18pt; }',
    'table { border-collapse: collapse; width: 100%; font-size: 10.5pt; line-height: 13pt;' +
      ' margin: 0; }',
    'table + table { margin-top: -1px; }',
    'th, td { border: 1px solid #000; padding: 1.5pt 3pt; vertical-align: middle;' +
      ' text-align: center; font-weight: normal; }',
    '/* Header cells and bold cells in 黑体 instead of a synthesised bold. */',
    `thead th, td.b { font-family: ${HEITI}; }`,
    'td.l { text-align: left; }',
    'td.r { text-align: right; font-variant-numeric: tabular-nums; }',
    'tr { break-inside: avoid; }',
    `/* A table's last rows (预算执行, 总分) never alone at the top of a page: the last three rows keep`,
    '   together, so at least one ordinary row comes with the totals. */',
    'tbody tr:last-child { break-before: avoid; }',
    'tbody tr:nth-last-child(2), tbody tr:nth-last-child(3) { break-after: avoid; }',
    `/* A table's notes (说明, 填表人) stay with its last rows and are not split. */`,
    '.annex p.after { break-inside: avoid; }',
    'table + p.after, p.after + p.after { break-before: avoid; }',
    'thead { display: table-header-group; }',
    '.draft-mark { position: fixed; top: 45%; left: 0; right: 0; text-align: center;' +
      ` font-family: ${HEITI}; font-size: 96pt; line-height: 96pt; color: rgba(200, 0, 0, 0.12);` +
      ' transform: rotate(-30deg); pointer-events: none; z-index: 10; }',
    '.draft-head { display: none; }',
    `@media screen { .draft-head { display: block; text-align: center; font-family: ${HEITI};` +
      ' color: #c00; text-indent: 0; } }',
    '@media print { .page { padding: 0; max-width: none; } section.annex { padding: 0;' +
      ' max-width: none; } }',
    '',
  ].join('\n');
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

export function tableHtml(t: Table, cls?: string): string {
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
  const c = cls ? ` class="${cls}"` : '';
  return (
    `<table${c} data-table="${esc(t.id)}">` + `<colgroup>${cols}</colgroup>${thead}${tbody}</table>`
  );
}

/**
 * A body line holds 27 full-width characters (156 mm at 16 pt); the first is indented 2. A
 * paragraph of up to four lines is never split: Chromium does not always honour widows/orphans (it
 * left "度。" alone atop a page after a heading kept with its paragraph), and a split of so few lines
 * would leave one of them alone anyway. Longer ones split under widows: 2 and orphans: 2.
 */
const SHORT_WIDTH = 4 * 27 - 2;
/** Width in full-width character cells: ASCII and half-width forms count one half. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w += ch.charCodeAt(0) < 0x2e80 || (ch >= '\uff61' && ch <= '\uffdc') ? 0.5 : 1;
  return w;
}

function blockHtml(b: Block): string {
  if (b.kind === 'heading')
    return b.level === 1 ? `<h2>${esc(b.text)}</h2>` : `<h3>${esc(b.text)}</h3>`;
  if (b.kind === 'table') return tableHtml(b.table, 'review');
  const runs = b.runs
    .map((r) =>
      r.figure
        ? `<span class="fig" data-figure="${esc(r.figure)}">${esc(r.text)}</span>`
        : esc(r.text),
    )
    .join('');
  const cls = [
    b.source === 'missing' ? 'missing' : '',
    b.role && b.role !== 'body' ? b.role : '',
    (b.role ?? 'body') === 'body' && textWidth(b.runs.map((r) => r.text).join('')) <= SHORT_WIDTH
      ? 'short'
      : '',
  ].filter(Boolean);
  return `<p${cls.length ? ` class="${cls.join(' ')}"` : ''}>${runs}</p>`;
}

function annexHtml(a: Annex): string {
  return `<section class="annex${a.landscape ? '' : ' portrait'}" id="${esc(a.id)}">
<p class="annex-label">${esc(a.label)}</p>
<h2 class="annex-title">${esc(a.title)}</h2>
${a.before.map((l) => `<p>${esc(l)}</p>`).join('\n')}
${a.tables.map((t) => tableHtml(t)).join('\n')}
${a.after.map((l) => `<p class="after">${esc(l)}</p>`).join('\n')}
</section>`;
}

/** The 草稿 watermark (print) and heading (screen) of a draft. */
const DRAFT_MARK =
  '<div class="draft-mark" aria-hidden="true">草稿</div>\n<p class="draft-head">草稿</p>';

/** Render the report model as one HTML document (UTF-8 string). */
export function renderHtml(model: ReportModel, opts: HtmlOptions = {}): string {
  const o: Required<HtmlOptions> = {
    pageNumbers: opts.pageNumbers ?? 'css',
    draft: opts.draft ?? model.draft === true,
  };
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
${o.draft ? DRAFT_MARK : ''}
<main class="page">
<h1 class="title"><span class="unit">${esc(model.unitName)}</span>${esc(model.title)}</h1>
${model.body.map(blockHtml).join('\n')}
</main>
${model.annexes.map(annexHtml).join('\n')}
</body>
</html>
`;
}
