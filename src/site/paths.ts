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
