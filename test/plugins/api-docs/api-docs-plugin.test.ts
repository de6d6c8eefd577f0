import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiDocs } from '../../../integrations/plugins/api-docs/index.ts';
import { loadCatalog } from '../../../src/catalog/index.ts';
import { runPlugins, type PluginStageOptions } from '../../../src/plugins/run-plugins.ts';
import type { Repo } from '../../../src/sources/repo.ts';
import { makeRepos, yaml } from '../../support/temp-repos.ts';
import { fixture } from './fixtures.ts';

let cacheDir: string;
let requests: string[];
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'playbill-api-docs-cache-'));
  requests = [];
});
afterEach(() => rm(cacheDir, { recursive: true, force: true }));

function stageOptions(overrides: Partial<PluginStageOptions> = {}): PluginStageOptions {
  return {
    policy: { concurrency: 4, timeoutMs: 1000, retries: 0, backoffMs: 10, maxRateLimitWaitMs: 100, cacheTtlMs: 60_000, offline: false, entityTimeoutMs: 60_000 },
    cacheDir,
    // The plugin makes no HTTP request at all; any request would be recorded and fail.
    transport: async (input) => {
      requests.push(String(input));
      throw new Error('no network in this test');
    },
    sample: false,
    problemSeverity: 'warning',
    maxFileBytes: 1024 * 1024,
    ...overrides,
  };
}

async function build(repos: Repo[], catalogFiles: string[] = [], overrides: Partial<PluginStageOptions> = {}) {
  const catalog = await loadCatalog(repos, { catalogFiles, customKinds: [], maxFileBytes: 1024 * 1024 });
  const result = await runPlugins([apiDocs()], catalog.entities, repos, stageOptions(overrides));
  return { catalog, result };
}

/** One API document; `definition` is written after `definition:` as is (its lines indented by four spaces). */
const api = (name: string, type: string, definition: string) =>
  ['---', 'apiVersion: backstage.io/v1alpha1', 'kind: API', 'metadata:', `  name: ${name}`, 'spec:', `  type: ${type}`, '  lifecycle: production', '  owner: team-a', `  definition:${definition}`, ''].join('\n');

describe('the API docs plugin in the plugin stage', () => {
  it('renders a tab and a card for every API with a definition, reading $text files and their $refs from the repo', { timeout: 60_000 }, async () => {
    const { repos } = await makeRepos({
      shop: {
        'catalog-info.yaml': [
          api('orders', 'openapi', '\n    $text: ./api/openapi.yaml'),
          api('events', 'graphql', ' |\n    type Query {\n      events: [String!]!\n    }'),
          api('routes', 'grpc', '\n    $text: ./proto/route_guide.proto'),
          api('remote', 'openapi', '\n    $text: https://example.com/openapi.yaml'),
          api('rpc', 'trpc', ' "router"'),
        ].join(''),
        'api/openapi.yaml': yaml`
          openapi: 3.0.3
          info: { title: Orders, version: '2.0.0' }
          paths:
            /orders:
              get:
                tags: [orders]
                responses:
                  '200':
                    description: Orders.
                    content:
                      application/json:
                        schema: { $ref: './schemas/order.yaml' }
        `,
        'api/schemas/order.yaml': 'type: object\nproperties:\n  id: { type: string }\n',
        'proto/route_guide.proto': await fixture('route_guide.proto'),
        'proto/common/geo.proto': await fixture('geo.proto'),
      },
    });
    const { result } = await build(repos);
    expect(result.problems).toEqual([]);
    expect([...result.byEntity.keys()].sort()).toEqual(['api:default/events', 'api:default/orders', 'api:default/routes']);
    const orders = result.byEntity.get('api:default/orders')!;
    expect(orders.tabs).toMatchObject([{ plugin: 'api-docs', title: 'API reference', slug: 'api', content: { status: { label: 'OpenAPI 3.0.3' } } }]);
    expect(JSON.stringify(orders.tabs[0]!.content)).toContain('"caption":"Response 200 application/json: order (GET /orders)"');
    expect(orders.cards[0]!.content!.blocks).toContainEqual({ type: 'text', text: { text: 'Browse the API reference', href: 'catalog/default/api/orders/api/' } });
    expect(orders.catalog['api-docs']).toEqual({ format: 'OpenAPI 3.0.3', title: 'Orders', version: '2.0.0', contents: '1 operation in 1 group' });
    expect(JSON.stringify(result.byEntity.get('api:default/routes')!.tabs[0]!.content)).toContain('Request Point');
    expect(result.stats[0]!.fetch.requests).toBe(0);
    expect(requests).toEqual([]);
  });

  it('reports an invalid inline definition at its line in the definition and in the descriptor', { timeout: 60_000 }, async () => {
    const { repos } = await makeRepos({
      shop: {
        'catalog-info.yaml': api('orders', 'openapi', " |\n    openapi: 3.0.3\n    info: { title: Orders, version: '1' }\n    paths:\n      /orders/{id}:\n        get:\n          parameters:\n            - name: id\n              in: path\n              schema: { type: string }\n          responses:\n            '200': { description: OK }"),
      },
    });
    const { result } = await build(repos);
    expect(result.problems).toEqual([
      {
        severity: 'warning',
        repo: 'shop',
        file: 'catalog-info.yaml',
        line: 2,
        column: 1,
        entityRef: 'api:default/orders',
        code: 'plugin-failed',
        plugin: 'api-docs',
        message:
          `API reference (api-docs plugin): The OpenAPI definition does not match the OpenAPI schema: paths["/orders/{id}"].get.parameters[0] must have required property 'required'. ` +
          'At line 7, column 11 of the definition (inline in catalog-info.yaml, line 17, column 15).',
      },
    ]);
    // The tab says why it is empty; the entity page still shows the definition as written.
    expect(result.byEntity.get('api:default/orders')!.tabs[0]).toMatchObject({ slug: 'api', unavailable: expect.stringContaining('At line 7, column 11 of the definition') });
  });

  it('reports an invalid $text definition at its line in that file', { timeout: 60_000 }, async () => {
    const { repos } = await makeRepos({
      shop: {
        'catalog/apis.yaml': [api('routes', 'grpc', '\n    $text: ../proto/routes.proto'), api('events', 'graphql', '\n    $text: ../schema.graphql')].join(''),
        'proto/routes.proto': 'syntax = "proto3";\n\nmessage Point {\n  int32 latitude = 1\n}\n',
        'schema.graphql': 'type Query {\n  events: [Evnt]\n}\n',
      },
    });
    const { result } = await build(repos, ['catalog/*.yaml']);
    // Problems come in the order fetches finish; the pipeline sorts them later.
    expect(result.problems.map((problem) => [problem.file, problem.entityRef, problem.message]).sort()).toEqual([
      ['catalog/apis.yaml', 'api:default/events', 'API reference (api-docs plugin): The GraphQL schema is invalid: Unknown type "Evnt". Did you mean "Int"? At line 2, column 12 of schema.graphql (the definition\'s $text file).'],
      ['catalog/apis.yaml', 'api:default/routes', "API reference (api-docs plugin): The protobuf definition has a syntax error: illegal token '}', ';' expected. At line 5 of proto/routes.proto (the definition's $text file)."],
    ]);
  });

  it('refuses a $ref that escapes the repo, with a problem, and reads nothing outside it', { timeout: 60_000 }, async () => {
    const { repos, root } = await makeRepos({
      shop: {
        'catalog-info.yaml': api('orders', 'openapi', '\n    $text: ./openapi.yaml'),
        'openapi.yaml': "openapi: 3.0.3\ninfo: { title: Orders, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    Secret:\n      $ref: '../secrets/keys.yaml'\n",
      },
      secrets: { 'keys.yaml': 'type: string\ndescription: TOP SECRET\n' },
    });
    expect(existsSync(join(root, 'secrets/keys.yaml'))).toBe(true);
    const { result } = await build(repos.filter((repo) => repo.name === 'shop'));
    expect(result.problems.map((problem) => problem.message)).toEqual([
      `API reference (api-docs plugin): The OpenAPI definition: $ref "../secrets/keys.yaml" was not followed: it leads outside the repo; only files inside the repo are read. At line 7, column 13 of openapi.yaml (the definition's $text file).`,
    ]);
    expect(JSON.stringify(result.byEntity.get('api:default/orders'))).not.toContain('TOP SECRET');
  });

  it('is not marked as sample data in a build from recordings: it read no recorded response', { timeout: 60_000 }, async () => {
    const { repos } = await makeRepos({ shop: { 'catalog-info.yaml': api('events', 'graphql', ' |\n    type Query {\n      events: [String!]!\n    }') } });
    const { result } = await build(repos, [], { sample: true });
    const output = result.byEntity.get('api:default/events')!;
    expect([...output.cards, ...output.tabs].map((panel) => [panel.sample, panel.fetchedAt])).toEqual([
      [false, undefined],
      [false, undefined],
    ]);
  });

  it('renders a definition whose schemas refer to themselves', { timeout: 60_000 }, async () => {
    const { repos } = await makeRepos({
      shop: {
        'catalog-info.yaml': api('tree', 'openapi', '\n    $text: ./openapi.yaml'),
        'openapi.yaml': "openapi: 3.1.0\ninfo: { title: Tree, version: '1' }\npaths:\n  /nodes:\n    get:\n      responses:\n        '200':\n          description: A tree.\n          content:\n            application/json:\n              schema: { $ref: '#/components/schemas/Node' }\ncomponents:\n  schemas:\n    Node:\n      type: object\n      properties:\n        children: { type: array, items: { $ref: '#/components/schemas/Node' } }\n",
      },
    });
    const { result } = await build(repos);
    expect(result.problems).toEqual([]);
    expect(JSON.stringify(result.byEntity.get('api:default/tree')!.tabs[0]!.content)).toContain('"text":"array of Node (circular)"');
  });
});

// Backstage's own example APIs, read in place (CI has ../shared beside the clone; a user's clone may not).
const corpus = fileURLToPath(new URL('../../../../shared/corpus/backstage-examples', import.meta.url));
const corpusPresent = existsSync(corpus);
if (!corpusPresent) console.warn(`Skipping the Backstage example APIs test: ${corpus} is absent (it ships beside the project in CI only).`);

describe.skipIf(!corpusPresent)('Backstage’s example APIs', () => {
  it('renders every example definition that is text (OpenAPI inline and by $text, gRPC, AsyncAPI) without a problem', { timeout: 120_000 }, async () => {
    const repo = { name: 'backstage-examples', dir: corpus };
    const { catalog, result } = await build([repo], ['apis/*.yaml']);
    const apis = catalog.entities.filter((entity) => entity.kind === 'API').map((entity) => entity.metadata.name);
    expect(apis).toEqual(expect.arrayContaining(['petstore', 'petstore-webhook', 'hello-world', 'streetlights']));
    expect(result.problems).toEqual([]);
    const labels = Object.fromEntries([...result.byEntity].map(([ref, output]) => [ref, output.tabs[0]!.content!.status!.label]));
    expect(labels).toEqual({
      'api:default/hello-world': 'gRPC (proto3)',
      'api:default/petstore': 'OpenAPI 3.0.0',
      'api:default/petstore-webhook': 'OpenAPI 3.1.0',
      'api:default/streetlights': expect.stringMatching(/^AsyncAPI 2\./),
    });
    // URL definitions ($text: https://…) and types without a parser (trpc) are left to the entity page.
    for (const name of ['spotify', 'wayback-archive', 'wayback-search', 'hello-world-trpc']) expect(result.byEntity.has(`api:default/${name}`)).toBe(false);
    expect(JSON.stringify(result.byEntity.get('api:default/petstore-webhook')!.tabs[0]!.content)).toContain('Webhook newPet');
  });
});
