/**
 * A zod schema compiled into plain closures for the common case: input that is valid (issue #14,
 * parsing a dossier at a few times the cost of JSON.parse).
 *
 * The compiled parser either returns exactly the value zod's `safeParse` would return, or
 * `INVALID` — it never reports why. On `INVALID` the caller runs zod itself, so every error, its
 * message and its path still come from zod (the one definition stays the schema). What it saves
 * is zod's bookkeeping on the way through a valid value: a payload object and an issue array per
 * node, and the full wrapper chain run for every absent optional key.
 *
 * Containers (object, array, optional, nullable, default, prefault, pipe, transform, union,
 * record) are compiled; strings, numbers, booleans, enums and literals are checked here and then
 * run zod's own checks (trim, min, int, refinements…); any other schema type is handed to zod
 * whole, so an unknown construct is slower, never wrong.
 */
import type { z } from 'zod';

/** What the compiled parser returns for input zod would reject (or might). */
export const INVALID: unique symbol = Symbol('invalid');
export type Compiled<T> = (input: unknown) => T | typeof INVALID;

type Fn = (input: unknown) => unknown;

/** The internals of a zod 4 schema that the compiler reads (zod/v4/core $ZodType). */
interface Internals {
  def: {
    type: string;
    checks?: Schema[];
    coerce?: boolean;
    [k: string]: unknown;
  };
  traits: Set<string>;
  optin?: 'optional' | 'defaulted';
  optout?: 'optional';
  run: (payload: Payload, ctx: object) => Payload | Promise<Payload>;
  check?: (payload: Payload) => unknown;
}
interface Schema {
  _zod: Internals;
}
interface Payload {
  value: unknown;
  issues: unknown[];
}

const CTX = { async: false };

/** What a transform receives as its ctx: zod's ZodTransform gives the payload an addIssue. */
class TransformPayload implements Payload {
  issues: unknown[] = [];
  constructor(public value: unknown) {}
  addIssue(issue: unknown): void {
    this.issues.push(issue);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The checks zod runs after parsing a node (the same list $ZodType.init builds). */
function checksOf(s: Schema): Schema[] {
  const own = s._zod.def.checks ?? [];
  return s._zod.traits.has('$ZodCheck') ? [s, ...own] : own;
}

/** Run a node's checks on its parsed value: the (possibly overwritten) value, or INVALID. */
function withChecks(s: Schema, parse: Fn): Fn {
  const checks = checksOf(s);
  if (checks.length === 0) return parse;
  return (input) => {
    const value = parse(input);
    if (value === INVALID) return INVALID;
    const payload: Payload = { value, issues: [] };
    for (const ch of checks) {
      const when = (ch._zod.def as { when?: (p: Payload) => boolean }).when;
      if (when && !when(payload)) continue;
      if (ch._zod.check?.(payload) instanceof Promise) return INVALID;
      if (payload.issues.length > 0) return INVALID;
    }
    return payload.value;
  };
}

/** The schema run by zod itself, for anything not compiled here. */
function byZod(s: Schema): Fn {
  return (input) => {
    const r = s._zod.run({ value: input, issues: [] }, CTX);
    return r instanceof Promise || r.issues.length > 0 ? INVALID : r.value;
  };
}

function compileNode(s: Schema): Fn {
  const def = s._zod.def;
  if (def.coerce) return byZod(s);
  switch (def.type) {
    case 'string':
      return withChecks(s, (v) => (typeof v === 'string' ? v : INVALID));
    case 'number':
      return withChecks(s, (v) => (typeof v === 'number' && Number.isFinite(v) ? v : INVALID));
    case 'boolean':
      return withChecks(s, (v) => (typeof v === 'boolean' ? v : INVALID));
    case 'enum': {
      // The schema's own value for the input's: equal, and a string the engine has interned. A
      // string sliced out of a YAML source is hashed and compared slowly as a Map key, and the
      // auditor looks concept keys up thousands of times per dossier (issue 14: 58 ns a lookup
      // instead of 11).
      const values = new Map(
        Object.values(def.entries as Record<string, unknown>).map((v) => [v, v] as const),
      );
      return withChecks(s, (v) => {
        const own = values.get(v);
        return own !== undefined || values.has(v) ? own : INVALID;
      });
    }
    case 'literal': {
      const values = new Set(def.values as unknown[]);
      return withChecks(s, (v) => (values.has(v) ? v : INVALID));
    }
    case 'optional': {
      const innerSchema = def.innerType as Schema;
      if (innerSchema._zod.optin === 'defaulted') return byZod(s);
      const inner = compileNode(innerSchema);
      return withChecks(s, (v) => (v === undefined ? undefined : inner(v)));
    }
    case 'nullable': {
      const inner = compileNode(def.innerType as Schema);
      return withChecks(s, (v) => (v === null ? null : inner(v)));
    }
    case 'default': {
      const inner = compileNode(def.innerType as Schema);
      return withChecks(s, (v) => {
        if (v === undefined) return def.defaultValue;
        const out = inner(v);
        return out === undefined ? def.defaultValue : out;
      });
    }
    case 'prefault': {
      const inner = compileNode(def.innerType as Schema);
      return withChecks(s, (v) => inner(v === undefined ? def.defaultValue : v));
    }
    case 'pipe': {
      const first = compileNode(def.in as Schema);
      const next = compileNode(def.out as Schema);
      return withChecks(s, (v) => {
        const mid = first(v);
        return mid === INVALID ? INVALID : next(mid);
      });
    }
    case 'transform': {
      const transform = def.transform as (v: unknown, p: Payload) => unknown;
      return withChecks(s, (v) => {
        const payload = new TransformPayload(v);
        const out = transform(v, payload);
        return payload.issues.length > 0 || out instanceof Promise ? INVALID : out;
      });
    }
    case 'union': {
      if (def.inclusive === false && !def.discriminator) return byZod(s); // z.xor
      const options = (def.options as Schema[]).map(compileNode);
      return withChecks(s, (v) => {
        for (const option of options) {
          const out = option(v);
          if (out !== INVALID) return out;
        }
        return INVALID;
      });
    }
    case 'array': {
      const element = compileNode(def.element as Schema);
      return withChecks(s, (v) => {
        if (!Array.isArray(v)) return INVALID;
        const out = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) {
          const e = element(v[i]);
          if (e === INVALID) return INVALID;
          out[i] = e;
        }
        return out;
      });
    }
    case 'object':
      return compileObject(s);
    case 'record': {
      const keyType = (def.keyType as Schema)._zod.def;
      if (keyType.type !== 'string' || (keyType.checks?.length ?? 0) > 0) return byZod(s);
      const value = compileNode(def.valueType as Schema);
      return withChecks(s, (v) => {
        if (!isObject(v)) return INVALID;
        const out: Record<string, unknown> = {};
        for (const k of Reflect.ownKeys(v)) {
          if (typeof k !== 'string' || k === '__proto__') return INVALID;
          const e = value(v[k]);
          if (e === INVALID) return INVALID;
          out[k] = e;
        }
        return out;
      });
    }
    default:
      return byZod(s);
  }
}

/**
 * An object: each declared key the way zod's object parser treats it (absent optional keys stay
 * absent, defaulted keys are filled, a required key missing is invalid); unknown keys are dropped
 * (z.object) or invalid (.strict()); any other catchall goes to zod.
 */
const REQUIRED = 0;
const OPTIONAL = 1;
const OPTIONAL_DEFAULTED = 2;
const DEFAULTED = 3;
const OPTIONAL_IN = 4;

function compileObject(s: Schema): Fn {
  const def = s._zod.def;
  const catchall = def.catchall as Schema | undefined;
  if (catchall && catchall._zod.def.type !== 'never') return byZod(s);
  const strict = catchall !== undefined;
  const shape = def.shape as Record<string, Schema>;
  const keys = Object.keys(shape).filter((k) => k !== '__proto__');
  const declared = new Set(Object.keys(shape));
  const modes = keys.map((key) => {
    const z = shape[key] as Schema;
    const optin = z._zod.optin;
    if (optin === undefined) return REQUIRED;
    if (z._zod.optout === 'optional') return optin === 'optional' ? OPTIONAL : OPTIONAL_DEFAULTED;
    return optin === 'defaulted' ? DEFAULTED : OPTIONAL_IN;
  });
  const parsers = keys.map((key) => compileNode(shape[key] as Schema));
  const n = keys.length;
  return withChecks(s, (input) => {
    if (!isObject(input)) return INVALID;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) {
      const key = keys[i] as string;
      const mode = modes[i];
      const present = key in input;
      // Absent and optional in and out: contributes nothing whatever its schema says.
      if (!present && mode === OPTIONAL) continue;
      const value = (parsers[i] as Fn)(input[key]);
      if (value === INVALID) {
        // An absent key whose schema rejects undefined is simply left out (optional in and out).
        if (!present && mode === OPTIONAL_DEFAULTED) continue;
        return INVALID;
      }
      if (mode === REQUIRED) {
        if (!present) return INVALID;
        out[key] = value;
      } else if (mode === OPTIONAL || mode === DEFAULTED) out[key] = value;
      else if (value !== undefined || present) out[key] = value;
    }
    if (strict) for (const k in input) if (!declared.has(k)) return INVALID;
    return out;
  });
}

/**
 * Compile `schema`. The result returns what `schema.safeParse(input).data` would be when zod
 * accepts the input, else INVALID (then ask zod for the errors).
 */
export function compileSchema<S extends z.ZodType>(schema: S): Compiled<z.output<S>> {
  return compileNode(schema as unknown as Schema) as Compiled<z.output<S>>;
}
