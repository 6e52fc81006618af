/**
 * Lines joined into one string with a map back to the lines, so patterns can match text that a
 * page or cell wrap broke over lines ("比年初预算减少支出 37.71万" / "元") and still cite the line
 * where the match starts.
 */
import type { SourceLine } from './model.ts';

export interface Stream {
  readonly text: string;
  /** Offset in `text` where each line starts. */
  readonly starts: readonly number[];
  readonly lines: readonly SourceLine[];
}

const CJK = /[\u3400-\u9fff（(“、，：:]/;

/**
 * How two consecutive lines are joined: '' for a wrap inside a word, ' ' otherwise, '\n' for a hard
 * break.
 */
export type Joiner = (prev: SourceLine, next: SourceLine) => string;

/**
 * Prose wraps anywhere (inside words and numbers): join without a separator, except between Latin
 * words.
 */
export const proseJoin: Joiner = (prev, next) =>
  /[A-Za-z]$/.test(prev.text) && /^[A-Za-z]/.test(next.text) ? ' ' : '';

/** Table text: a wrapped label (CJK to CJK) joins without a space; cells and numbers keep one. */
export const tableJoin: Joiner = (prev, next) => {
  const a = prev.text.slice(-1);
  const b = next.text.slice(0, 1);
  return CJK.test(a) && /[\u3400-\u9fff)）:：]/.test(b) ? '' : ' ';
};

export function joinLines(lines: readonly SourceLine[], joiner: Joiner): Stream {
  let text = '';
  const starts: number[] = [];
  lines.forEach((line, i) => {
    const prev = lines[i - 1];
    if (prev) text += joiner(prev, line);
    starts.push(text.length);
    text += line.text;
  });
  return { text, starts, lines };
}

/** The line holding `offset`. */
export function lineAt(s: Stream, offset: number): SourceLine | undefined {
  let lo = 0;
  let hi = s.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((s.starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return s.lines[lo];
}
