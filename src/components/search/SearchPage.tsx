import { useEffect, useId, useState } from 'react';
import {
  emptySearchState,
  formatSearchState,
  isActiveSearch,
  parseSearchState,
  searchFilterKeys,
  type SearchHit,
  type SearchState,
  toggleFilter,
} from '../../search/client/index.ts';
import { withBase } from '../../vocabulary/portal-paths.ts';
import { FilterChips, HitSummary, resultCountText, SearchMessage, SectionSummary } from './SearchParts.tsx';
import { useResultsMark, useSearch } from './use-search.ts';

// Styles come with the layout's search dialog (search.css), which every page has.
const pageSize = 20;

/**
 * The /search page: the dialog's results and filters as a page whose URL holds the search
 * (`/search/?q=deploy&kind=Component&owner=payments-team`), so a search can be linked and reloaded.
 */
export default function SearchPage({ base, pluginFilters = [] }: { base: string; /** Filters plugins gave entities (`ci`, `coverage`). */ pluginFilters?: string[] }) {
  const id = useId();
  const filterKeys = [...searchFilterKeys, ...pluginFilters];
  const [search, setSearch] = useState<SearchState>(() => (typeof location === 'undefined' ? emptySearchState : parseSearchState(location.search, filterKeys)));
  const [limit, setLimit] = useState(pageSize);
  const view = useSearch(base, search, limit);
  // A new search starts again from its first page of results.
  const update = (next: SearchState) => {
    setSearch(next);
    setLimit(pageSize);
  };
  useResultsMark(view);
  useSearchInUrl(search, () => update(parseSearchState(location.search, filterKeys)));
  const hits = isActiveSearch(search) ? (view.outcome?.hits ?? []) : [];
  const total = view.outcome?.total ?? 0;
  return (
    <div className="search-page">
      <SearchPageField id={`${id}-input`} query={search.query} onQuery={(query) => update({ ...search, query })} />
      <FilterChips
        keys={filterKeys}
        counts={view.outcome?.counts}
        selected={search.filters}
        limit={8}
        idPrefix={`${id}-filter`}
        onToggle={(key, value) => update({ ...search, filters: toggleFilter(search.filters, key, value) })}
        onClear={() => update({ ...search, filters: {} })}
      />
      <p className="search-count" role="status">{resultCountText(view, search)}</p>
      {hits.length > 0 ? (
        <>
          <SearchResultList hits={hits} />
          {total > hits.length && (
            <button type="button" className="button search-more" onClick={() => setLimit(limit + pageSize)}>
              Show more results ({total - hits.length} more)
            </button>
          )}
        </>
      ) : (
        <SearchMessage view={view} search={search} catalogHref={withBase(base, 'catalog/')} />
      )}
    </div>
  );
}

/** The URL follows the search (replaced, not pushed: typing should not fill the history), and back and forward restore it. */
function useSearchInUrl(search: SearchState, onPopState: () => void): void {
  useEffect(() => {
    const query = formatSearchState(search);
    if (query !== location.search) history.replaceState(history.state, '', `${location.pathname}${query}`);
  }, [search]);
  useEffect(() => {
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);
}

/** The page's search field. */
function SearchPageField({ id, query, onQuery }: { id: string; query: string; onQuery: (query: string) => void }) {
  return (
    <form role="search" className="search-field search-page-field" onSubmit={(event) => event.preventDefault()}>
      <svg aria-hidden="true" viewBox="0 0 16 16" width="18" height="18">
        <path fill="currentColor" d="M10.68 11.74a6 6 0 1 1 1.06-1.06l3.04 3.04a.75.75 0 1 1-1.06 1.06ZM11.5 7a4.5 4.5 0 1 0-9 0 4.5 4.5 0 0 0 9 0" />
      </svg>
      <label className="visually-hidden" htmlFor={id}>Search entities and docs</label>
      <input
        id={id}
        type="search"
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        placeholder="Search entities and docs"
        value={query}
        onChange={(event) => onQuery(event.target.value)}
        autoFocus={!query}
      />
    </form>
  );
}

/** The results shown, each with its matching sections. */
function SearchResultList({ hits }: { hits: readonly SearchHit[] }) {
  return (
    <ol className="search-results">
      {hits.map((hit) => (
        <li key={hit.url}>
          <a className="search-result" href={hit.url}>
            <HitSummary hit={hit} />
          </a>
          {hit.sections.length > 0 && (
            <ul className="search-sections" aria-label={`Matching sections of ${hit.title}`}>
              {hit.sections.map((section) => (
                <li key={section.url}>
                  <a className="search-result search-section" href={section.url}>
                    <SectionSummary section={section} />
                  </a>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
