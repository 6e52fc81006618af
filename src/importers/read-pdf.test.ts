import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pdfOf, pdfPages } from '../fuzz/bombs.ts';
import { readPdf } from './read-pdf.ts';

// Taken before pdfjs is first loaded (read-pdf.ts loads it at the first read, not at import).
const nativePush = Array.prototype.push;
const nativeJsonParse = JSON.parse;
const nativeJsonStringify = JSON.stringify;
const nativeFunctionToString = Function.prototype.toString;
const nativeDecompressionStream = globalThis.DecompressionStream;

/** One page whose content stream is FlateDecode (`content` deflated, or the bytes given). */
function flatePdf(content: string | Buffer): Buffer {
  const bytes = typeof content === 'string' ? deflateSync(Buffer.from(content, 'latin1')) : content;
  return pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Count 1 /Kids [3 0 R] >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R' +
      ' /Resources << /Font << /F1 5 0 R >> >> >>',
    Buffer.concat([
      Buffer.from(`<< /Length ${bytes.length} /Filter /FlateDecode >>\nstream\n`),
      bytes,
      Buffer.from('\nendstream'),
    ]),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]);
}

describe('readPdf', () => {
  it('reads the pages in order while several are read at once', async () => {
    const doc = await readPdf(pdfPages(9, 'jixiao reading order'), 'order.pdf');
    expect(doc.pages).toBe(9);
    expect(doc.lines.map((l) => [l.page, l.text])).toEqual([
      [1, 'jixiao reading order 1'],
      [2, 'jixiao reading order 2'],
      [3, 'jixiao reading order 3'],
      [4, 'jixiao reading order 4'],
      [5, 'jixiao reading order 5'],
      [6, 'jixiao reading order 6'],
      [7, 'jixiao reading order 7'],
      [8, 'jixiao reading order 8'],
      [9, 'jixiao reading order 9'],
    ]);
  });

  it("leaves the process's built-ins as they were (pdfjs's core-js replaced them)", async () => {
    await readPdf(pdfPages(2, 'jixiao keeps the built-ins'), 'natives.pdf');
    expect(Array.prototype.push).toBe(nativePush);
    expect(JSON.parse).toBe(nativeJsonParse);
    expect(JSON.stringify).toBe(nativeJsonStringify);
    expect(Function.prototype.toString).toBe(nativeFunctionToString);
    expect(globalThis.DecompressionStream).toBe(nativeDecompressionStream);
  });

  it("inflates FlateDecode in the worker's scope, not by Node's DecompressionStream", async () => {
    let constructed = 0;
    globalThis.DecompressionStream = class extends nativeDecompressionStream {
      constructor(format: CompressionFormat) {
        super(format);
        constructed++;
      }
    };
    try {
      const text = 'BT /F1 12 Tf 72 760 Td (jixiao inflated in scope) Tj ET';
      const doc = await readPdf(flatePdf(text), 'flate.pdf');
      expect(doc.lines.map((l) => l.text)).toEqual(['jixiao inflated in scope']);
      // A stream zlib refuses (its checksum broken) is read by pdfjs's own inflate, as before.
      const broken = deflateSync(Buffer.from(text, 'latin1'));
      broken.writeUInt8(broken.readUInt8(broken.length - 1) ^ 0xff, broken.length - 1);
      const again = await readPdf(flatePdf(broken), 'broken.pdf');
      expect(again.lines.map((l) => l.text)).toEqual(['jixiao inflated in scope']);
    } finally {
      globalThis.DecompressionStream = nativeDecompressionStream;
    }
    expect(constructed).toBe(0);
  });
});
