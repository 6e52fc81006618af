import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run.ts';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
const broken = (name: string) => `${examples}broken/${name}.yaml`;

/** Line (1-based) of the "# defect:" marker each broken example carries on its defect line. */
function defectLine(file: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const i = lines.findIndex((l) => /#\s*defect:/.test(l) && !l.startsWith('#'));
  if (i < 0) throw new Error(`no defect marker in ${file}`);
  return i + 1;
}

interface Case {
  readonly name: string;
  readonly path?: string;
  readonly zh: string;
  readonly en: string;
}

const cases: readonly Case[] = [
  {
    name: 'string-for-number',
    path: 'indicators[4].weight',
    zh: '应为数字，实际为 "八分"',
    en: 'expected a decimal number, got "八分"',
  },
  {
    name: 'missing-weight',
    path: 'indicators[2].weight',
    zh: '缺少必填项',
    en: 'required value is missing',
  },
  {
    name: 'bad-operator',
    path: 'indicators[4].target.op',
    zh: '取值应为 >= / > / <= / < / = 之一',
    en: 'expected one of >= / > / <= / < / =',
  },
  {
    name: 'unknown-key',
    path: 'indicators[9]',
    zh: '未知字段 remark',
    en: 'unknown field(s) remark',
  },
  { name: 'malformed-yaml', zh: '语法错误', en: 'syntax error' },
  {
    name: 'duplicate-id',
    path: 'indicators[3].id',
    zh: '指标编号 "O2" 与 indicators[2] 重复',
    en: 'indicator id "O2" repeats indicators[2]',
  },
];

const noStack = (text: string) =>
  expect(text).not.toMatch(/^\s+at |Error:|内部错误|internal error/m);

describe('jixiao validate', () => {
  it('accepts the reference example (exit 0, summary on stdout)', async () => {
    const r = await runCli(['validate', `${examples}hengyang-finance-office-2023.yaml`], {
      capture: true,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('有效（衡阳市人民政府金融工作办公室，2023年度，指标 14 项）');
  });

  for (const c of cases) {
    it(`reports ${c.name} at file:line and JSON path, in Chinese by default, exit 2`, async () => {
      const file = broken(c.name);
      const r = await runCli(['validate', file], { capture: true });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const first = r.stderr.split('\n')[0] ?? '';
      expect(first.startsWith(`${file}:${defectLine(file)}:`), first).toBe(true);
      if (c.path) expect(first).toContain(`${c.path}：`);
      expect(first).toContain(c.zh);
      expect(r.stderr).toContain(`${file}：1 个错误`);
      noStack(r.stderr);
    });

    it(`reports ${c.name} in English with --lang en`, async () => {
      const file = broken(c.name);
      const r = await runCli(['validate', '--lang', 'en', file], { capture: true });
      expect(r.code).toBe(2);
      const first = r.stderr.split('\n')[0] ?? '';
      expect(first.startsWith(`${file}:${defectLine(file)}:`), first).toBe(true);
      if (c.path) expect(first).toContain(`${c.path}: `);
      expect(first).toContain(c.en);
      expect(r.stderr).toContain(`${file}: 1 error(s)`);
      expect(r.stderr).not.toMatch(/[错误缺少未知应为]/);
      noStack(r.stderr);
    });
  }

  it('validates several files in one run and exits 2 when any is bad', async () => {
    const r = await runCli(
      [
        'validate',
        `${examples}hengyang-finance-office-2023.yaml`,
        broken('missing-weight'),
        broken('duplicate-id'),
      ],
      { capture: true },
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('有效');
    expect(r.stderr).toContain('missing-weight.yaml：1 个错误');
    expect(r.stderr).toContain('duplicate-id.yaml：1 个错误');
  });

  it('says a missing file is missing (exit 2, no stack)', async () => {
    const r = await runCli(['validate', `${examples}no-such-file.yaml`], { capture: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('找不到文件');
    noStack(r.stderr);
  });

  it('exits 2 on usage errors (no file given)', async () => {
    const r = await runCli(['validate'], { capture: true });
    expect(r.code).toBe(2);
  });
});
