/**
 * The one place where CLI errors become output and exit codes (citty/Hono style):
 * InputErrors → located messages on stderr, exit 2; commander usage errors → exit 2;
 * anything else is a bug → one line on stderr (stack only with JIXIAO_DEBUG=1), exit 3.
 */
import { Command, CommanderError } from 'commander';
import { InputErrors, type Lang } from '../core/errors/input-error.ts';
import { formatInputError } from '../io/load-dossier.ts';
import { commandNamed } from './command-name.ts';
import {
  EXIT,
  PROGRESS_MIN_STEPS,
  type CliContext,
  type CommandModule,
  type ExitCode,
  type Progress,
} from './context.ts';

export { commandNamed } from './command-name.ts';

export interface RunResult {
  readonly code: ExitCode;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Every command, by name, loaded only when it runs: `check` never loads playwright, exceljs, docx,
 * mammoth or pdfjs. Help and unknown commands load them all (each keeps its heavy imports lazy).
 */
export const COMMANDS: Readonly<Record<string, () => Promise<CommandModule>>> = {
  audit: () => import('./commands/audit.ts'),
  check: () => import('./commands/check.ts'),
  'docs-rules': () => import('./commands/docs-rules.ts'),
  import: () => import('./commands/import.ts'),
  new: () => import('./commands/new.ts'),
  'next-year': () => import('./commands/next-year.ts'),
  report: () => import('./commands/report.ts'),
  schema: () => import('./commands/schema.ts'),
  score: () => import('./commands/score.ts'),
  serve: () => import('./commands/serve.ts'),
  start: () => import('./commands/start.ts'),
  validate: () => import('./commands/validate.ts'),
};

const NO_PROGRESS: Progress = { tick: () => {}, stop: () => {} };

/** A cli-progress bar on stderr (loaded only when one is shown). */
async function terminalProgress(total: number, label: string): Promise<Progress> {
  const { SingleBar, Presets } = (await import('cli-progress')).default;
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {value}/{total}  {percentage}%  {eta_formatted}`,
      stream: process.stderr,
      clearOnComplete: true,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return { tick: () => bar.increment(), stop: () => bar.stop() };
}

async function loadCommands(argv: readonly string[]): Promise<CommandModule[]> {
  const name = commandNamed(argv);
  const loaders = name ? [COMMANDS[name]!] : Object.values(COMMANDS);
  return Promise.all(loaders.map((load) => load()));
}

/**
 * Run the CLI with argv (without "node jixiao"). With `capture`, output is collected and returned
 * instead of written, so tests run commands in-process.
 */
export async function runCli(
  argv: readonly string[],
  opts: { capture?: boolean; cwd?: string; entry?: string } = {},
): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const write = (stream: 'out' | 'err') => (text: string) => {
    const line = text.endsWith('\n') ? text : `${text}\n`;
    if (opts.capture) {
      if (stream === 'out') stdout += line;
      else stderr += line;
    } else (stream === 'out' ? process.stdout : process.stderr).write(line);
  };
  let exit: ExitCode = EXIT.ok;
  const setExit = (code: ExitCode) => {
    if (code > exit) exit = code;
  };
  const langArg =
    argv.find((a, i) => argv[i - 1] === '--lang') ??
    argv.find((a) => a.startsWith('--lang='))?.slice(7);
  const lang: Lang = langArg === 'en' ? 'en' : 'zh';
  const ctx: CliContext = {
    lang,
    out: write('out'),
    err: write('err'),
    color: !opts.capture && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    cwd: opts.cwd ?? process.cwd(),
    progress: (total, label) =>
      !opts.capture && Boolean(process.stderr.isTTY) && total >= PROGRESS_MIN_STEPS
        ? terminalProgress(total, label)
        : Promise.resolve(NO_PROGRESS),
    ...(opts.entry !== undefined && !opts.capture ? { entry: opts.entry } : {}),
  };

  const program = new Command('jixiao')
    .description(
      lang === 'zh'
        ? 'jixiao：部门整体支出绩效自评（填报、评分、审核、报告）'
        : 'jixiao: budget performance self-evaluation (dossier, scoring, audit, reports)',
    )
    .option('--lang <lang>', 'zh | en (messages)', 'zh')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => write('out')(s.trimEnd()),
      writeErr: (s) => write('err')(s.trimEnd()),
    })
    .showHelpAfterError(false);
  for (const mod of await loadCommands(argv)) mod.register(program, () => ctx, setExit);
  for (const sub of program.commands)
    sub.exitOverride().configureOutput({
      writeOut: (s) => write('out')(s.trimEnd()),
      writeErr: (s) => write('err')(s.trimEnd()),
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version are not errors.
      if (
        err.code === 'commander.helpDisplayed' ||
        err.code === 'commander.version' ||
        err.code === 'commander.help'
      )
        return { code: EXIT.ok, stdout, stderr };
      return { code: EXIT.badInput, stdout, stderr };
    }
    if (err instanceof InputErrors) {
      for (const e of err.errors) ctx.err(formatInputError(e));
      return { code: EXIT.badInput, stdout, stderr };
    }
    const message = err instanceof Error ? err.message : String(err);
    ctx.err(lang === 'zh' ? `内部错误：${message}` : `internal error: ${message}`);
    if (process.env.JIXIAO_DEBUG && err instanceof Error && err.stack) ctx.err(err.stack);
    return { code: EXIT.internal, stdout, stderr };
  }
  return { code: exit, stdout, stderr };
}
