/**
 * Full-width and look-alike characters in numbers, as people type them in a Chinese IME or as PDF
 * and Office files carry them: "１２３．４５", "－5", "８０％". The one definition of each mapping;
 * the core, the importers and the web compose the ones they need.
 */

const FULL_WIDTH_DIGIT = /[０-９]/g;
/** Code point distance between a full-width digit (U+FF10…FF19) and its ASCII digit. */
const FULL_WIDTH_OFFSET = 0xfee0;

/** Full-width digits ０–９ → ASCII 0–9; nothing else changes. */
export function asciiDigits(text: string): string {
  return text.replace(FULL_WIDTH_DIGIT, (c) =>
    String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET),
  );
}

/** Dashes written as minus signs (－ full-width, — em, – en, − minus sign) → "-". */
export function asciiMinus(text: string): string {
  return text.replace(/[－—–−]/g, '-');
}

/** Full-width percent sign ％ → "%". */
export function asciiPercent(text: string): string {
  return text.replace(/％/g, '%');
}
