import { posix } from 'node:path';
import type { CatalogEntity } from '../catalog/index.ts';
import type { MkdocsConfig } from './mkdocs-config.ts';

/** Builds a page's "edit this page" URL; undefined when that page gets none. */
export type EditUrl = (file: string, docPath: string) => string | undefined;

/**
 * An "edit this page" URL builder from mkdocs `repo_url` + `edit_uri`, else `backstage.io/source-location`.
 * `edit_uri` and page file names are repo content: every URL made is https without credentials, or
 * there is no link (a `javascript:` edit_uri, or a page named `javascript:alert(1).md`, makes none).
 */
export function editUrlBase(entity: CatalogEntity, config: MkdocsConfig): EditUrl | undefined {
  if (config.repoUrl && isWebUrl(config.repoUrl) && config.editUri !== '') {
    const editUri = config.editUri ?? (/github\.com/.test(config.repoUrl) ? 'edit/master/docs/' : undefined);
    const base = editUri === undefined ? undefined : webUrl(editUri.replace(/\/?$/, '/'), config.repoUrl.replace(/\/?$/, '/'));
    if (base) return (_file, docPath) => webUrl(pathReference(docPath), base);
  }
  const location = entity.metadata.annotations?.['backstage.io/source-location'];
  const target = location?.startsWith('url:') ? location.slice(4) : undefined;
  if (target && isWebUrl(target)) {
    const base = target.replace('/tree/', '/edit/').replace(/\/?$/, '/');
    const descriptorDir = posix.dirname(entity.source.file);
    return (file) => webUrl(pathReference(descriptorDir === '.' ? file : posix.relative(descriptorDir, file)), base);
  }
  return undefined;
}

function isWebUrl(url: string): boolean {
  return /^https:\/\//i.test(url) && !/\/\/[^/]*@/.test(url);
}

/** `reference` resolved against `base`, when that makes an https URL without credentials. */
function webUrl(reference: string, base: string): string | undefined {
  try {
    const { href } = new URL(reference, base);
    return isWebUrl(href) ? href : undefined;
  } catch {
    return undefined;
  }
}

/** A repo path as a relative URL reference, each segment encoded: `javascript:x.md` or `a#b.md` stays a path. */
function pathReference(path: string): string {
  return `./${path.split('/').map(encodeURIComponent).join('/')}`;
}
