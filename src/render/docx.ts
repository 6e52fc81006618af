/**
 * ReportModel → .docx, laid out after GB/T 9704-2012 (党政机关公文格式):
 * A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title 2号 (22 pt) 方正小标宋简体;
 * body 3号 (16 pt) 仿宋_GB2312 (eastAsia font); 一级 headings 黑体, 二级 楷体_GB2312; fixed line pitch
 * 28.95 pt (22 lines on the 225 mm text block); page numbers "— N —" 4号 (14 pt) 宋体, 7 mm below the
 * text block, odd pages right and even pages left, one character in from the edge (7.5).
 * Annex tables go in landscape sections, 一级/二级 cells merged with vMerge, leading header rows
 * repeated on every page (tableHeader). Word files name the GB fonts; the reader's machine has
 * them.
 *
 * Why the body and the tables are written as WordprocessingML text: the docx library builds a tree
 * of some twenty objects per table cell, and with thousands of indicators the heap it needs made
 * the render time grow with the square of the rows (garbage collection near the heap limit; issue
 * #13: 3,000 indicators 15.4 s, 6,000 66.7 s). The library still writes the package (sections, page
 * setup, headers and footers, styles); each section's content is a placeholder paragraph that is
 * replaced by its XML, which is built in one pass, linear in the number of cells.
 */
import JSZip from 'jszip';
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  TextRun,
  convertMillimetersToTwip,
  type ISectionOptions,
} from 'docx';
import type { Annex, Block, Cell, ReportModel, Table } from '../core/report/model.ts';
import { escapeMarkup as escXml } from '../core/text/markup.ts';
import { headerRowCount, layoutTable } from './layout.ts';

export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;

/** Half-points (docx run size unit). */
const PT = (pt: number): number => Math.round(pt * 2);
/** Fixed line pitch, twips: 225 mm text height ÷ 22 lines ≈ 28.95 pt = 579 twips. */
const LINE = 579;
/** One character of the 16 pt body, twips (16 pt × 20). */
const CHAR = 320;
const A4 = { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) };
/**
 * Footer distance from the paper edge, twips: the page number's line (14 pt exact = 4.94 mm) starts
 * 7 mm below the text block, whose foot is 35 mm from the edge: 35 − 7 − 4.94 ≈ 23.06 mm.
 */
const FOOTER_DISTANCE = Math.round(convertMillimetersToTwip(35 - 7) - 14 * 20);
const MARGIN = {
  top: convertMillimetersToTwip(37),
  bottom: convertMillimetersToTwip(35),
  left: convertMillimetersToTwip(28),
  right: convertMillimetersToTwip(26),
  footer: FOOTER_DISTANCE,
};
/** Landscape annexes: the same margins turned with the page. */
const MARGIN_LANDSCAPE = {
  top: convertMillimetersToTwip(28),
  bottom: convertMillimetersToTwip(26),
  left: convertMillimetersToTwip(37),
  right: convertMillimetersToTwip(35),
  footer: Math.round(convertMillimetersToTwip(26 - 7) - 14 * 20),
};

// ---------- WordprocessingML text ----------

interface RunOpts {
  readonly font?: string;
  /** Points. */
  readonly size?: number;
  readonly bold?: boolean;
  readonly color?: string;
}

function runXml(text: string, o: RunOpts = {}): string {
  const f = escXml(o.font ?? FONTS.body);
  const sz = PT(o.size ?? 16);
  return (
    `<w:r><w:rPr><w:rFonts w:ascii="${f}" w:eastAsia="${f}" w:hAnsi="${f}" w:cs="${f}"/>` +
    `${o.bold ? '<w:b/><w:bCs/>' : ''}${o.color ? `<w:color w:val="${o.color}"/>` : ''}` +
    `<w:sz w:val="${sz}"/><w:szCs w:val="${sz}"/></w:rPr>` +
    `<w:t xml:space="preserve">${escXml(text)}</w:t></w:r>`
  );
}

interface ParaOpts {
  readonly keepNext?: boolean;
  readonly keepLines?: boolean;
  /** Twips and rule of the line pitch. */
  readonly line?: number;
  readonly lineRule?: 'exact' | 'atLeast' | 'auto';
  readonly before?: number;
  readonly after?: number;
  readonly firstLine?: number;
  readonly hanging?: number;
  readonly left?: number;
  readonly right?: number;
  readonly jc?: 'left' | 'center' | 'right' | 'both';
  readonly outline?: number;
}

/** A paragraph; children of pPr in the order CT_PPr requires. */
function paraXml(runs: string, o: ParaOpts = {}): string {
  const pPr: string[] = [];
  if (o.keepNext) pPr.push('<w:keepNext/>');
  if (o.keepLines) pPr.push('<w:keepLines/>');
  pPr.push('<w:widowControl/>');
  if (o.line !== undefined)
    pPr.push(
      '<w:spacing' +
        (o.before !== undefined ? ` w:before="${o.before}"` : '') +
        (o.after !== undefined ? ` w:after="${o.after}"` : '') +
        ` w:line="${o.line}" w:lineRule="${o.lineRule ?? 'exact'}"/>`,
    );
  const ind = [
    o.left !== undefined ? ` w:left="${o.left}"` : '',
    o.right !== undefined ? ` w:right="${o.right}"` : '',
    o.firstLine !== undefined ? ` w:firstLine="${o.firstLine}"` : '',
    o.hanging !== undefined ? ` w:hanging="${o.hanging}"` : '',
  ].join('');
  if (ind) pPr.push(`<w:ind${ind}/>`);
  if (o.jc) pPr.push(`<w:jc w:val="${o.jc}"/>`);
  if (o.outline !== undefined) pPr.push(`<w:outlineLvl w:val="${o.outline}"/>`);
  return `<w:p><w:pPr>${pPr.join('')}</w:pPr>${runs}</w:p>`;
}

function bodyXml(b: Block, widthTwips: number): string {
  if (b.kind === 'heading')
    return paraXml(runXml(b.text, { font: b.level === 1 ? FONTS.heading1 : FONTS.heading2 }), {
      keepNext: true,
      keepLines: true,
      line: LINE,
      firstLine: 2 * CHAR,
      jc: 'both',
      outline: b.level - 1,
    });
  if (b.kind === 'table') return tableXml(b.table, widthTwips, 12);
  const runs = b.runs.map((r) => runXml(r.text)).join('');
  const base = { line: LINE };
  switch (b.role) {
    case 'signature':
      return paraXml(runs, { ...base, jc: 'right', right: 4 * CHAR, keepLines: true });
    case 'annex-list':
      // "附件：1．…": 左空二字, the later items aligned under the first item's name.
      return paraXml(runs, {
        ...base,
        left: 5 * CHAR + 2 * CHAR,
        hanging: 5 * CHAR,
        jc: 'left',
        keepNext: true,
      });
    case 'annex-item':
      return paraXml(runs, {
        ...base,
        left: 5 * CHAR + 2 * CHAR,
        hanging: 2 * CHAR,
        jc: 'left',
        keepNext: true,
      });
    default:
      return paraXml(runs, { ...base, firstLine: 2 * CHAR, jc: 'both' });
  }
}

const BORDERS_XML = ['top', 'left', 'bottom', 'right']
  .map((s) => `<w:${s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
  .join('');

function cellParagraphs(c: Cell, continuation: boolean, bold: boolean, size: number): string {
  const jc = c.align === 'left' ? 'left' : c.align === 'right' ? 'right' : 'center';
  const lines = continuation ? [''] : c.text.split('\n');
  return lines
    .map((line) =>
      paraXml(line === '' ? '' : runXml(line, { size, bold }), {
        line: 280,
        lineRule: 'atLeast',
        jc,
      }),
    )
    .join('');
}

/**
 * A model table → <w:tbl>, with explicit vMerge restart/continue cells, header rows repeated
 * (tblHeader) and rows kept whole (cantSplit). Linear in the number of grid slots.
 */
export function tableXml(t: Table, widthTwips: number, size = 10.5): string {
  const grid = layoutTable(t);
  const total = t.columns.reduce((a, b) => a + b, 0) || 1;
  const colWidths = t.columns.map((w) => Math.floor((w / total) * widthTwips));
  // Prefix sums: the width of a span in O(1).
  const start = [0];
  for (const w of colWidths) start.push((start[start.length - 1] ?? 0) + w);
  const heads = headerRowCount(t);
  const out: string[] = [
    `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${widthTwips}"/><w:tblLayout w:type="fixed"/>` +
      `<w:tblCellMar><w:top w:type="dxa" w:w="30"/><w:left w:type="dxa" w:w="60"/>` +
      `<w:bottom w:type="dxa" w:w="30"/><w:right w:type="dxa" w:w="60"/></w:tblCellMar>` +
      '</w:tblPr>' +
      `<w:tblGrid>${colWidths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`,
  ];
  for (let r = 0; r < grid.rows; r++) {
    const row = t.rows[r];
    out.push(`<w:tr><w:trPr><w:cantSplit/>${r < heads ? '<w:tblHeader/>' : ''}</w:trPr>`);
    let c = 0;
    while (c < grid.cols) {
      const p = grid.at[r]?.[c];
      const span = p ? p.colSpan : 1;
      const width = (start[c + span] ?? 0) - (start[c] ?? 0);
      const tcPr =
        `<w:tcW w:w="${width}" w:type="dxa"/>` +
        (span > 1 ? `<w:gridSpan w:val="${span}"/>` : '') +
        (p && p.rowSpan > 1
          ? `<w:vMerge${p.row === r ? ' w:val="restart"' : ' w:val="continue"'}/>`
          : '') +
        `<w:tcBorders>${BORDERS_XML}</w:tcBorders><w:vAlign w:val="center"/>`;
      const body = p
        ? cellParagraphs(
            p.cell,
            p.row !== r,
            p.row === r && (p.cell.bold === true || row?.header === true),
            size,
          )
        : paraXml('', { line: 280, lineRule: 'atLeast' });
      out.push(`<w:tc><w:tcPr>${tcPr}</w:tcPr>${body}</w:tc>`);
      c += span;
    }
    out.push('</w:tr>');
  }
  out.push('</w:tbl>');
  return out.join('');
}

function annexXml(a: Annex, widthTwips: number): string {
  const small = (text: string, o: RunOpts & { jc?: ParaOpts['jc']; keepNext?: boolean } = {}) =>
    paraXml(runXml(text, { font: o.font ?? FONTS.body, size: o.size ?? 12 }), {
      line: 360,
      lineRule: 'atLeast',
      jc: o.jc ?? 'left',
      keepNext: o.keepNext ?? false,
    });
  const out: string[] = [
    small(a.label, { font: FONTS.heading1, size: 16, keepNext: true }),
    small(a.title, { font: FONTS.title, size: 18, jc: 'center', keepNext: true }),
    ...a.before.map((l) => small(l, { keepNext: true })),
  ];
  a.tables.forEach((t, i) => {
    // A paragraph between tables: adjacent tables would merge into one in Word and LibreOffice,
    // and the second table's header rows would stop repeating.
    if (i > 0)
      out.push(
        paraXml(runXml('', { size: 1 }), { line: 40, lineRule: 'exact', before: 0, after: 0 }),
      );
    out.push(tableXml(t, widthTwips));
  });
  out.push(...a.after.map((l) => small(l)));
  return out.join('');
}

// ---------- package ----------

const MARKER = 'JIXIAO-SECTION-';
const placeholder = (i: number): Paragraph =>
  new Paragraph({ children: [new TextRun({ text: `${MARKER}${i}` })] });

function pageNumber(side: 'right' | 'left'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        // 一字 (one 14 pt character = 280 twips) in from the edge of the text block.
        indent: side === 'right' ? { right: 280 } : { left: 280 },
        spacing: { line: 280, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: { ascii: FONTS.pageNumber, eastAsia: FONTS.pageNumber, hAnsi: FONTS.pageNumber },
            size: PT(14),
          }),
        ],
      }),
    ],
  });
}

function draftHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            text: '草稿',
            font: { ascii: FONTS.heading1, eastAsia: FONTS.heading1, hAnsi: FONTS.heading1 },
            size: PT(14),
            color: 'C00000',
          }),
        ],
      }),
    ],
  });
}

/**
 * Carry a section break over: Word stores a section's properties in the pPr of its last paragraph,
 * which is the placeholder; they move to the last paragraph of the section's own XML.
 */
function withSectPr(part: string, sectPr: string): string {
  if (!sectPr) return part;
  const endP = '</w:pPr>';
  if (part.endsWith('</w:p>')) {
    const open = part.lastIndexOf('<w:p><w:pPr>');
    const close = open < 0 ? -1 : part.indexOf(endP, open);
    if (close >= 0) return part.slice(0, close) + sectPr + part.slice(close);
  }
  return `${part}<w:p><w:pPr>${sectPr}</w:pPr></w:p>`;
}

/** Replace each placeholder paragraph by its section's XML, in one left-to-right pass. */
function fillPlaceholders(xml: string, parts: readonly string[]): string {
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < parts.length; i++) {
    const at = xml.indexOf(`${MARKER}${i}<`, from);
    if (at < 0) throw new Error(`docx: placeholder ${i} not found`);
    const open = xml.lastIndexOf('<w:p>', at);
    const close = xml.indexOf('</w:p>', at) + '</w:p>'.length;
    const placeholderXml = xml.slice(open, close);
    const s = placeholderXml.indexOf('<w:sectPr');
    const sectPr = s < 0 ? '' : placeholderXml.slice(s, placeholderXml.indexOf('</w:sectPr>') + 11);
    out.push(xml.slice(from, open), withSectPr(parts[i] ?? '', sectPr));
    from = close;
  }
  out.push(xml.slice(from));
  return out.join('');
}

/** Render the report model as a .docx file (bytes). */
export async function renderDocx(model: ReportModel): Promise<Buffer> {
  const textWidth = A4.width - MARGIN.left - MARGIN.right;
  // A document that names no unit has a one-line title.
  const titleXml = [model.unitName, model.title]
    .filter((t) => t !== '')
    .map((t) =>
      paraXml(runXml(t, { font: FONTS.title, size: 22 }), {
        line: 720,
        jc: 'center',
        keepNext: true,
      }),
    )
    .join('');
  const parts: string[] = [
    (model.draft
      ? paraXml(runXml('草稿', { font: FONTS.heading1, color: 'C00000' }), {
          line: LINE,
          jc: 'center',
        })
      : '') +
      titleXml +
      paraXml('', { line: LINE }) +
      model.body.map((b) => bodyXml(b, textWidth)).join(''),
  ];
  const headers = model.draft ? { default: draftHeader(), even: draftHeader() } : undefined;
  const footers = { default: pageNumber('right'), even: pageNumber('left') };
  const sections: ISectionOptions[] = [
    {
      properties: {
        page: { size: { ...A4, orientation: PageOrientation.PORTRAIT }, margin: MARGIN },
      },
      ...(headers ? { headers } : {}),
      footers,
      children: [placeholder(0)],
    },
  ];
  model.annexes.forEach((a, i) => {
    const margin = a.landscape ? MARGIN_LANDSCAPE : MARGIN;
    const pageWidth = a.landscape ? A4.height : A4.width;
    parts.push(annexXml(a, pageWidth - margin.left - margin.right));
    sections.push({
      properties: {
        page: {
          size: {
            ...A4,
            orientation: a.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
          },
          margin,
        },
      },
      ...(headers ? { headers } : {}),
      footers,
      children: [placeholder(i + 1)],
    });
  });
  const doc = new Document({
    creator: 'jixiao',
    title: `${model.unitName}${model.title}`,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: FONTS.body, eastAsia: FONTS.body, hAnsi: FONTS.body, cs: FONTS.body },
            size: PT(16),
          },
        },
      },
    },
    sections,
  });
  const packed = await Packer.toBuffer(doc);
  const zip = await JSZip.loadAsync(packed);
  const file = zip.file('word/document.xml');
  if (!file) throw new Error('docx: word/document.xml missing');
  zip.file('word/document.xml', fillPlaceholders(await file.async('string'), parts));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
