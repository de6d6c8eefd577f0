import { ANNOTATION_SOURCE_LOCATION, parseLocationRef } from '@backstage/catalog-model';
import type { CatalogEntity } from '../catalog/index.ts';
import type { Repo } from '../sources/index.ts';

/**
 * A browser link to the descriptor that declared an entity, when the repo's web address is
 * known: from `backstage.io/source-location` (`url:https://github.com/org/repo/tree/main/`)
 * or from a git source's https remote. Only http(s) addresses are ever returned.
 */
export function sourceFileUrl(entity: CatalogEntity, repo: Repo): string | undefined {
  const annotation = entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION];
  let base: string | undefined;
  if (annotation) {
    try {
      const location = parseLocationRef(annotation);
      if (location.type === 'url') base = location.target;
    } catch {
      base = undefined;
    }
  }
  if (!base && repo.remoteUrl && /^https:\/\//.test(repo.remoteUrl)) {
    base = `${repo.remoteUrl.replace(/\.git$/, '').replace(/\/+$/, '')}/blob/${repo.ref ?? 'HEAD'}/`;
  }
  if (!base || !/^https?:\/\//i.test(base)) return undefined;
  let url: URL;
  try {
    // GitHub-style tree URLs point at folders; files live under blob/.
    url = new URL(entity.source.file, base.replace('/tree/', '/blob/').replace(/\/?$/, '/'));
  } catch {
    return undefined;
  }
  if (url.username || url.password) return undefined; // never publish credentials
  return `${url.href}#L${entity.source.line}`;
}
