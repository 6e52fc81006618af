/**
 * Typed indicator targets and actuals (domain.md §2 "Indicators").
 *
 * Targets are written in many ways in real tables: "≥95%", "＜1%", "＝100%", "220 亿", "[90,100]%",
 * "定性", "成效明显". They are parsed into operator + number + unit, or kept as a qualitative phrase.
 * Actuals keep the text as written ("均完成", "303.95 亿") next to the number when there is one.
 */
import { canonicalDecimal } from '../money.ts';
import { asciiDigits, asciiMinus, asciiPercent } from '../text/digits.ts';

export const OPERATORS = ['>=', '>', '<=', '<', '='] as const;
export type Operator = (typeof OPERATORS)[number];

export type Target =
  | {
      readonly kind: 'number';
      readonly op?: Operator;
      readonly value: string;
      readonly unit?: string;
      readonly text?: string;
    }
  | {
      readonly kind: 'range';
      readonly min: string;
      readonly max: string;
      readonly unit?: string;
      readonly text?: string;
    }
  | { readonly kind: 'text'; readonly text: string };

export interface Actual {
  /** Exact decimal when the actual is a number. */
  readonly value?: string;
  readonly unit?: string;
  /** As written in the report: kept even when it is not a number ("均完成", "均下降"). */
  readonly text: string;
}

const OP_ALIASES: ReadonlyArray<[RegExp, Operator]> = [
  [/^(≥|>=|＞=|≧|不低于|不少于|大于等于)/, '>='],
  [/^(≤|<=|＜=|≦|不高于|不超过|小于等于)/, '<='],
  [/^(>|＞|大于|高于)/, '>'],
  [/^(<|＜|小于|低于)/, '<'],
  [/^(=|＝|==|等于)/, '='],
];

/** Full-width digits, signs and points to ASCII; collapse spaces. */
export function normaliseNumberText(text: string): string {
  return asciiPercent(asciiMinus(asciiDigits(text)))
    .replace(/[．。](?=\d)/g, '.')
    .replace(/\s+/g, ' ')
    .trim();
}

const NUMBER_UNIT_RE = /^([+-]?\d+(?:\.\d+)?)\s*([^\d\s].*)?$/;

function splitNumberUnit(text: string): { value: string; unit?: string } | null {
  const m = NUMBER_UNIT_RE.exec(text.replace(/,/g, ''));
  if (!m || m[1] === undefined) return null;
  const value = canonicalDecimal(m[1]);
  if (value === null) return null;
  const unit = m[2]?.trim();
  return unit ? { value, unit } : { value };
}

/** A number in a target: "90", "-3.5", "+2". */
const TARGET_NUMBER = String.raw`([+-]?\d+(?:\.\d+)?)`;
/** "[80, 100]", "（80～100）分", "80至100": a range of two numbers, then the rest (a unit). */
const RANGE_RE = new RegExp(
  String.raw`^[[【(（]?\s*${TARGET_NUMBER}\s*(?:[,，~～至-]|到)\s*${TARGET_NUMBER}` +
    String.raw`\s*[\])】）]?\s*(.*)$`,
);

/** Parse a target as written. Never fails: what is not a number becomes a qualitative phrase. */
export function parseTarget(raw: string): Target {
  const text = normaliseNumberText(raw);
  const range = RANGE_RE.exec(text);
  if (range && range[1] !== undefined && range[2] !== undefined) {
    const unit = range[3]?.trim();
    return {
      kind: 'range',
      min: canonicalDecimal(range[1]) ?? range[1],
      max: canonicalDecimal(range[2]) ?? range[2],
      ...(unit ? { unit } : {}),
      text: raw,
    };
  }
  let op: Operator | undefined;
  let rest = text;
  for (const [re, o] of OP_ALIASES) {
    const m = re.exec(rest);
    if (m) {
      op = o;
      rest = rest.slice(m[0].length).trim();
      break;
    }
  }
  const nu = splitNumberUnit(rest);
  if (nu)
    return {
      kind: 'number',
      ...(op ? { op } : {}),
      value: nu.value,
      ...(nu.unit ? { unit: nu.unit } : {}),
      text: raw,
    };
  return { kind: 'text', text: raw.trim() };
}

/** Parse an actual as written: "9.54%", "303.95 亿", "-74.21%", "均完成". */
export function parseActual(raw: string): Actual {
  const text = normaliseNumberText(raw);
  const nu = splitNumberUnit(text);
  if (nu) return { ...nu, text: raw.trim() };
  return { text: raw.trim() };
}

/** "≥ 95%" style display of a target; a target the table left blank shows as nothing. */
export function formatTarget(t: Target | undefined): string {
  if (t === undefined) return '';
  const sym: Record<Operator, string> = { '>=': '≥', '>': '＞', '<=': '≤', '<': '＜', '=': '＝' };
  switch (t.kind) {
    case 'number':
      return `${t.op ? sym[t.op] : ''}${t.value}${t.unit ?? ''}`;
    case 'range':
      return `${t.min}～${t.max}${t.unit ?? ''}`;
    case 'text':
      return t.text;
  }
}
