/**
 * Reading rule sets (rulesets/<name>.yaml, or a path to a user-defined file) with errors located at
 * file:line:column, the same way dossiers are read (yaml LineCounter). The core receives the parsed
 * RuleSet; it never reads files.
 */
import {
  closeSync,
  constants as fsConstants,
  fstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
} from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  describeIssues,
  InputErrors,
  type InputError,
  type InputErrorCode,
  type Lang,
} from '../core/errors/input-error.ts';
import { RuleSetSchema, selectRulesetName, type RuleSet } from '../core/scoring/ruleset.ts';
import { unreadableFile } from './load-dossier.ts';
import { parseLocated } from './yaml-source.ts';

/** The rule sets shipped with the package. */
export const RULESETS_DIR = fileURLToPath(new URL('../../rulesets/', import.meta.url));

export type LoadedRuleset =
  | { readonly ok: true; readonly ruleset: RuleSet }
  | { readonly ok: false; readonly errors: readonly InputError[] };

/** Names of the shipped rule sets ("hunan", "national", "sichuan"). */
export function listRulesets(dir: string = RULESETS_DIR): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -5))
      .sort();
  } catch {
    return [];
  }
}

/** Parse and validate rule set text (YAML or JSON). `file` only labels locations. */
export function parseRulesetText(text: string, file: string, lang: Lang = 'zh'): LoadedRuleset {
  const r = parseLocated(text, file, lang, (raw) => {
    const parsed = RuleSetSchema.safeParse(raw);
    return parsed.success
      ? { ok: true, value: parsed.data }
      : { ok: false, errors: describeIssues(parsed.error.issues, lang, raw) };
  });
  return r.ok ? { ok: true, ruleset: r.value } : r;
}

const looksLikePath = (s: string): boolean => /[\\/]/.test(s) || /\.(ya?ml|json)$/i.test(s);

/** Largest rule set file read, bytes (the shipped ones are a few KiB). */
export const MAX_RULESET_BYTES = 1024 * 1024;

export interface LoadRulesetOptions {
  /** Folder a relative path is resolved from (default the working directory). */
  readonly cwd?: string;
  readonly lang?: Lang;
  /** The shipped rule sets (default rulesets/ of this package). */
  readonly dir?: string;
  /**
   * The name comes from a dossier's `ruleset:` (issue #13): a path must then lie inside `cwd`
   * (the dossier's own folder) or `dir`, after following links. A path typed on the command line
   * (`--ruleset`) is the user's choice and may be anywhere.
   */
  readonly confined?: boolean;
}

const refuse = (code: InputErrorCode, file: string, message: string): InputErrors =>
  new InputErrors([{ code, where: { file }, message }]);

const inside = (folder: string, file: string): boolean => {
  const rel = relative(folder, file);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
};

/** The real path of `f`, or undefined when it cannot be resolved (missing, a loop…). */
const realOrUndefined = (f: string): string | undefined => {
  try {
    return realpathSync(f);
  } catch {
    return undefined;
  }
};

/**
 * Read a rule set file: a regular file (not a device, FIFO or folder) of at most
 * MAX_RULESET_BYTES, checked with fstat on the opened descriptor before anything is read, so
 * `/dev/urandom` is refused at once; with `confined`, only inside `folders`. Synchronous: a rule
 * set is a few KiB read once per run, and a `check` of one file would otherwise wait on the thread
 * pool six times in a row (issue 14).
 */
function readRulesetFile(file: string, lang: Lang, folders: readonly string[] | undefined): string {
  const zh = lang === 'zh';
  if (folders) {
    const roots = folders.map((f) => realOrUndefined(f) ?? resolve(f));
    const within = (f: string) =>
      folders.some((root) => inside(resolve(root), f)) || roots.some((root) => inside(root, f));
    // The path as written first (whether or not it exists), then where its links lead.
    const real = within(file) ? (realOrUndefined(file) ?? file) : file;
    if (!within(real))
      throw refuse(
        'ruleset.outside',
        file,
        zh
          ? `档案的 ruleset 只能是规则集名称（${listRulesets().join('、')}）或档案所在文件夹内的` +
              `文件，“${file}”不在其中；其他位置的规则集请用 --ruleset 指定`
          : `a dossier's ruleset must be a rule set name or a file inside the dossier's folder; ` +
              `"${file}" is not (give other rule sets with --ruleset)`,
      );
  }
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    fd = openSync(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  } catch (err) {
    throw unreadableFile(file, err, lang);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile())
      throw refuse(
        'ruleset.not-file',
        file,
        zh
          ? `规则集“${file}”不是普通文件（设备、管道或文件夹不能作为规则集）`
          : `rule set "${file}" is not a regular file`,
      );
    if (st.size > MAX_RULESET_BYTES)
      throw refuse(
        'file.limit',
        file,
        zh
          ? `规则集“${file}”有 ${(st.size / 1024 / 1024).toFixed(1)} MB，超过上限 1 MB`
          : `rule set "${file}" is ${(st.size / 1024 / 1024).toFixed(1)} MB, above the 1 MB limit`,
      );
    const buf = Buffer.alloc(Math.min(st.size, MAX_RULESET_BYTES) + 1);
    const bytesRead = readSync(fd, buf, 0, buf.length, 0);
    if (bytesRead > MAX_RULESET_BYTES)
      throw refuse(
        'file.limit',
        file,
        zh ? `规则集“${file}”超过上限 1 MB` : `rule set "${file}" is above the 1 MB limit`,
      );
    return buf.subarray(0, bytesRead).toString('utf8');
  } catch (err) {
    if (err instanceof InputErrors) throw err;
    throw unreadableFile(file, err, lang);
  } finally {
    closeSync(fd);
  }
}

/**
 * Load a rule set by name (rulesets/<name>.yaml) or by path (relative to `cwd`). Throws InputErrors
 * (exit code 2 in the CLI) for an unknown name, a path outside the allowed folders (`confined`),
 * a file that is not regular or too large, or an invalid file.
 */
export async function loadRuleset(
  nameOrPath: string,
  opts: LoadRulesetOptions = {},
): Promise<RuleSet> {
  const lang = opts.lang ?? 'zh';
  const dir = opts.dir ?? RULESETS_DIR;
  const cwd = opts.cwd ?? process.cwd();
  let file: string;
  if (looksLikePath(nameOrPath)) {
    file = isAbsolute(nameOrPath) ? nameOrPath : resolve(cwd, nameOrPath);
  } else {
    const known = listRulesets(dir);
    if (!known.includes(nameOrPath)) {
      throw new InputErrors([
        {
          code: 'ruleset.unknown',
          where: {},
          message:
            lang === 'zh'
              ? `未知的规则集“${nameOrPath}”（可用：${known.join('、')}；也可给出文件路径）`
              : `unknown rule set "${nameOrPath}" ` +
                `(available: ${known.join(', ')}; or give a file path)`,
        },
      ]);
    }
    file = resolve(dir, `${nameOrPath}.yaml`);
  }
  const text = readRulesetFile(file, lang, opts.confined ? [cwd, dir] : undefined);
  const loaded = parseRulesetText(text, file, lang);
  if (!loaded.ok) throw new InputErrors(loaded.errors);
  return loaded.ruleset;
}

/**
 * Rule set selection (scoring brief): `--ruleset` flag > dossier.ruleset > national. A flag is
 * resolved from `cwd`; the dossier's own `ruleset:` from `dossierDir` and confined to it (or the
 * shipped rule sets).
 */
export function loadSelectedRuleset(
  flag: string | undefined,
  dossierRuleset: string | undefined,
  opts: { cwd?: string; dossierDir?: string; lang?: Lang; dir?: string } = {},
): Promise<RuleSet> {
  const { dossierDir, ...rest } = opts;
  if (flag !== undefined) return loadRuleset(flag, rest);
  return loadRuleset(selectRulesetName(undefined, dossierRuleset), {
    ...rest,
    cwd: dossierDir ?? opts.cwd ?? process.cwd(),
    confined: true,
  });
}
