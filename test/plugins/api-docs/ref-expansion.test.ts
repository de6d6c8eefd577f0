import { describe, expect, it } from 'vitest';
import { mapAsyncApi } from '../../../integrations/plugins/api-docs/map-asyncapi.ts';
import { mapOpenApi } from '../../../integrations/plugins/api-docs/map-openapi.ts';
import { countExpandedNodes, type FollowRef } from '../../../integrations/plugins/api-docs/ref-expansion.ts';
import { fanOutAsyncApi2, fanOutAsyncApi3, fanOutOpenApi } from './fan-out-definitions.ts';
import { memoryRepo } from './fixtures.ts';

const base = 'https://repo.playbill.invalid/__repo__/api.yaml';

/** Follows `#/a/b` pointers inside `root` only. */
function localRefs(root: Record<string, unknown>): FollowRef {
  return (ref) => {
    if (!ref.startsWith('#/')) return undefined;
    let value: unknown = root;
    for (const segment of ref.slice(2).split('/')) value = (value as Record<string, unknown> | undefined)?.[segment];
    return value === undefined ? undefined : { value, base };
  };
}

describe('the size of a definition with its $refs followed', () => {
  it('counts every node of the tree the refs make, each shared schema as often as it is reached', () => {
    const doc = { a: { $ref: '#/s' }, b: { $ref: '#/s' }, s: { type: 'string' } };
    // root, a → s (2), b → s (2), s itself (2): the $ref objects count as what they refer to, plus one.
    expect(countExpandedNodes(doc, base, localRefs(doc), 1_000)).toMatchObject({ nodes: 1 + 3 + 3 + 2, over: false });
  });

  it('cuts a $ref back into its own ancestors once, as the parsers do', () => {
    const doc = { node: { properties: { next: { $ref: '#/node' } } } };
    expect(countExpandedNodes(doc, base, localRefs(doc), 1_000)).toMatchObject({ over: false });
  });

  it('stops at the limit on a billion-node fan-out after counting each schema once', () => {
    const doc = { components: { schemas: {} as Record<string, unknown> }, root: { $ref: '#/components/schemas/L0' } };
    for (let level = 0; level < 9; level++) {
      const next = level < 8 ? { $ref: `#/components/schemas/L${level + 1}` } : { type: 'string' };
      doc.components.schemas[`L${level}`] = { properties: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`p${i}`, next])) };
    }
    let follows = 0;
    const follow = localRefs(doc);
    const count = countExpandedNodes(doc, base, (ref, at) => (follows++, follow(ref, at)), 1_000_000);
    expect(count).toMatchObject({ nodes: 1_000_001, over: true });
    expect(follows).toBeLessThan(200);
  });
});

describe('mapping a definition that fans out', () => {
  for (const [format, generate, map] of [
    ['OpenAPI 3', fanOutOpenApi, mapOpenApi],
    ['AsyncAPI 2', fanOutAsyncApi2, mapAsyncApi],
    ['AsyncAPI 3', fanOutAsyncApi3, mapAsyncApi],
  ] as const) {
    it(`refuses a ${format} definition of ten refs per level over nine levels at once, at the $ref that fans out`, { timeout: 30_000 }, async () => {
      const started = performance.now();
      const failure = await map(generate(), memoryRepo('api.yaml')).then(() => undefined, (error: unknown) => error as Error & { position?: unknown });
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(failure?.name).toBe('DefinitionError');
      expect(failure?.message).toContain("more than 1,000,000 nodes (the API docs plugin's maxExpandedNodes)");
      expect(failure?.position).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
    });
  }

  it('lists at most maxDefinitionRows rows over all its schemas, says how many it left out, and warns once', async () => {
    const input = { ...memoryRepo('api.yaml'), maxDefinitionRows: 25 };
    const warnings: string[] = [];
    input.warn = (message) => warnings.push(message);
    const reference = await mapOpenApi(fanOutOpenApi(10, 3), input);
    const schemas = reference.tags.flatMap((tag) => tag.operations).flatMap((operation) => operation.responses.flatMap((response) => response.contents.map((content) => content.schema!)));
    expect(schemas.reduce((rows, schema) => rows + schema.rows.length, 0)).toBe(25);
    expect(schemas[0]!.omitted).toBeGreaterThan(0);
    expect(warnings).toEqual([expect.stringMatching(/^The OpenAPI definition's schemas have more than 25 rows in all \(the API docs plugin's maxDefinitionRows\): \d+ rows are not listed/)]);
  });
});
