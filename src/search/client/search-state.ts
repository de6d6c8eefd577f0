import { compareStrings } from '../../vocabulary/compare-strings.ts';
import { searchFilterKeys } from '../search-facets.ts';

/** Selected values per filter; within one filter any value matches, across filters all must. */
export type SelectedFilters = Partial<Record<string, string[]>>;

/** A search as the URL of the /search page carries it: `?q=deploy&kind=Component&owner=payments-team`. */
export interface SearchState {
  query: string;
  filters: SelectedFilters;
}

export const emptySearchState: SearchState = { query: '', filters: {} };

/**
 * Reads a search from a query string (`location.search`). Only `q` and the given filters are read
 * (Playbill's own, plus the plugins' where the page knows them); other parameters are ignored.
 */
export function parseSearchState(search: string, filterKeys: readonly string[] = searchFilterKeys): SearchState {
  const params = new URLSearchParams(search);
  const filters: SelectedFilters = {};
  for (const key of filterKeys) {
    const values = [...new Set(params.getAll(key).map((value) => value.trim()).filter(Boolean))];
    if (values.length > 0) filters[key] = values;
  }
  return { query: (params.get('q') ?? '').trim(), filters };
}

/** The query string of a search (`?q=…&kind=…`), '' for an empty one; filters in a fixed order, so equal searches give equal URLs. */
export function formatSearchState(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.query.trim()) params.set('q', state.query.trim());
  for (const key of filterOrder(Object.keys(state.filters))) for (const value of state.filters[key] ?? []) params.append(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Playbill's filters in their order, then any others (plugins') by name. */
export function filterOrder(keys: readonly string[]): string[] {
  const own: readonly string[] = searchFilterKeys;
  const rank = (key: string) => (own.includes(key) ? own.indexOf(key) : own.length);
  return [...new Set(keys)].sort((a, b) => rank(a) - rank(b) || compareStrings(a, b));
}

/** Adds or removes one filter value. */
export function toggleFilter(filters: SelectedFilters, key: string, value: string): SelectedFilters {
  const current = filters[key] ?? [];
  const next = current.includes(value) ? current.filter((selected) => selected !== value) : [...current, value];
  const { [key]: _removed, ...others } = filters;
  return next.length > 0 ? { ...others, [key]: next } : others;
}

/** Fewer letters match too much of the index to be worth a search (and would keep pagefind busy as the reader types on). */
export const minQueryLength = 2;

/**
 * How long to wait after a keystroke before searching. Results should follow typing closely
 * (the target is in BENCHMARKS.md), so normally briefly; but a query of two letters matches a prefix of
 * most words in a large index (a slow search of nearly every page) and is nearly always the
 * start of a longer word: it is searched only once the reader pauses, so it never holds pagefind
 * up while the rest of the word is typed.
 */
export function typingDelayMs(query: string): number {
  return isShortQuery(query) ? 250 : 40;
}

/** Two letters or fewer: a prefix of most words in the index (see typingDelayMs). */
export function isShortQuery(query: string): boolean {
  return query.trim().length < 3;
}

/** Whether a search asks for anything: enough of a query, or a filter. */
export function isActiveSearch(state: SearchState): boolean {
  return state.query.trim().length >= minQueryLength || hasFilters(state.filters);
}

export function hasFilters(filters: SelectedFilters): boolean {
  return Object.values(filters).some((values) => (values?.length ?? 0) > 0);
}

/** pagefind's filter object: `any` within a filter, all filters together; optionally without one filter. */
export function pagefindFilters(filters: SelectedFilters, without?: string): Record<string, { any: string[] }> {
  const out: Record<string, { any: string[] }> = {};
  for (const key of filterOrder(Object.keys(filters))) {
    const values = filters[key];
    if (key !== without && values && values.length > 0) out[key] = { any: values };
  }
  return out;
}

/** A stable key for effects and caches. */
export function searchStateKey(state: SearchState): string {
  return formatSearchState(state);
}
