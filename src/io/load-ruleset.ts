/**
 * Reading rule sets (rulesets/<name>.yaml, or a path to a user-defined file) with errors located at
 * file:line:column, the same way dossiers are read (yaml LineCounter). The core receives the parsed
 * RuleSet; it never reads files.
 */
import { readdirSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  describeIssues,
  InputErrors,
  type InputError,
  type Lang,
} from '../core/errors/input-error.ts';
import { RuleSetSchema, selectRulesetName, type RuleSet } from '../core/scoring/ruleset.ts';
import { readTextFile } from './load-dossier.ts';
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

/**
 * Load a rule set by name (rulesets/<name>.yaml) or by path (relative to `cwd`). Throws InputErrors
 * (exit code 2 in the CLI) for an unknown name or an invalid file.
 */
export async function loadRuleset(
  nameOrPath: string,
  opts: { cwd?: string; lang?: Lang; dir?: string } = {},
): Promise<RuleSet> {
  const lang = opts.lang ?? 'zh';
  const dir = opts.dir ?? RULESETS_DIR;
  let file: string;
  if (looksLikePath(nameOrPath)) {
    file = isAbsolute(nameOrPath) ? nameOrPath : resolve(opts.cwd ?? process.cwd(), nameOrPath);
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
  const loaded = parseRulesetText(await readTextFile(file, lang), file, lang);
  if (!loaded.ok) throw new InputErrors(loaded.errors);
  return loaded.ruleset;
}

/** Rule set selection (scoring brief): `--ruleset` flag > dossier.ruleset > national. */
export function loadSelectedRuleset(
  flag: string | undefined,
  dossierRuleset: string | undefined,
  opts: { cwd?: string; lang?: Lang; dir?: string } = {},
): Promise<RuleSet> {
  return loadRuleset(selectRulesetName(flag, dossierRuleset), opts);
}
