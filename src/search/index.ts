/**
 * The search stage: the filters and meta each page writes for pagefind (search-facets.ts), and pagefind's Node
 * API over the built pages (index-site.ts). What the browser runs is client/index.ts.
 */
export { docPageSearchFacets, entitySearchFacets, isPluginFilterKey, searchFilterKeys, docsKind, type SearchFacets, type SearchFilterKey, type SearchMeta } from './search-facets.ts';
export { indexSite, searchBundleDir, indexedPagesGlob, SearchIndexError, type SearchIndexSummary } from './index-site.ts';
