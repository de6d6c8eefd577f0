import { posix } from 'node:path';
import type { CatalogEntity } from '../catalog/index.ts';
import type { MkdocsConfig } from './mkdocs-config.ts';

/** An "edit this page" URL builder from mkdocs `repo_url` + `edit_uri`, else `backstage.io/source-location`. */
export function editUrlBase(entity: CatalogEntity, config: MkdocsConfig): ((file: string, docPath: string) => string) | undefined {
  const https = (url: string) => /^https:\/\//i.test(url) && !/\/\/[^/]*@/.test(url);
  if (config.repoUrl && https(config.repoUrl) && config.editUri !== '') {
    const editUri = config.editUri ?? (/github\.com/.test(config.repoUrl) ? 'edit/master/docs/' : undefined);
    if (editUri) {
      const base = new URL(editUri.replace(/\/?$/, '/'), config.repoUrl.replace(/\/?$/, '/'));
      return (_file, docPath) => new URL(docPath, base).href;
    }
  }
  const location = entity.metadata.annotations?.['backstage.io/source-location'];
  const target = location?.startsWith('url:') ? location.slice(4) : undefined;
  if (target && https(target)) {
    const base = target.replace('/tree/', '/edit/').replace(/\/?$/, '/');
    const descriptorDir = posix.dirname(entity.source.file);
    return (file) => new URL(descriptorDir === '.' ? file : posix.relative(descriptorDir, file), base).href;
  }
  return undefined;
}

