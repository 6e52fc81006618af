/**
 * The dossier: everything one unit-year holds (domain.md §2), as one zod schema.
 *
 * The same schema reads dossier files (YAML/JSON), API bodies and web forms. Parsed values stay
 * plain JSON: amounts are canonical decimal strings in 万元 (see money.ts), indicator numbers are
 * decimal strings, dates are ISO strings. A field that is absent means "not filled", never zero.
 */
import { z } from 'zod';
import { canonicalDecimal, numberToDecimalText, wanToFen } from '../money.ts';
import {
  CONCEPT_KEYS,
  CONTROL_ITEMS,
  INCOME_SOURCES,
  MONEY_COLUMNS,
  THREE_PUBLIC_ITEMS,
} from './concepts.ts';
import { OPERATORS, parseActual, parseTarget } from './indicator-values.ts';

/** A decimal number written as a YAML/JSON number or as text; normalised to canonical text. */
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

/** An amount in 万元 (up to six decimals, i.e. exact to the 分). */
export const Amount = DecimalText.refine((v) => wanToFen(v) !== null, {
  message: 'expected an amount in 万元 with at most six decimals',
  params: { jixiao: 'amount' },
});
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
const Text = z.string().trim();

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
    target: TargetSchema,
    actual: ActualSchema.optional(),
    /** 分值, points. */
    weight: DecimalText,
    /** 得分 as stated in the report (or typed by the unit), points. */
    score: DecimalText.optional(),
    /** 10号 tier for qualitative indicators. */
    tier: z.enum(QUALITATIVE_TIERS).optional(),
    /**
     * A person's score replacing the computed one, with the reason (domain.md §4 manual override).
     */
    override: z
      .object({ score: DecimalText, reason: Text.min(1) })
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
    indicators: z.array(Indicator).default([]),
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
    missing: z.array(Text).default([]),
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
        functions: z.array(Text).default([]),
        offices: z.array(Text).default([]),
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
        projects: z.array(Project).default([]),
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
    indicators: z.array(Indicator).default([]),
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
    statements: z.array(Statement).default([]),
    /** Imported dossiers: JSON path → where the value came from. */
    provenance: z.record(z.string(), Provenance).optional(),
  })
  .strict();

export type Dossier = z.infer<typeof Dossier>;
export type DossierInput = z.input<typeof Dossier>;
