import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from './command-name.ts';
import { COMMANDS, commandNamed, runCli } from './run.ts';

describe('lazy command loading', () => {
  it('knows every command module in src/cli/commands/', () => {
    const dir = fileURLToPath(new URL('./commands/', import.meta.url));
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => f.slice(0, -3))
      .sort();
    expect(Object.keys(COMMANDS).sort()).toEqual(files);
    // The list dist/main.js reads before loading any command names the same commands.
    expect([...COMMAND_NAMES].sort()).toEqual(files);
  });

  it('finds the command past global options and their values', () => {
    expect(commandNamed(['--lang', 'en', 'check', 'a.yaml'])).toBe('check');
    expect(commandNamed(['--lang=en', 'validate'])).toBe('validate');
    expect(commandNamed(['--help'])).toBeUndefined();
    expect(commandNamed(['no-such-command'])).toBeUndefined();
  });

  it('still lists every command in the top-level help', async () => {
    const r = await runCli(['--help'], { capture: true });
    expect(r.code).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(r.stdout).toContain(name);
  });
});

describe('alias limits through the CLI', () => {
  it(
    'an alias bomb is bad input (exit 2) ' + 'with a located Chinese message, not a crash',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'jixiao-bomb-'));
      const lines = ['year: 2023', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i < 10; i++)
        lines.push(
          `a${i}: &a${i} [${Array(10)
            .fill(`*a${i - 1}`)
            .join(', ')}]`,
        );
      writeFileSync(join(dir, 'bomb.yaml'), `${lines.join('\n')}\n`);
      const r = await runCli(['validate', join(dir, 'bomb.yaml')], { capture: true });
      expect(r.code).toBe(2);
      // The first alias: line 3 ("a1: &a1 [*a0, …"), column 10.
      expect(r.stderr).toContain('bomb.yaml:3:10: 语法错误：别名（*）展开次数过多');
    },
  );
});
