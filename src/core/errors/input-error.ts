/**
 * Bad input as data (architecture.md "Errors"): a stable code, a message in the user's language and
 * a location. Bugs and infrastructure failures are thrown instead; exactly one place per surface
 * (src/cli/run.ts, src/server/errors.ts) turns these into exit codes or HTTP responses.
 */
import type { z } from 'zod';

export type Lang = 'zh' | 'en';

export interface InputLocation {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** JSON path, e.g. "indicators[3].weight". */
  readonly path?: string;
  readonly page?: number;
}

export interface InputError {
  readonly code: InputErrorCode;
  readonly message: string;
  readonly where: InputLocation;
}

export type InputErrorCode =
  | 'file.not-found'
  | 'file.unreadable'
  | 'file.unsupported'
  | 'syntax'
  | 'schema.type'
  | 'schema.required'
  | 'schema.unknown-key'
  | 'schema.enum'
  | 'schema.range'
  | 'schema.decimal'
  | 'schema.amount'
  | 'schema.duplicate'
  | 'schema.other'
  | 'ruleset.unknown'
  | 'ruleset.outside'
  | 'ruleset.not-file'
  | 'file.limit'
  | 'usage';

/** Thrown only to carry input errors to the single mapping point of a surface. */
export class InputErrors extends Error {
  constructor(readonly errors: readonly InputError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'InputErrors';
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

/** "indicators[3].weight" → ["indicators", 3, "weight"] (the inverse of formatPath). */
export function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
    out.push(m[2] !== undefined ? Number(m[2]) : (m[1] ?? ''));
  return out;
}

const TYPE_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  boolean: '布尔值',
  object: '对象',
  array: '列表',
  undefined: '（缺失）',
  null: '空值',
  int: '整数',
};

function received(input: unknown): string {
  if (input === undefined) return 'undefined';
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input;
}

/** One zod issue → an InputError (without file position; the loader adds line and column). */
export function describeIssue(issue: z.core.$ZodIssue, lang: Lang, input?: unknown): InputError {
  const path = formatPath(issue.path);
  const at = path || (lang === 'zh' ? '（根）' : '(root)');
  const zh = lang === 'zh';
  const where = { path };
  // YAML reads a number beyond a double (1e400) as Infinity: say so, not "expected a number".
  if (typeof input === 'number' && !Number.isFinite(input) && issue.code !== 'custom')
    return {
      code: 'schema.range',
      where,
      message: zh
        ? `${at}：数值超出可表示的范围（${Number.isNaN(input) ? '不是数' : '绝对值过大'}）`
        : `${at}: number out of range`,
    };
  switch (issue.code) {
    case 'invalid_type': {
      const got = received(input);
      if (got === 'undefined') {
        return {
          code: 'schema.required',
          where,
          message: zh
            ? `${at}：缺少必填项（应为${TYPE_ZH[issue.expected] ?? issue.expected}）`
            : `${at}: required ${issue.expected} is missing`,
        };
      }
      return {
        code: 'schema.type',
        where,
        message: zh
          ? `${at}：应为${TYPE_ZH[issue.expected] ?? issue.expected}，实际为${TYPE_ZH[got] ?? got}`
          : `${at}: expected ${issue.expected}, got ${got}`,
      };
    }
    case 'unrecognized_keys': {
      // Point at the (first) unknown key itself, so the located line is the key's line, not the
      // object's.
      const first = issue.keys[0];
      const keyPath = first === undefined ? path : formatPath([...issue.path, first]);
      return {
        code: 'schema.unknown-key',
        where: { path: keyPath },
        message: zh
          ? `${at}：未知字段 ${issue.keys.join('、')}`
          : `${at}: unknown field(s) ${issue.keys.join(', ')}`,
      };
    }
    case 'invalid_value':
      return {
        code: 'schema.enum',
        where,
        message: zh
          ? `${at}：取值应为 ${issue.values.map(String).join(' / ')} 之一`
          : `${at}: expected one of ${issue.values.map(String).join(' / ')}`,
      };
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const rel =
        issue.code === 'too_small' ? (zh ? '不小于' : 'at least') : zh ? '不大于' : 'at most';
      return {
        code: 'schema.range',
        where,
        message: zh
          ? `${at}：应${rel} ${String(bound)}${issue.origin === 'string' ? ' 个字符' : ''}`
          : `${at}: must be ${rel} ` +
            `${String(bound)}${issue.origin === 'string' ? ' characters' : ''}`,
      };
    }
    case 'invalid_format':
      return {
        code: 'schema.type',
        where,
        message: zh
          ? `${at}：格式应为 ${issue.format === 'date' ? 'YYYY-MM-DD 日期' : issue.format}`
          : `${at}: expected format ${issue.format === 'date' ? 'YYYY-MM-DD' : issue.format}`,
      };
    case 'invalid_union':
      return describeUnion(issue, lang, input);
    case 'custom': {
      const kind = (issue.params as { jixiao?: string } | undefined)?.jixiao;
      if (kind === 'decimal')
        return {
          code: 'schema.decimal',
          where,
          message: zh
            ? `${at}：应为数字，实际为 ${JSON.stringify(input)}`
            : `${at}: expected a decimal number, got ${JSON.stringify(input)}`,
        };
      if (kind === 'amount')
        return {
          code: 'schema.amount',
          where,
          message: zh
            ? `${at}：金额（万元）最多六位小数，实际为 ${JSON.stringify(input)}`
            : `${at}: amount in 万元 with at most six decimals, got ${JSON.stringify(input)}`,
        };
      if (kind === 'limit') {
        const p = issue.params as { zh?: string; en?: string };
        return {
          code: 'schema.range',
          where,
          message: zh ? `${at}：${p.zh ?? issue.message}` : `${at}: ${p.en ?? issue.message}`,
        };
      }
      if (kind === 'duplicate')
        return {
          code: 'schema.duplicate',
          where,
          message: zh ? `${at}：${issue.message}` : `${at}: ${issue.message}`,
        };
      return { code: 'schema.other', where, message: `${at}: ${issue.message}` };
    }
    default:
      return { code: 'schema.other', where, message: `${at}: ${issue.message}` };
  }
}

/** The raw input value at a zod issue path (for messages that quote what was written). */
export function valueAtPath(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

const UNION_EXPECTED_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  object: '对象',
  array: '列表',
  boolean: '布尔值',
};

/**
 * A failed union (zod 4 `invalid_union`) explained by the branch the input was meant for:
 * branches rejected at their root for the wrong type are dropped; when one branch is left (e.g. a
 * target object whose `op` is wrong), its first issue is described at its full path. When every
 * branch is a type mismatch, the message lists the accepted types ("数字或文本").
 */
function describeUnion(
  issue: z.core.$ZodIssueInvalidUnion,
  lang: Lang,
  input: unknown,
): InputError {
  const zh = lang === 'zh';
  const path = formatPath(issue.path);
  const at = path || (zh ? '（根）' : '(root)');
  const got = received(input);
  // A discriminated union whose discriminator value is unknown: `kind: numbr`.
  const disc = issue as unknown as { discriminator?: string; options?: readonly unknown[] };
  if (issue.errors.length === 0 && disc.options) {
    return {
      code: 'schema.enum',
      where: { path },
      message: zh
        ? `${at}：取值应为 ${disc.options.map(String).join(' / ')} 之一`
        : `${at}: expected one of ${disc.options.map(String).join(' / ')}`,
    };
  }
  const typeOnly = (branch: readonly z.core.$ZodIssue[]) =>
    branch.length > 0 && branch.every((i) => i.code === 'invalid_type' && i.path.length === 0);
  const meant = issue.errors.filter((b) => !typeOnly(b));
  const first = meant.length === 1 ? meant[0]?.[0] : undefined;
  if (first) {
    const sub = { ...first, path: [...issue.path, ...first.path] } as z.core.$ZodIssue;
    return describeIssue(sub, lang, valueAtPath(input, first.path));
  }
  const expected = [
    ...new Set(
      issue.errors.flatMap((b) =>
        b.filter((i) => i.code === 'invalid_type').map((i) => (i as { expected: string }).expected),
      ),
    ),
  ];
  if (got === 'undefined') {
    return {
      code: 'schema.required',
      where: { path },
      message: zh
        ? `${at}：缺少必填项（应为${expected.map((e) => UNION_EXPECTED_ZH[e] ?? e).join('或') || '值'}）`
        : `${at}: required value is missing (${expected.join(' or ') || 'value'})`,
    };
  }
  if (expected.length) {
    return {
      code: 'schema.type',
      where: { path },
      message: zh
        ? `${at}：应为${expected.map((e) => UNION_EXPECTED_ZH[e] ?? e).join('或')}，实际为` +
          `${TYPE_ZH[got] ?? got}`
        : `${at}: expected ${expected.join(' or ')}, got ${got}`,
    };
  }
  return {
    code: 'schema.type',
    where: { path },
    message: zh
      ? `${at}：取值无法识别（实际为${TYPE_ZH[got] ?? got}）`
      : `${at}: value not recognised (got ${got})`,
  };
}

/** Plain-language Chinese for the YAML parser's error codes (yaml 2 `YAMLError.code`). */
const YAML_ZH: Record<string, string> = {
  BLOCK_AS_IMPLICIT_KEY: '一行只能写一个“字段: 值”（值里含“: ”时请给整个值加引号）',
  TAB_AS_INDENT: '不能用 Tab 缩进，请改用空格',
  BAD_INDENT: '缩进不一致（同一层的字段须从同一列开始；行内的 { } 或 [ ] 须成对闭合）',
  DUPLICATE_KEY: '同一对象中字段重复',
  MISSING_CHAR: '缺少配对的符号（引号、括号或字段后的冒号）',
  MULTILINE_IMPLICIT_KEY: '字段名须写在一行内（检查是否漏写“: ”）',
  UNEXPECTED_TOKEN: '此处不应出现该符号',
  BAD_DQ_ESCAPE: '双引号文本中的反斜杠转义无效（反斜杠请写成 \\\\，或改用单引号）',
  BAD_SCALAR_START: '值不能以该符号开头（请给值加引号）',
  MULTIPLE_DOCS: '一个文件只能包含一个文档（删除多余的 ---）',
  BAD_ALIAS: '别名（*）引用了不存在的锚点（&）',
  BLOCK_IN_FLOW: '行内的 { } 或 [ ] 中不能换行写块结构',
};

/**
 * The message of a YAML syntax error: in Chinese, a plain explanation of the parser's code with the
 * parser's own words in brackets (searchable); in English, the parser's words.
 */
export function yamlSyntaxMessage(code: string | undefined, detail: string, lang: Lang): string {
  if (lang === 'en') return `syntax error: ${detail}`;
  const plain = code === undefined ? undefined : YAML_ZH[code];
  return plain ? `语法错误：${plain}（${detail}）` : `语法错误：${detail}`;
}

/** Every zod issue of a failed parse of `input`, as InputErrors. */
export const describeIssues = (
  issues: readonly z.core.$ZodIssue[],
  lang: Lang,
  input: unknown,
): InputError[] =>
  issues.map((issue) => describeIssue(issue, lang, valueAtPath(input, issue.path)));
