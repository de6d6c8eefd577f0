import { describe, expect, it } from 'vitest';
import { filterGraph } from '../../../integrations/plugin-api.ts';
import { buildCatalogGraph } from '../../../integrations/plugins/catalog-graph/catalog-graph-file.ts';
import { encore } from './fixtures/encore.ts';

describe('filtering the whole graph (the Graph page’s filters)', () => {
  const { index } = buildCatalogGraph(encore());

  it('draws a system’s entities and the relations between them', () => {
    const filtered = filterGraph(index, { system: 'system:default/ticket-sales' }, 150);
    expect(filtered.nodes.map((node) => node.id)).toEqual(['api:default/tickets-api', 'component:default/ticketing-service', 'resource:default/tickets-db', 'system:default/ticket-sales']);
    expect(filtered.edges).toContainEqual({ from: 'system:default/ticket-sales', to: 'component:default/ticketing-service', label: 'hasPart' });
    expect(filtered.matched).toBe(4);
  });

  it('combines facets, and caps what it draws while counting every match', () => {
    expect(filterGraph(index, { kind: 'API', domain: 'domain:default/ticketing' }, 150).nodes.map((node) => node.id)).toEqual(['api:default/tickets-api']);
    const capped = filterGraph(index, { kind: 'Component' }, 1);
    expect(capped.nodes).toHaveLength(1);
    expect(capped.matched).toBe(2);
  });
});
