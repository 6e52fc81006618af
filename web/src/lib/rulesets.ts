/**
 * The dossier's own rule set in the browser (issue 10): the live score must equal the server's,
 * so a `ruleset: hunan` dossier is scored with Hunan's step rule and weights, not the national
 * default. Rule sets come from GET /api/rulesets/:name and are checked with the core's schema.
 */
import { useQuery } from '@tanstack/react-query';
import {
  NATIONAL_RULESET,
  RuleSetSchema,
  selectRulesetName,
  type RuleSet,
} from '../../../src/core/scoring/ruleset.ts';
import { api } from '../api.ts';

export type RulesetState =
  | { readonly kind: 'loading'; readonly name: string }
  | { readonly kind: 'ready'; readonly name: string; readonly ruleset: RuleSet }
  | { readonly kind: 'unknown'; readonly name: string };

/** The rule set name a dossier (form state or stored JSON) names; national by default. */
export function rulesetNameOf(dossier: unknown): string {
  const named =
    dossier && typeof dossier === 'object' ? (dossier as { ruleset?: unknown }).ruleset : undefined;
  return selectRulesetName(undefined, typeof named === 'string' && named ? named : undefined);
}

export async function fetchRuleset(name: string): Promise<RuleSet | null> {
  try {
    const parsed = RuleSetSchema.safeParse(await api.ruleset(name));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function useRuleset(name: string): RulesetState {
  const q = useQuery({
    queryKey: ['ruleset', name],
    queryFn: () => fetchRuleset(name),
    staleTime: Infinity,
    // The built-in national copy equals rulesets/national.yaml (a core test keeps them equal).
    placeholderData: name === 'national' ? NATIONAL_RULESET : undefined,
  });
  if (q.data) return { kind: 'ready', name, ruleset: q.data };
  if (q.isFetched && q.data === null) return { kind: 'unknown', name };
  return { kind: 'loading', name };
}
