/**
 * A live result across the worker boundary. structuredClone refuses decimal.js values (each
 * Decimal carries its constructor as an own property: "could not be cloned"), and the rates in
 * the score and the derived figures are Decimals. The worker sends each Decimal as its exact
 * text, tagged; the editor makes it a Decimal again. Everything else (plain objects, arrays,
 * Maps, strings) crosses as it is.
 */
import Decimal from 'decimal.js';

/** A Decimal on the wire: its exact text (Decimal#toString round-trips every digit). */
interface WireDecimal {
  readonly $decimal: string;
}

const isWireDecimal = (v: object): v is WireDecimal =>
  typeof (v as { $decimal?: unknown }).$decimal === 'string' && Object.keys(v).length === 1;

/** The value with every Decimal replaced by its tagged text (a copy; the input is not changed). */
export function toWire(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Decimal.isDecimal(v)) return { $decimal: (v as Decimal).toString() } satisfies WireDecimal;
  if (Array.isArray(v)) return v.map(toWire);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [toWire(k), toWire(x)]));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = toWire(x);
  return out;
}

/** The inverse of toWire, on the structured clone the editor received. */
export function fromWire<T>(v: unknown): T {
  return revive(v) as T;
}

function revive(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(revive);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [revive(k), revive(x)]));
  if (isWireDecimal(v)) return new Decimal(v.$decimal);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = revive(x);
  return out;
}
