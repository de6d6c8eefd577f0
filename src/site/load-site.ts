import { base } from 'virtual:playbill/site';
import { pendingSiteKey } from './pending-site.ts';
import type { SiteData } from './site-data.ts';

/**
 * The pipeline's output, shared by every page: the integration's promise of it (pipeline and
 * plugin stage), which fails the page, and so the build, when the pipeline failed.
 */
export function getSite(): Promise<SiteData> {
  const pending = (globalThis as Record<symbol, unknown>)[pendingSiteKey] as Promise<SiteData> | undefined;
  if (!pending) throw new Error("Playbill's pages render only in a build or dev server with the playbill() integration in astro.config.mjs.");
  return pending;
}

/** A link target under the configured base path. */
export function href(path: string): string {
  return (base.endsWith('/') ? base : `${base}/`) + path.replace(/^\/+/, '');
}
