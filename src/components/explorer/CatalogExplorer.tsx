/**
 * The catalog explorer island: fetches explorer.json, then replaces the server-rendered list
 * (which stays for readers without JavaScript, and when the fetch fails) with faceted filters, a
 * text filter and a sortable, virtualised table. All logic lives in src/explorer/; this file
 * only renders it and keeps the state in the URL.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import {
  activeFilterCount,
  assertExplorerFile,
  buildExplorerIndex,
  builtinColumns,
  canonicalState,
  emptyState,
  type ExplorerIndex,
  type ExplorerState,
  type FacetId,
  facetIds,
  queryExplorer,
  searchFromState,
  stateFromSearch,
  toggleFilter,
  toggleSort,
} from '../../explorer/client.ts';
import { FacetGroup } from './FacetGroup.tsx';
import { ExplorerTable } from './ExplorerTable.tsx';

interface Props {
  /** URL of explorer.json, with the base path. */
  dataUrl: string;
  /** The site's base path, for entity links. */
  base: string;
  /** id of the server-rendered list the explorer replaces once it has its data. */
  listId: string;
}

type Load = { status: 'idle' } | { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; index: ExplorerIndex };

export default function CatalogExplorer({ dataUrl, base, listId }: Props) {
  const [load, setLoad] = useState<Load>({ status: 'idle' });
  const [state, setState] = useState<ExplorerState>(emptyState);

  useEffect(() => {
    let cancelled = false;
    setLoad({ status: 'loading' });
    performance.mark('playbill:explorer-fetch');
    fetch(dataUrl)
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const data: unknown = await response.json();
        assertExplorerFile(data);
        const index = buildExplorerIndex(data);
        performance.mark('playbill:explorer-data');
        return index;
      })
      .then((index) => {
        if (cancelled) return;
        setState(canonicalState(index, stateFromSearch(window.location.search)));
        setLoad({ status: 'ready', index });
      })
      .catch((error: unknown) => {
        if (!cancelled) setLoad({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      cancelled = true;
    };
  }, [dataUrl]);

  // The server-rendered list stays until the explorer can take its place.
  useLayoutEffect(() => {
    if (load.status !== 'ready') return;
    const list = document.getElementById(listId);
    // A keyboard user already inside the list would be left on nothing: take them to the text filter.
    const hadFocus = list?.contains(document.activeElement) ?? false;
    if (list) list.hidden = true;
    if (hadFocus) document.getElementById('explorer-q')?.focus();
    return () => {
      if (list) list.hidden = false;
    };
  }, [load.status, listId]);

  switch (load.status) {
    case 'idle':
      return null;
    case 'loading':
      return <p className="explorer-status muted">Loading the catalog explorer…</p>;
    case 'failed':
      return (
        <p className="notice explorer-status" role="alert">
          The catalog explorer could not load its data ({load.message}). The full list below still works.
        </p>
      );
    case 'ready':
      return <Explorer index={load.index} state={state} onChange={setState} base={base} />;
  }
}

const noKeys: readonly string[] = [];
const count = new Intl.NumberFormat('en');

/** Chips of the selected filters, each with its facet's label and its value's. */
interface FilterChip {
  id: FacetId;
  key: string;
  label: string;
}

/** The explorer with its data: facets beside a toolbar, the selected filters and the table, with the state in the URL. */
function Explorer({ index, state, onChange, base }: { index: ExplorerIndex; state: ExplorerState; onChange: (state: ExplorerState) => void; base: string }) {
  const result = useMemo(() => queryExplorer(index, state), [index, state]);
  const section = useRef<HTMLElement>(null);
  const filters = useRef<HTMLDetailsElement>(null);
  const total = index.entries.length;
  const active = activeFilterCount(state);
  useStateInUrl(index, state, onChange);
  useFiltersOpenWhenWide(filters);
  useAnnounceRendered(section, result, total);

  const onToggle = useCallback((facet: FacetId, key: string) => onChange(toggleFilter(state, facet, key)), [state, onChange]);
  const clear = () => onChange({ ...emptyState, sort: state.sort, dir: state.dir });
  const chips: FilterChip[] = facetIds.flatMap((id) => (state.filters[id] ?? []).map((key) => ({ id, key, label: index.facets[facetIds.indexOf(id)]!.values.find((value) => value.key === key)?.label ?? key })));

  return (
    <section className="explorer" aria-labelledby="explorer-heading" ref={section} data-results={result.rows.length} data-total={total}>
      <h2 id="explorer-heading" className="visually-hidden">
        Explore the catalog
      </h2>
      <div className="explorer-layout">
        <details className="explorer-filters" ref={filters}>
          <summary>Filters{active > 0 ? ` (${active} selected)` : ''}</summary>
          <div className="explorer-facets">
            {index.facets.map((facet, f) => (
              <FacetGroup key={facet.id} facet={facet} counts={result.counts[f]!} selected={state.filters[facet.id] ?? noKeys} onToggle={onToggle} />
            ))}
          </div>
        </details>
        <div className="explorer-main">
          <ExplorerToolbar index={index} state={state} onChange={onChange} results={result.rows.length} total={total} />
          {(chips.length > 0 || state.q) && <SelectedFilters index={index} chips={chips} onToggle={onToggle} onClear={clear} />}
          <ExplorerTable index={index} rows={result.rows} state={state} onSort={(column) => onChange(toggleSort(state, column))} base={base} />
          {result.rows.length === 0 && (
            <p className="empty explorer-empty">No entity matches these filters.</p>
          )}
        </div>
      </div>
    </section>
  );
}

/** The URL follows the state (replaced, so typing does not fill the history), and back/forward restore the state a URL holds. */
function useStateInUrl(index: ExplorerIndex, state: ExplorerState, onChange: (state: ExplorerState) => void): void {
  // A short delay keeps it off the keystroke path.
  useEffect(() => {
    const timer = setTimeout(() => {
      const search = searchFromState(state, window.location.search);
      if (search !== window.location.search) window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
    }, 150);
    return () => clearTimeout(timer);
  }, [state]);

  // Back/forward to an entry of this page (a hash link, say) shows the state its URL holds.
  useEffect(() => {
    const onPopState = () => onChange(canonicalState(index, stateFromSearch(window.location.search)));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, [index, onChange]);
}

/** Filters are open beside the table on wide screens, a collapsed panel above it on narrow ones. */
function useFiltersOpenWhenWide(filters: RefObject<HTMLDetailsElement | null>): void {
  useLayoutEffect(() => {
    const wide = window.matchMedia('(min-width: 56rem)');
    const apply = () => {
      if (filters.current && wide.matches) filters.current.open = true;
    };
    if (filters.current) filters.current.open = wide.matches;
    wide.addEventListener('change', apply);
    return () => wide.removeEventListener('change', apply);
  }, []);
}

/** Announces each rendered result (tests and bench/explorer.ts wait for it). */
function useAnnounceRendered(section: RefObject<HTMLElement | null>, result: ReturnType<typeof queryExplorer>, total: number): void {
  const announced = useRef(false);
  useLayoutEffect(() => {
    if (!announced.current) performance.mark('playbill:explorer-ready');
    announced.current = true;
    section.current?.dispatchEvent(new CustomEvent('explorer-rendered', { bubbles: true, detail: { results: result.rows.length, total } }));
  }, [result, total]);
}

/** The text filter, the sort order, and how many entities show. */
function ExplorerToolbar({ index, state, onChange, results, total }: { index: ExplorerIndex; state: ExplorerState; onChange: (state: ExplorerState) => void; results: number; total: number }) {
  return (
    <div className="explorer-toolbar">
      <div className="explorer-search">
        <label htmlFor="explorer-q">Filter by text</label>
        <input
          id="explorer-q"
          type="search"
          value={state.q}
          onChange={(event) => onChange({ ...state, q: event.target.value })}
          placeholder="Name, title, description or tag"
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <div className="explorer-sort">
        <label htmlFor="explorer-sort">Sort by</label>
        <select
          id="explorer-sort"
          value={`${state.sort}:${state.dir}`}
          onChange={(event) => {
            const [sort, dir] = event.target.value.split(':') as [string, 'asc' | 'desc'];
            onChange({ ...state, sort, dir });
          }}
        >
          {[...builtinColumns, ...index.columns].flatMap((column) =>
            (['asc', 'desc'] as const).map((dir) => (
              <option key={`${column.id}:${dir}`} value={`${column.id}:${dir}`}>
                {column.label}, {dir === 'asc' ? 'ascending' : 'descending'}
              </option>
            )),
          )}
        </select>
      </div>
      <p className="explorer-count" role="status">
        {results === total ? `${count.format(total)} entities` : `${count.format(results)} of ${count.format(total)} entities`}
      </p>
    </div>
  );
}

/** The selected filters as chips that remove them, and the way to clear them all. */
function SelectedFilters({ index, chips, onToggle, onClear }: { index: ExplorerIndex; chips: readonly FilterChip[]; onToggle: (facet: FacetId, key: string) => void; onClear: () => void }) {
  return (
    <div className="explorer-active">
      <ul className="explorer-chips" aria-label="Selected filters">
        {chips.map((chip) => (
          <li key={`${chip.id}=${chip.key}`}>
            <button type="button" className="chip" onClick={() => onToggle(chip.id, chip.key)} aria-label={`Remove filter ${index.facets[facetIds.indexOf(chip.id)]!.label}: ${chip.label}`}>
              {index.facets[facetIds.indexOf(chip.id)]!.label}: {chip.label} <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="link-button" onClick={onClear}>
        Clear all filters
      </button>
    </div>
  );
}
