import { describe, expect, it } from 'vitest';
import { formatSearchState, hasFilters, isActiveSearch, isShortQuery, pagefindFilters, parseSearchState, toggleFilter, typingDelayMs } from '../../src/search/client/search-state.ts';

describe('search URLs', () => {
  it('reads the query and every filter from the URL, repeated parameters as several values', () => {
    expect(parseSearchState('?q=deploy+rollback&kind=Component&kind=API&owner=payments-team&tag=pci')).toEqual({
      query: 'deploy rollback',
      filters: { kind: ['Component', 'API'], owner: ['payments-team'], tag: ['pci'] },
    });
  });

  it('ignores unknown parameters, empty values and repeats', () => {
    expect(parseSearchState('?utm_source=x&kind=&owner=a&owner=a&q=')).toEqual({ query: '', filters: { owner: ['a'] } });
  });

  it('writes a search back in a fixed order, so equal searches have equal URLs', () => {
    const url = formatSearchState({ query: ' seat holds ', filters: { tag: ['java'], owner: ['user:ops/ada'], kind: ['Docs'] } });
    expect(url).toBe('?q=seat+holds&kind=Docs&owner=user%3Aops%2Fada&tag=java');
    expect(parseSearchState(url)).toEqual({ query: 'seat holds', filters: { kind: ['Docs'], owner: ['user:ops/ada'], tag: ['java'] } });
  });

  it('reads a plugin’s filter only when the page knows it, and writes it after Playbill’s own', () => {
    expect(parseSearchState('?ci=failing&kind=Component')).toEqual({ query: '', filters: { kind: ['Component'] } });
    const state = parseSearchState('?ci=failing&kind=Component', ['kind', 'ci']);
    expect(state.filters).toEqual({ kind: ['Component'], ci: ['failing'] });
    expect(formatSearchState({ query: '', filters: { ci: ['failing'], coverage: ['low'], kind: ['Component'] } })).toBe('?kind=Component&ci=failing&coverage=low');
  });

  it('writes nothing for an empty search', () => {
    expect(formatSearchState({ query: '  ', filters: {} })).toBe('');
  });
});

describe('filters', () => {
  it('toggles one value on and off, dropping a filter left empty', () => {
    const on = toggleFilter({ kind: ['API'] }, 'kind', 'Component');
    expect(on).toEqual({ kind: ['API', 'Component'] });
    expect(toggleFilter(toggleFilter(on, 'kind', 'API'), 'kind', 'Component')).toEqual({});
    expect(hasFilters({})).toBe(false);
    expect(hasFilters(on)).toBe(true);
  });

  it('asks pagefind for any value within a filter and all filters together, optionally without one', () => {
    const filters = { kind: ['Component', 'API'], owner: ['payments-team'] };
    expect(pagefindFilters(filters)).toEqual({ kind: { any: ['Component', 'API'] }, owner: { any: ['payments-team'] } });
    expect(pagefindFilters(filters, 'kind')).toEqual({ owner: { any: ['payments-team'] } });
  });

  it('searches from two letters, or with a filter alone', () => {
    expect(isActiveSearch({ query: ' p ', filters: {} })).toBe(false);
    expect(isActiveSearch({ query: 'pa', filters: {} })).toBe(true);
    expect(isActiveSearch({ query: '', filters: { kind: ['API'] } })).toBe(true);
  });
});

describe('searching while the reader types', () => {
  it('searches a word of three letters or more soon after the keystroke, and a two-letter prefix only once the reader pauses', () => {
    expect(typingDelayMs('dep')).toBe(40);
    expect(typingDelayMs('media-kestrel')).toBe(40);
    expect(typingDelayMs('de')).toBeGreaterThanOrEqual(200);
    expect(typingDelayMs(' d ')).toBeGreaterThanOrEqual(200);
    expect(isShortQuery('de')).toBe(true);
    expect(isShortQuery('dep')).toBe(false);
  });
});
