/**
 * A tiny hash router (no extra dependency):
 * "#/dossiers/12" → { name: 'dossier', params: { id: '12' } }.
 * Hash routes keep deep links working with any static file server.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'login' }
  | { name: 'home' }
  | { name: 'dossier'; id: string }
  | { name: 'import' }
  | { name: 'dashboard' }
  | { name: 'admin' }
  | { name: 'compare'; unitId: string }
  | { name: 'public' }
  | { name: 'publicReport'; id: string }
  | { name: 'notFound'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [a, b] = parts;
  if (parts.length === 0) return { name: 'home' };
  if (a === 'login' && parts.length === 1) return { name: 'login' };
  if (a === 'dossiers' && b && parts.length === 2) return { name: 'dossier', id: b };
  if (a === 'import' && parts.length === 1) return { name: 'import' };
  if (a === 'dashboard' && parts.length === 1) return { name: 'dashboard' };
  if (a === 'admin' && parts.length === 1) return { name: 'admin' };
  if (a === 'compare' && b && parts.length === 2) return { name: 'compare', unitId: b };
  if (a === 'public' && parts.length === 1) return { name: 'public' };
  if (a === 'public' && b && parts.length === 2) return { name: 'publicReport', id: b };
  return { name: 'notFound', path };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'login':
      return '#/login';
    case 'home':
      return '#/';
    case 'dossier':
      return `#/dossiers/${encodeURIComponent(route.id)}`;
    case 'import':
      return '#/import';
    case 'dashboard':
      return '#/dashboard';
    case 'admin':
      return '#/admin';
    case 'compare':
      return `#/compare/${encodeURIComponent(route.unitId)}`;
    case 'public':
      return '#/public';
    case 'publicReport':
      return `#/public/${encodeURIComponent(route.id)}`;
    case 'notFound':
      return `#${route.path}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
}

const subscribe = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(
    subscribe,
    () => window.location.hash,
    () => '',
  );
  return parseRoute(hash);
}
