import type { CatalogEntity } from '../catalog/index.ts';

/** Backstage's entity URL scheme, site-relative: `catalog/<namespace>/<kind>/<name>/`, kind lowercased. */
export function entityPagePath(entity: Pick<CatalogEntity, 'kind' | 'metadata'>): string {
  const segments = [entity.metadata.namespace.toLowerCase(), entity.kind.toLowerCase(), entity.metadata.name];
  return `catalog/${segments.map(encodeURIComponent).join('/')}/`;
}

/** Prefixes a site-relative path with the base path (`/` or `/portal/`). */
export function withBase(base: string, path: string): string {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return prefix + path.replace(/^\/+/, '');
}

/** Backstage's usual order of kinds for listings; custom kinds follow, alphabetically. */
export function compareKinds(a: string, b: string): number {
  const order = ['Domain', 'System', 'Component', 'API', 'Resource', 'Group', 'User', 'Template', 'Location'];
  const rank = (kind: string) => (order.includes(kind) ? order.indexOf(kind) : order.length);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}
