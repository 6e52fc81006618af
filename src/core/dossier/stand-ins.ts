/**
 * Names an importer files where the published document leaves a required name out: the schema
 * needs a name to key rows on, but a name the document never stated is no part of the unit's
 * report. Defined once here; the importer writes them and the report leaves them out (a blank
 * cell, a sentence without the name), never printing one (issue #11: no placeholder in a report).
 */
export const STAND_IN_NAMES = {
  unit: '（文中未注明单位）',
  project: '（未注明项目名称）',
  level1: '（未注明一级指标）',
  level2: '（未注明二级指标）',
} as const;

const STAND_INS: ReadonlySet<string> = new Set(Object.values(STAND_IN_NAMES));

/** The name as the document states it; undefined for a stand-in an importer filed. */
export function statedName(name: string): string | undefined {
  return STAND_INS.has(name) ? undefined : name;
}

/**
 * A project as the report names it: its stated name, or its place among the unit's projects
 * (“第2个项目”) when the document gave it none. `index` counts from 0 in the dossier's order.
 */
export function projectLabel(name: string, index: number): string {
  return statedName(name) ?? `第${index + 1}个项目`;
}
