import { posix } from 'node:path';

/** Markdown sources mkdocs publishes. */
export function isDocSource(path: string): boolean {
  return /\.(md|mdx|markdown)$/i.test(path);
}

/**
 * mkdocs' `use_directory_urls` mapping from a docs_dir-relative source to a page slug:
 * `index.md` → ``, `guide/setup.md` → `guide/setup`, `guide/README.md` → `guide`.
 */
export function pageSlug(docPath: string): string {
  const withoutExtension = docPath.replace(/\.(md|mdx|markdown)$/i, '');
  const base = posix.basename(withoutExtension).toLowerCase();
  if (base === 'index' || base === 'readme') {
    const dir = posix.dirname(withoutExtension);
    return dir === '.' ? '' : dir;
  }
  return withoutExtension;
}

/** Site-relative URL path of a docs site: `docs/<namespace>/<kind>/<name>/`. */
export function docSitePath(site: { namespace: string; kind: string; name: string }): string {
  return `docs/${[site.namespace.toLowerCase(), site.kind.toLowerCase(), site.name].map(encodeURIComponent).join('/')}/`;
}

/** Site-relative URL path of one page (slug '' is the site home). */
export function docPagePath(sitePath: string, slug: string): string {
  return slug ? `${sitePath}${slug.split('/').map(encodeURIComponent).join('/')}/` : sitePath;
}
