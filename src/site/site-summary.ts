import type { SiteData } from './site-data.ts';

/**
 * What the integration needs of the site once the pipeline is done: problems to report, docs
 * files to copy, the number of pages the search index should hold. Handed over by the worker,
 * so the main thread never parses the site data file for it.
 */
export interface SiteSummary {
  problems: SiteData['problems'];
  docAssets: SiteData['docAssets'];
  /** Entity and docs pages. */
  searchablePages: number;
}

export function summariseSite(site: SiteData): SiteSummary {
  return { problems: site.problems, docAssets: site.docAssets, searchablePages: site.views.length + site.docPages.length };
}
