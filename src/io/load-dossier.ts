/**
 * Reading dossier files (YAML or JSON) with errors located at file:line:column.
 * JSON is read by the YAML parser too (JSON is YAML 1.2), so both get positions.
 */
import { readFile } from 'node:fs/promises';
import type { Dossier } from '../core/dossier/schema.ts';
import { validateDossier } from '../core/dossier/validate.ts';
import { InputErrors, type InputError, type Lang } from '../core/errors/input-error.ts';
import { parseLocated } from './yaml-source.ts';

export type Loaded =
  | { readonly ok: true; readonly dossier: Dossier; readonly raw: unknown }
  | { readonly ok: false; readonly errors: readonly InputError[] };

/** Parse and validate dossier text. `file` only labels locations. */
export function parseDossierText(text: string, file: string, lang: Lang = 'zh'): Loaded {
  const r = parseLocated(text, file, lang, (raw) => {
    const v = validateDossier(raw, lang);
    return v.ok ? { ok: true, value: v.dossier } : v;
  });
  return r.ok ? { ok: true, dossier: r.value, raw: r.raw } : r;
}

/** A file that cannot be read (missing, no permission…), as located bad input. */
export function unreadableFile(file: string, err: unknown, lang: Lang = 'zh'): InputErrors {
  const code = (err as NodeJS.ErrnoException).code;
  const notFound = code === 'ENOENT';
  return new InputErrors([
    {
      code: notFound ? 'file.not-found' : 'file.unreadable',
      where: { file },
      message:
        lang === 'zh'
          ? notFound
            ? `找不到文件：${file}`
            : `无法读取文件：${file}（${code ?? 'error'}）`
          : notFound
            ? `file not found: ${file}`
            : `cannot read ${file} (${code ?? 'error'})`,
    },
  ]);
}

export async function readTextFile(file: string, lang: Lang = 'zh'): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw unreadableFile(file, err, lang);
  }
}

/**
 * Load a dossier file; throws InputErrors (mapped to exit code 2 by the CLI) when it is not valid.
 */
export async function loadDossierFile(file: string, lang: Lang = 'zh'): Promise<Dossier> {
  const loaded = parseDossierText(await readTextFile(file, lang), file, lang);
  if (!loaded.ok) throw new InputErrors(loaded.errors);
  return loaded.dossier;
}

/** "file:line:column: message" */
export function formatInputError(e: InputError): string {
  const w = e.where;
  const pos = [w.file, w.line, w.column].filter((x) => x !== undefined).join(':');
  return pos ? `${pos}: ${e.message}` : e.message;
}
