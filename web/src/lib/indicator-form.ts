/**
 * Indicator rows as the editor holds them: the target as an object (operator / value / unit, a
 * range, or a qualitative phrase) so each part has its own input; the actual as the text written.
 * Converts whatever a dossier file holds (strings or objects) into this shape without losing text.
 */
import {
  formatTarget,
  parseTarget,
  type Operator,
  type Target,
} from '../../../src/core/dossier/indicator-values.ts';

export type TargetMode = Operator | 'none' | 'range' | 'text';

export interface FormTarget {
  kind: 'number' | 'range' | 'text';
  op?: Operator;
  value?: string;
  unit?: string;
  min?: string;
  max?: string;
  text?: string;
}

export function targetToForm(t: unknown): FormTarget {
  if (typeof t === 'string') return targetToForm(parseTarget(t));
  if (typeof t === 'number') return targetToForm(parseTarget(String(t)));
  if (t && typeof t === 'object') {
    const o = t as Record<string, unknown>;
    const str = (k: string) => (o[k] === undefined || o[k] === null ? undefined : String(o[k]));
    if (o.kind === 'range')
      return clean({ kind: 'range', min: str('min'), max: str('max'), unit: str('unit') });
    if (o.kind === 'text') return { kind: 'text', text: str('text') ?? '' };
    return clean({
      kind: 'number',
      op: o.op as Operator | undefined,
      value: str('value'),
      unit: str('unit'),
    });
  }
  return { kind: 'text', text: '' };
}

function clean(t: FormTarget): FormTarget {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(t)) if (v !== undefined) out[k] = v;
  return out as unknown as FormTarget;
}

export function targetMode(t: FormTarget): TargetMode {
  if (t.kind === 'range') return 'range';
  if (t.kind === 'text') return 'text';
  return t.op ?? 'none';
}

/** Switch the operator select; keeps value and unit where they still make sense. */
export function withMode(t: FormTarget, mode: TargetMode): FormTarget {
  if (mode === 'text')
    return { kind: 'text', text: t.kind === 'text' ? (t.text ?? '') : displayTarget(t) };
  if (mode === 'range')
    return clean({ kind: 'range', min: t.min ?? t.value ?? '', max: t.max ?? '', unit: t.unit });
  return clean({
    kind: 'number',
    op: mode === 'none' ? undefined : mode,
    value: t.value ?? t.min ?? '',
    unit: t.unit,
  });
}

export function displayTarget(t: FormTarget): string {
  if (t.kind === 'text') return t.text ?? '';
  return formatTarget(t as Target);
}

export function actualToText(a: unknown): string {
  if (a === undefined || a === null) return '';
  if (typeof a === 'object') return String((a as { text?: unknown }).text ?? '');
  return String(a);
}

export const MODE_LABELS: Record<TargetMode, string> = {
  '>=': '≥',
  '>': '＞',
  '<=': '≤',
  '<': '＜',
  '=': '＝',
  none: '—',
  range: '区间',
  text: '定性',
};
