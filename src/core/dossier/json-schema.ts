/**
 * The dossier file format as JSON Schema (draft 2020-12), generated from the zod schema so the two
 * never drift apart. Editors use it for completion and red squiggles (the example files start with
 * `# yaml-language-server: $schema=…`); docs/dossier.schema.json is this function's output.
 *
 * `io: 'input'` describes what a file may contain (e.g. amounts as numbers or strings), not the
 * parsed form; checks zod cannot express in JSON Schema (decimal text, unique ids) become `{}`
 * (`unrepresentable: 'any'`) and are still enforced by validateDossier.
 */
import { z } from 'zod';
import { Dossier } from './schema.ts';

export const DOSSIER_SCHEMA_ID = 'https://jixiao.dev/schema/dossier@1.json';

export function dossierJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Dossier, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: DOSSIER_SCHEMA_ID,
    title: 'jixiao dossier (部门整体支出绩效自评档案)',
    description:
      'One unit-year of a budget unit: profile, funds, expenditure, indicators, narrative and ' +
      'stated figures. Amounts in 万元. Generated from src/core/dossier/schema.ts; do not edit by ' +
      'hand.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}

/** The schema as the text of docs/dossier.schema.json (two-space indent, final newline). */
export function dossierJsonSchemaText(): string {
  return `${JSON.stringify(dossierJsonSchema(), null, 2)}\n`;
}
