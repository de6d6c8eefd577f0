import { readFileSync } from 'node:fs';
import { base, dataFile } from 'virtual:playbill/site';
import type { SiteData } from './site-data.ts';

let site: SiteData | undefined;

/** The pipeline's output, read once per render process and shared by every page. */
export function getSite(): SiteData {
  site ??= JSON.parse(readFileSync(dataFile, 'utf8')) as SiteData;
  return site;
}

/** A link target under the configured base path. */
export function href(path: string): string {
  return (base.endsWith('/') ? base : `${base}/`) + path.replace(/^\/+/, '');
}
