import { posix } from 'node:path';
import { resolveRepoPath } from '../sources/index.ts';
import { docPagePath, isDocSource, pageSlug } from './page-paths.ts';

/** What link rewriting needs to know about a docs site. */
export interface DocSiteFiles {
  /** Site-relative path, `docs/<namespace>/<kind>/<name>/`. */
  path: string;
  /** docs_dir-relative markdown sources. */
  pages: ReadonlyMap<string, string>;
  /** docs_dir-relative files that are published. */
  assets: ReadonlySet<string>;
  /** docs_dir-relative files that are not published, with the reason. */
  refused: ReadonlyMap<string, string>;
}

export type RewriteResult =
  | { kind: 'external'; href: string }
  | { kind: 'anchor'; href: string; anchor: string }
  | { kind: 'page'; href: string; path: string; anchor?: string }
  | { kind: 'asset'; href: string; path: string; asset: string; anchor?: string }
  | { kind: 'absolute'; href: string; path: string; anchor?: string }
  | { kind: 'broken'; href: string; reason: string };

/** Maps a URL as written in a page to its portal URL, and says what it points at. */
export function rewriteDocUrl(url: string, page: { docPath: string; source: DocSiteFiles; base: string }): RewriteResult {
  const trimmed = url.trim();
  if (trimmed === '' || /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) return { kind: 'external', href: url };
  const hashIndex = trimmed.indexOf('#');
  const beforeHash = hashIndex === -1 ? trimmed : trimmed.slice(0, hashIndex);
  const anchor = hashIndex === -1 ? undefined : decodeSafely(trimmed.slice(hashIndex + 1));
  const queryIndex = beforeHash.indexOf('?');
  const pathPart = decodeSafely(queryIndex === -1 ? beforeHash : beforeHash.slice(0, queryIndex));
  const suffix = hashIndex === -1 ? '' : trimmed.slice(hashIndex);
  const withBase = (path: string) => (page.base.endsWith('/') ? page.base : `${page.base}/`) + path;
  if (pathPart === '') return anchor ? { kind: 'anchor', href: trimmed, anchor } : { kind: 'external', href: url };
  if (pathPart.startsWith('/')) {
    const path = pathPart.replace(/^\/+/, '');
    const normalised = path.endsWith('/') || path === '' ? path : `${path}/`;
    return { kind: 'absolute', href: withBase(path) + suffix, path: normalised, ...(anchor ? { anchor } : {}) };
  }
  const target = resolveRepoPath(posix.dirname(page.docPath), pathPart);
  if (target === null) return { kind: 'broken', href: url, reason: 'points outside the docs folder' };
  // `page.md/` is not rewritten by mkdocs either: it resolves to a URL that does not exist.
  if (pathPart.endsWith('/') && isDocSource(target)) return { kind: 'broken', href: url, reason: 'has a "/" after the file name, so it does not lead to the page' };
  const { source } = page;
  const candidates = [target, `${target}.md`, posix.join(target, 'index.md'), posix.join(target, 'README.md'), posix.join(target, 'index.mdx')];
  const pageSource = candidates.find((candidate) => source.pages.has(candidate));
  if (pageSource) {
    const path = docPagePath(source.path, pageSlug(pageSource));
    return { kind: 'page', href: withBase(path) + suffix, path, ...(anchor ? { anchor } : {}) };
  }
  const refusal = source.refused.get(target);
  if (refusal) return { kind: 'broken', href: url, reason: `is not published: ${refusal}` };
  if (source.assets.has(target)) {
    const path = source.path + target;
    return { kind: 'asset', href: withBase(path.split('/').map(encodeURIComponent).join('/')) + suffix, path, asset: target };
  }
  return { kind: 'broken', href: url, reason: `points to ${target}, which is not in the docs folder` };
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
