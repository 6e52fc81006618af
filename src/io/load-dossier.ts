/**
 * Reading dossier files (YAML or JSON) with errors located at file:line:column.
 * JSON is read by the YAML parser too (JSON is YAML 1.2), so both get positions.
 */
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { Dossier } from '../core/dossier/schema.ts';
import { validateDossier } from '../core/dossier/validate.ts';
import { InputErrors, yamlSyntaxMessage, type InputError, type Lang } from '../core/errors/input-error.ts';

export type Loaded = { readonly ok: true; readonly dossier: Dossier; readonly raw: unknown } | { readonly ok: false; readonly errors: readonly InputError[] };

/** "indicators[3].weight" → ["indicators", 3, "weight"]. */
export function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : (m[1] ?? ''));
  return out;
}

function locate(doc: Document, lc: LineCounter, path: (string | number)[]): { line: number; column: number } | undefined {
  // The node itself, or (for a missing field) its nearest existing ancestor.
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) {
      const pos = lc.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return undefined;
}

/** Parse and validate dossier text. `file` only labels locations. */
export function parseDossierText(text: string, file: string, lang: Lang = 'zh'): Loaded {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const pos = lc.linePos(e.pos[0]);
        const msg = e.message.split('\n')[0] ?? e.message;
        return { code: 'syntax' as const, where: { file, line: pos.line, column: pos.col }, message: yamlSyntaxMessage(e.code, msg, lang) };
      }),
    };
  }
  const raw: unknown = doc.toJS({ maxAliasCount: 100 });
  const result = validateDossier(raw, lang);
  if (result.ok) return { ok: true, dossier: result.dossier, raw };
  return {
    ok: false,
    errors: result.errors.map((e) => ({ ...e, where: { ...e.where, file, ...locate(doc, lc, parsePath(e.where.path ?? '')) } })),
  };
}

export async function readTextFile(file: string, lang: Lang = 'zh'): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const notFound = code === 'ENOENT';
    throw new InputErrors([{
      code: notFound ? 'file.not-found' : 'file.unreadable',
      where: { file },
      message: lang === 'zh' ? (notFound ? `找不到文件：${file}` : `无法读取文件：${file}（${code ?? 'error'}）`) : notFound ? `file not found: ${file}` : `cannot read ${file} (${code ?? 'error'})`,
    }]);
  }
}

/** Load a dossier file; throws InputErrors (mapped to exit code 2 by the CLI) when it is not valid. */
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
