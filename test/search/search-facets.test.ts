import { describe, expect, it } from 'vitest';
import type { DocSiteView } from '../../src/docs/docs-view.ts';
import { docPageSearchFacets, entitySearchFacets, isPluginFilterKey } from '../../src/search/search-facets.ts';
import { buildEntityViews } from '../../src/site/build-entity-views.ts';
import { catalogEntity as entity } from '../support/catalog-entity.ts';


const catalog = [
  entity('Group', 'payments-team', { type: 'team', children: [] }, [{ type: 'ownerOf', targetRef: 'component:default/ledger' }], { title: 'Payments' }),
  entity('System', 'billing', { owner: 'payments-team' }, [{ type: 'hasPart', targetRef: 'component:default/ledger' }]),
  entity(
    'Component',
    'ledger',
    { type: 'service', lifecycle: 'production', owner: 'payments-team', system: 'billing' },
    [
      { type: 'ownedBy', targetRef: 'group:default/payments-team' },
      { type: 'partOf', targetRef: 'system:default/billing' },
    ],
    { title: 'Ledger', description: 'Double-entry\n  ledger:   every payment, refund and fee.', tags: ['java', 'pci'] },
  ),
  entity('Component', 'widget', { type: 'website', lifecycle: 'experimental', owner: 'user:ops/ada' }, [{ type: 'ownedBy', targetRef: 'user:ops/ada' }]),
];
const views = new Map(buildEntityViews(catalog, []).map((view) => [view.ref, view]));

describe('entity page facets', () => {
  it('filters an entity by kind, owner, lifecycle, each tag, type, system and namespace', () => {
    expect(entitySearchFacets(views.get('component:default/ledger')!).filters).toEqual([
      ['kind', 'Component'],
      ['owner', 'payments-team'],
      ['lifecycle', 'production'],
      ['tag', 'java'],
      ['tag', 'pci'],
      ['type', 'service'],
      ['system', 'billing'],
      ['namespace', 'default'],
    ]);
  });

  it('stores the title, kind, owner’s name and description (on one line) for the result', () => {
    expect(entitySearchFacets(views.get('component:default/ledger')!).meta).toEqual([
      ['title', 'Ledger'],
      ['kind', 'Component'],
      ['owner', 'Payments'],
      ['description', 'Double-entry ledger: every payment, refund and fee.'],
    ]);
  });

  it('leaves out what an entity does not have', () => {
    const facets = entitySearchFacets(views.get('group:default/payments-team')!);
    expect(facets.filters).toEqual([['kind', 'Group'], ['type', 'team'], ['namespace', 'default']]);
    expect(facets.meta.map(([key]) => key)).toEqual(['title', 'kind']);
  });

  it('keeps the kind in an owner that is not a group, and the namespace when it is not the default', () => {
    expect(entitySearchFacets(views.get('component:default/widget')!).filters).toContainEqual(['owner', 'user:ops/ada']);
  });

  it('adds the filters plugins computed for the entity, except names that are pagefind syntax or Playbill’s own', () => {
    const ledger = views.get('component:default/ledger')!;
    const facets = entitySearchFacets({ ...ledger, searchFilters: { ci: ['failing'], coverage: ['80-90%'], owner: ['hijack'], 'a:b': ['x'], any: ['x'] } });
    expect(facets.filters.slice(-2)).toEqual([['ci', 'failing'], ['coverage', '80-90%']]);
    expect(facets.filters.filter(([key]) => key === 'owner')).toEqual([['owner', 'payments-team']]);
    expect(isPluginFilterKey('k8s')).toBe(true);
  });

  it('shortens a long description at a word', () => {
    const long = views.get('component:default/ledger')!;
    const [, description] = entitySearchFacets({ ...long, description: 'word '.repeat(100) }).meta.find(([key]) => key === 'description')!;
    expect(description.length).toBeLessThanOrEqual(241);
    expect(description).toMatch(/word…$/);
  });
});

describe('docs page facets', () => {
  const site: Pick<DocSiteView, 'owner' | 'entity'> = {
    entity: { ref: 'component:default/ledger', label: 'Ledger', kind: 'Component', path: 'catalog/default/component/ledger/' },
    owner: { ref: 'group:default/payments-team', label: 'Payments', kind: 'Group', path: 'catalog/default/group/payments-team/' },
  };

  it('is of kind Docs and carries the documented entity’s other filters', () => {
    const facets = docPageSearchFacets({ title: 'Refunds', description: 'How refunds post.' }, site, views.get('component:default/ledger'));
    expect(facets.filters[0]).toEqual(['kind', 'Docs']);
    expect(facets.filters.slice(1)).toEqual(entitySearchFacets(views.get('component:default/ledger')!).filters.slice(1));
    expect(facets.meta).toEqual([
      ['title', 'Refunds'],
      ['kind', 'Docs'],
      ['owner', 'Payments'],
      ['description', 'How refunds post.'],
      ['entity', 'Ledger'],
    ]);
  });

  it('falls back to the docs site’s owner when the entity is not in the catalog', () => {
    const facets = docPageSearchFacets({ title: 'Refunds' }, site, undefined);
    expect(facets.filters).toEqual([['kind', 'Docs'], ['owner', 'payments-team']]);
    expect(facets.meta.map(([key]) => key)).toEqual(['title', 'kind', 'owner', 'entity']);
  });
});
