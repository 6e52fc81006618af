/**
 * Rule sets as data (domain.md §4 "Rule sets are data"): one zod schema for the files in
 * rulesets/*.yaml (national default 财预〔2020〕10号, Hunan, Sichuan, user-defined ones).
 *
 * The core never reads files: src/io/load-ruleset.ts parses a file and passes the RuleSet in.
 * NATIONAL_RULESET is the built-in copy of rulesets/national.yaml (a test keeps them equal), so the
 * browser and tests can score without I/O.
 */
import { z } from 'zod';
import { canonicalDecimal, numberToDecimalText } from '../money.ts';

/** A non-negative decimal written as a YAML number or text; kept as canonical text. */
const Num = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const text = typeof v === 'number' ? numberToDecimalText(v) : canonicalDecimal(v);
  if (text === null || text.startsWith('-')) {
    ctx.addIssue({
      code: 'custom',
      message: 'expected a non-negative decimal number',
      params: { jixiao: 'decimal' },
    });
    return z.NEVER;
  }
  return text;
});
/** A fraction of the weight W, 0…1. */
const Fraction = Num.refine((v) => Number(v) <= 1, {
  message: 'a fraction of the weight must be between 0 and 1',
});

export const GRADES = ['优', '良', '中', '差'] as const;

/** 财预〔2020〕10号 grade bands, points: ≥ 90 优, ≥ 80 良, ≥ 60 中, below 差. */
const NATIONAL_GRADE_BANDS = [
  { grade: '优', min: '90' },
  { grade: '良', min: '80' },
  { grade: '中', min: '60' },
  { grade: '差', min: '0' },
] as const;

const Tier = z
  .object({
    /** Lower bound of the tier, fraction of W (inclusive). */
    min: Fraction,
    /** Upper bound, fraction of W (inclusive only for the top tier, whose max is 1). */
    max: Fraction,
    /**
     * Score used when the tier is known and no stated score lies inside the tier, fraction of W.
     */
    default: Fraction,
  })
  .strict();

const WeightMap = z.record(z.string().min(1), Num);

export const RuleSetSchema = z
  .object({
    format: z.literal('jixiao/ruleset@1').default('jixiao/ruleset@1'),
    /** File name without extension: "national", "hunan". */
    name: z.string().trim().min(1),
    version: z.string().trim().min(1),
    /** Chinese title shown in reports. */
    title: z.string().trim().min(1),
    /** The regulation the rule set follows. */
    source: z.string().trim().min(1),
    execution: z
      .object({
        /** Points for budget execution (预算执行率). */
        weight: Num.default('10'),
        /** 全年预算数（调整后） or 年初预算数 as the rate's denominator. */
        denominator: z.enum(['adjustedBudget', 'initialBudget']).default('adjustedBudget'),
        /**
         * proportional: min(rate, 100%) × W; step: W − stepPoints per stepWidth points below 100%.
         */
        rule: z.enum(['proportional', 'step']).default('proportional'),
        /** Points deducted per step (step rule). */
        stepPoints: Num.default('2'),
        /** Width of a step in percentage points (step rule). */
        stepWidth: Num.refine((v) => Number(v) > 0, {
          message: 'stepWidth must be positive',
        }).default('5'),
        /**
         * started: every started step deducts (99% → one step); complete: only full steps deduct.
         */
        stepRounding: z.enum(['started', 'complete']).default('started'),
      })
      .strict()
      .prefault({}),
    /** Expected 一级 weight subtotals, points, keyed by 一级 name ("产出指标"); execution is separate. */
    level1Weights: z
      .object({ department: WeightMap.optional(), project: WeightMap.optional() })
      .strict()
      .prefault({}),
    /** Grade bands: a total ≥ min (points) gets the grade; checked from the highest min down. */
    grades: z
      .array(z.object({ grade: z.enum(GRADES), min: Num }).strict())
      .min(1)
      .default([...NATIONAL_GRADE_BANDS]),
    /** 10号 qualitative tiers, fractions of W. */
    qualitative: z
      .object({ achieved: Tier, partial: Tier, notAchieved: Tier })
      .strict()
      .default({
        achieved: { min: '0.8', max: '1', default: '1' },
        partial: { min: '0.6', max: '0.8', default: '0.7' },
        notAchieved: { min: '0', max: '0.6', default: '0.3' },
      }),
    /** rescale: total × (weight sum ÷ applicable weight); redistribute: within the same 一级. */
    notApplicable: z.enum(['rescale', 'redistribute']).default('rescale'),
    overshoot: z
      .object({
        /** off: ignore; flag: mark it; notMet: score as not met. */
        mode: z.enum(['off', 'flag', 'notMet']).default('off'),
        /** How far beyond the target counts as overshoot, percent of the target. */
        margin: Num.default('30'),
      })
      .strict()
      .prefault({}),
    /**
     * Execution rate (%) below which a written reason is required; null when the rule set does not
     * ask.
     */
    reasonRequiredBelow: Num.nullable().default(null),
  })
  .strict();

export type RuleSet = z.infer<typeof RuleSetSchema>;
export type RuleSetInput = z.input<typeof RuleSetSchema>;
export type QualitativeTier = keyof RuleSet['qualitative'];

/** The national default (财预〔2020〕10号); identical to rulesets/national.yaml. */
export const NATIONAL_RULESET_INPUT: RuleSetInput = {
  name: 'national',
  version: '2020.1',
  title: '全国通用评分规则（财预〔2020〕10号）',
  source:
    '财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）；《部门整体支出绩效评价共性指标体系框架》（财预〔2013〕53号）',
  execution: {
    weight: 10,
    denominator: 'adjustedBudget',
    rule: 'proportional',
    stepPoints: 2,
    stepWidth: 5,
    stepRounding: 'started',
  },
  level1Weights: {
    project: { 产出指标: 50, 效益指标: 30, 满意度指标: 10 },
  },
  grades: [...NATIONAL_GRADE_BANDS],
  qualitative: {
    achieved: { min: 0.8, max: 1, default: 1 },
    partial: { min: 0.6, max: 0.8, default: 0.7 },
    notAchieved: { min: 0, max: 0.6, default: 0.3 },
  },
  notApplicable: 'rescale',
  overshoot: { mode: 'off', margin: 30 },
  reasonRequiredBelow: null,
};

export const NATIONAL_RULESET: RuleSet = RuleSetSchema.parse(NATIONAL_RULESET_INPUT);

/** Resolve the rule set name to use: CLI flag > dossier.ruleset > "national". */
export const selectRulesetName = (
  flag: string | undefined,
  dossierRuleset: string | undefined,
): string => flag ?? dossierRuleset ?? 'national';

/** "产出指标（40分）", "产出 " → "产出": the key 一级 names are matched by. */
export function level1Key(name: string): string {
  return name
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/\s+/g, '')
    .replace(/指标$/, '');
}
