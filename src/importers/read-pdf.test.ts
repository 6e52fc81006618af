import { describe, expect, it } from 'vitest';
import { pdfPages } from '../fuzz/bombs.ts';
import { readPdf } from './read-pdf.ts';

// Taken before pdfjs is first loaded (read-pdf.ts loads it at the first read, not at import).
const nativePush = Array.prototype.push;
const nativeJsonParse = JSON.parse;
const nativeJsonStringify = JSON.stringify;
const nativeFunctionToString = Function.prototype.toString;

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
  });
});
