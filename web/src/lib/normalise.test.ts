import { describe, expect, it } from 'vitest';
import { baseDossierInput } from '../../../src/core/testing/factories.ts';
import { validateDossier } from '../../../src/core/dossier/validate.ts';
import { forEditor } from './normalise.ts';

describe('forEditor', () => {
  it('turns written targets into objects and keeps the dossier valid and equivalent', () => {
    const input = baseDossierInput();
    const edited = forEditor(input);
    expect(edited.indicators?.[0]?.target).toEqual({
      kind: 'number',
      op: '<=',
      value: '100',
      unit: '%',
    });
    const a = validateDossier(input);
    const b = validateDossier(edited);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) {
      expect(b.dossier.indicators.map((i) => i.target)).toEqual(
        a.dossier.indicators.map((i) => {
          if (i.target === undefined || i.target.kind === 'text') return i.target;
          const { text: _t, ...rest } = i.target;
          return rest;
        }),
      );
      expect(b.dossier.income).toEqual(a.dossier.income);
    }
  });
});
