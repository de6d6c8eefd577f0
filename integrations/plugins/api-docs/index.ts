import { definePlugin, LocatedPluginError, z, type CatalogEntity, type RepoPosition } from '../../plugin-api.ts';
import { apiReferenceSchema, supportedTypes, type DefinitionType } from './api-reference.ts';
import { definitionSourceOf, describePosition, locateDefinition, type DefinitionSource } from './definition-source.ts';
import { DefinitionWorkers } from './definition-workers.ts';
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
    /** Time to parse, validate and map one definition, on a worker thread that is stopped when it runs out. */
    maxDefinitionMs: z.number().int().min(100).max(600_000).default(60_000),
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
  // Reads the catalog and the repo only: `check` validates a repo's definitions as the build does.
  network: false,
  options: optionsSchema,
  create: (options) => {
    const limits = { maxDepth: options.maxSchemaDepth, maxRows: options.maxSchemaRows };
    const workers = new DefinitionWorkers();
    return {
      appliesTo: (entity) => definitionOf(entity) !== undefined,
      data: apiReferenceSchema,
      // No network to wait for, only parsing, but definitions queue for the workers (each bounded by
      // maxDefinitionMs once it runs): the network plugins' default is too short.
      maxEntityMs: 180_000,
      fetch: async (entity, context) => {
        const { type, text } = definitionOf(entity)!;
        // Where the text came from (inline or a `$text` file), as the catalog recorded it, decides
        // what relative references resolve against and where a problem's line counts from.
        const source = definitionSourceOf(entity);
        const job = { type, text, file: source.file, limits, maxExpandedNodes: options.maxExpandedNodes, maxDefinitionRows: options.maxDefinitionRows };
        const outcome = await workers.map(job, (path) => context.readRepoFile(path), options.maxDefinitionMs, context.signal);
        // An inline definition's lines in the descriptor are only looked up for a problem.
        const located = () => locateDefinition(source, context.locate);
        switch (outcome.kind) {
          case 'mapped':
            for (const warning of outcome.warnings) context.report(warning);
            return outcome.reference;
          case 'invalid': {
            const sentence = /[.?!]$/.test(outcome.message) ? outcome.message : `${outcome.message}.`;
            throw new Error(`${sentence} At ${describePosition(await located(), outcome.position)}.`);
          }
          case 'timed-out': {
            const at = await located();
            throw new LocatedPluginError(
              `The ${formatName(type)} definition was not read within ${options.maxDefinitionMs / 1000} s (the API docs plugin's maxDefinitionMs), so its reading was stopped. ${whereWritten(at)}.`,
              definitionPosition(at, entity),
            );
          }
          case 'crashed': {
            const at = await located();
            throw new LocatedPluginError(`The ${formatName(type)} definition could not be read: ${outcome.message}. ${whereWritten(at)}.`, definitionPosition(at, entity));
          }
          case 'cancelled':
            // The stage's own deadline for the entity came first, and it reports that.
            throw new Error('stopped: the entity ran out of time');
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

function formatName(type: DefinitionType): string {
  return { openapi: 'OpenAPI', asyncapi: 'AsyncAPI', graphql: 'GraphQL', grpc: 'protobuf' }[type];
}

/** Where a problem with the definition as a whole is: its `$text` file, or `spec.definition` in the descriptor. */
function definitionPosition(source: DefinitionSource, entity: CatalogEntity): RepoPosition {
  if (source.kind === 'file') return { file: source.file, line: 1, column: 1 };
  return { file: source.file, line: source.line ?? entity.source.line, column: source.line ? 1 : 0 };
}

/** "It is openapi/orders.yaml (the definition's $text file)" or "It is inline in catalog-info.yaml, line 14". */
function whereWritten(source: DefinitionSource): string {
  if (source.kind === 'file') return `It is ${source.file} (the definition's $text file)`;
  return `It is inline in ${source.file}${source.line ? `, line ${source.line}` : ''}`;
}
