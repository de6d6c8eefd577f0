import { definePlugin, z, type CatalogEntity } from '../../plugin-api.ts';
import { apiReferenceSchema, supportedTypes, type ApiReference, type DefinitionType } from './api-reference.ts';
import { DefinitionError } from './definition-error.ts';
import { DefinitionSources, describePosition } from './definition-source.ts';
import type { MapInput } from './map-input.ts';
import { countsOf, formatLabel, renderReferenceCard, renderReferenceTab, tabSlug } from './render-reference.ts';

const optionsSchema = z
  .object({
    /** Nesting levels of a schema listed below its top-level properties; deeper ones are counted, not listed. */
    maxSchemaDepth: z.number().int().min(0).max(20).default(6),
    /** Rows per schema table; a bigger schema lists this many and says how many more there are. */
    maxSchemaRows: z.number().int().min(1).max(5_000).default(300),
    /** Rows of all the schemas of one definition together; past it, tables say how many rows they leave out, and the entity gets a warning. */
    maxDefinitionRows: z.number().int().min(1).max(1_000_000).default(20_000),
    /**
     * Nodes one definition may have with every `$ref` followed as a tree, which is how parsers
     * validate it: schemas that each refer to the next many times make a small file enormous.
     * A definition over it is a problem, found before any parser walks it.
     */
    maxExpandedNodes: z.number().int().min(1_000).max(100_000_000).default(1_000_000),
  })
  .strict();

/**
 * API docs: every API entity's `spec.definition` (OpenAPI 3.x / Swagger 2, AsyncAPI 2.x / 3.x,
 * GraphQL SDL, gRPC `.proto`) rendered as a browsable reference, in an "API reference" tab and
 * an overview card. Definitions come from the catalog and `$ref`s / imports from the entity's
 * repo: the plugin makes no HTTP request at all. An invalid definition is a problem located in
 * its text; the entity page keeps showing the definition as written.
 */
export const apiDocs = definePlugin({
  name: 'api-docs',
  title: 'API reference',
  // Lets the pipeline worker import this plugin and run it off the main thread.
  module: import.meta.url,
  options: optionsSchema,
  create: (options) => {
    const limits = { maxDepth: options.maxSchemaDepth, maxRows: options.maxSchemaRows };
    const definitionSources = new DefinitionSources();
    return {
      appliesTo: (entity) => definitionOf(entity) !== undefined,
      data: apiReferenceSchema,
      // No network to wait for, only parsing, and AsyncAPI definitions queue for their one shared
      // parser (up to a few seconds each on a busy machine): the network plugins' default is too short.
      maxEntityMs: 180_000,
      fetch: async (entity, context) => {
        const { type, text } = definitionOf(entity)!;
        // The descriptor says where the text came from (inline or a `$text` file), which decides
        // what relative references resolve against and where a problem's line counts from.
        const descriptor = await context.readRepoFile(entity.source.file).catch(() => undefined);
        const source = definitionSources.find(entity, descriptor);
        const input: MapInput = {
          file: source.file,
          readFile: (path) => context.readRepoFile(path),
          limits,
          maxExpandedNodes: options.maxExpandedNodes,
          maxDefinitionRows: options.maxDefinitionRows,
          warn: (message) => context.report(message),
        };
        try {
          return await mapDefinition(type, text, input);
        } catch (error) {
          if (!(error instanceof DefinitionError)) throw error;
          const sentence = /[.?!]$/.test(error.message) ? error.message : `${error.message}.`;
          throw new Error(`${sentence} At ${describePosition(definitionSources.locate(entity, descriptor), error.position)}.`);
        }
      },
      card: (reference, entity) => renderReferenceCard(reference, entity),
      tab: { title: 'API reference', slug: tabSlug, render: (reference) => renderReferenceTab(reference) },
      catalog: (reference) => ({ format: formatLabel(reference), title: reference.title, version: reference.version, contents: countsOf(reference) }),
    };
  },
});

export default apiDocs;

/** The entity's definition when the plugin can render it: an API of a supported type whose definition is text, not a URL. */
function definitionOf(entity: CatalogEntity): { type: DefinitionType; text: string } | undefined {
  if (entity.kind.toLowerCase() !== 'api') return undefined;
  const type = typeof entity.spec?.type === 'string' ? entity.spec.type.toLowerCase() : '';
  const text = entity.spec?.definition;
  if (!(supportedTypes as readonly string[]).includes(type) || typeof text !== 'string') return undefined;
  // A `$text` URL stays a URL (it is not fetched at build time); the entity page links to it.
  if (/^https?:\/\/\S+$/.test(text.trim())) return undefined;
  return { type: type as DefinitionType, text };
}

/** Each parser loads on the first definition of its type, so a build without AsyncAPI never loads the heaviest one. */
async function mapDefinition(type: DefinitionType, text: string, input: MapInput): Promise<ApiReference> {
  switch (type) {
    case 'openapi':
      return (await import('./map-openapi.ts')).mapOpenApi(text, input);
    case 'asyncapi':
      return (await import('./map-asyncapi.ts')).mapAsyncApi(text, input);
    case 'graphql':
      return (await import('./map-graphql.ts')).mapGraphQl(text);
    case 'grpc':
      return (await import('./map-grpc.ts')).mapGrpc(text, input);
  }
}
