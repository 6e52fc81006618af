/**
 * A look at a PDF's bytes before pdfjs opens it (issue #13: a 1.2 MB PDF whose page tree lists one
 * page object 200,000 times kept the server busy for 20 minutes; pdfjs alone needs ~8 s just to
 * open it). Page-tree nodes stored uncompressed say how many pages they hold (/Count, PDF 32000-1
 * §7.7.3.2) and list their children (/Kids): either above the page limit refuses the file. Page
 * trees inside compressed object streams are not visible here; the reader checks the page count
 * pdfjs reports, and the sandbox's time limit ends whatever remains.
 */
import type { Lang } from '../core/errors/input-error.ts';
import { currentImportLimits, limitError, type ImportLimits } from './limits.ts';

/** The bytes `\s` matches in the file read as Latin-1: tab, LF, VT, FF, CR, space and NBSP. */
const isSpace = (b: number | undefined) =>
  b === 0x20 || (b !== undefined && b >= 0x09 && b <= 0x0d) || b === 0xa0;
const isDigit = (b: number | undefined) => b !== undefined && b >= 0x30 && b <= 0x39;

/**
 * Largest /Count and the longest /Kids array written in the file's uncompressed bytes. The names
 * are found in the bytes (Buffer indexOf) and only a /Kids array's body is read as text: turning
 * a whole 450 KB file into a Latin-1 string first took 2 ms, 4 % of a PDF import (issue 14).
 */
export function scanPageTree(data: Uint8Array): { maxCount: number; maxKids: number } {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  // /Count, one or more spaces, then up to 15 digits (as /\/Count\s+(\d{1,15})/ on the text).
  let maxCount = 0;
  for (let at = bytes.indexOf('/Count'); at >= 0; at = bytes.indexOf('/Count', at + 1)) {
    let i = at + 6;
    if (!isSpace(bytes[i])) continue;
    while (isSpace(bytes[i])) i++;
    const first = i;
    let n = 0;
    for (; i - first < 15 && isDigit(bytes[i]); i++) n = n * 10 + ((bytes[i] as number) - 0x30);
    if (i > first) maxCount = Math.max(maxCount, n);
  }
  // /Kids, optional spaces, [ : the references up to the next ], as /\d+\s+\d+\s+R/ on the text.
  let maxKids = 0;
  for (let at = bytes.indexOf('/Kids'); at >= 0; at = bytes.indexOf('/Kids', at + 1)) {
    let i = at + 5;
    while (isSpace(bytes[i])) i++;
    if (bytes[i] !== 0x5b) continue;
    const end = bytes.indexOf(0x5d, i + 1);
    const body = bytes.toString('latin1', i + 1, end < 0 ? bytes.length : end);
    let n = 0;
    for (const _ of body.matchAll(/\d+\s+\d+\s+R/g)) n++;
    maxKids = Math.max(maxKids, n);
    if (end < 0) break;
    at = end - 1;
  }
  return { maxCount, maxKids };
}

/** Refuse a PDF whose visible page tree is above the page limit (InputErrors, code file.limit). */
export function assertPdfBytesWithinLimits(
  data: Uint8Array,
  file: string,
  lang: Lang = 'zh',
  limits: ImportLimits = currentImportLimits(),
): void {
  const { maxCount, maxKids } = scanPageTree(data);
  const pages = Math.max(maxCount, maxKids);
  if (pages > limits.maxPages)
    throw limitError(
      file,
      `PDF 有 ${pages} 页，超过页数上限 ${limits.maxPages} 页`,
      `the PDF has ${pages} pages, above the limit of ${limits.maxPages}`,
      lang,
    );
}
