/**
 * Which command an argv names, without loading any command: dist/main.js (src/cli/entry.ts) asks
 * this before choosing the one-file build of `check` or the full CLI, so it must stay tiny.
 */

/** Every command of the CLI; run.test.ts holds it to src/cli/commands/ and run.ts's COMMANDS. */
export const COMMAND_NAMES: readonly string[] = [
  'audit',
  'check',
  'docs-rules',
  'import',
  'new',
  'next-year',
  'report',
  'schema',
  'score',
  'serve',
  'start',
  'validate',
];

/** Options of the program itself that take a value (so the value is not taken for a command). */
const GLOBAL_VALUE_OPTIONS = new Set(['--lang']);

/** The command argv names (its first operand), when it is one we know; else undefined. */
export function commandNamed(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (GLOBAL_VALUE_OPTIONS.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    return COMMAND_NAMES.includes(a) ? a : undefined;
  }
  return undefined;
}
