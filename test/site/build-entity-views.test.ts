import { describe, expect, it } from 'vitest';
import { buildEntityViews } from '../../src/site/build-entity-views.ts';
import { highlightDefinition } from '../../src/vocabulary/highlight.ts';
import { catalogEntity as entity } from '../support/catalog-entity.ts';


describe('buildEntityViews', () => {
  const catalog = [
    entity('Group', 'team', { type: 'team', children: [] }, [{ type: 'ownerOf', targetRef: 'component:default/web' }, { type: 'hasMember', targetRef: 'user:default/ada' }], { title: 'The Team' }),
    entity('User', 'ada', { memberOf: ['team'], profile: { displayName: 'Ada L.', picture: 'javascript:alert(1)' } }, [{ type: 'memberOf', targetRef: 'group:default/team' }]),
    entity('System', 'shop', { owner: 'team', domain: 'commerce' }, [{ type: 'partOf', targetRef: 'domain:default/commerce' }, { type: 'hasPart', targetRef: 'component:default/web' }]),
    entity('Domain', 'commerce', { owner: 'team' }, [{ type: 'hasPart', targetRef: 'system:default/shop' }]),
    entity(
      'Component',
      'web',
      { type: 'website', lifecycle: 'production', owner: 'team', system: 'shop' },
      [
        { type: 'ownedBy', targetRef: 'group:default/team' },
        { type: 'partOf', targetRef: 'system:default/shop' },
        { type: 'dependsOn', targetRef: 'resource:default/gone' },
      ],
      { links: [{ url: 'https://example.com', title: 'Site' }, { url: 'javascript:alert(1)', title: 'Evil' }] },
    ),
  ];
  const views = new Map(buildEntityViews(catalog, []).map((view) => [view.ref, view]));
  const web = views.get('component:default/web')!;

  it('resolves owner, system and the domain through the system, with titles and page paths', () => {
    expect(web.owner).toEqual({ ref: 'group:default/team', label: 'The Team', kind: 'Group', path: 'catalog/default/group/team/' });
    expect(web.system?.path).toBe('catalog/default/system/shop/');
    expect(web.domain?.ref).toBe('domain:default/commerce');
  });

  it('leaves a relation to a missing entity without a path, so pages render it as text', () => {
    expect(web.sections.find((section) => section.title === 'Depends on')!.items).toEqual([
      { ref: 'resource:default/gone', label: 'resource:default/gone', kind: 'resource', path: null },
    ]);
  });

  it('marks only http(s) and mailto links as safe to link', () => {
    expect(web.links).toEqual([
      { url: 'https://example.com', title: 'Site', safe: true },
      { url: 'javascript:alert(1)', title: 'Evil', safe: false },
    ]);
  });

  it('fills the group cards: members and what it owns', () => {
    const team = views.get('group:default/team')!;
    expect(team.sections.map((section) => [section.title, section.items.map((item) => item.label)])).toEqual([
      ['Parent group', []],
      ['Child groups', []],
      ['Members', ['Ada L.']],
      ['Owns', ['web']],
    ]);
  });

  it('titles a user by display name and drops a non-http picture', () => {
    const ada = views.get('user:default/ada')!;
    expect(ada.title).toBe('Ada L.');
    expect(ada.profile).toEqual({ displayName: 'Ada L.' });
  });
});

describe('highlightDefinition', () => {
  it('escapes markup in an untrusted definition', () => {
    const html = highlightDefinition('x: "</code><script>alert(1)</script>"\n', 'yaml');
    expect(html).not.toContain('<script');
    expect(html).toContain('&#60;script&#62;');
  });

  it('escapes a definition in an unknown language as plain text', () => {
    expect(highlightDefinition('<b>&', 'cobol')).toBe('&#60;b&#62;&#38;');
  });
});
