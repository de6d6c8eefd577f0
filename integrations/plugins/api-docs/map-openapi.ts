import type { ContentView, Example, OpenApiReference, Operation, Parameter, SchemaView } from './api-reference.ts';
import { DefinitionError, type TextPosition } from './definition-error.ts';
import type { MapInput } from './map-input.ts';
import { refusalError, RefRefused, repoPathOf, RepoRefs } from './repo-refs.ts';
import { countExpandedNodes, expansionError } from './ref-expansion.ts';
import { compact, omittedRowsWarning, RowBudget, schemaView, text, type SchemaLimits } from './schema-rows.ts';
import { validateOpenApi } from './validate-openapi.ts';
import { parseYamlSource, type YamlSource } from './yaml-source.ts';

type Json = Record<string, unknown>;

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const maxExampleChars = 8_000;

/**
 * An OpenAPI 3.x or Swagger 2 definition → the reference: validated and dereferenced by
 * `@apidevtools/swagger-parser` (Swagger's own JSON schemas plus its spec rules; see
 * validate-openapi.ts for why not its `validate()` as such), `$ref`s to other
 * files followed inside the repo only, circular schemas kept as cycles and cut when flattened.
 * Throws a DefinitionError located in the text when the definition is invalid.
 */
export async function mapOpenApi(definition: string, input: MapInput): Promise<OpenApiReference> {
  const source = parseYamlSource(definition, 'The OpenAPI definition');
  const api = source.value;
  if (!isObject(api) || (typeof api.openapi !== 'string' && api.swagger === undefined)) {
    throw new DefinitionError('The OpenAPI definition has neither an `openapi` nor a `swagger` field at the top.', { line: 1 });
  }
  const baseUrl = RepoRefs.urlOf(input.file);
  const repoRefs = new RepoRefs(input.readFile);
  const names = new WeakMap<object, string>();
  let document: Json;
  try {
    document = await validateOpenApi(baseUrl, api, {
      resolve: {
        // The built-in file and http resolvers are off: every read goes through the repo.
        file: false,
        http: false,
        repo: { order: 1, canRead: true, read: (file: { url: string }) => repoRefs.read(file.url) },
      },
      dereference: {
        circular: true,
        onDereference: (ref: string, value: unknown) => {
          if (isObject(value) && !names.has(value)) names.set(value, nameOfRef(ref));
        },
      },
    }, (root, follow) => {
      const count = countExpandedNodes(root, baseUrl, follow, input.maxExpandedNodes);
      if (count.over) throw expansionError('The OpenAPI definition', input.maxExpandedNodes, count, source.refs(), baseUrl, follow);
    });
  } catch (error) {
    if (error instanceof DefinitionError) throw error;
    throw locateFailure(error, source, baseUrl, repoRefs);
  }
  const nameOf = (schema: object) => names.get(schema);
  const budget = new RowBudget(input.maxDefinitionRows);
  const reference = new OpenApiMapper(document, nameOf, input.limits, budget).reference();
  if (budget.omitted > 0) input.warn(omittedRowsWarning('OpenAPI', input.maxDefinitionRows, budget.omitted));
  return reference;
}

class OpenApiMapper {
  private readonly ids = new Set<string>();
  private readonly document: Json;
  private readonly nameOf: (schema: object) => string | undefined;
  private readonly limits: SchemaLimits;
  private readonly budget: RowBudget;
  private readonly swagger: boolean;

  constructor(document: Json, nameOf: (schema: object) => string | undefined, limits: SchemaLimits, budget: RowBudget) {
    this.document = document;
    this.nameOf = nameOf;
    this.limits = limits;
    this.budget = budget;
    this.swagger = document.swagger !== undefined;
  }

  reference(): OpenApiReference {
    const info = asObject(this.document.info);
    const declaredTags = asArray(this.document.tags).filter(isObject);
    const groups = new Map<string, { name: string; description?: string; operations: Operation[] }>();
    for (const tag of declaredTags) {
      if (typeof tag.name === 'string' && !groups.has(tag.name)) groups.set(tag.name, compact({ name: tag.name, description: text(tag.description), operations: [] }));
    }
    const untagged: Operation[] = [];
    for (const [path, pathItemValue] of Object.entries(asObject(this.document.paths))) {
      const pathItem = asObject(pathItemValue);
      for (const method of methods) {
        const operation = pathItem[method];
        if (!isObject(operation)) continue;
        const tags = asArray(operation.tags).filter((tag): tag is string => typeof tag === 'string');
        if (tags.length === 0) untagged.push(this.operation(method, path, pathItem, operation, ''));
        for (const tag of tags) {
          if (!groups.has(tag)) groups.set(tag, { name: tag, operations: [] });
          groups.get(tag)!.operations.push(this.operation(method, path, pathItem, operation, tag));
        }
      }
    }
    const tags = [...groups.values()].filter((group) => group.operations.length > 0);
    if (untagged.length > 0) tags.push({ name: tags.length > 0 ? 'Other operations' : 'Operations', operations: untagged });
    // OpenAPI 3.1: requests the API makes to its consumers, keyed by name instead of path.
    const webhooks = Object.entries(asObject(this.document.webhooks)).flatMap(([name, itemValue]) => {
      const item = asObject(itemValue);
      return methods.filter((method) => isObject(item[method])).map((method) => ({ ...this.operation(method, name, item, item[method] as Json, 'webhook'), webhook: true }));
    });
    if (webhooks.length > 0) tags.push({ name: 'Webhooks', description: 'Requests this API sends to its consumers.', operations: webhooks });
    return compact({
      format: 'openapi' as const,
      specVersion: String(this.document.openapi ?? this.document.swagger),
      title: text(info.title),
      version: info.version === undefined ? undefined : String(info.version),
      description: text(info.description),
      servers: this.servers(),
      tags,
      securitySchemes: Object.entries(asObject(asObject(this.document.components).securitySchemes ?? this.document.securityDefinitions)).map(([name, value]) => {
        const scheme = asObject(value);
        const detail = [scheme.scheme, scheme.in && `in ${String(scheme.in)}`, scheme.name && `"${String(scheme.name)}"`, scheme.flow].filter(Boolean).join(', ');
        return compact({ name, type: `${String(scheme.type ?? 'unknown')}${detail ? ` (${detail})` : ''}`, description: text(scheme.description) });
      }),
    });
  }

  private servers(): OpenApiReference['servers'] {
    if (!this.swagger) {
      return asArray(this.document.servers)
        .filter(isObject)
        .filter((server) => typeof server.url === 'string')
        .map((server) => compact({ url: String(server.url), description: text(server.description) }));
    }
    if (typeof this.document.host !== 'string' && typeof this.document.basePath !== 'string') return [];
    const schemes = asArray(this.document.schemes).filter((scheme): scheme is string => typeof scheme === 'string');
    const host = typeof this.document.host === 'string' ? this.document.host : '';
    const basePath = typeof this.document.basePath === 'string' ? this.document.basePath : '';
    if (!host) return [{ url: basePath }];
    return (schemes.length > 0 ? schemes : ['https']).map((scheme) => ({ url: `${scheme}://${host}${basePath}` }));
  }

  private operation(method: string, path: string, pathItem: Json, operation: Json, tag: string): Operation {
    const parameters = mergeParameters(asArray(pathItem.parameters), asArray(operation.parameters));
    const security = asArray(operation.security ?? this.document.security)
      .filter(isObject)
      .flatMap((requirement) => Object.entries(requirement).map(([name, scopes]) => (asArray(scopes).length > 0 ? `${name} (${asArray(scopes).join(', ')})` : name)));
    return compact({
      id: this.uniqueId(`${tag ? `${tag}-` : ''}${method}-${path}`),
      method: method.toUpperCase(),
      path,
      operationId: typeof operation.operationId === 'string' ? operation.operationId : undefined,
      summary: text(operation.summary),
      description: text(operation.description),
      deprecated: operation.deprecated === true,
      security,
      parameters: parameters.filter((parameter) => parameter.in !== 'body' && parameter.in !== 'formData').map((parameter) => this.parameter(parameter)),
      requestBody: this.swagger ? this.swaggerBody(parameters, operation) : this.requestBody(asObject(operation.requestBody)),
      responses: Object.entries(asObject(operation.responses)).map(([status, value]) => {
        const response = asObject(value);
        return compact({
          status,
          description: text(response.description),
          headers: Object.entries(asObject(response.headers)).map(([name, header]) => this.parameter({ ...asObject(header), name, in: 'header' })),
          contents: this.swagger ? this.swaggerResponseContents(response, operation) : this.contents(asObject(response.content)),
        });
      }),
    });
  }

  private parameter(parameter: Json): Parameter {
    // OpenAPI 3 describes a parameter's value with `schema` (or `content`); Swagger 2 inline.
    const contentSchema = Object.values(asObject(parameter.content)).map(asObject)[0]?.schema;
    const schema = isObject(parameter.schema) ? parameter.schema : isObject(contentSchema) ? contentSchema : parameter;
    const view = schemaView(schema, this.nameOf, { maxDepth: 0, maxRows: 0 });
    const collection = typeof parameter.collectionFormat === 'string' ? `${parameter.collectionFormat}-separated` : undefined;
    return compact({
      name: String(parameter.name ?? ''),
      in: String(parameter.in ?? ''),
      type: view.type,
      required: parameter.required === true,
      description: text(parameter.description),
      values: [view.values, collection].filter(Boolean).join(' · ') || undefined,
      deprecated: parameter.deprecated === true ? true : undefined,
    });
  }

  private requestBody(body: Json): Operation['requestBody'] {
    if (Object.keys(body).length === 0) return undefined;
    return compact({ description: text(body.description), required: body.required === true, contents: this.contents(asObject(body.content)) });
  }

  private contents(content: Json): ContentView[] {
    return Object.entries(content).map(([mediaType, value]) => {
      const media = asObject(value);
      const examples: Example[] = [];
      if ('example' in media) examples.push(example(media.example));
      for (const [name, entry] of Object.entries(asObject(media.examples))) {
        const named = asObject(entry);
        if ('value' in named) examples.push(example(named.value, text(named.summary) ?? name));
        else if (typeof named.externalValue === 'string') examples.push({ title: text(named.summary) ?? name, text: `External example: ${named.externalValue}`, language: 'text' });
      }
      if (examples.length === 0 && isObject(media.schema) && 'example' in media.schema) examples.push(example(media.schema.example));
      return compact({ mediaType, schema: isObject(media.schema) ? this.schema(media.schema) : undefined, examples });
    });
  }

  private swaggerBody(parameters: Json[], operation: Json): Operation['requestBody'] {
    const consumes = mediaTypes(operation.consumes ?? this.document.consumes, ['application/json']);
    const body = parameters.find((parameter) => parameter.in === 'body');
    if (body) {
      const schema = asObject(body.schema);
      const examples = 'example' in schema ? [example(schema.example)] : [];
      return compact({
        description: text(body.description),
        required: body.required === true,
        contents: consumes.map((mediaType) => ({ mediaType, schema: this.schema(schema), examples })),
      });
    }
    const form = parameters.filter((parameter) => parameter.in === 'formData');
    if (form.length === 0) return undefined;
    // Form fields become the properties of one object, as OpenAPI 3 writes them.
    const properties = Object.fromEntries(form.map((field) => [String(field.name), field]));
    const required = form.filter((field) => field.required === true).map((field) => String(field.name));
    const mediaType = form.some((field) => field.type === 'file') ? 'multipart/form-data' : (consumes.find((type) => type.includes('form')) ?? 'application/x-www-form-urlencoded');
    return { required: required.length > 0, contents: [{ mediaType, schema: this.schema({ type: 'object', properties, required }), examples: [] }] };
  }

  private swaggerResponseContents(response: Json, operation: Json): ContentView[] {
    const examples = asObject(response.examples);
    const produces = mediaTypes(operation.produces ?? this.document.produces, Object.keys(examples).length > 0 ? Object.keys(examples) : ['application/json']);
    if (!isObject(response.schema) && Object.keys(examples).length === 0) return [];
    return produces.map((mediaType) =>
      compact({
        mediaType,
        schema: isObject(response.schema) ? this.schema(response.schema) : undefined,
        examples: mediaType in examples ? [example(examples[mediaType])] : [],
      }),
    );
  }

  /** Big definitions use the same schema in many operations: each is flattened once. */
  private readonly views = new Map<object, SchemaView>();

  private schema(schema: Json): SchemaView {
    let view = this.views.get(schema);
    if (!view) this.views.set(schema, (view = schemaView(schema, this.nameOf, this.limits, this.budget)));
    return view;
  }

  private uniqueId(seed: string): string {
    const base = `op-${seed.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}` || 'op';
    let id = base;
    for (let n = 2; this.ids.has(id); n++) id = `${base}-${n}`;
    this.ids.add(id);
    return id;
  }
}

/** Path-level parameters apply to every operation unless the operation redefines them (same name and `in`). */
function mergeParameters(pathLevel: unknown[], operationLevel: unknown[]): Json[] {
  const own = operationLevel.filter(isObject);
  const key = (parameter: Json) => `${String(parameter.in)}:${String(parameter.name)}`;
  const overridden = new Set(own.map(key));
  return [...pathLevel.filter(isObject).filter((parameter) => !overridden.has(key(parameter))), ...own];
}

function mediaTypes(value: unknown, fallback: string[]): string[] {
  const types = asArray(value).filter((type): type is string => typeof type === 'string');
  return types.length > 0 ? types : fallback;
}

function example(value: unknown, title?: string): Example {
  let shown: string;
  let language: Example['language'] = 'json';
  if (typeof value === 'string') {
    shown = value;
    language = 'text';
  } else {
    try {
      shown = JSON.stringify(value, null, 2) ?? String(value);
    } catch {
      // A dereferenced example can be circular; it cannot be printed as JSON.
      shown = '(an example that refers to itself; see the definition)';
      language = 'text';
    }
  }
  if (shown.length > maxExampleChars) shown = `${shown.slice(0, maxExampleChars)}\n… (cut at ${maxExampleChars} characters)`;
  return compact({ title, text: shown, language });
}

/** `#/components/schemas/Order` → `Order`; `./schemas/problem.yaml` → `problem`. */
function nameOfRef(ref: string): string {
  const [file, pointer] = ref.split('#');
  if (pointer) return decodeToken(pointer.split('/').pop() ?? pointer);
  return (file ?? ref).split('/').pop()!.replace(/\.(ya?ml|json)$/i, '');
}

/** A failure from the parser → a DefinitionError at the place in the text it concerns. */
function locateFailure(error: unknown, source: YamlSource, baseUrl: string, repoRefs: RepoRefs): DefinitionError {
  const failure = error as Error & { details?: AjvError[]; targetRef?: string; source?: string };
  const refusal = repoRefs.refused[0];
  if (refusal || failure instanceof RefRefused) return refusalError(refusal ?? (failure as RefRefused), source.refs(), baseUrl, 'The OpenAPI definition');
  if (failure.name === 'MissingPointerError') {
    const pointer = /"(#[^"]*)"/.exec(failure.message)?.[1];
    const written = pointer ? source.refs().find(({ ref }) => ref.endsWith(pointer)) : undefined;
    const inFile = failure.source && failure.source !== baseUrl ? repoPathOf(failure.source) : null;
    return new DefinitionError(
      `The OpenAPI definition refers to ${written ? `"${written.ref}"` : `"${pointer ?? 'a part'}"${inFile ? ` in ${inFile}` : ''}`}, which does not exist.`,
      written?.position,
    );
  }
  if (failure.name === 'ParserError' || failure.name === 'JSONParserError') {
    const inFile = failure.source ? repoPathOf(failure.source) : null;
    return new DefinitionError(`The OpenAPI definition refers to ${inFile ?? 'a file'}, which could not be parsed: ${firstSentence(failure.message)}`);
  }
  if (Array.isArray(failure.details) && failure.details.length > 0) return schemaFailure(failure.details, source);
  const message = failure.message.replace(/^Validation failed\.\s*/, '');
  const mentioned = /\/paths(\/\S*?)\/(get|put|post|delete|options|head|patch|trace)\b/.exec(message);
  const position = mentioned ? source.positionOf(['paths', mentioned[1]!, mentioned[2]!]) : undefined;
  return new DefinitionError(`The OpenAPI definition is invalid: ${firstSentence(message)}`, position);
}

interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

/**
 * Ajv reports every branch of every `oneOf` it tried. Branches whose discriminating value did
 * not match (a body parameter's `in: body` against `in: path`) are not what the author meant;
 * of the rest, the first error that is neither a combinator's summary nor "must be a $ref" is
 * the one a person would fix.
 */
function schemaFailure(details: AjvError[], source: YamlSource): DefinitionError {
  const meaningful = (error: AjvError) => !['oneOf', 'anyOf', 'not', 'if'].includes(error.keyword) && error.params?.missingProperty !== '$ref';
  const useful = details.filter(meaningful);
  // A branch whose discriminator failed, or the "it could be a $ref" branch, is not the one meant.
  const matched = branches(details).filter((branch) => !branch.some((error) => error.keyword === 'enum' || error.keyword === 'const' || error.params?.missingProperty === '$ref'));
  const relevant = matched.flat().filter(meaningful);
  const chosen = relevant[0] ?? useful[0] ?? details[0]!;
  const segments = chosen.instancePath.split('/').slice(1).map(decodeToken);
  // A missing field next to one that is not allowed is usually a misspelling: say both, at the misspelt one.
  const unexpected = [chosen, ...(chosen.keyword === 'required' ? relevant : [])].find(
    (error) => error.keyword === 'additionalProperties' && error.instancePath === chosen.instancePath && typeof error.params?.additionalProperty === 'string',
  );
  const extra = unexpected?.params?.additionalProperty as string | undefined;
  const position: TextPosition | undefined = source.positionOf(extra ? [...segments, extra] : segments);
  const where = segments.length > 0 ? readablePath(segments, source.value) : 'the top level';
  let detail = chosen.message ?? chosen.keyword;
  if (extra) detail = chosen === unexpected ? `has a field "${extra}" that is not allowed there` : `${detail}, and has a field "${extra}" that is not allowed there`;
  else if (chosen.keyword === 'enum') {
    // Each branch allows its own values; together they are what the field may be.
    const allowed = details.filter((error) => error.keyword === 'enum' && error.instancePath === chosen.instancePath).flatMap((error) => (Array.isArray(error.params?.allowedValues) ? error.params.allowedValues : []));
    detail = `must be one of: ${[...new Set(allowed.map(String))].join(', ')}`;
  }
  const others = new Set((relevant.length > 0 ? relevant : useful).map((error) => error.instancePath)).size - 1;
  return new DefinitionError(`The OpenAPI definition does not match the OpenAPI schema: ${where} ${detail}${others > 0 ? ` (and ${others} more place${others === 1 ? '' : 's'})` : ''}.`, position);
}

/**
 * The errors grouped by the `oneOf`/`anyOf` branch they come from. OpenAPI 3's schema writes
 * branches inline, so the schema path names them (`…/oneOf/1/…`); Swagger 2's branches are
 * `$ref`s whose errors carry relative paths, but Ajv reports each branch's errors together,
 * its discriminator's `enum` last, and the Reference branch's errors after its missing `$ref`.
 */
function branches(details: AjvError[]): AjvError[][] {
  if (details.some((error) => /\/(?:oneOf|anyOf)\/\d+/.test(error.schemaPath))) {
    const groups = new Map<string, AjvError[]>();
    for (const error of details) {
      const key = /^(.*\/(?:oneOf|anyOf)\/\d+)/.exec(error.schemaPath)?.[1] ?? error.schemaPath;
      groups.set(key, [...(groups.get(key) ?? []), error]);
    }
    return [...groups.values()];
  }
  const runs: AjvError[][] = [[]];
  for (const error of details) {
    if (error.params?.missingProperty === '$ref' && runs.at(-1)!.length > 0) runs.push([]);
    runs.at(-1)!.push(error);
    if (error.keyword === 'enum' || error.keyword === 'const') runs.push([]);
  }
  return runs;
}

/** `["paths", "/orders/{id}", "get", "parameters", "0"]` → `paths["/orders/{id}"].get.parameters[0]`; indexes only where the value is a list. */
function readablePath(segments: string[], value: unknown): string {
  let current = value;
  return segments
    .map((segment, index) => {
      const inList = Array.isArray(current);
      current = isObject(current) || Array.isArray(current) ? (current as Record<string, unknown>)[segment] : undefined;
      if (inList) return `[${segment}]`;
      return /^[A-Za-z_$][\w$-]*$/.test(segment) ? `${index === 0 ? '' : '.'}${segment}` : `["${segment}"]`;
    })
    .join('');
}

function decodeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function firstSentence(message: string): string {
  return message.split('\n')[0]!.trim();
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: unknown): Json {
  return isObject(value) ? value : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
