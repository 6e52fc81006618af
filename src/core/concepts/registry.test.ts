import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDossierText } from '../../io/load-dossier.ts';
import { derive } from '../derive.ts';
import { Statement, type Dossier } from '../dossier/schema.ts';
import {
  CONCEPT_KEYS,
  CONCEPTS,
  conceptAnnex,
  conceptCellId,
  conceptInfo,
  conceptLabel,
  conceptPath,
  conceptPathAt,
  conceptValue,
  headConcept,
  isConceptKey,
  moneyConcept,
  moneyConceptParts,
  projectConcept,
  valueAtPath,
  type ConceptKey,
} from './index.ts';

const file = fileURLToPath(
  new URL('../../../examples/hengyang-finance-office-2023.yaml', import.meta.url),
);
function load(): Dossier {
  const r = parseDossierText(readFileSync(file, 'utf8'), file);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.dossier;
}
const d = load();
const x = derive(d);

describe('the concept keys', () => {
  it('are 24 money heads × 5 columns plus 33 scalar concepts, each once', () => {
    // Heads: income total + 7 sources, 5 expenditure parts, 6 三公 items, 4 controls, project.
    expect(CONCEPT_KEYS).toHaveLength(24 * 5 + 33);
    expect(new Set(CONCEPT_KEYS).size).toBe(CONCEPT_KEYS.length);
  });

  it('every key resolves to a definition with both labels', () => {
    for (const key of CONCEPT_KEYS) {
      const info = conceptInfo(key);
      expect(info?.key, key).toBe(key);
      expect(info?.zh.length, key).toBeGreaterThan(1);
      expect(info?.en.length, key).toBeGreaterThan(1);
    }
    expect(CONCEPTS.map((c) => c.key)).toEqual([...CONCEPT_KEYS]);
  });

  it('builds keys from typed parts and splits them without string surgery', () => {
    expect(moneyConcept('expenditure', 'personnel', 'actual')).toBe('expenditure.personnel.actual');
    expect(moneyConcept('income', 'total', 'initialBudget')).toBe('income.total.initialBudget');
    expect(projectConcept('adjustedBudget')).toBe('project.adjustedBudget');
    expect(headConcept('threePublic.vehicle', 'priorActual')).toBe(
      'threePublic.vehicle.priorActual',
    );
    expect(moneyConceptParts('controls.procurement.initialBudget')).toEqual({
      head: 'controls.procurement',
      column: 'initialBudget',
    });
    // A scalar key that happens to end in a column name is not a money concept.
    expect(moneyConceptParts('staffing.actual')).toBeUndefined();
  });

  it('tells registered keys from other text', () => {
    expect(isConceptKey('offices.count')).toBe(true);
    expect(isConceptKey('a1.basic.actual')).toBe(false);
    expect(isConceptKey('expenditure.personnel+publicFunds')).toBe(false);
  });

  it('makes an unknown key a type error', () => {
    // @ts-expect-error — no such part of expenditure
    const misspelt: ConceptKey = 'expenditure.basics.actual';
    // @ts-expect-error — 因公出国 is a 三公 item, not an expenditure part
    moneyConcept('expenditure', 'abroad', 'actual');
    // @ts-expect-error — the statement schema's concept is the same union
    const concept: Statement['concept'] = 'project.money.actual';
    expect([misspelt, concept].every((k) => !isConceptKey(k))).toBe(true);
  });

  it('is what a statement may name, and nothing else', () => {
    const where = { section: '一（二）' };
    expect(Statement.safeParse({ concept: 'offices.count', value: '7', where }).success).toBe(true);
    expect(Statement.safeParse({ concept: 'a1.basic.actual', value: '1', where }).success).toBe(
      false,
    );
  });
});

describe('labels', () => {
  it('read as the report writes them', () => {
    expect(conceptLabel('expenditure.basic.actual')).toBe('基本支出全年执行数（决算数）');
    expect(conceptLabel('expenditure.basic.actual', 'en')).toBe('expenditure basic actual');
    expect(conceptLabel('threePublic.reception.initialBudget')).toBe('公务接待费年初预算数');
    expect(conceptLabel('income.general.adjustedBudget')).toBe(
      '一般公共预算（财政拨款）全年预算数（调整后）',
    );
    expect(conceptLabel('offices.count')).toBe('内设机构数');
    expect(conceptLabel('project.execution.rate', 'en')).toBe('project execution rate');
  });
});

describe('paths in the example dossier', () => {
  it('name real places: the value at the path is the concept value', () => {
    let stored = 0;
    for (const key of CONCEPT_KEYS) {
      const path = conceptPath(key, d);
      if (path === undefined) continue;
      stored += 1;
      const at = valueAtPath(d, path);
      const expected = conceptValue(key, d, x);
      if (Array.isArray(at)) expect(String(at.length), key).toBe(expected);
      else expect(at === undefined ? undefined : String(at), key).toBe(expected);
    }
    // Stored money heads: 7 income sources, personnel, public funds, 4 三公 items, 4 controls (the
    // project head needs a scope); unscoped stored scalars: 5 staffing counts, 2 asset totals,
    // projects.count, offices.count.
    expect(stored).toBe(17 * 5 + 9);
  });

  it('read the seed figures as the YAML states them', () => {
    const at = (k: ConceptKey) => valueAtPath(d, conceptPath(k, d) ?? '');
    expect(at('expenditure.personnel.actual')).toBe('343.36');
    expect(at('expenditure.publicFunds.initialBudget')).toBe('84.33');
    expect(at('threePublic.abroad.actual')).toBe('0');
    expect(at('staffing.authorized')).toBe(22);
    expect(at('offices.count')).toHaveLength(7);
  });

  it('locate a project figure by the project id', () => {
    expect(conceptPath(projectConcept('initialBudget'), d, 'P3')).toBe(
      'expenditure.projects[2].money.initialBudget',
    );
    expect(valueAtPath(d, 'expenditure.projects[2].money.initialBudget')).toBe('30');
    expect(conceptValue('project.priorActual', d, x, 'P1')).toBe('104.09');
    expect(conceptPath(projectConcept('actual'), d, 'P9')).toBeUndefined();
    expect(conceptPathAt(projectConcept('adjustedBudget'), 0)).toBe(
      'expenditure.projects[0].money.adjustedBudget',
    );
    expect(conceptPathAt('expenditure.personnel.actual', 4)).toBe('expenditure.personnel.actual');
  });

  it('leave sums and rates without a path, with values from their parts', () => {
    expect(conceptPath('expenditure.basic.actual', d)).toBeUndefined();
    expect(conceptPath('execution.rate', d)).toBeUndefined();
    // 343.36 + 61.57 (人员经费 + 公用经费, examples YAML lines 85-86).
    expect(conceptValue('expenditure.basic.actual', d, x)).toBe('404.93');
    // 357.65 + 84.33.
    expect(conceptValue('expenditure.basic.initialBudget', d, x)).toBe('441.98');
    // Projects have no 2023 actual: Σ projects in that column is unknown, not 0.
    expect(conceptValue('expenditure.projects.actual', d, x)).toBeUndefined();
    // 104.09 + 14.79 + 0.
    expect(conceptValue('expenditure.projects.priorActual', d, x)).toBe('118.88');
  });
});

describe('annex places and cell ids', () => {
  it('place a concept in the annex tables', () => {
    expect(conceptAnnex('expenditure.basic.actual')).toEqual([
      { annex: 1, table: '经费控制情况', row: '一、部门基本支出', column: '本年决算数' },
      { annex: 2, table: '部门整体支出绩效自评表', row: '基本支出', column: '全年执行数' },
    ]);
    expect(conceptAnnex('execution.rate')).toEqual([
      { annex: 2, table: '部门整体支出绩效自评表', row: '年度资金总额', column: '执行率' },
    ]);
    // 附件1 has no adjusted-budget column.
    expect(conceptAnnex('expenditure.personnel.adjustedBudget')).toEqual([]);
  });

  it('name a cell by the concept and its scope', () => {
    expect(conceptCellId('expenditure.basic.actual')).toBe('expenditure.basic.actual');
    expect(conceptCellId('project.actual', 'P2')).toBe('project.actual@P2');
  });
});
