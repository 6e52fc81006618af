/** Checks on text shown to a person; the browser suite runs it over every screenshot's page. */

/**
 * What a person must never read on a page (issue 12 "Chinese everywhere"): a dossier path
 * ("indicators[14].weight", "income.general.adjustedBudget"), an audit rule code
 * ("ARITH-BASIC-SUM") or an English library message.
 */
const NOT_FOR_READERS: readonly [string, RegExp][] = [
  ['dossier path', /\b[a-z][a-zA-Z]*(?:\[\d+\])?(?:\.[a-z][a-zA-Z]*(?:\[\d+\])?)+\b/],
  ['indexed path', /\b[a-z][a-zA-Z]*\[\d+\]/],
  ['rule code', /\b[A-Z]{3,}(?:-[A-Z0-9]+)+\b/],
  ['English message', /\b(?:expected|unexpected|invalid|undefined|NaN|Error|failed)\b/i],
];

/** The problems of a page's visible text, as "kind: excerpt". */
export function unreadableText(text: string): string[] {
  const out: string[] = [];
  // A date format hint is for readers ("填报日期（YYYY-MM-DD）"), not a rule code.
  text = text.replace(/YYYY-MM-DD/g, '年-月-日');
  for (const [kind, re] of NOT_FOR_READERS) {
    const m = re.exec(text);
    if (m) out.push(`${kind}: …${text.slice(Math.max(0, m.index - 20), m.index + 40)}…`);
  }
  return out;
}
