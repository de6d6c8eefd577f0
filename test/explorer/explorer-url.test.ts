import { describe, expect, it } from 'vitest';
import { emptyState, type ExplorerState } from '../../src/explorer/explorer-model.ts';
import { searchFromState, stateFromSearch } from '../../src/explorer/explorer-url.ts';

describe('explorer URL state', () => {
  it('reads the documented example', () => {
    expect(stateFromSearch('?kind=Component&owner=team-a&q=ticket&sort=owner')).toEqual({
      q: 'ticket',
      filters: { kind: ['Component'], owner: ['team-a'] },
      sort: 'owner',
      dir: 'asc',
    });
  });

  it('round-trips a state with several values per facet, a text with spaces and a descending sort', () => {
    const state: ExplorerState = {
      q: 'ticket sales & more',
      filters: { kind: ['Component', 'API'], tag: ['c++', 'go'], owner: ['user:ada', 'data/analytics'], system: ['shop'] },
      sort: 'lifecycle',
      dir: 'desc',
    };
    const search = searchFromState(state);
    expect(search).toBe('?kind=Component&kind=API&owner=user%3Aada&owner=data%2Fanalytics&tag=c%2B%2B&tag=go&system=shop&q=ticket+sales+%26+more&sort=lifecycle&dir=desc');
    expect(stateFromSearch(search)).toEqual(state);
  });

  it('leaves defaults out of the URL', () => {
    expect(searchFromState(emptyState)).toBe('');
    expect(searchFromState({ ...emptyState, dir: 'desc' })).toBe('?dir=desc');
    expect(stateFromSearch('')).toEqual(emptyState);
  });

  it('keeps parameters it does not own and replaces its own', () => {
    expect(searchFromState({ ...emptyState, q: 'new' }, '?utm=x&q=old&kind=API')).toBe('?utm=x&q=new');
  });

  it('ignores empty and repeated values and an unknown direction', () => {
    expect(stateFromSearch('?kind=&kind=API&kind=API&dir=sideways&sort=')).toEqual({ ...emptyState, filters: { kind: ['API'] } });
  });
});
