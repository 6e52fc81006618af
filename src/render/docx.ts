/**
 * ReportModel → .docx (docx 9), laid out after GB/T 9704-2012 (党政机关公文格式):
 * A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title 2号 (22 pt) 方正小标宋简体;
 * body 3号 (16 pt) 仿宋_GB2312 (eastAsia font); 一级 headings 黑体, 二级 楷体_GB2312; fixed line pitch
 * 28.95 pt (22 lines on the 225 mm text block); page numbers "— N —" 4号 (14 pt) 宋体 at the bottom.
 * Annex tables go in landscape sections, 一级/二级 cells merged with vMerge, leading header rows
 * repeated on every page (tableHeader). Word files name the GB fonts; the reader's machine has them.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table as DocxTable,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
  convertMillimetersToTwip,
  type ISectionOptions,
} from 'docx';
import type { Annex, Block, ReportModel, Table } from '../core/report/model.ts';
import { headerRowCount, layoutTable } from './layout.ts';

export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;

/** Half-points (docx run size unit). */
const PT = (pt: number): number => pt * 2;
/** Fixed line pitch, twips: 225 mm text height ÷ 22 lines ≈ 28.95 pt = 579 twips. */
const LINE = 579;
const A4 = { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) };
const MARGIN = {
  top: convertMillimetersToTwip(37),
  bottom: convertMillimetersToTwip(35),
  left: convertMillimetersToTwip(28),
  right: convertMillimetersToTwip(26),
};
/** Landscape annexes: the same margins turned with the page. */
const MARGIN_LANDSCAPE = {
  top: convertMillimetersToTwip(28),
  bottom: convertMillimetersToTwip(26),
  left: convertMillimetersToTwip(37),
  right: convertMillimetersToTwip(35),
};

const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });

function run(text: string, opts: { font?: string; size?: number; bold?: boolean } = {}): TextRun {
  return new TextRun({
    text,
    font: font(opts.font ?? FONTS.body),
    size: PT(opts.size ?? 16),
    bold: opts.bold ?? false,
  });
}

function bodyParagraph(b: Block): Paragraph {
  if (b.kind === 'heading') {
    return new Paragraph({
      children: [run(b.text, { font: b.level === 1 ? FONTS.heading1 : FONTS.heading2 })],
      indent: { firstLine: 640 },
      spacing: { line: LINE, lineRule: LineRuleType.EXACT },
      keepNext: true,
      outlineLevel: b.level - 1,
    });
  }
  return new Paragraph({
    children: b.runs.map((r) => run(r.text)),
    alignment: AlignmentType.JUSTIFIED,
    // 2 characters of 16 pt = 32 pt = 640 twips.
    indent: { firstLine: 640 },
    spacing: { line: LINE, lineRule: LineRuleType.EXACT },
  });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };

/** A model table → docx table with explicit vMerge restart/continue cells. */
export function docxTable(t: Table, widthTwips: number): DocxTable {
  const grid = layoutTable(t);
  const total = t.columns.reduce((a, b) => a + b, 0) || 1;
  const colWidths = t.columns.map((w) => Math.floor((w / total) * widthTwips));
  const heads = headerRowCount(t);
  const rows = t.rows.map((row, r) => {
    const cells: TableCell[] = [];
    let c = 0;
    while (c < grid.cols) {
      const p = grid.at[r]?.[c];
      if (!p) {
        cells.push(
          new TableCell({
            children: [new Paragraph('')],
            borders: BORDERS,
            width: { size: colWidths[c] ?? 0, type: WidthType.DXA },
          }),
        );
        c++;
        continue;
      }
      const width = colWidths.slice(p.col, p.col + p.colSpan).reduce((a, b) => a + b, 0);
      const continuation = p.row !== r;
      const text = continuation ? [''] : p.cell.text.split('\n');
      const bold = !continuation && (p.cell.bold || row.header === true);
      cells.push(
        new TableCell({
          children: text.map(
            (line) =>
              new Paragraph({
                children: [run(line, { size: 10.5, bold })],
                alignment:
                  p.cell.align === 'left'
                    ? AlignmentType.LEFT
                    : p.cell.align === 'right'
                      ? AlignmentType.RIGHT
                      : AlignmentType.CENTER,
                spacing: { line: 280, lineRule: LineRuleType.AT_LEAST },
              }),
          ),
          columnSpan: p.colSpan > 1 ? p.colSpan : undefined,
          verticalMerge:
            p.rowSpan > 1
              ? continuation
                ? VerticalMergeType.CONTINUE
                : VerticalMergeType.RESTART
              : undefined,
          verticalAlign: VerticalAlignTable.CENTER,
          borders: BORDERS,
          width: { size: width, type: WidthType.DXA },
          margins: { left: 60, right: 60, top: 30, bottom: 30 },
        }),
      );
      c += p.colSpan;
    }
    return new TableRow({
      children: cells,
      ...(r < heads ? { tableHeader: true } : {}),
      cantSplit: true,
    });
  });
  return new DocxTable({
    rows,
    columnWidths: colWidths,
    width: { size: widthTwips, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
  });
}

function footer(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: font(FONTS.pageNumber),
            size: PT(14),
          }),
        ],
      }),
    ],
  });
}

function annexSection(a: Annex): ISectionOptions {
  const margin = a.landscape ? MARGIN_LANDSCAPE : MARGIN;
  const pageWidth = a.landscape ? A4.height : A4.width;
  const textWidth = pageWidth - margin.left - margin.right;
  const small = (
    text: string,
    opts: {
      font?: string;
      size?: number;
      align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    } = {},
  ) =>
    new Paragraph({
      children: [run(text, { font: opts.font ?? FONTS.body, size: opts.size ?? 12 })],
      alignment: opts.align ?? AlignmentType.LEFT,
      spacing: { line: 360, lineRule: LineRuleType.AT_LEAST },
    });
  const children: (Paragraph | DocxTable)[] = [
    small(a.label, { font: FONTS.heading1, size: 16 }),
    small(a.title, { font: FONTS.title, size: 18, align: AlignmentType.CENTER }),
    ...a.before.map((l) => small(l)),
  ];
  a.tables.forEach((t, i) => {
    // A paragraph between tables: adjacent tables would merge into one in Word and LibreOffice,
    // and the second table's header rows would stop repeating.
    if (i > 0)
      children.push(
        new Paragraph({
          children: [run('', { size: 2 })],
          spacing: { line: 40, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        }),
      );
    children.push(docxTable(t, textWidth));
  });
  children.push(...a.after.map((l) => small(l)));
  return {
    properties: {
      page: {
        size: {
          ...A4,
          orientation: a.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin,
      },
    },
    footers: { default: footer() },
    children,
  };
}

/** Render the report model as a .docx file (bytes). */
export async function renderDocx(model: ReportModel): Promise<Buffer> {
  const title = [model.unitName, model.title].map(
    (t) =>
      new Paragraph({
        children: [run(t, { font: FONTS.title, size: 22 })],
        alignment: AlignmentType.CENTER,
        spacing: { line: 720, lineRule: LineRuleType.EXACT },
      }),
  );
  const doc = new Document({
    creator: 'jixiao',
    title: `${model.unitName}${model.title}`,
    styles: { default: { document: { run: { font: font(FONTS.body), size: PT(16) } } } },
    sections: [
      {
        properties: {
          page: { size: { ...A4, orientation: PageOrientation.PORTRAIT }, margin: MARGIN },
        },
        footers: { default: footer() },
        children: [
          ...title,
          new Paragraph({ children: [], spacing: { line: LINE, lineRule: LineRuleType.EXACT } }),
          ...model.body.map(bodyParagraph),
        ],
      },
      ...model.annexes.map(annexSection),
    ],
  });
  return Packer.toBuffer(doc);
}
