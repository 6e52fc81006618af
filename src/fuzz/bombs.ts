/**
 * Hostile files built in code (issue #13 reproductions, fuzz seeds): a .docx whose document.xml
 * inflates to hundreds of MB from a small zip, an .xlsx of a million rows, a PDF whose page tree
 * lists one page object 200,000 times, a PDF page whose content stream takes seconds to parse.
 * Each is also a valid file of its kind, so what refuses it is a limit, not a parse error.
 */
import { createDeflateRaw, crc32 } from 'node:zlib';
import { writeZip, type ZipEntryInput } from './zip.ts';

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const WORDML_DOCUMENT =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';

export const CONTENT_TYPES_DOCX = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
  '<Default Extension="rels"',
  ' ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
  '<Default Extension="xml" ContentType="application/xml"/>',
  '<Override PartName="/word/document.xml"',
  ` ContentType="${WORDML_DOCUMENT}"/>`,
  '</Types>',
].join('');
const RELS_DOCX = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">',
  '<Relationship Id="rId1"',
  ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"',
  ' Target="word/document.xml"/>',
  '</Relationships>',
].join('');

export const docxHead =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  `<w:document xmlns:w="${W_NS}"><w:body>`;
export const docxTail = '</w:body></w:document>';
export const paragraph = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;

/** A .docx (zip) with the given document.xml. */
export function docxOf(documentXml: string, extra: ZipEntryInput[] = []): Buffer {
  return writeZip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES_DOCX) },
    { name: '_rels/.rels', data: Buffer.from(RELS_DOCX) },
    { name: 'word/document.xml', data: Buffer.from(documentXml) },
    ...extra,
  ]);
}

/** Raw-deflate a sequence of chunks as a stream (the inflated text is never held whole). */
async function deflateChunks(
  chunks: Iterable<Buffer>,
  level = 6,
): Promise<{ bytes: Buffer; size: number; crc: number }> {
  const z = createDeflateRaw({ level });
  const out: Buffer[] = [];
  z.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => {
    z.on('end', resolve);
    z.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  for (const chunk of chunks) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!z.write(chunk)) await new Promise((r) => z.once('drain', r));
  }
  z.end();
  await done;
  return { bytes: Buffer.concat(out), size, crc };
}

/** `head`, then `block` `times` times in writes of ~1 MiB, then `tail`. */
function* repeated(head: Buffer, block: Buffer, times: number, tail: Buffer): Generator<Buffer> {
  yield head;
  const per = Math.max(1, Math.floor((1024 * 1024) / block.length));
  const big = Buffer.concat(Array.from({ length: per }, () => block));
  for (let left = times; left > 0; left -= per)
    yield left >= per ? big : big.subarray(0, left * block.length);
  yield tail;
}

/**
 * A .docx whose document.xml is `inflatedBytes` of one repeated paragraph (issue #13: 583 KB →
 * 200 MB). `declaredSize` makes the directory lie about it.
 */
export async function docxBomb(
  inflatedBytes: number,
  opts: { declaredSize?: number } = {},
): Promise<Buffer> {
  const block = Buffer.from(paragraph('本单位预算绩效自评重复段落'));
  const times = Math.ceil(inflatedBytes / block.length);
  const deflated = await deflateChunks(
    repeated(Buffer.from(docxHead), block, times, Buffer.from(docxTail)),
    9,
  );
  return writeZip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES_DOCX) },
    { name: '_rels/.rels', data: Buffer.from(RELS_DOCX) },
    {
      name: 'word/document.xml',
      deflated,
      ...(opts.declaredSize !== undefined ? { declaredSize: opts.declaredSize } : {}),
    },
  ]);
}

const CONTENT_TYPES_XLSX = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
  '<Default Extension="rels"',
  ' ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
  '<Default Extension="xml" ContentType="application/xml"/>',
  '<Override PartName="/xl/workbook.xml"',
  ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
  '<Override PartName="/xl/worksheets/sheet1.xml"',
  ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>',
  '</Types>',
].join('');
const RELS_XLSX = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">',
  '<Relationship Id="rId1"',
  ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"',
  ' Target="xl/workbook.xml"/>',
  '</Relationships>',
].join('');
const WORKBOOK = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
  '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
  ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
  '<sheets><sheet name="附件" sheetId="1" r:id="rId1"/></sheets></workbook>',
].join('');
const WORKBOOK_RELS = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">',
  '<Relationship Id="rId1"',
  ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"',
  ' Target="worksheets/sheet1.xml"/>',
  '</Relationships>',
].join('');
const SHEET_HEAD = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
].join('');
const SHEET_TAIL = '</sheetData></worksheet>';

/** The sheet XML of `rows` numbered rows of one number cell each, in chunks. */
function* sheetRows(rows: number): Generator<Buffer> {
  yield Buffer.from(SHEET_HEAD);
  for (let r = 1; r <= rows; r += 10_000) {
    let part = '';
    for (let k = r; k < Math.min(rows + 1, r + 10_000); k++)
      part += `<row r="${k}"><c r="A${k}"><v>${k}</v></c></row>`;
    yield Buffer.from(part);
  }
  yield Buffer.from(SHEET_TAIL);
}

/** An .xlsx whose one sheet holds `rows` rows (issue #13: 1,000,000 rows, 17 s and 716 MB). */
export async function xlsxRows(rows: number): Promise<Buffer> {
  const sheet = await deflateChunks(sheetRows(rows), 1);
  return xlsxEntries({ name: 'xl/worksheets/sheet1.xml', deflated: sheet });
}

export function xlsxOf(sheetXml: string): Buffer {
  return xlsxEntries({ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheetXml) });
}

function xlsxEntries(sheet: ZipEntryInput): Buffer {
  return writeZip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES_XLSX) },
    { name: '_rels/.rels', data: Buffer.from(RELS_XLSX) },
    { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(WORKBOOK_RELS) },
    sheet,
  ]);
}

/** A PDF from numbered object bodies (1-based), with a correct xref table. */
export function pdfOf(objects: readonly (string | Buffer)[]): Buffer {
  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const b = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n'),
    ]);
    chunks.push(b);
    offset += b.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R >>`,
    'startxref',
    String(offset),
    '%%EOF',
    '',
  ].join('\n');
  chunks.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(chunks);
}

const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
const stream = (content: string | Buffer) => {
  const b = typeof content === 'string' ? Buffer.from(content, 'latin1') : content;
  return Buffer.concat([
    Buffer.from(`<< /Length ${b.length} >>\nstream\n`),
    b,
    Buffer.from('\nendstream'),
  ]);
};

/**
 * A PDF whose page tree says /Count `count` and lists page object 3 `count` times (issue #13:
 * 1.2 MB, 200,000 pages, ~3 ms each without a limit).
 */
export function pdfPageTreeBomb(count: number): Buffer {
  const kids = Array.from({ length: count }, () => '3 0 R').join(' ');
  return pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Count ${count} /Kids [${kids}] >>`,
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R' +
      ' /Resources << /Font << /F1 5 0 R >> >> >>',
    stream('BT /F1 12 Tf 72 760 Td (jixiao page) Tj ET'),
    FONT,
  ]);
}

/** A one-page PDF whose content stream holds `ops` text-showing operations (seconds to parse). */
export function pdfSlowPage(ops: number): Buffer {
  const content = 'BT /F1 1 Tf 1 0 0 1 10 10 Tm (a) Tj ET\n'.repeat(ops);
  return pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Count 1 /Kids [3 0 R] >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R' +
      ' /Resources << /Font << /F1 5 0 R >> >> >>',
    stream(content),
    FONT,
  ]);
}

/** A text PDF of `pages` real pages (each its own page object), each with a line of text. */
export function pdfPages(pages: number, line = 'budget performance self evaluation'): Buffer {
  const objects: string[] = ['<< /Type /Catalog /Pages 2 0 R >>', ''];
  const kids: string[] = [];
  const fontId = 3;
  objects.push(FONT);
  for (let p = 0; p < pages; p++) {
    const pageId = objects.length + 1;
    kids.push(`${pageId} 0 R`);
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${pageId + 1} 0 R` +
        ` /Resources << /Font << /F1 ${fontId} 0 R >> >> >>`,
    );
    objects.push(stream(`BT /F1 12 Tf 72 760 Td (${line} ${p + 1}) Tj ET`).toString('latin1'));
  }
  objects[1] = `<< /Type /Pages /Count ${pages} /Kids [${kids.join(' ')}] >>`;
  return pdfOf(objects);
}
