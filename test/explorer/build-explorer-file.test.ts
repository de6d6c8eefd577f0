import { describe, expect, it } from 'vitest';
import { buildExplorerFile, shortDescription } from '../../src/explorer/build-explorer-file.ts';
import { explorerFileSchema } from '../../src/explorer/explorer-file.ts';
import { buildExplorerIndex, entryPath, entryRef } from '../../src/explorer/explorer-model.ts';
import { buildEntityViews } from '../../src/site/build-entity-views.ts';
import { syntheticViews } from '../support/synthetic-views.ts';
import { catalogEntity as entity } from '../support/catalog-entity.ts';


// In ref order, as the pipeline hands them over.
const catalog = [
  entity('API', 'tickets-api', { type: 'openapi', lifecycle: 'production', owner: 'team', system: 'shop' }, [
    { type: 'ownedBy', targetRef: 'group:default/team' },
    { type: 'partOf', targetRef: 'system:default/shop' },
  ], { title: 'Tickets API', tags: ['rest'] }),
  entity('Component', 'web', { type: 'website', lifecycle: 'experimental', owner: 'team', system: 'shop' }, [
    { type: 'ownedBy', targetRef: 'group:default/team' },
    { type: 'partOf', targetRef: 'system:default/shop' },
  ], { description: 'The   shop\nfront.', tags: ['react', 'web'] }),
  entity('Component', 'worker', { type: 'service', lifecycle: 'production', owner: 'group:default/gone' }, [{ type: 'ownedBy', targetRef: 'group:default/gone' }]),
  entity('Domain', 'commerce', { owner: 'team' }, [{ type: 'ownedBy', targetRef: 'group:default/team' }, { type: 'hasPart', targetRef: 'system:default/shop' }]),
  entity('Group', 'team', { type: 'team', children: [] }, [], { title: 'The Team', namespace: 'default' }),
  entity('System', 'shop', { owner: 'team', domain: 'commerce' }, [{ type: 'ownedBy', targetRef: 'group:default/team' }, { type: 'partOf', targetRef: 'domain:default/commerce' }]),
];
const views = buildEntityViews(catalog, []);

describe('buildExplorerFile', () => {
  const file = buildExplorerFile(views);

  it('writes one row per entity, in the page models’ order, that its schema accepts', () => {
    expect(explorerFileSchema.parse(file)).toEqual(file);
    expect(file.rows.map((row) => `${row[0]}:${row[2]}`)).toEqual(['API:tickets-api', 'Component:web', 'Component:worker', 'Domain:commerce', 'Group:team', 'System:shop']);
  });

  it('lists each owner, system and domain once and points rows at them by index', () => {
    const web = file.rows[1]!;
    expect(web.slice(0, 6)).toEqual(['Component', 'default', 'web', '', 'website', 'experimental']);
    expect(file.links[web[6]]).toEqual(['group:default/team', 'The Team', 'catalog/default/group/team/']);
    expect(file.links[web[7]]).toEqual(['system:default/shop', 'shop', 'catalog/default/system/shop/']);
    expect(file.links[web[8]]).toEqual(['domain:default/commerce', 'commerce', 'catalog/default/domain/commerce/']);
    expect(file.links.filter(([ref]) => ref === 'group:default/team')).toHaveLength(1);
    expect(file.rows[0]![6]).toBe(web[6]);
  });

  it('keeps a dangling owner as its ref, without a page path', () => {
    const worker = file.rows[2]!;
    expect(file.links[worker[6]]).toEqual(['group:default/gone', 'group:default/gone', null]);
    expect(worker[7]).toBe(-1);
  });

  it('stores the title only when it differs from the name, and collapses whitespace in descriptions', () => {
    expect(file.rows[0]![3]).toBe('Tickets API');
    expect(file.rows[1]![10]).toBe('The shop front.');
    expect(file.rows[1]![9]).toEqual(['react', 'web']);
  });

  it('derives the same refs and page paths as the page models, so it need not store them', () => {
    const index = buildExplorerIndex(file);
    expect(index.entries.map((entry) => [entryRef(entry), entryPath(entry), entry.title])).toEqual(views.map((view) => [view.ref, view.path, view.title]));
    const synthetic = syntheticViews(300);
    expect(buildExplorerIndex(buildExplorerFile(synthetic)).entries.map((entry) => [entryRef(entry), entryPath(entry)])).toEqual(synthetic.map((view) => [view.ref, view.path]));
  });

  it('adds a plugin’s column: cells in column order, and none on rows without a value', () => {
    const withCoverage = buildExplorerFile(views, [{ id: 'coverage', label: 'Coverage', cells: new Map([['component:default/web', { text: '81%', tone: 'good', sort: 81 }]]) }]);
    expect(withCoverage.columns).toEqual([{ id: 'coverage', label: 'Coverage' }]);
    expect(withCoverage.rows[1]![11]).toEqual([{ text: '81%', tone: 'good', sort: 81 }]);
    expect(withCoverage.rows[0]).toHaveLength(11);
    expect(explorerFileSchema.safeParse(withCoverage).success).toBe(true);
  });

  it('refuses an extra column that would take a built-in column’s id', () => {
    expect(() => buildExplorerFile(views, [{ id: 'owner', label: 'Owner', cells: new Map() }])).toThrow(/"owner"/);
  });

  it('stays small at 10,000 entities', () => {
    const bytes = JSON.stringify(buildExplorerFile(syntheticViews(10_000))).length;
    // About 120 bytes a row for these short descriptions; real ones are cut at 280 characters.
    expect(bytes / 10_000).toBeLessThan(160);
  });
});

describe('shortDescription', () => {
  it('cuts a long description at a word boundary with an ellipsis', () => {
    const cut = shortDescription(`${'word '.repeat(100)}end`);
    expect(cut.length).toBeLessThanOrEqual(280);
    expect(cut).toMatch(/word…$/);
  });

  it('never leaves half of an emoji at the cut', () => {
    const cut = shortDescription(`${'x'.repeat(278)}😀😀`);
    expect(cut).toBe(`${'x'.repeat(278)}…`);
  });
});
