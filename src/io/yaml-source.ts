/**
 * YAML (and JSON) text → a checked value, with every error located at file:line:column. Dossiers
 * and rule sets are both read through here.
 *
 * Fast path first: JSON text through JSON.parse, other YAML through js-yaml with a schema that
 * resolves scalars exactly as the YAML 1.2 core schema (the `yaml` package's default) does. Only
 * when that fails, or the value does not pass `check`, is the positioned document built (the
 * `yaml` package, with a LineCounter) — so every error, its message and its location come from
 * the one positioned reader, as before.
 */
import { createRequire } from 'node:module';
import jsYaml from 'js-yaml';
import type { Document, LineCounter } from 'yaml';
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

/**
 * Most aliases (`*name`) one document may expand. A "billion laughs" file nests aliases of aliases
 * so a few hundred bytes expand to gigabytes; past this count it is rejected as bad input.
 */
export const MAX_ALIAS_COUNT = 100;

/**
 * The `yaml` package, loaded on first use: only the positioned reader needs it, and most files
 * pass the fast readers, so a `check` or a save does not pay for loading it (issue 14).
 */
let positionedYaml: typeof import('yaml') | undefined;
const yamlPackage = (): typeof import('yaml') =>
  (positionedYaml ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

/** The YAML 1.2 core schema's int/float rules, as the `yaml` package applies them. */
const coreInt = new jsYaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (s: string) => /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/.test(s),
  construct: (s: string) =>
    s.startsWith('0o')
      ? parseInt(s.slice(2), 8)
      : s.startsWith('0x')
        ? parseInt(s.slice(2), 16)
        : parseInt(s, 10),
  predicate: (v: unknown) => typeof v === 'number' && Number.isInteger(v),
});
// YAML 1.2 core schema floats: a decimal with an optional exponent, ±.inf, .nan.
const CORE_FLOAT_RE = new RegExp(
  String.raw`^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?` +
    String.raw`|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$`,
);
const coreFloat = new jsYaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (s: string) => CORE_FLOAT_RE.test(s),
  construct: (s: string) =>
    /nan$/i.test(s) ? NaN : /inf$/i.test(s) ? (s[0] === '-' ? -Infinity : Infinity) : parseFloat(s),
  predicate: (v: unknown) => typeof v === 'number',
});
const CORE_1_2 = jsYaml.FAILSAFE_SCHEMA.extend({
  implicit: [jsYaml.types.null, jsYaml.types.bool, coreInt, coreFloat],
});

/**
 * Left to the positioned reader: anchors, aliases and tags (`&`, `*`, `!`), merge keys (`<<`), and
 * keys that are collections (`[a]: 1`, `? …`: the readers turn them into different strings). A
 * text holding one of these anywhere, even inside a string, simply takes the slower path.
 */
const NEEDS_FULL_READER = /[&*!]|<<|[\]}]\s*:(?:\s|$)|(?:^|\s)\?(?:\s|$)/m;

/** The plain value of `text` when the fast readers accept it, else undefined. */
function fastValue(text: string): { value: unknown } | undefined {
  const start = text.search(/\S/);
  if (text[start] === '{' || text[start] === '[') {
    try {
      return { value: JSON.parse(text) };
    } catch {
      // Not JSON (maybe YAML flow style): fall through.
    }
  }
  if (NEEDS_FULL_READER.test(text)) return undefined;
  try {
    // Duplicate keys throw here, as they are errors in the positioned reader.
    return { value: jsYaml.load(text, { schema: CORE_1_2 }) };
  } catch {
    return undefined;
  }
}

function locate(
  doc: Document,
  lc: LineCounter,
  path: (string | number)[],
): { line: number; column: number } | undefined {
  // The node itself, or (for a missing field) its nearest existing ancestor.
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (yamlPackage().isNode(node) && node.range) {
      const pos = lc.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return undefined;
}

/** The plain value of a positioned document; an alias bomb becomes a located input error. */
function toPlain(
  doc: Document,
  lc: LineCounter,
  file: string,
  lang: Lang,
): { value: unknown } | { errors: InputError[] } {
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    const at = firstAliasOffset(doc);
    const pos = at === undefined ? undefined : lc.linePos(at);
    return {
      errors: [
        {
          code: 'syntax',
          where: { file, ...(pos ? { line: pos.line, column: pos.col } : {}) },
          message:
            lang === 'zh'
              ? `语法错误：别名（*）展开次数过多（超过 ${MAX_ALIAS_COUNT} 次），` +
                '文件可能是恶意构造的，已拒绝读取'
              : `syntax error: aliases (*) expand more than ${MAX_ALIAS_COUNT} times; ` +
                'file rejected',
        },
      ],
    };
  }
}

/** Where the first alias stands (the expansion that exceeded the bound starts at an alias). */
function firstAliasOffset(doc: Document): number | undefined {
  let at: number | undefined;
  const { visit } = yamlPackage();
  visit(doc, {
    Alias(_key, node) {
      at = node.range?.[0];
      return visit.BREAK;
    },
  });
  return at;
}

/** Parse `text`, run `check` on the plain value, and place each error's JSON path in the file. */
export function parseLocated<T>(
  text: string,
  file: string,
  lang: Lang,
  check: (raw: unknown) => Checked<T>,
): Located<T> {
  const fast = fastValue(text);
  if (fast) {
    const result = check(fast.value);
    if (result.ok) return { ok: true, value: result.value, raw: fast.value };
  }
  return parsePositioned(text, file, lang, check);
}

/** The positioned reader: slower, but every error has its line and column. */
function parsePositioned<T>(
  text: string,
  file: string,
  lang: Lang,
  check: (raw: unknown) => Checked<T>,
): Located<T> {
  const { LineCounter, parseDocument } = yamlPackage();
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
  const plain = toPlain(doc, lc, file, lang);
  if ('errors' in plain) return { ok: false, errors: plain.errors };
  const raw = plain.value;
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
