import { stringify } from 'yaml';

/**
 * A big, realistic OpenAPI 3.0 document: `resources` resources with CRUD-style operations
 * (list, create, get, replace, update, delete, plus sub-resource reads: about 10 per resource),
 * shared component schemas nested a few levels deep, one circular schema, parameters, headers,
 * request bodies and examples. 30 resources give 300 operations.
 */
export function largeOpenApi(resources = 30): string {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {
    Money: { type: 'object', required: ['amount', 'currency'], properties: { amount: { type: 'integer', format: 'int64', description: 'Minor units.' }, currency: { type: 'string', pattern: '^[A-Z]{3}$' } } },
    Address: { type: 'object', properties: { line1: { type: 'string' }, city: { type: 'string' }, country: { type: 'string', enum: ['GB', 'IE', 'FR', 'DE', 'NL'] } } },
    Problem: { type: 'object', required: ['title', 'status'], properties: { type: { type: 'string', format: 'uri' }, title: { type: 'string' }, status: { type: 'integer', minimum: 400, maximum: 599 }, detail: { type: 'string' } } },
    Category: { type: 'object', properties: { name: { type: 'string' }, parent: { $ref: '#/components/schemas/Category' }, children: { type: 'array', items: { $ref: '#/components/schemas/Category' } } } },
  };
  const tags = [];
  for (let r = 0; r < resources; r++) {
    const name = `Resource${r}`;
    const base = `/resources-${r}`;
    tags.push({ name: `resources-${r}`, description: `Everything about resource ${r}.` });
    schemas[name] = {
      type: 'object',
      required: ['id', 'name', 'price'],
      properties: {
        id: { type: 'string', format: 'uuid', readOnly: true },
        name: { type: 'string', maxLength: 200, description: `The ${name}'s display name.` },
        status: { type: 'string', enum: ['draft', 'active', 'archived'], default: 'draft' },
        price: { $ref: '#/components/schemas/Money' },
        shipTo: { $ref: '#/components/schemas/Address' },
        category: { $ref: '#/components/schemas/Category' },
        tags: { type: 'array', items: { type: 'string' }, maxItems: 20 },
        metadata: { type: 'object', additionalProperties: { type: 'string' } },
        lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' }, quantity: { type: 'integer', minimum: 1 }, unitPrice: { $ref: '#/components/schemas/Money' } } } },
      },
    };
    const ref = { $ref: `#/components/schemas/${name}` };
    const json = (schema: unknown, example?: unknown) => ({ 'application/json': { schema, ...(example ? { example } : {}) } });
    const problem = { description: 'Problem.', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
    const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
    const tag = [`resources-${r}`];
    const example = { id: '6f1c7c3e-0000-4000-8000-000000000000', name: `Example ${r}`, price: { amount: 1250, currency: 'GBP' } };
    paths[base] = {
      get: { tags: tag, operationId: `list${name}`, summary: `List ${name} items`, parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } }, { name: 'cursor', in: 'query', schema: { type: 'string' } }], responses: { '200': { description: 'A page.', headers: { 'X-Total-Count': { schema: { type: 'integer' } } }, content: json({ type: 'array', items: ref }) }, default: problem } },
      post: { tags: tag, operationId: `create${name}`, summary: `Create a ${name}`, parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }], requestBody: { required: true, content: json(ref, example) }, responses: { '201': { description: 'Created.', content: json(ref, example) }, '422': problem } },
    };
    paths[`${base}/{id}`] = {
      parameters: [idParam],
      get: { tags: tag, operationId: `get${name}`, summary: `Get a ${name}`, responses: { '200': { description: 'Found.', content: json(ref, example) }, '404': problem } },
      put: { tags: tag, operationId: `replace${name}`, summary: `Replace a ${name}`, requestBody: { required: true, content: json(ref) }, responses: { '200': { description: 'Replaced.', content: json(ref) }, '404': problem } },
      patch: { tags: tag, operationId: `update${name}`, summary: `Update a ${name}`, requestBody: { content: { 'application/merge-patch+json': { schema: ref } } }, responses: { '200': { description: 'Updated.', content: json(ref) } } },
      delete: { tags: tag, operationId: `delete${name}`, summary: `Delete a ${name}`, deprecated: r % 7 === 0, responses: { '204': { description: 'Deleted.' }, '404': problem } },
    };
    for (const sub of ['history', 'audit', 'related', 'export']) {
      paths[`${base}/{id}/${sub}`] = {
        parameters: [idParam],
        get: { tags: tag, operationId: `${sub}${name}`, summary: `The ${sub} of a ${name}`, responses: { '200': { description: 'OK.', content: json({ type: 'array', items: ref }) } } },
      };
    }
  }
  return stringify({
    openapi: '3.0.3',
    info: { title: 'Large API', version: '1.0.0', description: `${resources * 10} operations, generated for the performance test.` },
    servers: [{ url: 'https://api.example.com/v1' }],
    tags,
    paths,
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
  }, { aliasDuplicateObjects: false }); // written out in full, as API authors write them (no YAML anchors)
}
