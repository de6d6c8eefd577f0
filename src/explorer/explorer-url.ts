/**
 * The explorer's state in the URL query, so a view can be shared and reloaded:
 * `?kind=Component&owner=team-a&tag=java&tag=go&q=ticket&sort=owner&dir=desc`. Facets repeat
 * their parameter per selected value; defaults (no text, sort by name ascending) are left out.
 * Parameters the explorer does not own are kept as they are.
 */
import { defaultSort, facetIds, type ExplorerState, type FacetId } from './explorer-model.ts';

const ownParameters: readonly string[] = [...facetIds, 'q', 'sort', 'dir'];

export function stateFromSearch(search: string): ExplorerState {
  const params = new URLSearchParams(search);
  const filters: Partial<Record<FacetId, string[]>> = {};
  for (const id of facetIds) {
    const values = [...new Set(params.getAll(id).filter(Boolean))];
    if (values.length) filters[id] = values;
  }
  return {
    q: params.get('q') ?? '',
    filters,
    sort: params.get('sort') || defaultSort,
    dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
  };
}

/** The query string for `state` (with its `?`, or '' when everything is default), keeping others' parameters from `current`. */
export function searchFromState(state: ExplorerState, current = ''): string {
  const params = new URLSearchParams(current);
  for (const name of ownParameters) params.delete(name);
  for (const id of facetIds) for (const value of state.filters[id] ?? []) params.append(id, value);
  if (state.q) params.append('q', state.q);
  if (state.sort !== defaultSort) params.append('sort', state.sort);
  if (state.dir === 'desc') params.append('dir', 'desc');
  const query = params.toString();
  return query ? `?${query}` : '';
}
