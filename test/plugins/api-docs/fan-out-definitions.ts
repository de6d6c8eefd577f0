import { stringify } from 'yaml';

/**
 * Definitions whose schemas fan out: each of `levels` schemas has `width` properties that all
 * refer to the next one, so the text is a few kilobytes but following every `$ref` as a tree
 * gives width^levels nodes (ten and nine: a billion). Shaped as issue 14 describes them.
 */
function fanOutSchemas(width: number, levels: number): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  for (let level = 0; level < levels; level++) {
    const next = level + 1 < levels ? { $ref: `#/components/schemas/Level${level + 1}` } : { type: 'string' };
    schemas[`Level${level}`] = { type: 'object', properties: Object.fromEntries(Array.from({ length: width }, (_, index) => [`p${index}`, next])) };
  }
  return schemas;
}

export function fanOutOpenApi(width = 10, levels = 9): string {
  return stringify({
    openapi: '3.0.3',
    info: { title: 'Fan-out', version: '1.0.0' },
    paths: {
      '/things': {
        get: { responses: { '200': { description: 'Things.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Level0' } } } } } },
      },
    },
    components: { schemas: fanOutSchemas(width, levels) },
  });
}

export function fanOutAsyncApi2(width = 10, levels = 9): string {
  return stringify({
    asyncapi: '2.6.0',
    info: { title: 'Fan-out events', version: '1.0.0' },
    channels: { things: { subscribe: { message: { $ref: '#/components/messages/Thing' } } } },
    components: { messages: { Thing: { payload: { $ref: '#/components/schemas/Level0' } } }, schemas: fanOutSchemas(width, levels) },
  });
}

export function fanOutAsyncApi3(width = 10, levels = 9): string {
  return stringify({
    asyncapi: '3.0.0',
    info: { title: 'Fan-out events', version: '1.0.0' },
    channels: { things: { address: 'things', messages: { Thing: { $ref: '#/components/messages/Thing' } } } },
    operations: { receiveThing: { action: 'receive', channel: { $ref: '#/channels/things' }, messages: [{ $ref: '#/channels/things/messages/Thing' }] } },
    components: { messages: { Thing: { payload: { $ref: '#/components/schemas/Level0' } } }, schemas: fanOutSchemas(width, levels) },
  });
}
