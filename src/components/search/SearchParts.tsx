import { useState } from 'react';
import {
  chipValues,
  type ExcerptSegment,
  type FilterCounts,
  hasFilters,
  hiddenChipCount,
  isActiveSearch,
  minQueryLength,
  type SearchFilterKey,
  type SearchHit,
  type SearchState,
  type SelectedFilters,
} from '../../search/client/index.ts';
import type { SearchView } from './use-search.ts';

// The pieces the dialog and the /search page render alike. Page text only ever reaches the DOM
// as React text: excerpts are split into text and <mark> runs by excerptSegments().

export function Excerpt({ segments }: { segments: ExcerptSegment[] }) {
  return <>{segments.map((segment, index) => (segment.mark ? <mark key={index}>{segment.text}</mark> : segment.text))}</>;
}

/** Kind label, title, owner, description and highlighted excerpt of one result. */
export function HitSummary({ hit }: { hit: SearchHit }) {
  return (
    <>
      <span className="search-hit-head">
        <span className="kind-badge">{hit.kind}</span>
        <span className="search-hit-title">{hit.title}</span>
        {hit.entity && hit.entity !== hit.title && <span className="search-hit-entity">{hit.entity}</span>}
        {hit.owner && <span className="search-hit-owner">owned by {hit.owner}</span>}
      </span>
      {hit.description && <span className="search-hit-description">{hit.description}</span>}
      {hit.excerpt.length > 0 && (
        <span className="search-hit-excerpt">
          <Excerpt segments={hit.excerpt} />
        </span>
      )}
    </>
  );
}

export function SectionSummary({ section }: { section: SearchHit['sections'][number] }) {
  return (
    <>
      <span className="search-section-title">
        <span className="search-section-mark" aria-hidden="true">#</span>
        {section.title}
      </span>
      {section.excerpt.length > 0 && (
        <span className="search-hit-excerpt">
          <Excerpt segments={section.excerpt} />
        </span>
      )}
    </>
  );
}

const filterLabels: Record<SearchFilterKey, string> = {
  kind: 'Kind',
  owner: 'Owner',
  lifecycle: 'Lifecycle',
  tag: 'Tags',
  type: 'Type',
  system: 'System',
  namespace: 'Namespace',
};

/** Playbill's filters by their names; a plugin's (`ci`, `coverage`) as the plugin named it. */
export function filterLabel(key: string): string {
  return (filterLabels as Record<string, string>)[key] ?? key;
}

/** Toggle chips for the values of some filters, with result counts; the most frequent first. */
export function FilterChips(props: {
  keys: readonly string[];
  counts: FilterCounts | undefined;
  selected: SelectedFilters;
  limit: number;
  idPrefix: string;
  onToggle: (key: string, value: string) => void;
  onClear: () => void;
}) {
  const [expanded, setExpanded] = useState<Partial<Record<string, boolean>>>({});
  const groups = props.keys
    .map((key) => {
      const selected = props.selected[key] ?? [];
      const all = expanded[key] ?? false;
      return { key, chips: chipValues(props.counts?.[key], selected, props.limit, all), hidden: hiddenChipCount(props.counts?.[key], selected, props.limit), all };
    })
    .filter((group) => group.chips.length > 0);
  const anySelected = props.keys.some((key) => (props.selected[key]?.length ?? 0) > 0);
  if (groups.length === 0 && !anySelected) return null;
  return (
    <div className="search-filters">
      {groups.map(({ key, chips, hidden, all }) => (
        <div className="search-filter" role="group" aria-labelledby={`${props.idPrefix}-${key}`} key={key}>
          <span className="search-filter-label" id={`${props.idPrefix}-${key}`}>{filterLabel(key)}</span>
          <div className="search-filter-values">
            {chips.map((chip) => (
              <button type="button" className="chip" aria-pressed={chip.selected} key={chip.value} onClick={() => props.onToggle(key, chip.value)}>
                {chip.value} <span className="chip-count">{chip.count}<span className="visually-hidden"> results</span></span>
              </button>
            ))}
            {hidden > 0 && (
              <button type="button" className="chip chip-more" aria-expanded={all} onClick={() => setExpanded({ ...expanded, [key]: !all })}>
                {all ? 'Fewer' : `${hidden} more`}<span className="visually-hidden"> {filterLabel(key).toLowerCase()}</span>
              </button>
            )}
          </div>
        </div>
      ))}
      {anySelected && (
        <button type="button" className="chip chip-clear" onClick={props.onClear}>
          Clear filters
        </button>
      )}
    </div>
  );
}

/** What to say instead of results: loading, no index, nothing found, or what to type. Null when there are results to show. */
export function SearchMessage({ view, search, catalogHref }: { view: SearchView; search: SearchState; catalogHref: string }) {
  if (view.status === 'missing') {
    return (
      <div className="search-message">
        <p><strong>Search is not available here.</strong> The search index is written by <code>npm run build</code>, so it does not exist under <code>astro dev</code> (or it was not deployed with the site).</p>
        <p><a href={catalogHref}>Browse the catalog</a> instead.</p>
      </div>
    );
  }
  if (view.status === 'failed') {
    return (
      <div className="search-message">
        <p><strong>Search failed to load.</strong> Reload the page to try again, or <a href={catalogHref}>browse the catalog</a>.</p>
      </div>
    );
  }
  if (!view.outcome) return <p className="search-message muted">Loading search…</p>;
  if (!isActiveSearch(search)) return <p className="search-message muted">Type to search every entity and docs page: names, descriptions, owners, tags and docs text.</p>;
  const answered = view.state;
  if (view.outcome.total === 0 && answered && isActiveSearch(answered)) {
    const query = answered.query.trim().length >= minQueryLength ? answered.query.trim() : '';
    const filtered = hasFilters(answered.filters);
    return (
      <div className="search-message">
        <p><strong>No results{query ? <> for “{query}”</> : null}{filtered ? ' with these filters' : ''}.</strong></p>
        <p>Try fewer or different words{filtered ? ', or clear the filters' : ''}, or <a href={catalogHref}>explore the catalog</a> and filter every entity by kind, owner, lifecycle and tags.</p>
      </div>
    );
  }
  return null;
}

/** "12 results", for a polite live region. */
export function resultCountText(view: SearchView, search: SearchState): string {
  if (view.status !== 'ready' || !view.outcome || !isActiveSearch(search)) return '';
  const total = view.outcome.total;
  return total === 1 ? '1 result' : `${total} results`;
}
