import { describe, expect, it } from 'vitest';
import { buildExplorerFile } from '../../src/explorer/build-explorer-file.ts';
import {
  buildExplorerIndex,
  canonicalState,
  emptyState,
  entryRef,
  facetIds,
  facetValuesToShow,
  queryExplorer,
  toggleFilter,
  toggleSort,
  type ExplorerIndex,
  type ExplorerState,
  type FacetId,
} from '../../src/explorer/explorer-model.ts';
import type { EntityLink, EntityView } from '../../src/site/entity-view.ts';
import { syntheticViews } from '../support/synthetic-views.ts';

const team = (name: string, label: string): EntityLink => ({ ref: `group:default/${name}`, label, kind: 'Group', path: `catalog/default/group/${name}/` });
const view = (kind: string, name: string, fields: Partial<EntityView> = {}): EntityView => ({
  ref: `${kind.toLowerCase()}:default/${name}`,
  kind,
  namespace: 'default',
  name,
  title: name,
  path: `catalog/default/${kind.toLowerCase()}/${name}/`,
  tags: [],
  labels: [],
  annotations: [],
  links: [],
  source: { repo: 'r', file: 'catalog-info.yaml', line: 1 },
  sections: [],
  relationGroups: [],
  ...fields,
});

const alpha = team('alpha', 'Alpha');
const beta = team('beta', 'Beta');
const shop = { ref: 'system:default/shop', label: 'Shop', kind: 'System', path: 'catalog/default/system/shop/' };
const index = buildExplorerIndex(
  buildExplorerFile([
    view('API', 'orders-api', { type: 'openapi', lifecycle: 'production', owner: alpha, system: shop, tags: ['rest'], description: 'Order placement.' }),
    view('Component', 'checkout', { title: 'Checkout', type: 'service', lifecycle: 'production', owner: alpha, system: shop, tags: ['java', 'kafka'], description: 'Takes payments for tickets.' }),
    view('Component', 'storefront', { title: 'Storefront', type: 'website', lifecycle: 'experimental', owner: beta, system: shop, tags: ['react'], description: 'Sells tickets online.' }),
    view('Component', 'ticket-printer', { type: 'service', lifecycle: 'deprecated', owner: beta, tags: ['java'] }),
    view('Group', 'alpha', { title: 'Alpha', type: 'team' }),
    view('Group', 'beta', { title: 'Beta', type: 'team' }),
    view('User', 'ada', { title: 'Ada Lovelace' }),
  ]),
);

const names = (state: Partial<ExplorerState>) => [...queryExplorer(index, { ...emptyState, ...state }).rows].map((row) => index.entries[row]!.name);
const counts = (state: Partial<ExplorerState>, facet: FacetId) => {
  const result = queryExplorer(index, { ...emptyState, ...state });
  const f = facetIds.indexOf(facet);
  return Object.fromEntries(index.facets[f]!.values.map((value, id) => [value.key, result.counts[f]![id]]).filter(([, count]) => count !== 0));
};

describe('queryExplorer', () => {
  it('lists everything by name (the title) when nothing is selected', () => {
    expect(names({})).toEqual(['ada', 'alpha', 'beta', 'checkout', 'orders-api', 'storefront', 'ticket-printer']);
  });

  it('combines values of one facet with OR and facets with AND', () => {
    expect(names({ filters: { type: ['service', 'website'] } })).toEqual(['checkout', 'storefront', 'ticket-printer']);
    expect(names({ filters: { type: ['service', 'website'], owner: ['beta'] } })).toEqual(['storefront', 'ticket-printer']);
  });

  it('matches an entity with any of the selected tags', () => {
    expect(names({ filters: { tag: ['kafka', 'react'] } })).toEqual(['checkout', 'storefront']);
  });

  it('counts a facet’s values under the other facets’ selections, not its own', () => {
    const state = { filters: { kind: ['Component'], owner: ['alpha'] } };
    expect(names(state)).toEqual(['checkout']);
    // Kind counts: what alpha owns, per kind (selecting Component does not hide API).
    expect(counts(state, 'kind')).toEqual({ API: 1, Component: 1 });
    // Owner counts: components per owner.
    expect(counts(state, 'owner')).toEqual({ alpha: 1, beta: 2 });
    // Other facets: only the matching rows.
    expect(counts(state, 'lifecycle')).toEqual({ production: 1 });
    expect(counts(state, 'tag')).toEqual({ java: 1, kafka: 1 });
  });

  it('applies the text filter to every count', () => {
    expect(counts({ q: 'tickets' }, 'kind')).toEqual({ Component: 2 });
  });

  it('matches every word of the text filter in name, title, description or tags, ignoring case', () => {
    expect(names({ q: 'TICKETS' })).toEqual(['checkout', 'storefront']);
    expect(names({ q: 'tickets online' })).toEqual(['storefront']);
    expect(names({ q: 'kafka' })).toEqual(['checkout']);
    expect(names({ q: 'ticket-printer' })).toEqual(['ticket-printer']);
    expect(names({ q: 'lovelace' })).toEqual(['ada']);
    expect(names({ q: 'nothing-like-this' })).toEqual([]);
  });

  it('sorts by a column, ties by title, rows without a value last in both directions', () => {
    expect(names({ sort: 'owner' })).toEqual(['checkout', 'orders-api', 'storefront', 'ticket-printer', 'ada', 'alpha', 'beta']);
    expect(names({ sort: 'owner', dir: 'desc' })).toEqual(['storefront', 'ticket-printer', 'checkout', 'orders-api', 'ada', 'alpha', 'beta']);
    expect(names({ sort: 'lifecycle', filters: { kind: ['Component'] } })).toEqual(['ticket-printer', 'storefront', 'checkout']);
    expect(names({ sort: 'kind', dir: 'desc' })).toEqual(['ada', 'alpha', 'beta', 'checkout', 'storefront', 'ticket-printer', 'orders-api']);
  });

  it('sorts names naturally, ignoring case and accents', () => {
    const titles = ['svc-10', 'svc-9', 'Svc-1', 'Éclair', 'eagle', 'svc-010a'];
    const natural = buildExplorerIndex(buildExplorerFile(titles.map((title, i) => view('Component', `c${i}`, { title }))));
    expect([...queryExplorer(natural, emptyState).rows].map((row) => natural.entries[row]!.title)).toEqual(['eagle', 'Éclair', 'Svc-1', 'svc-9', 'svc-10', 'svc-010a']);
  });

  it('sorts an extra column by its cells’ sort keys', () => {
    const views = ['a', 'b', 'c'].map((name) => view('Component', name));
    const withCoverage = buildExplorerIndex(
      buildExplorerFile(views, [{ id: 'coverage', label: 'Coverage', cells: new Map([['component:default/a', { text: '9%', sort: 9 }], ['component:default/b', { text: '80%', sort: 80 }]]) }]),
    );
    const order = (dir: 'asc' | 'desc') => [...queryExplorer(withCoverage, { ...emptyState, sort: 'coverage', dir }).rows].map((row) => withCoverage.entries[row]!.name);
    expect(order('asc')).toEqual(['a', 'b', 'c']);
    expect(order('desc')).toEqual(['b', 'a', 'c']);
  });
});

describe('canonicalState', () => {
  it('matches facet values from a hand-typed URL case-insensitively and drops unknown ones', () => {
    const state = canonicalState(index, { q: 'x', filters: { kind: ['component', 'Robot'], owner: ['BETA', 'beta'], type: ['nope'] }, sort: 'colour', dir: 'desc' });
    expect(state).toEqual({ q: 'x', filters: { kind: ['Component'], owner: ['beta'] }, sort: 'name', dir: 'desc' });
  });
});

describe('state changes', () => {
  it('selects and unselects a facet value', () => {
    const selected = toggleFilter(emptyState, 'kind', 'API');
    expect(selected.filters).toEqual({ kind: ['API'] });
    expect(toggleFilter(selected, 'kind', 'API').filters).toEqual({});
  });

  it('flips the direction of the current sort column and starts another ascending', () => {
    expect(toggleSort(emptyState, 'name')).toMatchObject({ sort: 'name', dir: 'desc' });
    expect(toggleSort({ ...emptyState, dir: 'desc' }, 'owner')).toMatchObject({ sort: 'owner', dir: 'asc' });
  });
});

describe('facetValuesToShow', () => {
  it('lists values by count, hides those without rows unless selected', () => {
    const state: ExplorerState = { ...emptyState, filters: { owner: ['alpha'], type: ['team'] } };
    const result = queryExplorer(index, state);
    const type = facetIds.indexOf('type');
    expect(facetValuesToShow(index.facets[type]!, result.counts[type]!, ['team']).map(({ value, count, selected }) => [value.key, count, selected])).toEqual([
      ['openapi', 1, false],
      ['service', 1, false],
      ['team', 0, true],
    ]);
  });
});

describe('at 10,000 entities', () => {
  const views = syntheticViews(10_000);
  let big: ExplorerIndex;

  it('filters exactly like a plain filter over the page models', () => {
    big = buildExplorerIndex(buildExplorerFile(views));
    const owner = big.facets[facetIds.indexOf('owner')]!.values[3]!;
    const state: ExplorerState = { q: 'component', filters: { kind: ['Component', 'API'], lifecycle: ['production'], owner: [owner.key] }, sort: 'name', dir: 'asc' };
    const expected = views
      .filter((v) => ['Component', 'API'].includes(v.kind) && v.lifecycle === 'production' && v.owner?.label === owner.label)
      .filter((v) => `${v.name}\n${v.title}\n${v.description}\n${v.tags.join(' ')}`.toLowerCase().includes('component'))
      .map((v) => v.ref)
      .sort();
    const got = [...queryExplorer(big, state).rows].map((row) => entryRef(big.entries[row]!)).sort();
    expect(got.length).toBeGreaterThan(0);
    expect(got).toEqual(expected);
  });

  it('filters in well under 50 ms once the index is built', () => {
    const states: ExplorerState[] = [
      { ...emptyState, filters: { kind: ['Component'] } },
      { ...emptyState, q: 'kestrel' },
      { ...emptyState, q: 'kestrel comp', filters: { kind: ['Component'], tag: ['java', 'go'] }, sort: 'owner' },
    ];
    for (const state of states) queryExplorer(big, state); // warm up (sort orders are computed once)
    const timings = states.map((state) => {
      const started = performance.now();
      for (let i = 0; i < 5; i++) queryExplorer(big, state);
      return (performance.now() - started) / 5;
    });
    // The budget is for the whole update in the browser; the query is a fraction of it. Generous for a shared CI core.
    expect(Math.max(...timings)).toBeLessThan(25);
  });
});
