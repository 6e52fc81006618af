/**
 * Plain text (the seed report is text extracted from a PDF; HTML renditions and DOCX are reduced
 * to text first) → the positioned-line model. Pages are counted at form feeds (pdftotext writes one
 * per page); without them the page is unknown and left out, since a run of blank lines is not a
 * reliable page break. `line` is the line of the file, so a person can open the file there.
 */
import type { SourceCell, SourceDoc, SourceLine } from './model.ts';
import { normaliseLine } from './normalise.ts';

/** Split a line into table cells when it has an explicit structure (`|`, tabs). */
export function splitCells(text: string): SourceCell[] {
  if (text.includes('|')) {
    const parts = text.split('|').map((s) => s.trim());
    // "| a | b |" has empty edges; an empty inner cell is a blank cell and is kept.
    if (parts.length > 1 && parts[0] === '') parts.shift();
    if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
    return parts.map((p) => ({ text: p }));
  }
  if (text.includes('\t')) return text.split('\t').map((p) => ({ text: p.trim() }));
  return [];
}

export function readText(content: string, file: string): SourceDoc {
  const rawLines = content.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const hasFormFeed = content.includes('\f');
  const lines: SourceLine[] = [];
  let page = 1;
  let blanks = 0;
  rawLines.forEach((rawLine, i) => {
    let raw = rawLine;
    if (raw.includes('\f')) {
      const parts = raw.split('\f');
      page += parts.length - 1;
      raw = parts.join('');
      blanks = 0;
    }
    if (raw.trim() === '') {
      blanks += 1;
      return;
    }
    const gapBefore = blanks > 0;
    blanks = 0;
    const norm = normaliseLine(raw);
    const cells = splitCells(norm.text);
    const text = cells.length
      ? cells
          .map((c) => c.text)
          .join(' ')
          .replace(/\s+/g, ' ')
          .trim()
      : norm.text.replace(/\s+/g, ' ').trim();
    lines.push({
      ...(hasFormFeed ? { page } : {}),
      line: i + 1,
      text,
      raw: raw.trim(),
      cells,
      ...(norm.repaired ? { repaired: true } : {}),
      ...(gapBefore ? { gapBefore } : {}),
    });
  });
  return { kind: 'text', file, pages: hasFormFeed ? page : 0, lines };
}

const decode = (t: string): string =>
  t
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');

/**
 * HTML (the HTML rendition of a report, or DOCX through mammoth) → text lines: block elements
 * become lines; a table row becomes one `|` line whose cells keep their paragraphs on one line.
 */
export function htmlToText(html: string): string {
  let h = html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, '');
  h = h.replace(
    /<t([dh])\b[^>]*>([\s\S]*?)<\/t\1>/gi,
    (_m, _k: string, inner: string) =>
      ` ${decode(inner.replace(/<\/(p|div|li|h\d)>|<br\s*\/?>/gi, ' ').replace(/<[^>]+>/g, ''))
        .replace(/\|/g, '｜')
        .replace(/\s+/g, ' ')
        .trim()} |`,
  );
  h = h.replace(/<tr\b[^>]*>/gi, '\n|').replace(/<\/tr>/gi, '\n');
  h = h
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(
      /<\/(p|div|h[1-6]|li|section|article|header|footer|table|thead|tbody|caption)>/gi,
      '\n',
    )
    .replace(/<[^>]+>/g, '');
  return decode(h)
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .join('\n');
}
