import { describe, expect, it } from 'vitest';
import type { Block, CatalogEntity, SectionBlock } from '../../../integrations/plugin-api.ts';
import { apiReferenceSchema } from '../../../integrations/plugins/api-docs/api-reference.ts';
import { mapGraphQl } from '../../../integrations/plugins/api-docs/map-graphql.ts';
import { mapGrpc } from '../../../integrations/plugins/api-docs/map-grpc.ts';
import { mapOpenApi } from '../../../integrations/plugins/api-docs/map-openapi.ts';
import { renderReferenceCard, renderReferenceTab } from '../../../integrations/plugins/api-docs/render-reference.ts';
import { panelContentSchema } from '../../../src/plugins/panel-view.ts';
import { fixture, memoryRepo } from './fixtures.ts';

const entity: CatalogEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'petstore', namespace: 'default' },
  spec: { type: 'openapi' },
  relations: [],
  source: { repo: 'pets', file: 'catalog-info.yaml', line: 1 },
};

function sections(blocks: readonly Block[]): SectionBlock[] {
  return blocks.filter((block): block is SectionBlock => block.type === 'section');
}

/** Every table caption in the blocks, nested sections included. */
function captions(blocks: readonly Block[]): string[] {
  return blocks.flatMap((block) => (block.type === 'table' ? [block.caption ?? ''] : block.type === 'section' ? captions(block.blocks) : []));
}

describe('rendering the reference', () => {
  it('renders OpenAPI as a section per tag and a collapsed section per operation, with its method as badge', async () => {
    const reference = apiReferenceSchema.parse(await mapOpenApi(await fixture('petstore-openapi3.yaml'), memoryRepo('openapi.yaml')));
    const tab = panelContentSchema.parse(renderReferenceTab(reference));
    expect(tab.status).toEqual({ tone: 'info', label: 'OpenAPI 3.0.3' });
    const tags = sections(tab.blocks);
    expect(tags.map((tag) => tag.title)).toEqual(['pets (4 operations)', 'store (1 operation)', 'Other operations (1 operation)', 'Authentication']);
    const operations = sections(tags[0]!.blocks);
    expect(operations.map((operation) => [operation.badge, operation.title, operation.collapsed])).toEqual([
      [{ label: 'GET', tone: 'info' }, '/pets — List all pets', true],
      [{ label: 'POST', tone: 'ok' }, '/pets — Add a pet', true],
      [{ label: 'GET', tone: 'info' }, '/pets/{id} — Find a pet by id', true],
      [{ label: 'DELETE', tone: 'error' }, '/pets/{id} — Delete a pet (deprecated)', true],
    ]);
    const ids = JSON.stringify(tab).match(/"id":"[^"]+"/g)!;
    expect(new Set(ids).size).toBe(ids.length);
    const add = operations[1]!;
    const body = sections(add.blocks).find((section) => section.title === 'Request body (required)')!;
    expect(body.blocks).toContainEqual(expect.objectContaining({ type: 'table', caption: 'Request application/json: NewPet (POST /pets)' }));
    expect(body.blocks).toContainEqual(expect.objectContaining({ type: 'code', language: 'json', caption: 'Example application/json' }));
    const parameters = operations[0]!.blocks.find((block) => block.type === 'table' && block.caption === 'Parameters (GET /pets)');
    expect(parameters).toMatchObject({
      rows: [
        [[{ text: 'tags', code: true }], 'query', { text: 'array of string', code: true }, '', 'Tags to filter by', ''],
        [[{ text: 'limit', code: true }], 'query', { text: 'integer', code: true }, '', 'Maximum number of results to return', 'format: int32 · ≤ 100'],
      ],
    });
  });

  it('renders the overview card with counts and a link to the tab', async () => {
    const reference = await mapOpenApi(await fixture('petstore-openapi3.yaml'), memoryRepo('openapi.yaml'));
    const card = panelContentSchema.parse(renderReferenceCard(reference, entity));
    expect(card.blocks[0]).toEqual({
      type: 'facts',
      items: [
        { label: 'Title', value: 'Swagger Petstore' },
        { label: 'Version', value: '1.0.0' },
        { label: 'Format', value: 'OpenAPI 3.0.3' },
        { label: 'Server', value: [{ text: 'https://petstore.example.com/api', code: true, title: 'Production' }] },
        { label: 'Contents', value: '6 operations in 3 groups' },
      ],
    });
    expect(card.blocks[1]).toEqual({ type: 'text', text: { text: 'Browse the API reference', href: 'catalog/default/api/petstore/api/' } });
  });

  it('renders GraphQL roots and types, and gRPC methods with their request and response fields', async () => {
    const graphql = panelContentSchema.parse(renderReferenceTab(await mapGraphQl(await fixture('events.graphql'))));
    expect(sections(graphql.blocks).map((section) => section.title)).toEqual(['Queries (3)', 'Mutations (1)', 'Subscriptions (1)', 'Object types (3)', 'Interfaces (1)', 'Input types (1)', 'Enums (1)', 'Unions (1)']);
    expect(sections(sections(graphql.blocks)[0]!.blocks).map((query) => query.title)).toEqual(['event(id): Event', 'events(filter, first): [Event!]!', 'search(text): [SearchResult!]!']);

    const input = memoryRepo('route_guide.proto', { 'common/geo.proto': await fixture('geo.proto') });
    const grpc = panelContentSchema.parse(renderReferenceTab(await mapGrpc(await fixture('route_guide.proto'), input)));
    const service = sections(grpc.blocks)[0]!;
    const methods = sections(service.blocks);
    expect(methods.map((method) => [method.title, method.badge?.label])).toEqual([
      ['GetFeature(Point) → Feature', 'unary'],
      ['ListFeatures(Rectangle) → stream Feature', 'server streaming'],
      ['RecordRoute(stream Point) → RouteSummary', 'client streaming'],
      ['RouteChat(stream RouteNote) → stream RouteNote (deprecated)', 'bidi streaming'],
    ]);
    expect(methods[0]!.blocks.filter((block) => block.type === 'table').map((block) => (block as { caption?: string }).caption)).toEqual(['Request Point (RouteGuide.GetFeature)', 'Response Feature (RouteGuide.GetFeature)']);
  });

  it('gives every table its own caption, naming the operation, method, message or type it belongs to', async () => {
    const openapi = renderReferenceTab(await mapOpenApi(await fixture('petstore-openapi3.yaml'), memoryRepo('openapi.yaml')));
    const graphql = renderReferenceTab(await mapGraphQl(await fixture('events.graphql')));
    const grpc = renderReferenceTab(await mapGrpc(await fixture('route_guide.proto'), memoryRepo('route_guide.proto', { 'common/geo.proto': await fixture('geo.proto') })));
    // A caption names its table's scrollable region: two opened operations must not both show a "Parameters" region.
    for (const tab of [openapi, graphql, grpc]) {
      const all = captions(tab.blocks);
      expect(all.length).toBeGreaterThan(2);
      expect(new Set(all).size).toBe(all.length);
    }
    expect(captions(openapi.blocks)).toContain('Parameters (GET /pets/{id})');
    expect(captions(openapi.blocks)).toContain('Parameters (DELETE /pets/{id})');
  });
});
