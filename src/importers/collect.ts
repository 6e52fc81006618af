/**
 * The collector every extraction step writes into: structured dossier values by JSON path, the
 * statements of the report, and for each value where it came from and how sure the reader is.
 * Nothing is invented: a value is set only from text that was read; values derived from two stated
 * figures (e.g. the previous year-end assets = year-end − stated growth) are marked as derived with
 * a low confidence, so they are listed for a person to confirm.
 */
import type { z } from 'zod';
import type { ConceptKey } from '../core/concepts/index.ts';
import type { Location, Provenance } from '../core/dossier/schema.ts';
import type { Place, SourceLine } from './model.ts';

export type ProvenanceEntry = z.infer<typeof Provenance>;
export type LocationInput = z.input<typeof Location>;

export interface StatementInput {
  concept: string;
  value: string;
  scope?: string;
  where: LocationInput;
  note?: string;
}

export interface Uncertain {
  readonly path: string;
  readonly value: string;
  readonly text: string;
  readonly page?: number;
  readonly line?: number;
  readonly sheet?: string;
  readonly cell?: string;
  readonly confidence: number;
  readonly reason: string;
}

/** Below this confidence a value is listed for a person to confirm. */
export const CONFIRM_BELOW = 0.8;

type Obj = Record<string, unknown>;

/** "expenditure.projects[2].money.actual" → ["expenditure", "projects", 2, "money", "actual"]. */
const partsCache = new Map<string, (string | number)[]>();
export function pathParts(path: string): (string | number)[] {
  const hit = partsCache.get(path);
  if (hit) return hit;
  const out: (string | number)[] = [];
  if (partsCache.size < 10_000) partsCache.set(path, out);
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
    out.push(m[2] !== undefined ? Number(m[2]) : (m[1] ?? ''));
  return out;
}

/** "a.b[2].c" → ["a.b[2].c", "a.b[2]", "a.b", "a"]: the path and its ancestors, longest first. */
export function pathPrefixes(path: string): string[] {
  const parts = pathParts(path);
  const out: string[] = [];
  for (let n = parts.length; n > 0; n--) {
    let p = '';
    for (const x of parts.slice(0, n)) p += typeof x === 'number' ? `[${x}]` : p ? `.${x}` : x;
    out.push(p);
  }
  return out;
}

export function getPath(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const p of pathParts(path)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

function setPath(root: Obj, path: string, value: unknown): void {
  const parts = pathParts(path);
  let cur: Record<string | number, unknown> = root;
  parts.forEach((p, i) => {
    if (i === parts.length - 1) {
      cur[p] = value;
      return;
    }
    const nextIsIndex = typeof parts[i + 1] === 'number';
    if (cur[p] === undefined || cur[p] === null || typeof cur[p] !== 'object')
      cur[p] = nextIsIndex ? [] : {};
    cur = cur[p] as Record<string | number, unknown>;
  });
}

export function placeOf(line: SourceLine | undefined, text?: string): Place {
  if (!line) return { text: text ?? '' };
  return {
    ...(line.page !== undefined ? { page: line.page } : {}),
    line: line.line,
    ...(line.sheet !== undefined ? { sheet: line.sheet } : {}),
    ...(line.cells.length && line.cells[0]?.cell ? { cell: line.cells[0].cell } : {}),
    text: text ?? line.raw,
  };
}

export class Collector {
  readonly data: Obj = {};
  readonly provenance: Record<string, ProvenanceEntry> = {};
  readonly statements: StatementInput[] = [];
  readonly uncertain: Uncertain[] = [];
  /** Figures read in the narrative that belong to no known concept (listed, not kept). */
  readonly unassigned: { text: string; page?: number; line?: number }[] = [];

  has(path: string): boolean {
    return getPath(this.data, path) !== undefined;
  }

  get(path: string): unknown {
    return getPath(this.data, path);
  }

  /**
   * Set a structured value with its provenance. A value already set is kept unless `replace`:
   * the first reading (or the preferred source, read first) wins.
   */
  set(
    path: string,
    value: unknown,
    place: Place,
    confidence = 1,
    opts: { replace?: boolean; reason?: string } = {},
  ): void {
    if (value === undefined || (this.has(path) && !opts.replace)) return;
    setPath(this.data, path, value);
    this.record(
      path,
      typeof value === 'string' || typeof value === 'number'
        ? String(value)
        : JSON.stringify(value),
      place,
      confidence,
      opts.reason,
    );
  }

  /** Provenance only (the value was set as part of a larger object). */
  record(path: string, value: string, place: Place, confidence: number, reason?: string): void {
    const c = Math.max(0, Math.min(1, Math.round(confidence * 100) / 100));
    this.provenance[path] = {
      text: place.text,
      ...(place.page !== undefined ? { page: place.page } : {}),
      ...(place.line !== undefined ? { line: place.line } : {}),
      ...(place.sheet !== undefined ? { sheet: place.sheet } : {}),
      ...(place.cell !== undefined ? { cell: place.cell } : {}),
      confidence: c,
    };
    const idx = this.uncertain.findIndex((u) => u.path === path);
    if (idx >= 0) this.uncertain.splice(idx, 1);
    if (c < CONFIRM_BELOW)
      this.uncertain.push({
        path,
        value,
        text: place.text,
        ...(place.page !== undefined ? { page: place.page } : {}),
        ...(place.line !== undefined ? { line: place.line } : {}),
        ...(place.sheet !== undefined ? { sheet: place.sheet } : {}),
        ...(place.cell !== undefined ? { cell: place.cell } : {}),
        confidence: c,
        reason: reason ?? '置信度低：此处有文字识别修复、连写数字或版式不清',
      });
  }

  /**
   * Drop the statements `pred` selects (a reading superseded by a better one), keeping every other
   * statement's provenance under its new index.
   */
  dropStatements(pred: (s: StatementInput) => boolean): number {
    const kept: { s: StatementInput; p: ProvenanceEntry | undefined }[] = [];
    this.statements.forEach((s, i) => {
      const p = this.provenance[`statements[${i}].value`];
      delete this.provenance[`statements[${i}].value`];
      if (!pred(s)) kept.push({ s, p });
    });
    const dropped = this.statements.length - kept.length;
    this.statements.splice(0, this.statements.length, ...kept.map((k) => k.s));
    kept.forEach((k, i) => {
      if (k.p) this.provenance[`statements[${i}].value`] = k.p;
    });
    return dropped;
  }

  /** Drop a structured value and the provenance under it. */
  unset(path: string): void {
    const parts = pathParts(path);
    const parent =
      parts.length > 1
        ? getPath(this.data, path.replace(/(?:\.[^.[\]]+|\[\d+\])$/, ''))
        : this.data;
    const last = parts[parts.length - 1];
    if (parent && typeof parent === 'object' && last !== undefined)
      delete (parent as Record<string | number, unknown>)[last];
    for (const k of Object.keys(this.provenance))
      if (k === path || k.startsWith(`${path}.`) || k.startsWith(`${path}[`))
        delete this.provenance[k];
  }

  /** Keep what the report states at one place. */
  state(
    concept: ConceptKey,
    value: string,
    where: LocationInput,
    place: Place,
    confidence = 1,
    extra: { scope?: string; note?: string } = {},
  ): void {
    const i = this.statements.length;
    const w: LocationInput = { ...where };
    if (place.page !== undefined && w.page === undefined) w.page = place.page;
    if (place.line !== undefined && w.line === undefined) w.line = place.line;
    if (place.sheet !== undefined && w.sheet === undefined) w.sheet = place.sheet;
    if (place.cell !== undefined && w.cell === undefined) w.cell = place.cell;
    this.statements.push({
      concept,
      value,
      ...(extra.scope !== undefined ? { scope: extra.scope } : {}),
      where: w,
      ...(extra.note ? { note: extra.note } : {}),
    });
    this.record(`statements[${i}].value`, value, place, confidence);
  }
}
