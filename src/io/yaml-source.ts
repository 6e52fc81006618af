/**
 * YAML (and JSON, which is YAML 1.2) text → a checked value, with every error located at
 * file:line:column. Dossiers and rule sets are both read through here.
 */
import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
import {
  parsePath,
  yamlSyntaxMessage,
  type InputError,
  type Lang,
} from '../core/errors/input-error.ts';

export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly InputError[] };
export type Located<T> =
  | { readonly ok: true; readonly value: T; readonly raw: unknown }
  | { readonly ok: false; readonly errors: readonly InputError[] };

function locate(
  doc: Document,
  lc: LineCounter,
  path: (string | number)[],
): { line: number; column: number } | undefined {
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

/** Parse `text`, run `check` on the plain value, and place each error's JSON path in the file. */
export function parseLocated<T>(
  text: string,
  file: string,
  lang: Lang,
  check: (raw: unknown) => Checked<T>,
): Located<T> {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const pos = lc.linePos(e.pos[0]);
        const msg = e.message.split('\n')[0] ?? e.message;
        return {
          code: 'syntax' as const,
          where: { file, line: pos.line, column: pos.col },
          message: yamlSyntaxMessage(e.code, msg, lang),
        };
      }),
    };
  }
  const raw: unknown = doc.toJS({ maxAliasCount: 100 });
  const result = check(raw);
  if (result.ok) return { ok: true, value: result.value, raw };
  return {
    ok: false,
    errors: result.errors.map((e) => ({
      ...e,
      where: { ...e.where, file, ...locate(doc, lc, parsePath(e.where.path ?? '')) },
    })),
  };
}
