/**
 * Amount inputs: what a finance officer types ("1,234.56", "１２３．４", " 80 ") becomes canonical
 * decimal text in 万元, exactly — never through parseFloat. Text that is not an amount is kept as
 * typed, so the schema reports it at its path and nothing the user typed is lost.
 */
import { canonicalDecimal, wanToFen } from '../../../src/core/money.ts';
import { asciiDigits, asciiMinus } from '../../../src/core/text/digits.ts';

export type AmountParse =
  | { readonly ok: true; readonly value: string | undefined }
  | { readonly ok: false; readonly raw: string; readonly message: string };

/** Normalise typing habits: full-width digits/point/minus, thousands separators, spaces. */
export function normaliseAmountText(raw: string): string {
  return asciiMinus(asciiDigits(raw))
    .replace(/[．。]/g, '.')
    .replace(/[,，\s]/g, '')
    .replace(/万元$/, '');
}

/**
 * Blank → not filled (undefined); a valid amount → canonical text; otherwise an error with the raw
 * text.
 */
export function parseAmountInput(raw: string): AmountParse {
  const t = normaliseAmountText(raw);
  if (t === '') return { ok: true, value: undefined };
  const canon = canonicalDecimal(t);
  if (canon === null) return { ok: false, raw, message: '请输入数字金额（万元），如 441.98' };
  if (wanToFen(canon) === null) return { ok: false, raw, message: '金额最多六位小数（精确到分）' };
  return { ok: true, value: canon };
}

/**
 * Value for the dossier: the canonical amount, or the raw text when invalid (schema will flag it).
 */
export function amountForDossier(raw: string): string | undefined {
  const r = parseAmountInput(raw);
  return r.ok ? r.value : r.raw;
}

/**
 * Integers for head counts (编制数 etc.): blank → undefined; otherwise a number when whole, else the
 * raw text.
 */
export function countForDossier(raw: string): number | string | undefined {
  const t = normaliseAmountText(raw);
  if (t === '') return undefined;
  return /^\d+$/.test(t) && t.length < 10 ? Number(t) : raw;
}
