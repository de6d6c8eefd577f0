import { withBase } from '../../vocabulary/portal-paths.ts';
import { isActiveSearch, minQueryLength, pagefindFilters, type SearchState } from './search-state.ts';
import { toSearchHit, type FilterCounts, type PagefindResultData, type SearchHit } from './search-results.ts';

/** The part of pagefind's browser API (`<base>pagefind/pagefind.js`) Playbill uses. */
interface PagefindModule {
  createInstance(options: { basePath: string; noWorker?: boolean }): PagefindInstance;
}

interface PagefindInstance {
  options(options: { baseUrl?: string; excerptLength?: number }): Promise<void>;
  init(): Promise<void>;
  preload(term: string, options?: object): Promise<void>;
  filters(): Promise<FilterCounts>;
  search(
    term: string | null,
    options?: { filters?: object },
  ): Promise<{ results: { id: string; data(): Promise<PagefindResultData> }[]; unfilteredResultCount: number; filters: FilterCounts; totalFilters: FilterCounts }>;
}

/**
 * Two pagefind instances over the same index. Once an instance has loaded the filter lists,
 * every search also counts results per filter value, which on a large index makes a search of a
 * common word many times slower (BENCHMARKS.md). So results come from an instance that loads only the
 * filters a search selects, and the counts for the filter chips from another, in pagefind's
 * web worker, where a slow count neither blocks the page nor holds up the next results.
 * (pagefind runs all worker instances in one worker, so the results instance runs on the page.)
 */
interface Pagefind {
  results: PagefindInstance;
  /** Ready once its filter lists are loaded; the results instance does not wait for them. */
  counts: Promise<PagefindInstance>;
}

/** The search index is not there: the site was not built (`astro dev`), or pagefind/ was not deployed. */
export class SearchIndexMissing extends Error {
  constructor(url: string) {
    super(`The search index (${url}) could not be loaded.`);
    this.name = 'SearchIndexMissing';
  }
}

export interface SearchResults {
  hits: SearchHit[];
  /** Results in all (hits holds the first `limit`). */
  total: number;
}

const loaded = new Map<string, Promise<Pagefind>>();

/** Loads pagefind once per page: its script, WebAssembly and, for the counting instance, the filter lists. */
export function loadPagefind(base: string): Promise<Pagefind> {
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
      const start = async (noWorker: boolean) => {
        const instance = pagefind.createInstance({ basePath: withBase(base, 'pagefind/'), noWorker });
        // The index holds site-relative URLs; results link under the base path.
        await instance.options({ baseUrl: base, excerptLength: 24 });
        await instance.init();
        return instance;
      };
      const [results, counting] = await Promise.all([start(true), start(false)]);
      // Loading the filters makes every search of this instance also return counts per filter value.
      const counts = counting.filters().then(() => counting);
      counts.catch(() => {}); // a failure surfaces when counts are asked for
      return { results, counts };
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
    .then((pagefind) => pagefind.results.preload(term.trim()))
    .catch(() => {});
}

/** Runs one search for results: the first `limit` of them loaded. Nothing for a search that asks for nothing. */
export async function searchResults(base: string, state: SearchState, limit: number): Promise<SearchResults> {
  const { results } = await loadPagefind(base);
  if (!isActiveSearch(state)) return { hits: [], total: 0 };
  const search = await results.search(searchTerm(state), { filters: pagefindFilters(state.filters) });
  const data = await Promise.all(search.results.slice(0, limit).map((result) => result.data()));
  return {
    hits: data.map((item) => toSearchHit(item, base)).filter((hit): hit is SearchHit => hit !== undefined),
    total: search.results.length,
  };
}

/**
 * For each filter, the counts its values would give with this search: every value's count in
 * the index when nothing is asked. A filter with a selection gets its counts from a search
 * without its own selection, so choosing a second kind shows how many that kind adds.
 */
export async function searchCounts(base: string, state: SearchState): Promise<FilterCounts> {
  const pagefind = await (await loadPagefind(base)).counts;
  if (!isActiveSearch(state)) return pagefind.filters();
  const term = searchTerm(state);
  const [search, facets] = await Promise.all([
    pagefind.search(term, { filters: pagefindFilters(state.filters) }),
    Promise.all(
      Object.keys(state.filters)
        .filter((key) => (state.filters[key]?.length ?? 0) > 0)
        .map(async (key) => {
          const without = await pagefind.search(term, { filters: pagefindFilters(state.filters, key) });
          return [key, without.filters[key] ?? {}] as const;
        }),
    ),
  ]);
  const counts: FilterCounts = { ...search.filters };
  for (const [key, values] of facets) counts[key] = values;
  return counts;
}

function searchTerm(state: SearchState): string | null {
  return state.query.trim().length >= minQueryLength ? state.query.trim() : null;
}
