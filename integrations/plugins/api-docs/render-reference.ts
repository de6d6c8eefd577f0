import { entityPagePath, type Block, type CatalogEntity, type Cell, type PanelContent } from '../../plugin-api.ts';
import type { ApiReference } from './api-reference.ts';
import { asyncApiBlocks } from './render-asyncapi.ts';
import { Anchors, paragraphs, plural, serverTable } from './render-blocks.ts';
import { graphQlBlocks } from './render-graphql.ts';
import { grpcBlocks } from './render-grpc.ts';
import { openApiBlocks } from './render-openapi.ts';

export const tabSlug = 'api';

/** The "API reference" tab: what the API is, then its operations/channels/types, each collapsed. */
export function renderReferenceTab(reference: ApiReference): PanelContent {
  const anchors = new Anchors();
  const blocks: Block[] = [...paragraphs(reference.description)];
  // The tab lists the servers in a table of their own.
  blocks.push({ type: 'facts', items: summaryFacts(reference, 0) });
  if (reference.servers.length > 0) blocks.push(serverTable(reference.servers));
  switch (reference.format) {
    case 'openapi':
      blocks.push(...openApiBlocks(reference, anchors));
      break;
    case 'asyncapi':
      blocks.push(...asyncApiBlocks(reference, anchors));
      break;
    case 'graphql':
      blocks.push(...graphQlBlocks(reference, anchors));
      break;
    case 'grpc':
      blocks.push(...grpcBlocks(reference, anchors));
      break;
  }
  return { status: { tone: 'info', label: formatLabel(reference) }, blocks };
}

/** The overview card: title, version, servers and counts, and the way to the tab. */
export function renderReferenceCard(reference: ApiReference, entity: CatalogEntity): PanelContent {
  return {
    status: { tone: 'info', label: formatLabel(reference) },
    blocks: [
      { type: 'facts', items: summaryFacts(reference, 3) },
      { type: 'text', text: { text: 'Browse the API reference', href: `${entityPagePath(entity)}${tabSlug}/` } },
    ],
  };
}

/** `OpenAPI 3.0.3`, `Swagger 2.0`, `AsyncAPI 2.6.0`, `GraphQL`, `gRPC (proto3)`. */
export function formatLabel(reference: ApiReference): string {
  switch (reference.format) {
    case 'openapi':
      return reference.specVersion?.startsWith('2') ? `Swagger ${reference.specVersion}` : `OpenAPI ${reference.specVersion ?? ''}`.trim();
    case 'asyncapi':
      return `AsyncAPI ${reference.specVersion ?? ''}`.trim();
    case 'graphql':
      return 'GraphQL';
    case 'grpc':
      return reference.specVersion ? `gRPC (${reference.specVersion})` : 'gRPC';
  }
}

/** One line of counts: `12 operations in 4 tags`, `2 channels, 3 operations, 4 messages`. */
export function countsOf(reference: ApiReference): string {
  switch (reference.format) {
    case 'openapi': {
      const operations = new Set(reference.tags.flatMap((tag) => tag.operations.map((operation) => `${operation.method} ${operation.path}`))).size;
      return `${plural(operations, 'operation')} in ${plural(reference.tags.length, 'group')}`;
    }
    case 'asyncapi': {
      const operations = reference.channels.reduce((sum, channel) => sum + channel.operations.length, 0);
      const messages = new Set(reference.channels.flatMap((channel) => channel.messages.map((message) => message.id))).size;
      return `${plural(reference.channels.length, 'channel')}, ${plural(operations, 'operation')}, ${plural(messages, 'message')}`;
    }
    case 'graphql': {
      const count = (kind: string) => reference.operations.find((root) => root.kind === kind)?.fields.length ?? 0;
      return `${plural(count('query'), 'query', 'queries')}, ${plural(count('mutation'), 'mutation')}, ${plural(count('subscription'), 'subscription')}, ${plural(reference.types.length, 'type')}`;
    }
    case 'grpc': {
      const methods = reference.services.reduce((sum, service) => sum + service.methods.length, 0);
      return `${plural(reference.services.length, 'service')}, ${plural(methods, 'method')}, ${plural(reference.messages.length, 'message')}, ${plural(reference.enums.length, 'enum')}`;
    }
  }
}

function summaryFacts(reference: ApiReference, maxServers: number): { label: string; value: Cell }[] {
  const facts: { label: string; value: Cell }[] = [];
  if (reference.title) facts.push({ label: reference.format === 'grpc' ? 'Package' : 'Title', value: reference.title });
  if (reference.version) facts.push({ label: 'Version', value: reference.version });
  facts.push({ label: 'Format', value: formatLabel(reference) });
  if (reference.servers.length > 0 && maxServers > 0) {
    const shown = reference.servers.slice(0, maxServers).map((server) => ({ text: server.url, code: true, ...(server.description ? { title: server.description } : {}) }));
    const more = reference.servers.length - shown.length;
    facts.push({ label: reference.servers.length === 1 ? 'Server' : 'Servers', value: more > 0 ? [...shown, `and ${more} more`] : shown });
  }
  facts.push({ label: 'Contents', value: countsOf(reference) });
  return facts;
}
