/**
 * The common "text with positions" model every reader produces (PDF, DOCX, plain text, XLSX):
 * a document is a list of lines, each knowing its page and line number (or sheet and cell), and,
 * when the source had a table structure (PDF column gaps, DOCX/XLSX cells, `|` or tab separated
 * text), the cells of the line. Extraction works on this model only, so every reader gets the same
 * extraction and every value keeps the place it came from.
 */

export type SourceKind = 'pdf' | 'docx' | 'text' | 'xlsx' | 'html';

export interface SourceCell {
  readonly text: string;
  /** XLSX cell reference ("B7"), when the source is a workbook. */
  readonly cell?: string;
  /** Left and right edges on the page (PDF user-space units), when known. */
  readonly x?: number;
  readonly end?: number;
}

export interface SourceLine {
  /** 1-based page number (PDF page; for text, counted at form feeds or runs of blank lines). */
  readonly page?: number;
  /**
   * 1-based line number: the line within its page for PDF, the line of the file for text, the
   * paragraph for DOCX, the row for XLSX.
   */
  readonly line: number;
  readonly sheet?: string;
  /** The line's text (cells joined by a single space), normalised (see normalise.ts). */
  readonly text: string;
  /** The text before normalisation, kept for provenance. */
  readonly raw: string;
  /** Cells when the source had a table structure; empty otherwise. */
  readonly cells: readonly SourceCell[];
  /** True when normalisation had to repair OCR confusions on this line (lower confidence). */
  readonly repaired?: boolean;
  /** Left edge of the line on the page (PDF), when known. */
  readonly x?: number;
  /** True when a blank line (or a vertical gap) separates this line from the previous one. */
  readonly gapBefore?: boolean;
}

export interface SourceDoc {
  readonly kind: SourceKind;
  readonly file: string;
  readonly pages: number;
  readonly lines: readonly SourceLine[];
}

/** Where a value came from: page/line or sheet/cell, with the words as written. */
export interface Place {
  readonly page?: number;
  readonly line?: number;
  readonly sheet?: string;
  readonly cell?: string;
  readonly text: string;
}
