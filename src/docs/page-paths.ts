import { posix } from 'node:path';
import { compareStrings } from '../catalog/problems.ts';

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

/** A doc source left unpublished, and why. */
export interface UnpublishedPage {
  path: string;
  reason: string;
}

/**
 * The doc sources that become pages: one per URL. Sources that share a URL (`index.md` and
 * `README.md`, `a.md` and `a/index.md`, `c.md` and `c.mdx`) keep one: an `index`, as mkdocs
 * prefers it to `README`, then a `README`, then the first in path order; a source whose URL would hold a `.` or `..` segment
 * (`%2e%2e.md`), or a `?` or `#`, gets none. The others are returned with a reason, so none is lost in silence.
 */
export function publishablePages(docPaths: readonly string[]): { pages: string[]; unpublished: UnpublishedPage[] } {
  const rank = (path: string) => {
    const name = posix.basename(path).replace(/\.[^.]*$/, '').toLowerCase();
    return name === 'index' ? 0 : name === 'readme' ? 1 : 2;
  };
  const ordered = docPaths
    .map((path) => ({ path, slug: pageSlug(path), rank: rank(path) }))
    .sort((a, b) => compareStrings(a.slug, b.slug) || a.rank - b.rank || compareStrings(a.path, b.path));
  const pages: string[] = [];
  const unpublished: UnpublishedPage[] = [];
  const owner = new Map<string, string>();
  for (const { path, slug } of ordered) {
    const first = owner.get(slug);
    if (first !== undefined) {
      unpublished.push({ path, reason: `${path} and ${first} would both be the page at ${slug ? `${slug}/` : 'the docs home'}; ${first} is published, this one is not.` });
    } else if (slug !== '' && slug.split('/').some(isDotSegment)) {
      unpublished.push({ path, reason: `${path} would be published at a "." or ".." path segment, which a browser resolves to another page; rename it.` });
    } else if (/[?#]/.test(slug)) {
      unpublished.push({ path, reason: `${path} has a "?" or "#" in its name, which static hosts do not serve as part of a page's path; rename it.` });
    } else {
      owner.set(slug, path);
      pages.push(path);
    }
  }
  return { pages, unpublished };
}

/** `.`, `..` or empty, also once percent-decoded (`%2e%2e`), as URL resolution reads it. */
function isDotSegment(segment: string): boolean {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // not percent-encoded: the segment as written
  }
  return decoded === '' || decoded === '.' || decoded === '..';
}

/** Site-relative URL path of a docs site: `docs/<namespace>/<kind>/<name>/`. */
export function docSitePath(site: { namespace: string; kind: string; name: string }): string {
  return `docs/${[site.namespace.toLowerCase(), site.kind.toLowerCase(), site.name].map(encodeURIComponent).join('/')}/`;
}

/** Site-relative URL path of one page (slug '' is the site home). */
export function docPagePath(sitePath: string, slug: string): string {
  return slug ? `${sitePath}${slug.split('/').map(encodeURIComponent).join('/')}/` : sitePath;
}
