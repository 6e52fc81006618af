/**
 * The dossier: everything one unit-year holds (domain.md §2), as one zod schema.
 *
 * The same schema reads dossier files (YAML/JSON), API bodies and web forms. Parsed values stay
 * plain JSON: amounts are canonical decimal strings in 万元 (see money.ts), indicator numbers are
 * decimal strings, dates are ISO strings. A field that is absent means "not filled", never zero.
 */
import { z } from 'zod';
import { canonicalDecimal, numberToDecimalText, parseWan, wanToFen } from '../money.ts';
import {
  CONCEPT_KEYS,
  CONTROL_ITEMS,
  INCOME_SOURCES,
  MONEY_COLUMNS,
  THREE_PUBLIC_ITEMS,
} from './concepts.ts';
import { OPERATORS, parseActual, parseTarget } from './indicator-values.ts';

/**
 * Bounds of a dossier (issue #13: a weight of 1e308 was saved and every report answered 500).
 * A dossier is one unit-year: hundreds of indicators at most; texts are paragraphs, not books.
 */
export const DOSSIER_LIMITS = {
  /** Indicators of the unit, and of each project. */
  indicators: 500,
  projects: 500,
  statements: 5000,
  /** Items of short lists (functions, offices, missing labels). */
  listItems: 200,
  /** Characters of any text field. */
  textChars: 20_000,
  /**
   * Integer digits of an amount in 万元: 8, i.e. below 1 万亿元 (12 integer digits of 元). Kept
   * well inside money.ts's exact range (9·10^15 分) so totals over a dossier stay exact.
   */
  amountIntDigits: 8,
  /** 分值 and 得分 are points of a 100-point total. */
  maxPoints: 100,
} as const;

/** A bound that was crossed: a custom issue whose message names the limit (describeIssue). */
function limitIssue(ctx: z.RefinementCtx, zh: string, en: string): void {
  ctx.addIssue({ code: 'custom', message: en, params: { jixiao: 'limit', zh, en } });
}

/** Integer digits of a canonical decimal ("-123.4" has 3). */
const intDigits = (canonical: string) => {
  const dot = canonical.indexOf('.');
  return (dot < 0 ? canonical.length : dot) - (canonical.startsWith('-') ? 1 : 0);
};

/**
 * A decimal number written as a YAML/JSON number or as text; normalised to canonical text. (A
 * number too large for a double, YAML `1e400`, reads as Infinity: describeIssue names it.)
 */
export const DecimalText = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const text =
    typeof v === 'number' ? numberToDecimalText(v) : canonicalDecimal(v.replace(/,/g, ''));
  if (text === null) {
    ctx.addIssue({
      code: 'custom',
      message: 'expected a decimal number',
      params: { jixiao: 'decimal' },
    });
    return z.NEVER;
  }
  return text;
});

/**
 * An amount in 万元 (up to six decimals, i.e. exact to the 分; at most 8 integer digits). The sign
 * is not checked here: a published report may state a negative budget by mistake and the auditor
 * reports it (PLAUS-NEGATIVE-AMOUNT); what a person enters is held to enteredValueErrors.
 */
export const Amount = DecimalText.superRefine((v, ctx) => {
  const d = DOSSIER_LIMITS.amountIntDigits;
  if (intDigits(v) > d) {
    limitIssue(
      ctx,
      `金额超出范围：最多 ${d} 位整数（万元，即小于 1 万亿元），实际为 ${short(v)}`,
      `amount out of range: at most ${d} integer digits (万元)`,
    );
    return;
  }
  if (wanToFen(v) === null)
    ctx.addIssue({
      code: 'custom',
      message: 'expected an amount in 万元 with at most six decimals',
      params: { jixiao: 'amount' },
    });
  // The branded amount (money.Wan); the check above has already reported any text that is not one.
}).transform((v) => parseWan(v) ?? z.NEVER);

/** A long canonical number shortened for a message (1e308 has 309 digits). */
const short = (v: string) => (v.length > 40 ? `${v.slice(0, 20)}…（${intDigits(v)} 位整数）` : v);

/** Points (分值, 得分) of a 100-point total: at most 100 either way. */
const Points = DecimalText.superRefine((v, ctx) => {
  const max = DOSSIER_LIMITS.maxPoints;
  if (intDigits(v) > 3 || Math.abs(Number(v)) > max)
    limitIssue(
      ctx,
      `分值/得分不能超过 ${max} 分，实际为 ${short(v)}`,
      `points cannot exceed ${max}, got ${short(v)}`,
    );
});

/** A list of at most `max` items; more is a located error naming the limit. */
function capped<T extends z.ZodTypeAny>(item: T, max: number, what: string) {
  return z
    .array(item)
    .default([])
    .superRefine((a, ctx) => {
      if (a.length > max)
        limitIssue(
          ctx,
          `${what}最多 ${max} 项，实际为 ${a.length} 项`,
          `at most ${max} items, got ${a.length}`,
        );
    });
}

/** Optional amount: absent or null both mean "not filled". */
export const OptAmount = Amount.nullish()
  .transform((v) => v ?? undefined)
  .optional();

export const MoneyColumns = z
  .object(
    Object.fromEntries(MONEY_COLUMNS.map((c) => [c, OptAmount])) as Record<
      (typeof MONEY_COLUMNS)[number],
      typeof OptAmount
    >,
  )
  .strict();
export type MoneyColumns = z.infer<typeof MoneyColumns>;

const Count = z.number().int().nonnegative();
const Text = z
  .string()
  .trim()
  .superRefine((t, ctx) => {
    const max = DOSSIER_LIMITS.textChars;
    if (t.length > max)
      limitIssue(
        ctx,
        `文字最多 ${max} 个字符，实际为 ${t.length} 个`,
        `at most ${max} characters, got ${t.length}`,
      );
  });

export const Location = z
  .object({
    /** Narrative section, e.g. "二（一）", "六 1". */
    section: Text.optional(),
    annex: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    table: Text.optional(),
    row: Text.optional(),
    column: Text.optional(),
    page: z.number().int().positive().optional(),
    line: z.number().int().positive().optional(),
    sheet: Text.optional(),
    cell: Text.optional(),
    /** The words around the figure, as written. */
    quote: Text.optional(),
  })
  .strict();
export type Location = z.infer<typeof Location>;

/** What the report says about one concept at one place (domain.md §2 "Stated figures"). */
export const Statement = z
  .object({
    concept: z.enum(CONCEPT_KEYS),
    /** As written: "404.92", "84.8%", "98.9", "优". */
    value: z
      .union([z.string(), z.number()])
      .transform((v) => (typeof v === 'number' ? (numberToDecimalText(v) ?? String(v)) : v.trim())),
    /**
     * Project id (for project.* concepts) or 一级 indicator name (for indicators.level1.subtotal).
     */
    scope: Text.optional(),
    where: Location,
    note: Text.optional(),
  })
  .strict();
export type Statement = z.infer<typeof Statement>;

const TargetObject = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('number'),
      op: z.enum(OPERATORS).optional(),
      value: DecimalText,
      unit: Text.optional(),
      text: z.string().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('range'),
      min: DecimalText,
      max: DecimalText,
      unit: Text.optional(),
      text: z.string().optional(),
    })
    .strict(),
  z.object({ kind: z.literal('text'), text: Text.min(1) }).strict(),
]);
/** Target as a string ("≥ 95%", "定性") or as an object. */
export const TargetSchema = z.union([z.string().min(1).transform(parseTarget), TargetObject]);

const ActualObject = z
  .object({ value: DecimalText.optional(), unit: Text.optional(), text: z.string() })
  .strict();
export const ActualSchema = z.union([
  z.union([z.string(), z.number()]).transform((v) => parseActual(String(v))),
  ActualObject,
]);

export const QUALITATIVE_TIERS = ['achieved', 'partial', 'notAchieved'] as const;

export const Indicator = z
  .object({
    /** Stable within the dossier; used by comments, findings and overrides. */
    id: Text.min(1),
    level1: Text.min(1),
    level2: Text.min(1),
    name: Text.min(1),
    kind: z.enum(['quantitative', 'qualitative']).optional(),
    /**
     * 年度指标值. Absent when the table left it blank (an imported report): the indicator then
     * cannot be compared with its actual and no rule scores it (a person or the stated score).
     */
    target: TargetSchema.optional(),
    actual: ActualSchema.optional(),
    /** 分值, points. */
    weight: Points,
    /** 得分 as stated in the report (or typed by the unit), points. */
    score: Points.optional(),
    /** 10号 tier for qualitative indicators. */
    tier: z.enum(QUALITATIVE_TIERS).optional(),
    /**
     * A person's score replacing the computed one, with the reason (domain.md §4 manual override).
     */
    override: z
      .object({ score: Points, reason: Text.min(1) })
      .strict()
      .optional(),
    notApplicable: z
      .object({ reason: Text.min(1) })
      .strict()
      .optional(),
    /** 偏差原因分析及改进措施. */
    deviation: Text.optional(),
  })
  .strict();
export type Indicator = z.infer<typeof Indicator>;

export const Goal = z.object({ expected: Text.default(''), achieved: Text.default('') }).strict();

export const PROJECT_KINDS = ['business', 'operation', 'special'] as const;
export const PROJECT_KIND_LABELS: Record<(typeof PROJECT_KINDS)[number], string> = {
  business: '业务工作专项',
  operation: '运行维护专项',
  special: '市级（省级）专项资金',
};

export const Project = z
  .object({
    id: Text.min(1),
    name: Text.min(1),
    kind: z.enum(PROJECT_KINDS).default('business'),
    money: MoneyColumns.prefault({}),
    goal: Goal.optional(),
    /** A project's own indicator grid (项目支出绩效自评表), scored like the unit's. */
    indicators: capped(Indicator, DOSSIER_LIMITS.indicators, '项目绩效指标'),
    note: Text.optional(),
  })
  .strict();
export type Project = z.infer<typeof Project>;

const keyed = <K extends readonly [string, ...string[]]>(keys: K) =>
  z
    .object(
      Object.fromEntries(keys.map((k) => [k, MoneyColumns.optional()])) as Record<
        K[number],
        z.ZodOptional<typeof MoneyColumns>
      >,
    )
    .strict();

export const Provenance = z
  .object({
    text: z.string(),
    page: z.number().int().optional(),
    line: z.number().int().optional(),
    sheet: z.string().optional(),
    cell: z.string().optional(),
    confidence: z.number().min(0).max(1),
  })
  .strict();

/**
 * What an imported document is (issue 15), as the reader saw it; absent for a dossier kept in
 * full. The auditor gates on it: rules that need the whole report stay silent on a partial one,
 * and what was not found is listed as info, never a refusal.
 */
export const DocumentInfo = z
  .object({
    /** 部门整体 (department) or 项目支出 (project) self-evaluation. */
    level: z.enum(['department', 'project']).optional(),
    /** An excerpt, a single table or half a grid: only part of a report was read. */
    partial: z.boolean().optional(),
    /**
     * What a complete report states and this one did not, as field labels a person reads
     * (“单位名称”, “年度”, “指标表”); when the unit name or year is missing the dossier holds a
     * placeholder for it.
     */
    missing: capped(Text, DOSSIER_LIMITS.listItems, '缺失项'),
  })
  .strict();
export type DocumentInfo = z.infer<typeof DocumentInfo>;

export const Dossier = z
  .object({
    /** Format version of this file. */
    format: z.literal('jixiao/dossier@1').default('jixiao/dossier@1'),
    year: z.number().int().min(2000).max(2100),
    /** Rule set name (rulesets/<name>.yaml); the CLI flag overrides it. */
    ruleset: Text.optional(),
    unit: z
      .object({
        name: Text.min(1),
        budgetCode: Text.optional(),
        region: Text.optional(),
        level: Text.optional(),
        functions: capped(Text, DOSSIER_LIMITS.listItems, '职能'),
        offices: capped(Text, DOSSIER_LIMITS.listItems, '内设机构'),
        staffing: z
          .object({
            authorized: Count.optional(),
            authorizedAdministrative: Count.optional(),
            authorizedInstitutional: Count.optional(),
            actual: Count.optional(),
            retired: Count.optional(),
          })
          .strict()
          .prefault({}),
      })
      .strict(),
    income: keyed(INCOME_SOURCES).prefault({}),
    expenditure: z
      .object({
        personnel: MoneyColumns.prefault({}),
        publicFunds: MoneyColumns.prefault({}),
        projects: capped(Project, DOSSIER_LIMITS.projects, '项目'),
      })
      .strict()
      .prefault({}),
    threePublic: keyed(
      THREE_PUBLIC_ITEMS.filter((t) => t !== 'total' && t !== 'vehicle') as unknown as [
        'abroad',
        'vehiclePurchase',
        'vehicleOperation',
        'reception',
      ],
    ).prefault({}),
    controls: keyed(CONTROL_ITEMS).prefault({}),
    assets: z.object({ yearEnd: OptAmount, previousYearEnd: OptAmount }).strict().prefault({}),
    goal: Goal.prefault({}),
    indicators: capped(Indicator, DOSSIER_LIMITS.indicators, '绩效指标'),
    narrative: z
      .object({
        /** Why actual spending is below (or above) the initial budget. */
        decreaseReason: Text.optional(),
        budgetGrowthReason: Text.optional(),
        assetChangeReason: Text.optional(),
        overview: Text.optional(),
        economicBenefits: Text.optional(),
        socialBenefits: Text.optional(),
        satisfaction: Text.optional(),
        problems: Text.optional(),
        measures: Text.optional(),
        other: Text.optional(),
        /** 厉行节约保障措施 (附件1). */
        savingMeasures: z.array(Text).default([]),
      })
      .strict()
      .prefault({}),
    filing: z
      .object({
        preparer: Text.optional(),
        date: z.iso.date().optional(),
        phone: Text.optional(),
        basis: Text.optional(),
        publication: Text.optional(),
      })
      .strict()
      .prefault({}),
    document: DocumentInfo.optional(),
    statements: capped(Statement, DOSSIER_LIMITS.statements, '表述'),
    /** Imported dossiers: JSON path → where the value came from. */
    provenance: z.record(z.string(), Provenance).optional(),
  })
  .strict();

export type Dossier = z.infer<typeof Dossier>;
export type DossierInput = z.input<typeof Dossier>;
