import { withBase } from '../../site/paths.ts';
import { isActiveSearch, minQueryLength, pagefindFilters, type SearchState } from './search-state.ts';
import { toSearchHit, type FilterCounts, type PagefindResultData, type SearchHit } from './search-results.ts';

/** The part of pagefind's browser API (`<base>pagefind/pagefind.js`) Playbill uses. */
interface PagefindModule {
  options(options: { baseUrl?: string; excerptLength?: number }): Promise<void>;
  init(): Promise<void>;
  preload(term: string, options?: object): Promise<void>;
  filters(): Promise<FilterCounts>;
  search(
    term: string | null,
    options?: { filters?: object },
  ): Promise<{ results: { id: string; data(): Promise<PagefindResultData> }[]; unfilteredResultCount: number; filters: FilterCounts; totalFilters: FilterCounts }>;
}

/** The search index is not there: the site was not built (`astro dev`), or pagefind/ was not deployed. */
export class SearchIndexMissing extends Error {
  constructor(url: string) {
    super(`The search index (${url}) could not be loaded.`);
    this.name = 'SearchIndexMissing';
  }
}

export interface SearchOutcome {
  hits: SearchHit[];
  /** Results in all (hits holds the first `limit`). */
  total: number;
  /** Per filter and value: how many results choosing that value would give (faceted: ignoring the filter's own selection). */
  counts: FilterCounts;
}

const loaded = new Map<string, Promise<PagefindModule>>();

/** Loads pagefind once per page: its script, WebAssembly and filter lists. */
export function loadPagefind(base: string): Promise<PagefindModule> {
  let pending = loaded.get(base);
  if (!pending) {
    pending = (async () => {
      const url = withBase(base, 'pagefind/pagefind.js');
      let pagefind: PagefindModule;
      try {
        pagefind = (await import(/* @vite-ignore */ url)) as PagefindModule;
      } catch {
        throw new SearchIndexMissing(url);
      }
      // The index holds site-relative URLs; results link under the base path.
      await pagefind.options({ baseUrl: base, excerptLength: 24 });
      await pagefind.init();
      // Loading the filters makes every search also return counts per filter value.
      await pagefind.filters();
      return pagefind;
    })();
    pending.catch(() => loaded.delete(base));
    loaded.set(base, pending);
  }
  return pending;
}

/** Starts fetching the index chunks for a term while the reader is still typing. */
export function preloadSearch(base: string, term: string): void {
  if (term.trim().length < minQueryLength) return;
  void loadPagefind(base)
    .then((pagefind) => pagefind.preload(term.trim()))
    .catch(() => {});
}

/**
 * Runs one search: the results (the first `limit` of them loaded), and for each filter the
 * counts its values would give. A filter with a selection gets its counts from a search without
 * its own selection, so choosing a second kind shows how many that kind adds.
 */
export async function runSearch(base: string, state: SearchState, limit: number): Promise<SearchOutcome> {
  const pagefind = await loadPagefind(base);
  if (!isActiveSearch(state)) return { hits: [], total: 0, counts: await pagefind.filters() };
  const term = state.query.trim().length >= minQueryLength ? state.query.trim() : null;
  const search = await pagefind.search(term, { filters: pagefindFilters(state.filters) });
  const facetSearches = Object.keys(state.filters)
    .filter((key) => (state.filters[key]?.length ?? 0) > 0)
    .map(async (key) => {
      const without = await pagefind.search(term, { filters: pagefindFilters(state.filters, key) });
      return [key, without.filters[key] ?? {}] as const;
    });
  const [data, facets] = await Promise.all([Promise.all(search.results.slice(0, limit).map((result) => result.data())), Promise.all(facetSearches)]);
  const counts: FilterCounts = { ...search.filters };
  for (const [key, values] of facets) counts[key] = values;
  return {
    hits: data.map((item) => toSearchHit(item, base)).filter((hit): hit is SearchHit => hit !== undefined),
    total: search.results.length,
    counts,
  };
}
