/**
 * Dossier validation over plain data: schema plus the cross-field rules a schema cannot express
 * (unique indicator and project ids). Returns data, never throws on bad input.
 */
import type { Dossier as DossierT } from './schema.ts';
import { Dossier } from './schema.ts';
import { describeIssues, type InputError, type Lang } from '../errors/input-error.ts';
import { compileSchema, INVALID } from '../schema-compile.ts';

/** The schema compiled for valid input; anything it does not accept goes through zod for errors. */
const fastDossier = compileSchema(Dossier);

export type Validated =
  | { readonly ok: true; readonly dossier: DossierT }
  | { readonly ok: false; readonly errors: readonly InputError[] };

function duplicates(dossier: DossierT, lang: Lang): InputError[] {
  const errors: InputError[] = [];
  const check = (ids: readonly string[], base: string, what: string) => {
    const seen = new Map<string, number>();
    ids.forEach((id, i) => {
      const first = seen.get(id);
      if (first !== undefined) {
        const path = `${base}[${i}].id`;
        errors.push({
          code: 'schema.duplicate',
          where: { path },
          message:
            lang === 'zh'
              ? `${path}：${what}编号 "${id}" 与 ${base}[${first}] 重复`
              : `${path}: ${what} id "${id}" repeats ${base}[${first}]`,
        });
      } else seen.set(id, i);
    });
  };
  check(
    dossier.indicators.map((i) => i.id),
    'indicators',
    lang === 'zh' ? '指标' : 'indicator',
  );
  check(
    dossier.expenditure.projects.map((p) => p.id),
    'expenditure.projects',
    lang === 'zh' ? '项目' : 'project',
  );
  dossier.expenditure.projects.forEach((p, pi) =>
    check(
      p.indicators.map((i) => i.id),
      `expenditure.projects[${pi}].indicators`,
      lang === 'zh' ? '指标' : 'indicator',
    ),
  );
  return errors;
}

export function validateDossier(input: unknown, lang: Lang = 'zh'): Validated {
  let dossier = fastDossier(input);
  if (dossier === INVALID) {
    const parsed = Dossier.safeParse(input);
    if (!parsed.success) {
      return { ok: false, errors: describeIssues(parsed.error.issues, lang, input) };
    }
    dossier = parsed.data;
  }
  const dup = duplicates(dossier, lang);
  return dup.length ? { ok: false, errors: dup } : { ok: true, dossier };
}

/**
 * What a person enters (the editor, the API) is held to the signs the concepts have (issue #13):
 * 分值 above 0, 得分 not negative, budgets, actuals and assets not negative. Imported reports skip
 * this: a negative figure there is a finding of the auditor, not a reason to refuse the file.
 */
export function enteredValueErrors(d: DossierT, lang: Lang = 'zh'): InputError[] {
  const zh = lang === 'zh';
  const errors: InputError[] = [];
  const add = (path: string, zhText: string, en: string) =>
    errors.push({
      code: 'schema.range',
      where: { path },
      message: zh ? `${path}：${zhText}` : `${path}: ${en}`,
    });
  const indicators = (list: DossierT['indicators'], base: string) =>
    list.forEach((ind, i) => {
      if (ind.weight.startsWith('-') || /^0(\.0*)?$/.test(ind.weight))
        add(
          `${base}[${i}].weight`,
          `分值应大于 0，实际为 ${ind.weight}`,
          'a weight must be above 0',
        );
      for (const [key, v] of [
        ['score', ind.score],
        ['override.score', ind.override?.score],
      ] as const)
        if (v?.startsWith('-'))
          add(`${base}[${i}].${key}`, `得分不能为负数，实际为 ${v}`, 'a score cannot be negative');
    });
  indicators(d.indicators, 'indicators');
  d.expenditure.projects.forEach((p, i) =>
    indicators(p.indicators, `expenditure.projects[${i}].indicators`),
  );
  const amounts = (o: unknown, path: string): void => {
    if (typeof o === 'string') {
      if (o.startsWith('-'))
        add(path, `金额不能为负数，实际为 ${o}`, `an amount cannot be negative, got ${o}`);
      return;
    }
    if (o && typeof o === 'object')
      for (const [k, v] of Object.entries(o)) amounts(v, path ? `${path}.${k}` : k);
  };
  amounts(d.income, 'income');
  amounts(d.expenditure.personnel, 'expenditure.personnel');
  amounts(d.expenditure.publicFunds, 'expenditure.publicFunds');
  d.expenditure.projects.forEach((p, i) => amounts(p.money, `expenditure.projects[${i}].money`));
  amounts(d.threePublic, 'threePublic');
  amounts(d.controls, 'controls');
  amounts(d.assets, 'assets');
  return errors;
}
