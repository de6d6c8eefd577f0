import type { AsyncAPIDocumentInterface, Diagnostic, MessageInterface, Parser } from '@asyncapi/parser';
import type { AsyncApiReference, Example, SchemaView } from './api-reference.ts';
import { DefinitionError } from './definition-error.ts';
import { countExpandedNodes, expansionError, followRefsOf } from './ref-expansion.ts';
import { refusalError, RepoRefs } from './repo-refs.ts';
import { compact, omittedRowsWarning, RowBudget, schemaView, text, type SchemaLimits } from './schema-rows.ts';
import type { MapInput } from './map-input.ts';
import { parseYamlSource } from './yaml-source.ts';

/**
 * An AsyncAPI 2.x or 3.x definition → the reference, through `@asyncapi/parser` (the AsyncAPI
 * initiative's parser: Spectral rules and the spec's JSON schemas). It is heavy (about a second
 * to load and set up), so it is loaded on the first AsyncAPI definition of a build and shared.
 * Parses run one at a time: the parser's `$ref` resolvers are set up once, and route each read
 * to the repo of the definition being parsed.
 */
let parserReady: Promise<Parser> | undefined;
let current: RepoRefs | undefined;
let queue: Promise<unknown> = Promise.resolve();

/** Stands in for a refused file, so the parser stops there instead of trying its own readers. */
const refusedPlaceholder = JSON.stringify({ description: 'Not read by Playbill.' });

function sharedParser(): Promise<Parser> {
  parserReady ??= (async () => {
    const { Parser } = await import('@asyncapi/parser');
    const read = async (uri: { toString(): string; path(): string; scheme(): string }) => {
      try {
        if (!current) throw new Error('no AsyncAPI definition is being parsed');
        return await current.read(uri.scheme() === 'file' || uri.scheme() === '' ? uri.path() : uri.toString());
      } catch {
        return refusedPlaceholder;
      }
    };
    return new Parser({
      // The "recommended" rules are style advice (ids, tags, licences), not validity.
      ruleset: { recommended: false },
      // First in order, and never failing: the parser falls back to its own file and HTTP readers
      // when a resolver throws, and neither may ever run.
      __unstable: { resolver: { cache: false, resolvers: ['file', 'http', 'https'].map((schema) => ({ schema, order: 1, canRead: true, read })) } },
    });
  })();
  return parserReady;
}

export async function mapAsyncApi(definition: string, input: MapInput): Promise<AsyncApiReference> {
  // Positions and syntax errors come from the same YAML reading as OpenAPI's.
  const source = parseYamlSource(definition, 'The AsyncAPI definition');
  const value = source.value as Record<string, unknown> | null;
  if (typeof value !== 'object' || value === null || value.asyncapi === undefined) {
    throw new DefinitionError('The AsyncAPI definition has no `asyncapi` field at the top.', { line: 1 });
  }
  // The parser validates and lints the document with every $ref followed: sized first.
  const baseUrl = RepoRefs.urlOf(input.file);
  const sizing = new RepoRefs(input.readFile);
  const follow = await followRefsOf(baseUrl, value, (url) => sizing.read(url).catch(() => refusedPlaceholder));
  if (follow) {
    const count = countExpandedNodes(value, baseUrl, follow, input.maxExpandedNodes);
    if (count.over) throw expansionError('The AsyncAPI definition', input.maxExpandedNodes, count, source.refs(), baseUrl, follow);
  }
  const parser = await sharedParser();
  const refs = new RepoRefs(input.readFile);
  const run = queue.then(async () => {
    current = refs;
    try {
      return await parser.parse(definition, { source: RepoRefs.pathOf(input.file) });
    } finally {
      current = undefined;
    }
  });
  queue = run.catch(() => undefined);
  const { document, diagnostics } = await run;
  if (refs.refused.length > 0) throw refusalError(refs.refused[0]!, source.refs(), RepoRefs.urlOf(input.file), 'The AsyncAPI definition');
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 0);
  if (!document || errors.length > 0) throw diagnosticError(errors);
  const budget = new RowBudget(input.maxDefinitionRows);
  const reference = new AsyncApiMapper(input.limits, budget).reference(document);
  if (budget.omitted > 0) input.warn(omittedRowsWarning('AsyncAPI', input.maxDefinitionRows, budget.omitted));
  return reference;
}

/** The error a person would fix first: a syntax error, else the first located one. */
function diagnosticError(errors: Diagnostic[]): DefinitionError {
  const located = (diagnostic: Diagnostic) => diagnostic.range.start.line > 0 || diagnostic.range.start.character > 0;
  const chosen = errors.find((diagnostic) => diagnostic.code === 'parser') ?? errors.find(located) ?? errors[0];
  if (!chosen) return new DefinitionError('The AsyncAPI definition could not be parsed.');
  const where = chosen.path.length > 0 ? ` (at ${chosen.path.join('.')})` : '';
  const others = errors.length - 1;
  return new DefinitionError(
    `The AsyncAPI definition is invalid: ${chosen.message.replace(/\.$/, '')}${where}${others > 0 ? `, and ${others} more error${others === 1 ? '' : 's'}` : ''}.`,
    located(chosen) ? { line: chosen.range.start.line + 1, column: chosen.range.start.character + 1 } : undefined,
  );
}

class AsyncApiMapper {
  private readonly limits: SchemaLimits;
  private readonly budget: RowBudget;
  private readonly anchors = new Set<string>();

  constructor(limits: SchemaLimits, budget: RowBudget) {
    this.limits = limits;
    this.budget = budget;
  }

  reference(document: AsyncAPIDocumentInterface): AsyncApiReference {
    const info = document.info();
    return compact({
      format: 'asyncapi' as const,
      specVersion: document.version(),
      title: text(info.title()),
      version: text(info.version()),
      description: text(info.description()),
      servers: document
        .servers()
        .all()
        // 3.x splits a server into host and pathname; the parser's url() adds a scheme the author did not write.
        .map((server) =>
          compact({
            name: server.id(),
            url: document.version().startsWith('2.') ? server.url() : `${server.host()}${server.pathname() ?? ''}`,
            protocol: server.protocol(),
            description: text(server.description()),
          }),
        ),
      channels: document
        .channels()
        .all()
        .map((channel) =>
          compact({
            id: channel.id(),
            anchor: this.anchor(`channel-${channel.id()}`),
            address: channel.address() ?? undefined,
            description: text(channel.description()),
            parameters: channel
              .parameters()
              .all()
              .map((parameter) => {
                const schema = parameter.schema()?.json();
                const view = schema ? this.schema(schema, { maxDepth: 0, maxRows: 0 }) : undefined;
                return compact({
                  name: parameter.id(),
                  in: 'channel',
                  type: view?.type ?? 'string',
                  required: true,
                  description: text(parameter.description()),
                  values: view?.values,
                });
              }),
            operations: channel
              .operations()
              .all()
              .map((operation) =>
                compact({
                  id: operation.id() ?? '',
                  action: String(operation.action()),
                  summary: text(operation.summary()),
                  description: text(operation.description()),
                  messages: operation
                    .messages()
                    .all()
                    .map((message) => messageName(message)),
                }),
              ),
            messages: channel
              .messages()
              .all()
              .map((message) => this.message(message)),
          }),
        ),
    });
  }

  private message(message: MessageInterface): AsyncApiReference['channels'][number]['messages'][number] {
    const payload = message.payload()?.json();
    const headers = message.headers()?.json();
    const examples: Example[] = message
      .examples()
      .all()
      .map((example, index) => {
        const body = example.hasPayload() ? example.payload() : example.headers();
        let shown: string;
        try {
          shown = JSON.stringify(body, null, 2) ?? '';
        } catch {
          shown = '(an example that refers to itself; see the definition)';
        }
        return compact({ title: text(example.name()) ?? text(example.summary()) ?? `Example ${index + 1}`, text: shown, language: 'json' as const });
      });
    return compact({
      id: message.id() ?? messageName(message),
      name: messageName(message),
      title: text(message.title()),
      summary: text(message.summary()),
      description: text(message.description()),
      contentType: message.contentType(),
      payload: payload !== undefined ? this.schema(payload) : undefined,
      headers: headers !== undefined ? this.schema(headers) : undefined,
      examples,
    });
  }

  private schema(schema: unknown, limits: SchemaLimits = this.limits): SchemaView {
    return schemaView(schema, nameOfSchema, limits, this.budget);
  }

  private anchor(seed: string): string {
    const base = seed.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'channel';
    let id = base;
    for (let n = 2; this.anchors.has(id); n++) id = `${base}-${n}`;
    this.anchors.add(id);
    return id;
  }
}

function messageName(message: MessageInterface): string {
  return message.name() ?? message.id() ?? 'message';
}

/** The parser names every schema; component schemas keep their names, inline ones are `<anonymous-schema-N>`. */
function nameOfSchema(schema: object): string | undefined {
  const id = (schema as Record<string, unknown>)['x-parser-schema-id'];
  return typeof id === 'string' && !id.startsWith('<anonymous') ? id : undefined;
}
