import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MAX_ALIAS_COUNT, parseLocated } from './yaml-source.ts';

const accept = (raw: unknown) => ({ ok: true as const, value: raw });

describe('parseLocated: the fast path reads values exactly as the positioned reader', () => {
  // The oracle is the `yaml` package (the positioned reader) on the same text.
  const texts = [
    'a: 1\nb: 1.50\nc: -0.5\nd: .5\ne: 1e3\nf: 0x1F\ng: 0o17\nh: 007\n',
    'a: 1_000\nb: 0b101\nc: 1,000\nd: +12\ne: 12.\nf: 2023-12-31\ng: 1:20\n',
    'a: yes\nb: no\nc: on\nd: True\ne: FALSE\nf: ~\ng: null\nh: Null\ni:\nj: NULL\nk: nULL\n',
    'a: .inf\nb: -.Inf\nc: .NaN\nd: "1"\ne: \'2\'\nf: 0.1e-2\n',
    'list:\n  - 一\n  - "二：三"\n  - [4, 5, {k: v}]\nmap: {x: 1, "y": two}\n',
    'text: |\n  第一行\n  第二行\n\nfolded: >-\n  a\n  b\nkeep: |+\n  x\n\n',
    '"quoted key": "\\u4e2d\\t\\n"\nplain: a b  c\nsingle: \'it\'\'s\'\n',
    '---\nyear: 2023\n...\n',
    '{"year": 2023, "unit": {"name": "测试局"}, "n": [1, 2.5, null, true]}',
    '{year: 2023, unit: {name: 测试局}}',
    // Collection keys: the two readers would stringify them differently.
    '? [a]\n: 1\n',
    '[a, b]: 1\n{k: v}: 2\n',
  ];
  for (const text of texts) {
    it(`reads ${JSON.stringify(text.slice(0, 30))}…`, () => {
      const r = parseLocated(text, 'f.yaml', 'zh', accept);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.raw).toEqual(parse(text));
    });
  }

  // Texts the positioned reader rejects must not get through the fast path.
  const broken = [
    'a: b: c\n',
    'a:\n\tb: 1\n',
    'key: [a\n',
    '- a\nb: 1\n',
    'a: 1\n---\nb: 2\n',
    'a: "x\\q"\n',
    'a:\n  b: 1\n c: 2\n',
    'a: @x\n',
    'a: `x\n',
  ];
  for (const text of broken) {
    it(`rejects ${JSON.stringify(text)} with the positioned reader's syntax error`, () => {
      const r = parseLocated(text, 'f.yaml', 'zh', accept);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors[0]?.code).toBe('syntax');
    });
  }

  it('still reports a duplicate key (at its line) as the positioned reader does', () => {
    const r = parseLocated('a: 1\nb: 2\na: 3\n', 'f.yaml', 'zh', accept);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ code: 'syntax', where: { file: 'f.yaml', line: 3 } });
    expect(r.errors[0]?.message).toContain('同一对象中字段重复');
  });
});

describe('parseLocated: alias limits', () => {
  // Ten levels of ten aliases each: 10^10 nodes if expanded.
  const bomb = [
    'a0: &a0 [x, x, x, x, x, x, x, x, x, x]',
    ...Array.from({ length: 9 }, (_, i) => {
      const prev = `*a${i}`;
      return `a${i + 1}: &a${i + 1} [${Array(10).fill(prev).join(', ')}]`;
    }),
  ].join('\n');

  it('rejects an alias bomb as located bad input, in Chinese', () => {
    const r = parseLocated(bomb, 'bomb.yaml', 'zh', accept);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    // The first alias is on line 2 ("a1: &a1 [*a0, …"), column 10.
    expect(r.errors[0]).toMatchObject({
      code: 'syntax',
      where: { file: 'bomb.yaml', line: 2, column: 10 },
    });
    expect(r.errors[0]?.message).toContain(`超过 ${MAX_ALIAS_COUNT} 次`);
  });

  it('reads a few aliases as the values they name', () => {
    const r = parseLocated('base: &b {n: 1}\ncopy: *b\n', 'f.yaml', 'zh', accept);
    expect(r.ok && r.raw).toEqual({ base: { n: 1 }, copy: { n: 1 } });
  });
});
