/** What the browser runs for search: pagefind loaded and queried, its answers as hits and chips, the state in the URL. */
export { searchFilterKeys, type SearchFilterKey } from '../search-facets.ts';
export { latestOnly } from './latest-only.ts';
export { preloadSearch, searchCounts, searchResults, SearchIndexMissing } from './pagefind-search.ts';
export { chipValues, hiddenChipCount, searchEntries, type ExcerptSegment, type FilterCounts, type SearchHit } from './search-results.ts';
export {
  emptySearchState,
  formatSearchState,
  hasFilters,
  isActiveSearch,
  isShortQuery,
  minQueryLength,
  parseSearchState,
  searchStateKey,
  toggleFilter,
  typingDelayMs,
  type SearchState,
  type SelectedFilters,
} from './search-state.ts';
export { isSearchShortcut, openRequestAttribute } from './shortcut.ts';
