import { useEffect, useRef, useState } from 'react';
import {
  type FilterCounts,
  isShortQuery,
  latestOnly,
  preloadSearch,
  searchCounts,
  type SearchHit,
  SearchIndexMissing,
  searchResults,
  type SearchState,
  searchStateKey,
  typingDelayMs,
} from '../../search/client/index.ts';

export interface SearchOutcome {
  hits: SearchHit[];
  /** Results in all (hits holds the first `limit`). */
  total: number;
  /**
   * Per filter and value: how many results choosing that value would give (faceted: ignoring the
   * filter's own selection). Counted separately and more slowly than the results, so they may
   * still be for the previous search, or missing at first.
   */
  counts?: FilterCounts;
}

export interface SearchView {
  /** `missing`: no index (astro dev, or not deployed); `failed`: pagefind threw. */
  status: 'idle' | 'loading' | 'ready' | 'missing' | 'failed';
  /** The latest results; kept while the next search runs, so the list does not flash empty. */
  outcome?: SearchOutcome;
  /** The search the results answer. */
  state?: SearchState;
}

type SearchRequest = { state: SearchState; limit: number };

/**
 * Searches as `state` changes: debounced while the query is being typed, at once when a filter
 * changes. Results and filter counts are two queues (see pagefind-search.ts): in each, one
 * search runs at a time, then the latest asked for (latest-only.ts), so answers arrive in order
 * and the last one is for what the reader typed last, and results never wait for counts.
 * Runs only while `enabled`.
 */
export function useSearch(base: string, state: SearchState, limit: number, enabled = true): SearchView {
  const [view, setView] = useState<SearchView>({ status: 'idle' });
  const lastQuery = useRef<string | undefined>(undefined);
  const requests = useRef<{ results: (request: SearchRequest) => void; counts: (request: SearchRequest) => void } | undefined>(undefined);
  requests.current ??= {
    results: latestOnly(
      (request: SearchRequest) => searchResults(base, request.state, request.limit),
      (request, outcome) =>
        setView((previous) =>
          outcome.ok
            ? { status: 'ready', outcome: { ...outcome.result, counts: previous.outcome?.counts }, state: request.state }
            : { status: outcome.error instanceof SearchIndexMissing ? 'missing' : 'failed' },
        ),
    ),
    counts: latestOnly(
      (request: SearchRequest) => searchCounts(base, request.state),
      (_request, outcome) => {
        // A failed count leaves the chips as they were; the results report a missing or broken index.
        if (outcome.ok) setView((previous) => ({ ...previous, outcome: { hits: [], total: 0, ...previous.outcome, counts: outcome.result } }));
      },
    ),
  };
  const key = searchStateKey(state);
  useEffect(() => {
    if (!enabled) return;
    const typing = lastQuery.current !== undefined && lastQuery.current !== state.query;
    lastQuery.current = state.query;
    // Short queries are not preloaded either: their index chunks are most of the index.
    if (typing && !isShortQuery(state.query)) preloadSearch(base, state.query);
    setView((previous) => ({ ...previous, status: 'loading' }));
    const timer = setTimeout(
      () => {
        requests.current!.results({ state, limit });
        requests.current!.counts({ state, limit });
      },
      typing ? typingDelayMs(state.query) : 0,
    );
    return () => clearTimeout(timer);
    // `key` stands for `state`, which is a new object on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [base, key, limit, enabled]);
  return view;
}

/** Marks when results are on screen, for the benchmark (bench/search.ts) and the browser's performance panel. */
export function useResultsMark(view: SearchView): void {
  const marked = useRef<SearchHit[] | undefined>(undefined);
  useEffect(() => {
    // Once per answer: an update of the counts alone keeps the hits and is not a new result.
    if (view.status !== 'ready' || !view.state || !view.outcome || view.outcome.hits === marked.current) return;
    marked.current = view.outcome.hits;
    performance.mark('playbill:search-results', { detail: { query: view.state.query } });
  }, [view]);
}
