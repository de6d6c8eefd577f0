import { describe, expect, it } from 'vitest';
import { selectNeighbourhood } from '../../../integrations/plugin-api.ts';
import { buildCatalogGraph } from '../../../integrations/plugins/catalog-graph/catalog-graph-file.ts';
import { allocate } from '../../../src/plugins/graph/neighbourhood.ts';
import { catalog, encore } from './fixtures/encore.ts';

const edgesOf = (model: { edges: { from: string; to: string; label?: string }[] }) => model.edges.map((edge) => `${edge.from} ${edge.label ?? '→'} ${edge.to}`).sort();

describe('the catalog as one graph', () => {
  it('draws a relation and its inverse as one edge with the primary label, from the entity that holds it', () => {
    const { file } = buildCatalogGraph(encore());
    const edges = file.edges.map(([from, to, label]) => `${file.nodes[from]!.id} ${file.labels[label]} ${file.nodes[to]!.id}`);
    expect(edges).toContain('group:default/ticketing-team ownerOf component:default/ticketing-service');
    expect(edges).toContain('api:default/tickets-api apiProvidedBy component:default/ticketing-service');
    expect(edges).toContain('domain:default/ticketing hasPart system:default/ticket-sales');
    expect(edges).toContain('group:default/ticketing-team hasMember user:default/ada');
    expect(edges.filter((edge) => edge.includes('ownedBy') || edge.includes('providesApi') || edge.includes('partOf') || edge.includes('memberOf'))).toEqual([]);
    expect(new Set(edges).size).toBe(edges.length);
  });

  it('keeps a relation to an entity that is not in the catalog as a node without a link', () => {
    const { file } = buildCatalogGraph(encore());
    const ledger = file.nodes.find((node) => node.id === 'component:default/ledger');
    expect(ledger).toEqual({ id: 'component:default/ledger', label: 'ledger', caption: 'Component · not in the catalog', category: 'component', tone: 'warning', facets: [2, -1, -1] });
    expect(file.nodes.find((node) => node.id === 'component:default/ticketing-service')).toMatchObject({ href: 'catalog/default/component/ticketing-service/', caption: 'Component · service' });
  });

  it('gives each node its kind, system and domain as facets for the filters', () => {
    const { file } = buildCatalogGraph(encore());
    const facetsOf = (id: string) => file.nodes.find((node) => node.id === id)!.facets!.map((value, facet) => file.facets[facet]!.values[value]?.label ?? null);
    expect(file.facets.map((facet) => facet.key)).toEqual(['kind', 'system', 'domain']);
    expect(facetsOf('component:default/ticketing-service')).toEqual(['Component', 'Ticket Sales', 'Ticketing']);
    expect(facetsOf('system:default/ticket-sales')).toEqual(['System', 'Ticket Sales', 'Ticketing']);
    expect(facetsOf('api:default/payments-api')).toEqual(['API', 'Payments', null]);
    expect(facetsOf('user:default/ada')).toEqual(['User', null, null]);
  });

  it('draws only the relations the options name, either half of a pair naming the pair', () => {
    const { file } = buildCatalogGraph(encore(), { relations: ['ownedBy'] });
    expect(file.labels).toEqual(['ownerOf']);
  });
});

describe('an entity’s neighbourhood', () => {
  it('is its direct relations at depth 1, and no links between its neighbours', () => {
    const { index } = buildCatalogGraph(encore());
    const neighbourhood = selectNeighbourhood(index, 'component:default/ticketing-service', { depth: 1, maxNodes: 30 })!;
    expect(neighbourhood.nodes.map((node) => node.id).sort()).toEqual([
      'api:default/payments-api',
      'api:default/tickets-api',
      'component:default/ledger',
      'component:default/ticketing-service',
      'group:default/ticketing-team',
      'resource:default/tickets-db',
      'system:default/ticket-sales',
    ]);
    expect(neighbourhood.nodes.find((node) => node.current)?.id).toBe('component:default/ticketing-service');
    expect(edgesOf(neighbourhood)).toEqual([
      'api:default/tickets-api apiProvidedBy component:default/ticketing-service',
      'component:default/ticketing-service consumesApi api:default/payments-api',
      'component:default/ticketing-service dependsOn component:default/ledger',
      'component:default/ticketing-service dependsOn resource:default/tickets-db',
      'group:default/ticketing-team ownerOf component:default/ticketing-service',
      'system:default/ticket-sales hasPart component:default/ticketing-service',
    ]);
    expect(neighbourhood.truncated).toBe(false);
  });

  it('reaches one hop further at depth 2, drawing the path each new node was reached by', () => {
    const { index } = buildCatalogGraph(encore());
    const neighbourhood = selectNeighbourhood(index, 'component:default/ticketing-service', { depth: 2, maxNodes: 30 })!;
    const ids = neighbourhood.nodes.map((node) => node.id);
    expect(ids).toContain('user:default/ada');
    expect(ids).toContain('domain:default/ticketing');
    expect(ids).toContain('group:default/payments-team');
    expect(edgesOf(neighbourhood)).toContain('group:default/ticketing-team hasMember user:default/ada');
    // tickets-api is both owned by the team and part of the system: reached once, by one edge beyond the root's.
    const toTicketsApi = neighbourhood.edges.filter((edge) => edge.to === 'api:default/tickets-api' || edge.from === 'api:default/tickets-api');
    expect(toTicketsApi).toEqual([{ from: 'api:default/tickets-api', to: 'component:default/ticketing-service', label: 'apiProvidedBy' }]);
  });

  it('keeps a group owning 400 components readable: small relation groups whole, the big one capped with a "+N more" node', () => {
    const components = Array.from({ length: 400 }, (_, i) => ({ kind: 'Component', name: `service-${String(i).padStart(3, '0')}`, relations: [['ownedBy', 'group:default/platform']] as [string, string][] }));
    const entities = catalog([
      { kind: 'Group', name: 'engineering' },
      { kind: 'Group', name: 'platform', relations: [['childOf', 'group:default/engineering'], ['hasMember', 'user:default/ada'], ['hasMember', 'user:default/grace']] },
      { kind: 'User', name: 'ada' },
      { kind: 'User', name: 'grace' },
      ...components,
    ]);
    const { index } = buildCatalogGraph(entities);
    const neighbourhood = selectNeighbourhood(index, 'group:default/platform', { depth: 1, maxNodes: 30 })!;
    const around = neighbourhood.nodes.filter((node) => !node.current);
    expect(around).toHaveLength(30);
    expect(around.filter((node) => node.category === 'user')).toHaveLength(2);
    expect(around.filter((node) => node.category === 'group')).toHaveLength(1);
    expect(around.filter((node) => node.category === 'component')).toHaveLength(26);
    expect(around.filter((node) => node.category === 'more')).toEqual([{ id: 'more:group:default/platform:out-1', label: '+374 more', caption: 'ownerOf', category: 'more' }]);
    expect(neighbourhood.edges).toContainEqual({ from: 'group:default/platform', to: 'more:group:default/platform:out-1', label: 'ownerOf' });
    expect(neighbourhood.truncated).toBe(true);
  });

  it('is undefined for an entity that is not in the graph', () => {
    expect(selectNeighbourhood(buildCatalogGraph(encore()).index, 'component:default/nowhere', { depth: 1, maxNodes: 30 })).toBeUndefined();
  });
});

describe('sharing the node budget between kinds of relation', () => {
  it('shows small groups whole and splits the rest evenly, keeping a slot for each "+N more"', () => {
    expect(allocate([1, 2, 400], 30)).toEqual([1, 2, 26]);
    expect(allocate([100, 100], 30)).toEqual([14, 14]);
    expect(allocate([3, 4], 30)).toEqual([3, 4]);
  });
});
