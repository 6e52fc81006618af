/**
 * Table cells from flattened text: a line's cells (explicit `|`/tab/PDF/DOCX/XLSX cells, or
 * whitespace-separated tokens with a number and its unit kept together), amounts run together
 * ("643.56252.18163.68" → three 2-dp amounts when the column count says so), and values that mean
 * "not filled" (blank, 无, —: absent, never zero).
 */
import type { SourceLine } from '../model.ts';

export interface Token {
  text: string;
  /** Index of the source line in the list being parsed. */
  readonly li: number;
  readonly line: SourceLine;
  /** XLSX cell reference when known. */
  readonly cell?: string;
  /** First / last token of its line. */
  lineStart: boolean;
  lineEnd: boolean;
}

const UNIT_ONLY =
  /^(%|亿元?|万元|万|元|个|次|家|项|人|户|天|日|月|年|件|场|笔|条|份|分|公里|平方米|亩|头|只|吨|[万亿千][\u4e00-\u9fa5])$/;
export const NUMBER_RE = /^[+-]?\d+(?:\.\d+)?$/;
export const NIL_RE = /^(无|—+|-+|－|–|\/|／)$/;

/**
 * Tokens of one line: cells when the line has them, else whitespace-separated words with units kept
 * on their number.
 */
export function lineTokens(line: SourceLine, li: number): Token[] {
  const parts = line.cells.length
    ? line.cells.map((c) => ({ text: c.text.trim(), cell: c.cell }))
    : line.text
        .split(/\s+/)
        .filter(Boolean)
        .map((t) => ({ text: t, cell: undefined }));
  const merged: { text: string; cell: string | undefined }[] = [];
  for (const p of parts) {
    const prev = merged[merged.length - 1];
    if (
      !line.cells.length &&
      prev &&
      /^[≥≤＜＞<>=＝]*[+-]?\d+(?:\.\d+)?$/.test(prev.text) &&
      UNIT_ONLY.test(p.text)
    ) {
      prev.text = `${prev.text} ${p.text}`;
      continue;
    }
    // An operator alone ("＝") belongs to the value after it.
    if (!line.cells.length && prev && /^[≥≤＜＞<>=＝]+$/.test(prev.text)) {
      prev.text += p.text;
      continue;
    }
    merged.push({ ...p });
  }
  return merged.map((p, i) => ({
    text: p.text,
    li,
    line,
    ...(p.cell ? { cell: p.cell } : {}),
    lineStart: i === 0,
    lineEnd: i === merged.length - 1,
  }));
}

/** A value cell of a money table: an amount, a nil word, or blank. */
export const isValueCell = (t: string): boolean =>
  t === '' || NUMBER_RE.test(t.replace(/,/g, '')) || NIL_RE.test(t) || isRunTogether(t);

/** "643.56252.18163.68": several 2-dp amounts without separators. */
export function isRunTogether(t: string): boolean {
  return /^(?:-?\d+\.\d{2}){2,}$/.test(t);
}

export function splitRunTogether(t: string): string[] {
  return t.match(/-?\d+\.\d{2}/g) ?? [t];
}

/** Canonical amount text, or undefined for "not filled". */
export function amountOf(t: string): string | undefined {
  const s = t.replace(/,/g, '').replace(/万元$/, '').trim();
  if (!NUMBER_RE.test(s)) return undefined;
  const neg = s.startsWith('-');
  const [int = '0', frac = ''] = s.replace(/^[+-]/, '').split('.');
  const f = frac.replace(/0+$/, '');
  const i = int.replace(/^0+(?=\d)/, '');
  return `${neg && (i !== '0' || f) ? '-' : ''}${i}${f ? `.${f}` : ''}`;
}
