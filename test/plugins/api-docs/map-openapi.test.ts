import { describe, expect, it } from 'vitest';
import { DefinitionError } from '../../../integrations/plugins/api-docs/definition-error.ts';
import { mapOpenApi } from '../../../integrations/plugins/api-docs/map-openapi.ts';
import { yaml } from '../../support/temp-repos.ts';
import { fixture, memoryRepo } from './fixtures.ts';

async function failure(promise: Promise<unknown>): Promise<DefinitionError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DefinitionError);
  return error as DefinitionError;
}

describe('mapping OpenAPI 3', () => {
  it('groups operations by tag in the declared order, untagged ones last', async () => {
    const reference = await mapOpenApi(await fixture('petstore-openapi3.yaml'), memoryRepo('openapi.yaml'));
    expect(reference).toMatchObject({ format: 'openapi', specVersion: '3.0.3', title: 'Swagger Petstore', version: '1.0.0', servers: [{ url: 'https://petstore.example.com/api', description: 'Production' }] });
    expect(reference.tags.map((tag) => [tag.name, tag.operations.map((operation) => `${operation.method} ${operation.path}`)])).toEqual([
      ['pets', ['GET /pets', 'POST /pets', 'GET /pets/{id}', 'DELETE /pets/{id}']],
      ['store', ['GET /store/inventory']],
      ['Other operations', ['GET /health']],
    ]);
    expect(reference.tags[0]!.description).toBe('Everything about your pets');
  });

  it('lists parameters (path-level ones included) with type, location, requirement and constraints', async () => {
    const reference = await mapOpenApi(await fixture('petstore-openapi3.yaml'), memoryRepo('openapi.yaml'));
    const [list, , get] = reference.tags[0]!.operations;
    expect(list!.parameters).toEqual([
      { name: 'tags', in: 'query', type: 'array of string', required: false, description: 'Tags to filter by' },
      { name: 'limit', in: 'query', type: 'integer', required: false, description: 'Maximum number of results to return', values: 'format: int32 · ≤ 100' },
    ]);
    expect(get!.parameters).toEqual([{ name: 'id', in: 'path', type: 'integer', required: true, description: 'ID of pet', values: 'format: int64' }]);
  });

  it('flattens request and response schemas, merging allOf and naming referenced schemas', async () => {
    const reference = await mapOpenApi(await fixture('petstore-openapi3.yaml'), memoryRepo('openapi.yaml'));
    const [list, add] = reference.tags[0]!.operations;
    expect(add!.requestBody).toMatchObject({ required: true, description: 'Pet to add to the store' });
    const body = add!.requestBody!.contents[0]!;
    expect(body.mediaType).toBe('application/json');
    expect(body.schema!.type).toBe('NewPet');
    expect(body.schema!.rows).toEqual([
      { path: 'name', depth: 0, type: 'string', required: true, description: "The pet's name" },
      { path: 'tag', depth: 0, type: 'string', required: false },
      { path: 'status', depth: 0, type: 'string', required: false, values: 'one of: available, pending, sold · default: available' },
    ]);
    const ok = list!.responses[0]!;
    expect(ok).toMatchObject({ status: '200', description: 'pet response' });
    expect(ok.contents[0]!.schema!.type).toBe('array of Pet');
    expect(ok.contents[0]!.schema!.rows.map((row) => `${row.path}${row.required ? '*' : ''}`)).toEqual(['[].name*', '[].tag', '[].status', '[].id*']);
    expect(list!.responses[1]).toMatchObject({ status: 'default', contents: [{ schema: { type: 'Error' } }] });
  });

  it('keeps examples, response headers, security and deprecation', async () => {
    const reference = await mapOpenApi(await fixture('petstore-openapi3.yaml'), memoryRepo('openapi.yaml'));
    const [, add, get, remove] = reference.tags[0]!.operations;
    expect(add!.requestBody!.contents[0]!.examples).toEqual([{ text: '{\n  "name": "Rex",\n  "tag": "dog"\n}', language: 'json' }]);
    expect(get!.responses[0]!.contents[0]!.examples).toEqual([{ title: 'A dog', text: '{\n  "id": 1,\n  "name": "Rex",\n  "tag": "dog"\n}', language: 'json' }]);
    expect(get!.responses[0]!.headers).toEqual([{ name: 'X-Rate-Limit', in: 'header', type: 'integer', required: false, description: 'Calls left this hour' }]);
    expect(remove!.deprecated).toBe(true);
    const inventory = reference.tags[1]!.operations[0]!;
    expect(inventory.security).toEqual(['api_key']);
    expect(inventory.responses[0]!.contents[0]!.schema!.rows).toEqual([{ path: '{key}', depth: 0, type: 'integer', required: false, values: 'format: int32' }]);
    expect(reference.securitySchemes).toEqual([{ name: 'api_key', type: 'apiKey (in header, "api_key")' }]);
  });

  it('resolves a $ref to another file of the repo against the definition’s folder', async () => {
    const definition = yaml`
      openapi: 3.0.3
      info: { title: Orders, version: '1' }
      paths:
        /orders/{id}:
          get:
            parameters:
              - $ref: './common/parameters.yaml#/OrderId'
            responses:
              '200':
                description: The order.
                content:
                  application/json:
                    schema:
                      $ref: './schemas/order.yaml'
    `;
    const input = memoryRepo('api/openapi.yaml', {
      'api/schemas/order.yaml': 'type: object\nrequired: [id]\nproperties:\n  id: { type: string }\n  total: { $ref: "./money.yaml#/Money" }\n',
      'api/schemas/money.yaml': 'Money:\n  type: object\n  properties:\n    amount: { type: integer }\n    currency: { type: string }\n',
      'api/common/parameters.yaml': 'OrderId:\n  name: id\n  in: path\n  required: true\n  schema: { type: string, format: uuid }\n',
    });
    const reference = await mapOpenApi(definition, input);
    const operation = reference.tags[0]!.operations[0]!;
    expect(operation.parameters).toEqual([{ name: 'id', in: 'path', type: 'string', required: true, values: 'format: uuid' }]);
    expect(operation.responses[0]!.contents[0]!.schema).toMatchObject({
      type: 'order',
      rows: [
        { path: 'id', type: 'string', required: true },
        { path: 'total', type: 'Money', required: false },
        { path: 'total.amount', type: 'integer' },
        { path: 'total.currency', type: 'string' },
      ],
    });
    expect(input.reads.sort()).toEqual(['api/common/parameters.yaml', 'api/schemas/money.yaml', 'api/schemas/order.yaml']);
  });

  it('handles circular schemas: the cycle is shown once and cut', async () => {
    const definition = yaml`
      openapi: 3.0.3
      info: { title: Tree, version: '1' }
      paths:
        /categories:
          get:
            responses:
              '200':
                description: The tree.
                content:
                  application/json:
                    schema: { $ref: '#/components/schemas/Category' }
      components:
        schemas:
          Category:
            type: object
            properties:
              name: { type: string }
              parent: { $ref: '#/components/schemas/Category' }
              children:
                type: array
                items: { $ref: '#/components/schemas/Category' }
    `;
    const schema = (await mapOpenApi(definition, memoryRepo('openapi.yaml'))).tags[0]!.operations[0]!.responses[0]!.contents[0]!.schema!;
    expect(schema.rows.map((row) => `${row.path}: ${row.type}`)).toEqual(['name: string', 'parent: Category (circular)', 'children: array of Category (circular)']);
  });
});

describe('mapping Swagger 2', () => {
  it('builds servers from host, basePath and schemes, and bodies from body and formData parameters', async () => {
    const reference = await mapOpenApi(await fixture('petstore-swagger2.yaml'), memoryRepo('swagger.yaml'));
    expect(reference.specVersion).toBe('2.0');
    expect(reference.servers).toEqual([{ url: 'https://petstore.swagger.io/v2' }, { url: 'http://petstore.swagger.io/v2' }]);
    const [add, get, form, find] = reference.tags[0]!.operations;
    expect(add!.parameters).toEqual([]);
    expect(add!.requestBody).toMatchObject({ required: true, contents: [{ mediaType: 'application/json', schema: { type: 'Pet' } }] });
    expect(add!.requestBody!.contents[0]!.schema!.rows.map((row) => row.path)).toEqual(['id', 'category', 'category.id', 'category.name', 'name', 'photoUrls', 'status']);
    expect(get!.responses[0]!.contents[0]).toMatchObject({ mediaType: 'application/json', schema: { type: 'Pet' }, examples: [{ language: 'json' }] });
    expect(form!.requestBody).toMatchObject({ required: true, contents: [{ mediaType: 'application/x-www-form-urlencoded' }] });
    expect(form!.requestBody!.contents[0]!.schema!.rows.map((row) => [row.path, row.required])).toEqual([
      ['name', false],
      ['status', true],
    ]);
    expect(find!.parameters[0]).toMatchObject({ name: 'status', type: 'array of string', values: 'multi-separated' });
  });
});

describe('refusing and reporting', () => {
  it('refuses a $ref that leaves the repo, at the line of the $ref, without reading it', async () => {
    const definition = 'openapi: 3.0.3\ninfo: { title: X, version: "1" }\npaths:\n  /a:\n    get:\n      responses:\n        "200":\n          $ref: "../../../etc/passwd"\n';
    const input = memoryRepo('api/openapi.yaml');
    const error = await failure(mapOpenApi(definition, input));
    expect(error.message).toBe('The OpenAPI definition: $ref "../../../etc/passwd" was not followed: it leads outside the repo; only files inside the repo are read');
    expect(error.position).toEqual({ line: 8, column: 17 });
    expect(input.reads).toEqual([]);
  });

  it('refuses URLs and absolute file references without a request', async () => {
    for (const ref of ['https://schemas.example.com/pet.json', 'file:///etc/passwd']) {
      const input = memoryRepo('openapi.yaml');
      const error = await failure(mapOpenApi(`openapi: 3.0.3\ninfo: { title: X, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Pet: { $ref: "${ref}" }\n`, input));
      expect(error.message).toContain(`$ref "${ref}" was not followed`);
      expect(error.position?.line).toBe(6);
      expect(input.reads).toEqual([]);
    }
  });

  it('reports a missing referenced file and a missing pointer', async () => {
    const missingFile = await failure(mapOpenApi('openapi: 3.0.3\ninfo: { title: X, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Pet: { $ref: "./pet.yaml" }\n', memoryRepo('openapi.yaml')));
    expect(missingFile.message).toBe('The OpenAPI definition: $ref "./pet.yaml" was not followed: pet.yaml could not be read: pet.yaml does not exist');
    const missingPointer = await failure(mapOpenApi('openapi: 3.0.3\ninfo: { title: X, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Pet: { $ref: "#/components/schemas/Dog" }\n', memoryRepo('openapi.yaml')));
    expect(missingPointer.message).toBe('The OpenAPI definition refers to "#/components/schemas/Dog", which does not exist.');
    expect(missingPointer.position).toEqual({ line: 6, column: 18 });
  });

  it('reports a YAML syntax error at its line and column', async () => {
    const error = await failure(mapOpenApi('openapi: 3.0.3\ninfo: { title: X, version: "1"\npaths: {}\n', memoryRepo('openapi.yaml')));
    expect(error.message).toMatch(/^The OpenAPI definition is not valid YAML or JSON: /);
    expect(error.position).toEqual({ line: 3, column: 1 });
  });

  it('reports a schema validation failure at the field it concerns', async () => {
    const definition = yaml`
      swagger: '2.0'
      info: { title: Invoices, version: '1' }
      paths:
        /invoices/{invoiceId}:
          get:
            parameters:
              - name: invoiceId
                in: path
                type: string
            responses:
              '200': { description: OK }
    `;
    const error = await failure(mapOpenApi(definition, memoryRepo('swagger.yaml')));
    expect(error.message).toBe(`The OpenAPI definition does not match the OpenAPI schema: paths["/invoices/{invoiceId}"].get.parameters[0] must have required property 'required'.`);
    expect(error.position).toEqual({ line: 7, column: 11 });
  });

  it('points an unknown field out by name and line', async () => {
    const error = await failure(mapOpenApi('openapi: 3.0.3\ninfo: { title: X, version: "1" }\npaths:\n  /a:\n    get:\n      responses:\n        "200":\n          descripton: OK\n', memoryRepo('openapi.yaml')));
    expect(error.message).toBe(`The OpenAPI definition does not match the OpenAPI schema: paths["/a"].get.responses["200"] must have required property 'description', and has a field "descripton" that is not allowed there.`);
    expect(error.position?.line).toBe(8);
  });

  it('reports a rule of the spec that the schema cannot check, at its operation', async () => {
    // swagger-parser checks these rules for Swagger 2 (its schema cannot express them).
    const definition = "swagger: '2.0'\ninfo: { title: X, version: '1' }\npaths:\n  /orders/{id}:\n    get:\n      responses: { '200': { description: OK } }\n";
    const error = await failure(mapOpenApi(definition, memoryRepo('swagger.yaml')));
    expect(error.message).toBe('The OpenAPI definition is invalid: /paths/orders/{id}/get is missing path parameter(s) for {id}');
    expect(error.position).toEqual({ line: 5, column: 5 });
  });

  it('says so when the text is not an OpenAPI document at all', async () => {
    const error = await failure(mapOpenApi('asyncapi: 2.6.0\ninfo: {}\n', memoryRepo('openapi.yaml')));
    expect(error.message).toBe('The OpenAPI definition has neither an `openapi` nor a `swagger` field at the top.');
  });
});
