/** What every command receives: the language and the output streams (so tests can capture them). */
import type { Lang } from '../core/errors/input-error.ts';

export interface CliContext {
  readonly lang: Lang;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Colour only on a TTY (and never when NO_COLOR is set). */
  readonly color: boolean;
  /** Directory relative paths resolve from. */
  readonly cwd: string;
  /**
   * A progress bar on stderr for `total` steps, shown only on a terminal (never when output is
   * captured or piped, never for fewer than PROGRESS_MIN_STEPS steps); otherwise a no-op.
   */
  readonly progress: (total: number, label: string) => Promise<Progress>;
  /**
   * The script this process was started with (bin/jixiao.mjs), when run as the command: a command
   * may start worker threads on it. Absent in-process (tests), where commands stay serial.
   */
  readonly entry?: string;
}

export interface Progress {
  readonly tick: () => void;
  readonly stop: () => void;
}

/** Fewer steps than this finish too fast for a bar to help. */
export const PROGRESS_MIN_STEPS = 10;

/** Exit codes (architecture.md "Errors"): 0 ok, 1 error-level findings, 2 bad input or usage. */
export const EXIT = { ok: 0, findings: 1, badInput: 2, internal: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A command module in src/cli/commands/: registers itself on the program. */
export interface CommandModule {
  readonly register: (
    program: import('commander').Command,
    ctx: () => CliContext,
    setExit: (code: ExitCode) => void,
  ) => void;
}
