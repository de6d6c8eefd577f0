import { describe, expect, it } from 'vitest';
import { chipValues, excerptSegments, hiddenChipCount, searchEntries, toSearchHit, type PagefindResultData } from '../../src/search/client/search-results.ts';

// Shaped like pagefind 1.6's `await result.data()` for the example organisation, under base /portal/.
const docsPage: PagefindResultData = {
  url: '/portal/docs/default/component/ticketing-service/runbooks/stuck-holds/',
  excerpt: 'OrderConfirmed, the outbox <mark>relay</mark> is behind. SELECT count(*) AS unsent',
  meta: { title: 'Stuck seat holds', kind: 'Docs', owner: 'Ticketing', entity: 'Ticketing Service' },
  sub_results: [
    { title: 'Stuck seat holds', url: '/portal/docs/default/component/ticketing-service/runbooks/stuck-holds/#stuck-seat-holds', excerpt: 'x', anchor: { element: 'h1', id: 'stuck-seat-holds' } },
    { title: 'Outbox lag', url: '/portal/docs/default/component/ticketing-service/runbooks/stuck-holds/#outbox-lag', excerpt: 'the outbox <mark>relay</mark> is behind', anchor: { element: 'h2', id: 'outbox-lag' } },
    { title: 'Still stuck?', url: '/portal/docs/default/component/ticketing-service/runbooks/stuck-holds/#still-stuck', excerpt: 'restart the <mark>relay</mark>', anchor: { element: 'h2', id: 'still-stuck' } },
  ],
};
const entityPage: PagefindResultData = {
  url: '/portal/catalog/default/component/ticketing-service/',
  excerpt: '· service. <mark>Ticketing</mark> Service. <mark>ticketing-service.</mark> <mark>component:default/ticketing-service.</mark> About. Takes <mark>orders</mark>',
  meta: { title: 'Ticketing Service', kind: 'Component', owner: 'Ticketing', description: 'Takes orders and holds seats.' },
  sub_results: [{ title: 'Relations', url: '/portal/catalog/default/component/ticketing-service/#relations-heading', excerpt: '<mark>ticketing</mark>', anchor: { element: 'h2', id: 'relations-heading' } }],
};

describe('excerpts', () => {
  it('splits pagefind’s excerpt into text and highlighted runs', () => {
    expect(excerptSegments('the outbox <mark>relay</mark> is <mark>behind</mark>.')).toEqual([
      { text: 'the outbox ', mark: false },
      { text: 'relay', mark: true },
      { text: ' is ', mark: false },
      { text: 'behind', mark: true },
      { text: '.', mark: false },
    ]);
  });

  it('keeps any other markup as text and decodes pagefind’s escapes, so page text never becomes HTML', () => {
    const segments = excerptSegments('paste &lt;script&gt;alert(1)&lt;/script&gt; <img src=x onerror=alert(1)> <mark>here</mark> &amp; there');
    expect(segments).toEqual([
      { text: 'paste <script>alert(1)</script> <img src=x onerror=alert(1)> ', mark: false },
      { text: 'here', mark: true },
      { text: ' & there', mark: false },
    ]);
  });
});

describe('results', () => {
  it('labels a docs page with its kind, entity and owner, and lists the headings that matched (not its own title)', () => {
    const hit = toSearchHit(docsPage, '/portal/')!;
    expect(hit).toMatchObject({ title: 'Stuck seat holds', kind: 'Docs', owner: 'Ticketing', entity: 'Ticketing Service', description: undefined });
    expect(hit.sections.map((section) => section.title)).toEqual(['Outbox lag', 'Still stuck?']);
    expect(hit.sections[0]!.excerpt).toContainEqual({ text: 'relay', mark: true });
    expect(hit.excerpt.some((segment) => segment.mark)).toBe(true);
  });

  it('shows an entity’s excerpt only when its title and description do not already show why it matched', () => {
    const byName = toSearchHit(entityPage, '/portal/')!;
    expect(byName).toMatchObject({ title: 'Ticketing Service', kind: 'Component', owner: 'Ticketing', description: 'Takes orders and holds seats.', excerpt: [], sections: [] });
    const byRelation = toSearchHit({ ...entityPage, excerpt: 'Relations. Consumes <mark>Payments</mark> API.' }, '/portal/')!;
    expect(byRelation.excerpt).toContainEqual({ text: 'Payments', mark: true });
  });

  it('drops a result that would link outside the site', () => {
    expect(toSearchHit({ ...entityPage, url: 'https://evil.example/portal/' }, '/portal/')).toBeUndefined();
    expect(toSearchHit({ ...entityPage, url: '/elsewhere/' }, '/portal/')).toBeUndefined();
  });

  it('lets the keyboard move through each result and then its sections', () => {
    const entries = searchEntries([toSearchHit(docsPage, '/portal/')!, toSearchHit(entityPage, '/portal/')!]);
    expect(entries.map((entry) => [entry.id, entry.url.replace(/.*\/(?=[^/]*$)/, '')])).toEqual([
      ['0', ''],
      ['0-0', '#outbox-lag'],
      ['0-1', '#still-stuck'],
      ['1', ''],
    ]);
  });
});

describe('filter chips', () => {
  const counts = { 'payments-team': 4, 'ticketing-team': 9, 'data-team': 4, 'web-team': 1, gone: 0 };

  it('shows the selected values first, then the most frequent, ties by name, none without results', () => {
    expect(chipValues(counts, ['web-team'], 3).map((chip) => `${chip.value}:${chip.count}:${chip.selected}`)).toEqual([
      'web-team:1:true',
      'ticketing-team:9:false',
      'data-team:4:false',
    ]);
    expect(hiddenChipCount(counts, ['web-team'], 3)).toBe(1);
  });

  it('shows every value when expanded', () => {
    expect(chipValues(counts, [], 2, true)).toHaveLength(4);
  });
});
