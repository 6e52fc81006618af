/**
 * Concept keys come from the registry (src/core/concepts): its literal keys and typed builders
 * (headConcept, moneyConcept, projectConcept). This check reads the sources and fails on a key
 * built from strings anywhere else — a template literal shaped like a concept key, or a cast to
 * a key type — so the type-check keeps catching unknown keys.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONCEPT_KEYS } from './core/concepts/index.ts';

const root = join(import.meta.dirname, '..');
const SCANNED = ['src', 'web/src', 'bench'];
/** The registry builds keys; the report's annex cell ids and row keys are not concept keys. */
const EXEMPT = [/^src\/core\/concepts\//, /\.test\.tsx?$/];

function sourceFiles(): string[] {
  return SCANNED.flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => `${dir}/${f}`),
  ).filter((f) => !EXEMPT.some((re) => re.test(f)));
}

/** The first word of every concept key (`income`, `expenditure`, `execution`, …). */
const GROUPS = [...new Set(CONCEPT_KEYS.map((k) => k.split('.')[0]))];
/** The last word of every concept key (`actual`, `share`, `rate`, …). */
const LAST = [...new Set(CONCEPT_KEYS.map((k) => k.split('.').at(-1)))];

/** `income.${source}.actual`: a concept group, then an interpolation. */
const GROUP_THEN_HOLE = new RegExp(`\`(?:${GROUPS.join('|')})\\.\\$\\{`);
/** `${base}.actual` handed to an API that takes a concept (not a JSON path). */
const HOLE_THEN_LAST = new RegExp(`\\$\\{[^}]+\\}\\.(?:${LAST.join('|')})\``);
const CONCEPT_API = /\b(?:state|statementsOf|statedAt|conceptLabel|conceptValue)\(|concept:/;
const CAST = /\bas (?:ConceptKey|MoneyConceptKey|ScalarConceptKey|Concept)\b|<ConceptKey>/;
/**
 * A JSON path, a cell id or a row of one project is not a concept key (`path: …`,
 * `expenditure.projects[${i}]`, `project.${p.id}`: a key never holds an id; the id is the scope).
 */
const NOT_A_KEY = /\bpath\b|\[\$\{|\bid:|\$\{[\w.]*\bid\}/;

export function builtKeys(file: string, text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const built =
      (GROUP_THEN_HOLE.test(line) && !NOT_A_KEY.test(line)) ||
      (HOLE_THEN_LAST.test(line) && CONCEPT_API.test(line)) ||
      CAST.test(line);
    if (built) out.push(`${file}:${i + 1}: ${line.trim()}`);
  });
  return out;
}

describe('concept keys are built only in the registry', () => {
  it('the check sees a hand-built key, a key cast and a key handed to the statement index', () => {
    expect(builtKeys('a.ts', 'col.state(`income.${key}.actual`, v, w, p);')).toHaveLength(1);
    expect(builtKeys('a.ts', "const k = 'x' as ConceptKey;")).toHaveLength(1);
    expect(builtKeys('a.ts', 'statementsOf(ctx, `${base}.actual`);')).toHaveLength(1);
    expect(builtKeys('a.ts', 'locations: [{ path: `expenditure.projects[${i}].money` }],')).toEqual(
      [],
    );
    expect(builtKeys('a.ts', "col.state(headConcept(base, 'actual'), v, w, p);")).toEqual([]);
  });

  it('no source outside src/core/concepts builds a concept key from strings', () => {
    const found = sourceFiles().flatMap((f) => builtKeys(f, readFileSync(join(root, f), 'utf8')));
    expect(found).toEqual([]);
  });
});
