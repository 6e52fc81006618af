import { describe, expect, it } from 'vitest';
import { href, parseRoute } from './router.ts';

describe('hash routes', () => {
  it('parses and builds every route', () => {
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#/dossiers/42')).toEqual({ name: 'dossier', id: '42' });
    expect(parseRoute('#/compare/u%201')).toEqual({ name: 'compare', unitId: 'u 1' });
    expect(parseRoute('#/public/')).toEqual({ name: 'public' });
    expect(parseRoute('#/nope/x/y')).toEqual({ name: 'notFound', path: '/nope/x/y' });
    for (const r of [
      { name: 'dossier', id: '7' },
      { name: 'publicReport', id: '3' },
      { name: 'dashboard' },
    ] as const) {
      expect(parseRoute(href(r))).toEqual(r);
    }
  });
});
