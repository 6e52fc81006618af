/**
 * The rule catalogue: every audit rule, in family order. Codes are stable (they appear in files,
 * the API and docs/rules.md); a new rule gets a new code, a retired code is never reused.
 */
import { ARITHMETIC_RULES } from './rules-arithmetic.ts';
import { COMPLETENESS_RULES } from './rules-completeness.ts';
import { gated } from './document.ts';
import { CROSS_RULES } from './rules-cross.ts';
import { DOCUMENT_RULES } from './rules-document.ts';
import { PLAUSIBILITY_RULES } from './rules-plausibility.ts';
import { PRACTICE_RULES } from './rules-practice.ts';
import { RATIO_RULES } from './rules-ratios.ts';
import { SCORING_RULES } from './rules-scoring.ts';
import { FAMILIES, type Rule } from './types.ts';

/**
 * Rules that need a whole report or a department report are gated on what the document is
 * (document.ts); the document rules check a published table in its own terms.
 */
export const CATALOGUE: readonly Rule[] = [
  ...ARITHMETIC_RULES,
  ...RATIO_RULES,
  ...CROSS_RULES,
  ...SCORING_RULES,
  ...COMPLETENESS_RULES,
  ...PLAUSIBILITY_RULES,
  ...PRACTICE_RULES,
  ...DOCUMENT_RULES,
]
  .sort((a, b) => FAMILIES.indexOf(a.family) - FAMILIES.indexOf(b.family))
  .map(gated);

const byCode = new Map(CATALOGUE.map((r) => [r.code, r]));
export const ruleByCode = (code: string): Rule | undefined => byCode.get(code);
