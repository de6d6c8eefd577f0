import { useEffect, useRef, useState } from 'react';
import { latestOnly } from '../../search/client/latest-only.ts';
import { runSearch, preloadSearch, SearchIndexMissing, type SearchOutcome } from '../../search/client/pagefind-search.ts';
import { searchStateKey, type SearchState } from '../../search/client/search-state.ts';

/** Wait this long after a keystroke before searching: short, because results should follow typing within 150 ms. */
const typingDelayMs = 40;

export interface SearchView {
  /** `missing`: no index (astro dev, or not deployed); `failed`: pagefind threw. */
  status: 'idle' | 'loading' | 'ready' | 'missing' | 'failed';
  /** The latest results; kept while the next search runs, so the list does not flash empty. */
  outcome?: SearchOutcome;
  /** The search the outcome answers. */
  state?: SearchState;
}

/**
 * Searches as `state` changes: debounced while the query is being typed, at once when a filter
 * changes. One search runs at a time, then the latest asked for (latest-only.ts), so answers
 * arrive in order and the last one is for what the reader typed last. Runs only while `enabled`.
 */
export function useSearch(base: string, state: SearchState, limit: number, enabled = true): SearchView {
  const [view, setView] = useState<SearchView>({ status: 'idle' });
  const lastQuery = useRef<string | undefined>(undefined);
  const request = useRef<((search: { state: SearchState; limit: number }) => void) | undefined>(undefined);
  request.current ??= latestOnly(
    (search: { state: SearchState; limit: number }) => runSearch(base, search.state, search.limit),
    (search, outcome) =>
      setView(
        outcome.ok
          ? { status: 'ready', outcome: outcome.result, state: search.state }
          : { status: outcome.error instanceof SearchIndexMissing ? 'missing' : 'failed' },
      ),
  );
  const key = searchStateKey(state);
  useEffect(() => {
    if (!enabled) return;
    const typing = lastQuery.current !== undefined && lastQuery.current !== state.query;
    lastQuery.current = state.query;
    if (typing) preloadSearch(base, state.query);
    setView((previous) => ({ ...previous, status: 'loading' }));
    const timer = setTimeout(() => request.current!({ state, limit }), typing ? typingDelayMs : 0);
    return () => clearTimeout(timer);
    // `key` stands for `state`, which is a new object on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [base, key, limit, enabled]);
  return view;
}

/** Marks when results are on screen, for the benchmark (scripts/bench/search.ts) and the browser's performance panel. */
export function useResultsMark(view: SearchView): void {
  useEffect(() => {
    if (view.status === 'ready' && view.state) performance.mark('playbill:search-results', { detail: { query: view.state.query } });
  }, [view]);
}
