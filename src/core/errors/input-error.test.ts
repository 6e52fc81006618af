import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssue, formatPath, yamlSyntaxMessage } from './input-error.ts';

const issues = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected issues');
  return r.error.issues;
};

describe('describeIssue', () => {
  it('names the unknown key in the path, so it is located at the key', () => {
    const [issue] = issues(z.object({ a: z.number() }).strict(), { a: 1, b: 2 });
    const e = describeIssue(issue!, 'zh', { a: 1, b: 2 });
    expect(e).toEqual({
      code: 'schema.unknown-key',
      where: { path: 'b' },
      message: '（根）：未知字段 b',
    });
  });

  it('explains a union by the branch the value was meant for', () => {
    const schema = z.object({
      t: z.union([z.string(), z.object({ op: z.enum(['>=', '<']) }).strict()]),
    });
    const [issue] = issues(schema, { t: { op: '=>' } });
    expect(describeIssue(issue!, 'en', { op: '=>' })).toEqual({
      code: 'schema.enum',
      where: { path: 't.op' },
      message: 't.op: expected one of >= / <',
    });
  });

  it('lists accepted types when no branch fits, and calls a missing value missing', () => {
    const schema = z.object({ w: z.union([z.number(), z.string()]) });
    const [wrong] = issues(schema, { w: true });
    expect(describeIssue(wrong!, 'zh', true)).toMatchObject({
      code: 'schema.type',
      message: 'w：应为数字或文本，实际为布尔值',
    });
    const [missing] = issues(schema, {});
    expect(describeIssue(missing!, 'zh', undefined)).toMatchObject({
      code: 'schema.required',
      message: 'w：缺少必填项（应为数字或文本）',
    });
  });

  it('formats paths with indices', () => {
    expect(formatPath(['indicators', 3, 'target', 'op'])).toBe('indicators[3].target.op');
  });
});

describe('yamlSyntaxMessage', () => {
  it('explains known parser codes in Chinese and keeps the parser words', () => {
    expect(yamlSyntaxMessage('TAB_AS_INDENT', 'Tabs are not allowed as indentation', 'zh')).toBe(
      '语法错误：不能用 Tab 缩进，请改用空格（Tabs are not allowed as indentation）',
    );
    expect(yamlSyntaxMessage('SOMETHING_NEW', 'odd', 'zh')).toBe('语法错误：odd');
    expect(yamlSyntaxMessage('TAB_AS_INDENT', 'Tabs are not allowed as indentation', 'en')).toBe(
      'syntax error: Tabs are not allowed as indentation',
    );
  });
});
