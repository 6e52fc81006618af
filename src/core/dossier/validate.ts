/**
 * Dossier validation over plain data: schema plus the cross-field rules a schema cannot express
 * (unique indicator and project ids). Returns data, never throws on bad input.
 */
import type { Dossier as DossierT } from './schema.ts';
import { Dossier } from './schema.ts';
import { describeIssues, type InputError, type Lang } from '../errors/input-error.ts';

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
  const parsed = Dossier.safeParse(input);
  if (!parsed.success) {
    return { ok: false, errors: describeIssues(parsed.error.issues, lang, input) };
  }
  const dup = duplicates(parsed.data, lang);
  return dup.length ? { ok: false, errors: dup } : { ok: true, dossier: parsed.data };
}
