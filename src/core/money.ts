/**
 * Exact money and rates (domain.md §6).
 *
 * Amounts travel through the whole product as canonical decimal strings in 万元 ("441.98"), the
 * way reports and dossier files write them. Arithmetic is done in integers of 分 (0.01 元 =
 * 0.000001 万元): a 万元 amount with up to six decimals maps exactly onto a safe integer up to
 * 9·10^15 分 (90 万亿元), far beyond any unit's budget. Rates and shares use decimal.js.
 * Binary floating point never touches an amount.
 */
import Decimal from 'decimal.js';

declare const wanBrand: unique symbol;
/**
 * A canonical decimal string in 万元, e.g. "441.98", "-0.5", "0" — exact to the 分. Branded: only
 * the money API (fenToWan, parseWan, toWan, the arithmetic) and the dossier schema's Amount make
 * one, so a Wan is known to be a valid amount.
 */
export type Wan = string & { readonly [wanBrand]: '万元' };
/**
 * What the money API reads: decimal text in 万元 — a Wan, or text the caller has validated (a
 * dossier field, a literal). Results are always Wan.
 */
export type WanText = Wan | string;
/** An integer number of 分 (0.01 元). */
export type Fen = number;

const DECIMAL_RE = /^[+-]?\d+(\.\d+)?$/;
/** 1 万元 = 10^6 分. */
const FEN_PER_WAN_DIGITS = 6;

/**
 * Canonical form of a decimal text: no plus sign, no leading zeros, no trailing fractional zeros.
 * Returns null when the text is not a plain decimal number.
 */
export function canonicalDecimal(text: string): string | null {
  const t = text.trim();
  // Already canonical (what a saved dossier holds): no need to go through decimal.js.
  if (CANONICAL_RE.test(t) && t !== '-0') return t;
  if (!DECIMAL_RE.test(t)) return null;
  return new Decimal(t).toFixed();
}

/** Text that canonicalDecimal returns unchanged (besides "-0", which becomes "0"). */
const CANONICAL_RE = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;

/**
 * A JS number written by YAML/JSON from decimal text back to that text (shortest round-trip form).
 */
export function numberToDecimalText(n: number): string | null {
  if (!Number.isFinite(n)) return null;
  const s = String(n);
  // Without an exponent, a number's shortest text is already canonical (String(-0) is "0").
  return s.includes('e') ? new Decimal(s).toFixed() : s;
}

/** 万元 text → 分. Null when the text is not a decimal or has more than six decimals. */
export function wanToFen(text: WanText): Fen | null {
  const plain = plainFen(text);
  if (plain !== undefined) return plain;
  const m = WAN_RE.exec(text.trim());
  if (!m) return null;
  let frac = m[3] ?? '';
  if (frac.length > FEN_PER_WAN_DIGITS) {
    frac = frac.replace(/0+$/, '');
    if (frac.length > FEN_PER_WAN_DIGITS) return null;
  }
  const fen =
    Number(m[2]) * 10 ** FEN_PER_WAN_DIGITS +
    (frac ? Number(frac) * 10 ** (FEN_PER_WAN_DIGITS - frac.length) : 0);
  if (!Number.isSafeInteger(fen)) return null;
  return m[1] === '-' ? -fen : fen;
}

/** DECIMAL_RE with its parts: sign, integer digits, fraction digits. */
const WAN_RE = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/**
 * wanToFen of the usual text, read digit by digit: an optional "-", 1 to 9 integer digits and up
 * to six decimals (below 10^15 分, so every step is exact). Undefined for anything else (spaces,
 * "+", longer text), which the regular expression then reads: the auditor reads an amount in 分
 * in most rules, and the match was a tenth of a sum's check (issue 14). Exported for its own
 * boundary tests: through wanToFen, a fast path that gives up is not seen.
 */
export function plainFen(text: string): Fen | undefined {
  const end = text.length;
  const negative = text.charCodeAt(0) === 45; // "-"
  let i = negative ? 1 : 0;
  const intStart = i;
  let int = 0;
  for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i))
    int = int * 10 + (c - 48);
  if (i === intStart || i - intStart > 9) return undefined;
  let frac = 0;
  let fracDigits = 0;
  if (i < end) {
    if (text.charCodeAt(i) !== 46) return undefined; // "."
    for (let c = text.charCodeAt(++i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) {
      if (fracDigits === FEN_PER_WAN_DIGITS) return undefined;
      frac = frac * 10 + (c - 48);
      fracDigits++;
    }
    if (i < end || fracDigits === 0) return undefined;
  }
  // The same sum (and sign, -0 included) as below.
  const fen = int * 10 ** FEN_PER_WAN_DIGITS + frac * 10 ** (FEN_PER_WAN_DIGITS - fracDigits);
  return negative ? -fen : fen;
}

/** Like wanToFen but throws on bad input: for values already validated by the dossier schema. */
export function fen(text: WanText): Fen {
  const v = wanToFen(text);
  if (v === null) throw new Error(`not a valid amount: ${JSON.stringify(text)}`);
  return v;
}

/** 分 → canonical 万元 text, exact (up to six decimals). */
export function fenToWan(value: Fen): Wan {
  // The one place a string becomes a Wan: the text of an exact integer of 分.
  if (Number.isSafeInteger(value)) {
    // Integer arithmetic is exact here; the same text decimal.js gives, without its cost.
    const abs = Math.abs(value);
    const unit = 10 ** FEN_PER_WAN_DIGITS;
    const int = Math.floor(abs / unit);
    const frac = String(abs - int * unit)
      .padStart(FEN_PER_WAN_DIGITS, '0')
      .replace(/0+$/, '');
    return `${value < 0 ? '-' : ''}${int}${frac ? `.${frac}` : ''}` as Wan;
  }
  return new Decimal(value).div(10 ** FEN_PER_WAN_DIGITS).toFixed() as Wan;
}

/** Decimal text → Wan (canonical), or null when it is not an amount exact to the 分. */
export function parseWan(text: string): Wan | null {
  const f = wanToFen(text);
  return f === null ? null : fenToWan(f);
}

/** Like parseWan but throws: for literals and values already validated as amounts. */
export function toWan(text: string): Wan {
  const w = parseWan(text);
  if (w === null) throw new Error(`not a valid amount: ${JSON.stringify(text)}`);
  return w;
}

/**
 * Exact sum of 万元 amounts; undefined entries are skipped (not filled is not zero, but adds
 * nothing).
 */
export function sumWan(values: readonly (WanText | undefined)[]): Wan {
  let total = 0;
  for (const v of values) if (v !== undefined) total += fen(v);
  return fenToWan(total);
}

/** a − b in 万元, exact. */
export const subWan = (a: WanText, b: WanText): Wan => fenToWan(fen(a) - fen(b));

/** Display an amount in 万元 with two decimals, rounding half up (away from zero on .005). */
export function formatWan(value: WanText | Decimal, decimals = 2): string {
  if (typeof value === 'string') {
    const quick = roundDecimalText(value, decimals);
    if (quick !== null) return quick;
  } else if (decimals === 2) {
    // Decimals are immutable: one read per instance (the auditor shows the same figure often).
    let shown = shownDecimals.get(value);
    if (shown === undefined) {
      // Rounded on its exact digits (toFixed() writes no exponent): no rounded Decimal is made.
      shown =
        roundDecimalText(value.toFixed(), 2) ??
        value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
      shownDecimals.set(value, shown);
    }
    return shown;
  }
  return new Decimal(value).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP).toFixed(decimals);
}
let shownDecimals = new WeakMap<Decimal, string>();

/**
 * Plain decimal text rounded half up (away from zero) to `decimals` places, as decimal.js's
 * toDecimalPlaces + toFixed write it ("-0.001" → "0.00", no negative zero), done on the digits:
 * formatWan runs for every figure a report or finding shows. Null for text decimal.js must read
 * (exponents, ".5", spaces) or too long for exact integer arithmetic. Exported for its own
 * boundary tests (formatWan falls back to decimal.js when it gives up).
 */
export function roundDecimalText(text: string, decimals: number): string | null {
  const m = WAN_RE.exec(text);
  if (!m) return null;
  const int = m[2] as string;
  const frac = m[3] ?? '';
  if (int.length + decimals > 15) return null;
  // The kept digits as one integer, plus one when the first dropped digit is 5 or more ("5" is
  // char code 53; past the end charCodeAt is NaN, so nothing is dropped and nothing rounds up).
  const up = frac.charCodeAt(decimals) >= 53 ? 1 : 0;
  const digits = Number(int + frac.slice(0, decimals).padEnd(decimals, '0')) + up;
  if (digits === 0) return decimals ? `0.${'0'.repeat(decimals)}` : '0';
  const body = String(digits).padStart(decimals + 1, '0');
  const sign = m[1] === '-' ? '-' : '';
  return decimals
    ? `${sign}${body.slice(0, -decimals)}.${body.slice(-decimals)}`
    : `${sign}${body}`;
}

/** An amount in 万元 as formatWan, or "—" when not filled (tables and comparisons). */
export const formatWanOrDash = (value: WanText | undefined): string =>
  value === undefined ? '—' : formatWan(value);

/**
 * A ratio expressed in percent, or a reason why it does not apply (domain.md §3: never a division
 * error).
 */
export type Percent =
  | { readonly ok: true; readonly percent: Decimal }
  | { readonly ok: false; readonly reason: 'missing' | 'zero-base' };

/**
 * numerator ÷ denominator × 100, exact to 20 significant digits; not applicable on a zero or
 * missing base.
 */
export function percentOf(
  numerator: WanText | undefined,
  denominator: WanText | undefined,
): Percent {
  if (numerator === undefined || denominator === undefined) return { ok: false, reason: 'missing' };
  // Read through decimalOf: rates are taken of the same few amounts by derive, score and audit.
  const den = decimalOf(denominator);
  if (den.isZero()) return { ok: false, reason: 'zero-base' };
  return { ok: true, percent: decimalOf(numerator).div(den).times(HUNDRED) };
}

const HUNDRED = new Decimal(100);

/** (current − previous) ÷ previous × 100, signed. */
export function growthOf(current: WanText | undefined, previous: WanText | undefined): Percent {
  if (current === undefined || previous === undefined) return { ok: false, reason: 'missing' };
  return percentOf(subWan(current, previous), previous);
}

/** Round a percentage half up to `decimals` places (default two: domain.md §6). */
export const roundPercent = (p: Decimal, decimals = 2): Decimal =>
  p.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);

/** "93.08%"; "不适用" when the rate does not apply. */
export function formatPercent(p: Percent, decimals = 2): string {
  return p.ok ? `${roundPercent(p.percent, decimals).toFixed(decimals)}%` : '不适用';
}

/** Round a score (points) half up to two decimals. */
export const roundScore = (d: Decimal): Decimal => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/** Display points (分) with two decimals, half up: "9.31". */
export const formatPoints = (points: Decimal | string): string =>
  roundDecimalText(typeof points === 'string' ? points : points.toFixed(), 2) ??
  roundScore(new Decimal(points)).toFixed(2);

/**
 * The Decimal of a decimal text, read once per text: the auditor compares the same dossier fields
 * and stated figures in many rules, and reading text is most of decimal.js's cost. Decimals are
 * immutable, so one instance serves every reader. Bounded so a long-running server does not grow
 * it without end.
 */
export function decimalOf(text: string): Decimal {
  let d = decimals.get(text);
  if (d === undefined) {
    if (decimals.size >= DECIMALS_MAX) decimals.clear();
    d = new Decimal(text);
    decimals.set(text, d);
  }
  return d;
}
const decimals = new Map<string, Decimal>();
/** How many texts decimalOf keeps before it starts again (about 2 MB of Decimals). */
export const DECIMALS_MAX = 20_000;

/**
 * Forgets decimalOf's texts and formatWan's shown Decimals. For mutation testing, which reuses
 * loaded modules between runs: a value kept under one mutant would otherwise answer for the next.
 */
export function clearMoneyCaches(): void {
  decimals.clear();
  shownDecimals = new WeakMap();
}

export { Decimal };
