import { describe, expect, it } from 'vitest';
import { CONCEPT_KEYS } from './concepts.ts';
import { OPERATORS } from './indicator-values.ts';
import { dossierJsonSchema, dossierJsonSchemaText } from './json-schema.ts';

type Node = {
  type?: unknown;
  properties?: Record<string, Node>;
  items?: Node;
  required?: string[];
  additionalProperties?: unknown;
  enum?: unknown[];
  anyOf?: Node[];
  oneOf?: Node[];
};
const root = dossierJsonSchema() as Node;
const prop = (n: Node | undefined, ...keys: string[]): Node | undefined =>
  keys.reduce<Node | undefined>((cur, k) => cur?.properties?.[k], n);

describe('dossierJsonSchema', () => {
  it('describes the file: year and unit required, unknown keys refused', () => {
    expect((root as Record<string, unknown>).$schema).toBe(
      'https://json-schema.org/draft/2020-12/schema',
    );
    expect(root.required).toEqual(['year', 'unit']);
    expect(root.additionalProperties).toBe(false);
    expect(prop(root, 'unit')?.required).toEqual(['name']);
  });

  it('requires the indicator fields a grid row needs', () => {
    const item = prop(root, 'indicators')?.items;
    expect(item?.required).toEqual(
      expect.arrayContaining(['id', 'level1', 'level2', 'name', 'weight']),
    );
    expect(item?.required).not.toContain('score');
    // A 年度指标值 a published table left blank is absent, not a stand-in word.
    expect(item?.required).not.toContain('target');
    expect(item?.additionalProperties).toBe(false);
  });

  it(
    'accepts amounts written as numbers or text (input form), ' +
      'and lists the operators and concepts',
    () => {
      expect(prop(root, 'income', 'general', 'actual')?.type).toEqual(['number', 'string', 'null']);
      const text = dossierJsonSchemaText();
      expect(prop(root, 'statements')?.items?.properties?.concept?.enum).toEqual(CONCEPT_KEYS);
      for (const op of OPERATORS) expect(text).toContain(JSON.stringify(op));
    },
  );

  it('is deterministic (the docs file can be compared byte for byte)', () => {
    expect(dossierJsonSchemaText()).toBe(dossierJsonSchemaText());
    expect(dossierJsonSchemaText().endsWith('}\n')).toBe(true);
  });
});
