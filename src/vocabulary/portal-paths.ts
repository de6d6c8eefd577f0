/** An entity page's site-relative path, Backstage's URL scheme: `catalog/<namespace>/<kind>/<name>/`, kind and namespace lower-cased. */
export function entityPagePath(entity: { kind: string; metadata: { namespace: string; name: string } }): string {
  const segments = [entity.metadata.namespace.toLowerCase(), entity.kind.toLowerCase(), entity.metadata.name];
  return `catalog/${segments.map(encodeURIComponent).join('/')}/`;
}

/** A site-relative path under the base path (`/` or `/portal/`). */
export function withBase(base: string, path: string): string {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return prefix + path.replace(/^\/+/, '');
}
