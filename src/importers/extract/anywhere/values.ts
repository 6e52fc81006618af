/**
 * Values as written in table cells: amounts in 万元 or 元 ("150万", "125.25万元", "1,234.56"),
 * rates ("86%", "100.00%"), points ("9", "2.16"), and the marks that mean "not filled" (—, /).
 * Amounts become canonical decimal text in 万元, converted from 元 by moving the decimal point
 * (exact: no binary floating point).
 */
export type Currency = '万元' | '元';

const NUM = /^[+-]?\d+(?:\.\d+)?$/;
export const NIL_MARK = /^(?:—+|-+|－|–|\/|／|无)$/;

/** Canonical decimal text ("043.50" → "43.5"), or undefined. */
export function canonical(t: string): string | undefined {
  const s = t.replace(/,/g, '').trim();
  if (!NUM.test(s)) return undefined;
  const neg = s.startsWith('-');
  const [int = '0', frac = ''] = s.replace(/^[+-]/, '').split('.');
  const f = frac.replace(/0+$/, '');
  const i = int.replace(/^0+(?=\d)/, '');
  return `${neg && (i !== '0' || f) ? '-' : ''}${i}${f ? `.${f}` : ''}`;
}

/** 元 → 万元: the decimal point moves four places left. */
export function yuanToWan(yuan: string): string | undefined {
  const c = canonical(yuan);
  if (c === undefined) return undefined;
  const neg = c.startsWith('-');
  const [int = '0', frac = ''] = c.replace(/^-/, '').split('.');
  const padded = int.padStart(5, '0');
  const out = canonical(`${padded.slice(0, -4)}.${padded.slice(-4)}${frac}`);
  return out === undefined ? undefined : `${neg && out !== '0' ? '-' : ''}${out}`;
}

/**
 * An amount cell → 万元 text. A cell's own unit ("150万", "12元") wins over the table's currency.
 * Returns undefined for anything that is not an amount.
 */
export function amountCell(text: string, currency: Currency = '万元'): string | undefined {
  const t = text.replace(/\s+/g, '');
  const m = /^([+-]?[\d,]+(?:\.\d+)?)(万元|万|元)?$/.exec(t);
  if (!m?.[1]) return undefined;
  const unit = m[2] === '万' || m[2] === '万元' ? '万元' : m[2] === '元' ? '元' : currency;
  return unit === '元' ? yuanToWan(m[1]) : canonical(m[1]);
}

/** "86%" → "86"; undefined when the cell is not a percentage. */
export function percentCell(text: string): string | undefined {
  const m = /^([+-]?\d+(?:\.\d+)?)\s*%$/.exec(text.replace(/\s+/g, ''));
  return m?.[1] ? canonical(m[1]) : undefined;
}

/** Points ("9", "2.16", "10分"). */
export function pointsCell(text: string): string | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*分?$/.exec(text.replace(/\s+/g, ''));
  return m?.[1] ? canonical(m[1]) : undefined;
}

/** A cell a money row can hold: an amount, a rate, points or a not-filled mark. */
export const isMoneyValue = (t: string): boolean =>
  amountCell(t) !== undefined || percentCell(t) !== undefined || NIL_MARK.test(t.trim());

/**
 * Numbers run together without separators ("194.9194.9100%", "1.561.56120") split into `count`
 * parts, each a well-formed number (no leading zeros, at most 4 decimals). Every split is
 * returned; the caller keeps the one its own arithmetic confirms (rate = actual ÷ budget).
 */
export function splitsOf(run: string, count: number): string[][] {
  const out: string[][] = [];
  const ok = (p: string) =>
    /^(?:0|[1-9]\d*)(?:\.\d{1,4})?%?$/.test(p) && !(p.endsWith('.') || p.startsWith('.'));
  const rec = (rest: string, parts: string[]) => {
    if (out.length > 200) return;
    if (parts.length === count - 1) {
      if (ok(rest)) out.push([...parts, rest]);
      return;
    }
    for (let k = 1; k < rest.length; k++) {
      const p = rest.slice(0, k);
      if (p.endsWith('%') || !ok(p)) continue;
      rec(rest.slice(k), [...parts, p]);
    }
  };
  rec(run, []);
  return out;
}
