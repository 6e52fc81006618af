/**
 * Stored dossiers are validated on read, never cast: a row that no longer matches the dossier
 * schema (edited by hand, written by a bug, damaged on disk) is a CorruptStoredDossier, which the
 * error handler (errors.ts) logs with the id and answers as a 500 naming the dossier.
 */
import { Dossier } from '../core/dossier/schema.ts';
import { compileSchema, INVALID } from '../core/schema-compile.ts';
import { formatPath } from '../core/errors/input-error.ts';

const fastDossier = compileSchema(Dossier);

/** How many schema problems the log line lists (a corrupt row may have hundreds). */
const MAX_PROBLEMS = 5;

export class CorruptStoredDossier extends Error {
  constructor(
    readonly dossierId: number,
    readonly version: number,
    /** "path: reason", at most MAX_PROBLEMS of them; for the log, not for the user. */
    readonly problems: readonly string[],
  ) {
    super(`stored dossier ${dossierId} v${version} is corrupt: ${problems.join('; ')}`);
    this.name = 'CorruptStoredDossier';
  }
}

/** The stored document of dossier `id` at `version`, checked against the schema. */
export function storedDossier(id: number, version: number, raw: unknown): Dossier {
  // The compiled schema for a valid row (nearly all); zod itself to say what is wrong.
  const fast = fastDossier(raw);
  if (fast !== INVALID) return fast;
  const r = Dossier.safeParse(raw);
  if (r.success) return r.data;
  const problems = r.error.issues
    .slice(0, MAX_PROBLEMS)
    .map((i) => `${formatPath(i.path) || '(root)'}: ${i.message}`);
  throw new CorruptStoredDossier(id, version, problems);
}

/** The same check over the stored JSON text (GET /api/dossiers/:id sends the text unparsed). */
export function checkStoredText(id: number, version: number, json: string): void {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new CorruptStoredDossier(id, version, [`not JSON: ${reason}`]);
  }
  storedDossier(id, version, raw);
}
