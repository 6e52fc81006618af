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

/** Largest /Count and the longest /Kids array written in the file's uncompressed bytes. */
export function scanPageTree(data: Uint8Array): { maxCount: number; maxKids: number } {
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
  let maxCount = 0;
  for (const m of text.matchAll(/\/Count\s+(\d{1,15})/g))
    maxCount = Math.max(maxCount, Number(m[1]));
  let maxKids = 0;
  const kids = /\/Kids\s*\[/g;
  for (let m = kids.exec(text); m; m = kids.exec(text)) {
    const end = text.indexOf(']', kids.lastIndex);
    const body = text.slice(kids.lastIndex, end < 0 ? text.length : end);
    let n = 0;
    for (const _ of body.matchAll(/\d+\s+\d+\s+R/g)) n++;
    maxKids = Math.max(maxKids, n);
    kids.lastIndex = end < 0 ? text.length : end;
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
