import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Block, GraphBlock, GraphFile } from '../../../integrations/plugin-api.ts';
import { catalogGraph } from '../../../integrations/plugins/catalog-graph/index.ts';
import { buildCatalogGraph } from '../../../integrations/plugins/catalog-graph/catalog-graph-file.ts';
import { overviewModel } from '../../../integrations/plugins/catalog-graph/overview.ts';
import { relationSentences } from '../../../src/plugins/graph/index.ts';
import { runPlugins, type PluginStageOptions } from '../../../src/plugins/run-plugins.ts';
import { catalog, encore } from './fixtures/encore.ts';

let cacheDir: string;
let options: PluginStageOptions;
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'playbill-catalog-graph-'));
  options = {
    policy: { concurrency: 4, timeoutMs: 1000, retries: 0, backoffMs: 10, maxRateLimitWaitMs: 0, offline: false, cacheTtlMs: 0, entityTimeoutMs: 5000 },
    cacheDir,
    transport: () => Promise.reject(new Error('the catalog graph makes no requests')),
    sample: false,
    problemSeverity: 'warning',
    maxFileBytes: 1 << 20,
  };
});
afterEach(() => rm(cacheDir, { recursive: true, force: true }));

const graphIn = (blocks: readonly Block[] | undefined): GraphBlock => blocks!.find((block): block is GraphBlock => block.type === 'graph')!;

describe('the catalog graph plugin', () => {
  it('gives every related entity a laid-out diagram of its relations, expandable from the graph file', async () => {
    const result = await runPlugins([catalogGraph()], encore(), [], options);
    expect(result.problems).toEqual([]);
    const card = result.byEntity.get('component:default/ticketing-service')!.cards[0]!;
    expect(card.content?.title).toBe('Relations graph');
    const graph = graphIn(card.content?.blocks);
    expect(graph).toMatchObject({ title: 'Relations of Ticketing Service', expandFrom: 'plugins/catalog-graph/graph.json', depth: 1 });
    expect(graph.nodes.filter((node) => node.current).map((node) => node.id)).toEqual(['component:default/ticketing-service']);
    expect(graph.nodes).toHaveLength(7);
    expect(result.stats[0]!.fetch.requests).toBe(0);
  });

  it('describes the diagram in words: every relation it draws, once, with kinds', async () => {
    const result = await runPlugins([catalogGraph()], encore(), [], options);
    const graph = graphIn(result.byEntity.get('component:default/ticketing-service')!.cards[0]!.content?.blocks);
    expect(relationSentences(graph).sort()).toEqual([
      'Ticket Sales (System) has part Ticketing Service (Component · service)',
      'Ticketing Service (Component · service) consumes API Payments API (API · openapi)',
      'Ticketing Service (Component · service) depends on ledger (Component · not in the catalog)',
      'Ticketing Service (Component · service) depends on tickets-db (Resource · database)',
      'Ticketing Team (Group · team) owner of Ticketing Service (Component · service)',
      'Tickets API (API · openapi) API provided by Ticketing Service (Component · service)',
    ]);
  });

  it('draws an entity that is not in the catalog as a plain node: no link, marked as missing', async () => {
    const result = await runPlugins([catalogGraph()], encore(), [], options);
    const graph = graphIn(result.byEntity.get('component:default/ticketing-service')!.cards[0]!.content?.blocks);
    const ledger = graph.nodes.find((node) => node.id === 'component:default/ledger')!;
    expect(ledger.href).toBeUndefined();
    expect(ledger).toMatchObject({ label: 'ledger', caption: 'Component · not in the catalog', tone: 'warning' });
    expect(graph.nodes.find((node) => node.id === 'resource:default/tickets-db')!.href).toBe('catalog/default/resource/tickets-db/');
  });

  it('says so when a diagram leaves related entities out', async () => {
    const entities = catalog([
      { kind: 'Group', name: 'platform' },
      ...Array.from({ length: 45 }, (_, i) => ({ kind: 'Component', name: `service-${i}`, relations: [['ownedBy', 'group:default/platform']] as [string, string][] })),
    ]);
    const result = await runPlugins([catalogGraph({ maxNodes: 12 })], entities, [], options);
    const blocks = result.byEntity.get('group:default/platform')!.cards[0]!.content!.blocks;
    expect(graphIn(blocks).nodes).toHaveLength(13);
    expect(blocks).toContainEqual({ type: 'text', text: 'The diagram shows part of the 45 related entities; "more" nodes count the rest, and the Relations list below names them all.' });
  });

  it('adds a "Graph" page in the header, and publishes the whole graph for the islands', async () => {
    const result = await runPlugins([catalogGraph()], encore(), [], options);
    expect(result.pages.map(({ plugin, path, title, nav }) => ({ plugin, path, title, nav }))).toEqual([{ plugin: 'catalog-graph', path: '', title: 'Graph', nav: true }]);
    const overview = graphIn(result.pages[0]!.content.blocks);
    expect(overview).toMatchObject({ filterable: true, expandFrom: 'plugins/catalog-graph/graph.json' });
    expect(overview.nodes.map((node) => node.label).sort()).toEqual(['Payments', 'Ticket Sales', 'Ticketing']);
    expect(result.files).toHaveLength(1);
    expect(result.files[0]!.path).toBe('graph.json');
    const file = JSON.parse(result.files[0]!.json) as GraphFile;
    expect(file.nodes).toHaveLength(11);
    expect(file.facets.map((facet) => facet.label)).toEqual(['Kind', 'System', 'Domain']);
  });

  it('is never marked as sample data, even in a build from recordings: it reads only the catalog', async () => {
    const result = await runPlugins([catalogGraph()], encore(), [], { ...options, sample: true });
    expect(result.byEntity.get('component:default/ticketing-service')!.cards[0]!.sample).toBe(false);
    expect(result.pages[0]!.sample).toBe(false);
  });

  it('draws deeper neighbourhoods at build time when asked (with dagre)', async () => {
    const result = await runPlugins([catalogGraph({ depth: 2 })], encore(), [], options);
    const graph = graphIn(result.byEntity.get('user:default/ada')!.cards[0]!.content?.blocks);
    expect(graph.depth).toBe(2);
    expect(graph.nodes.map((node) => node.id)).toContain('component:default/ticketing-service');
  });

  it('refuses options it does not know, with the option named', () => {
    expect(() => catalogGraph({ depth: 9 })).toThrow(/catalog-graph plugin[\s\S]*depth/);
  });
});

describe('the overview of the catalog', () => {
  it('sums up dependencies between systems from the relations of their parts', () => {
    const entities = encore();
    const overview = overviewModel(buildCatalogGraph(entities), 150);
    expect(overview.domainsOnly).toBe(false);
    expect(overview.edges).toEqual([
      { from: 'domain:default/ticketing', to: 'system:default/ticket-sales', label: 'hasPart' },
      // ticketing-service (in Ticket Sales) consumes payments-api (in Payments).
      { from: 'system:default/ticket-sales', to: 'system:default/payments', label: 'dependsOn' },
    ]);
  });

  it('draws the strongest dependencies only, counting the relations behind each', () => {
    const part = (name: string, system: string, dependsOn: string[] = []) => ({
      kind: 'Component',
      name,
      relations: [['partOf', `system:default/${system}`], ...dependsOn.map((target) => ['dependsOn', `component:default/${target}`])] as [string, string][],
    });
    const entities = catalog([
      { kind: 'System', name: 'a' },
      { kind: 'System', name: 'b' },
      { kind: 'System', name: 'c' },
      part('a1', 'a', ['b1', 'c1']),
      part('a2', 'a', ['b1']),
      part('b1', 'b'),
      part('c1', 'c'),
    ]);
    const overview = overviewModel(buildCatalogGraph(entities), 150, 1);
    expect(overview.edges).toEqual([{ from: 'system:default/a', to: 'system:default/b', label: 'dependsOn' }]);
    expect(overview.dependencies).toBe(2);
  });

  it('shows domains only when there are too many systems to draw', () => {
    const overview = overviewModel(buildCatalogGraph(encore()), 2);
    expect(overview.domainsOnly).toBe(true);
    expect(overview.nodes.map((node) => node.id)).toEqual(['domain:default/ticketing']);
  });
});
