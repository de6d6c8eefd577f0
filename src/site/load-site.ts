import { readFile } from 'node:fs/promises';
import { base, dataFile } from 'virtual:playbill/site';
import { pendingSiteKey } from './pending-site.ts';
import type { SiteData } from './site-data.ts';

let site: Promise<SiteData> | undefined;

/**
 * The pipeline's output, shared by every page. Waits for the pipeline when it is still
 * running in this process (and fails the page, and so the build, when it failed), then
 * reads the data file once.
 */
export function getSite(): Promise<SiteData> {
  site ??= (async () => {
    const pending = (globalThis as Record<symbol, unknown>)[pendingSiteKey] as Promise<void> | undefined;
    if (pending) await pending;
    return JSON.parse(await readFile(dataFile, 'utf8')) as SiteData;
  })();
  return site;
}

/** A link target under the configured base path. */
export function href(path: string): string {
  return (base.endsWith('/') ? base : `${base}/`) + path.replace(/^\/+/, '');
}
