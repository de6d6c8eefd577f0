import { describe, expect, it } from 'vitest';
import { DefinitionError } from '../../../integrations/plugins/api-docs/definition-error.ts';
import { mapAsyncApi } from '../../../integrations/plugins/api-docs/map-asyncapi.ts';
import { fixture, memoryRepo } from './fixtures.ts';

// @asyncapi/parser takes a few seconds to load and set up on a busy machine.
const slow = { timeout: 60_000 };

describe('mapping AsyncAPI', () => {
  it('maps a 2.x document: channels with parameters, publish/subscribe operations and messages with payloads', slow, async () => {
    const reference = await mapAsyncApi(await fixture('streetlights-asyncapi2.yaml'), memoryRepo('asyncapi.yaml'));
    expect(reference).toMatchObject({ format: 'asyncapi', specVersion: '2.6.0', title: 'Streetlights API', version: '1.0.0' });
    expect(reference.servers).toEqual([{ name: 'production', url: 'test.mosquitto.org:{port}', protocol: 'mqtt', description: 'Test broker' }]);
    const [measured, turnOn] = reference.channels;
    expect(measured).toMatchObject({
      address: 'smartylighting/streetlights/1/0/event/{streetlightId}/lighting/measured',
      description: 'The topic on which measured values may be produced and consumed.',
      parameters: [{ name: 'streetlightId', type: 'string', description: 'The ID of the streetlight.' }],
      operations: [{ id: 'receiveLightMeasurement', action: 'subscribe', messages: ['lightMeasured'] }],
    });
    const message = measured!.messages[0]!;
    expect(message).toMatchObject({ name: 'lightMeasured', title: 'Light measured', contentType: 'application/json' });
    expect(message.payload).toMatchObject({ type: 'lightMeasuredPayload' });
    expect(message.payload!.rows).toEqual([
      { path: 'lumens', depth: 0, type: 'integer', required: false, description: 'Light intensity measured in lumens.', values: '≥ 0' },
      { path: 'sentAt', depth: 0, type: 'string', required: false, description: 'Date and time when the message was sent.', values: 'format: date-time' },
    ]);
    expect(message.examples).toEqual([{ title: 'dim', text: '{\n  "lumens": 3,\n  "sentAt": "2024-01-01T00:00:00Z"\n}', language: 'json' }]);
    expect(turnOn!.operations).toEqual([expect.objectContaining({ id: 'turnOn', action: 'publish' })]);
    expect(turnOn!.messages[0]!.payload!.rows.map((row) => [row.path, row.values])).toEqual([
      ['command', 'one of: on, off'],
      ['sentAt', 'format: date-time'],
    ]);
  });

  it('maps a 3.0 document: channel addresses, send/receive operations and messages by reference', slow, async () => {
    const reference = await mapAsyncApi(await fixture('orders-asyncapi3.yaml'), memoryRepo('asyncapi.yaml'));
    expect(reference.specVersion).toBe('3.0.0');
    expect(reference.servers).toEqual([{ name: 'production', url: 'kafka.example.com:9092', protocol: 'kafka' }]);
    expect(reference.channels.map((channel) => [channel.id, channel.address, channel.operations.map((operation) => `${operation.action} ${operation.id}`)])).toEqual([
      ['orderCreated', 'orders.created.v1', ['send publishOrderCreated']],
      ['orderCommands', 'orders.commands.v1', ['receive receiveCancel']],
    ]);
    const created = reference.channels[0]!.messages[0]!;
    expect(created.name).toBe('OrderCreated');
    expect(created.payload!.rows.map((row) => `${row.path}${row.required ? '*' : ''}: ${row.type}`)).toEqual(['orderId*: string', 'lines*: array of object', 'lines[].sku: string', 'lines[].quantity: integer']);
  });

  it('follows a payload $ref to a file next to the definition', slow, async () => {
    const definition = "asyncapi: 3.0.0\ninfo: { title: T, version: '1' }\nchannels:\n  orders:\n    address: orders\n    messages:\n      created:\n        payload:\n          $ref: './schemas/order.yaml'\n";
    const input = memoryRepo('events/asyncapi.yaml', { 'events/schemas/order.yaml': 'type: object\nproperties:\n  id: { type: string, description: Order id }\n' });
    const reference = await mapAsyncApi(definition, input);
    expect(reference.channels[0]!.messages[0]!.payload!.rows).toEqual([{ path: 'id', depth: 0, type: 'string', required: false, description: 'Order id' }]);
    expect(input.reads).toContain('events/schemas/order.yaml');
  });

  it('refuses a $ref outside the repo or on the network, at the line of the $ref', slow, async () => {
    for (const ref of ['../../secrets.yaml', 'https://schemas.example.com/order.json']) {
      const definition = `asyncapi: 3.0.0\ninfo: { title: T, version: '1' }\nchannels:\n  orders:\n    address: orders\n    messages:\n      created:\n        payload:\n          $ref: '${ref}'\n`;
      const input = memoryRepo('events/asyncapi.yaml');
      const error = (await mapAsyncApi(definition, input).catch((caught: unknown) => caught)) as DefinitionError;
      expect(error).toBeInstanceOf(DefinitionError);
      expect(error.message).toContain(`$ref "${ref}" was not followed`);
      expect(error.position).toEqual({ line: 9, column: 17 });
      expect(input.reads).toEqual([]);
    }
  });

  it('reports an invalid document at the line the parser gives', slow, async () => {
    const definition = "asyncapi: 2.6.0\ninfo:\n  titel: Streetlights\n  version: '1'\nchannels: {}\n";
    const error = (await mapAsyncApi(definition, memoryRepo('asyncapi.yaml')).catch((caught: unknown) => caught)) as DefinitionError;
    expect(error).toBeInstanceOf(DefinitionError);
    expect(error.message).toMatch(/^The AsyncAPI definition is invalid: .*(title|titel)/);
    expect(error.position?.line).toBeGreaterThanOrEqual(2);
    expect(error.position?.line).toBeLessThanOrEqual(3);
  });

  it('reports a YAML syntax error at its line', slow, async () => {
    const error = (await mapAsyncApi("asyncapi: 2.6.0\ninfo: { title: T, version: '1'\nchannels: {}\n", memoryRepo('asyncapi.yaml')).catch((caught: unknown) => caught)) as DefinitionError;
    expect(error.message).toMatch(/^The AsyncAPI definition is not valid YAML or JSON/);
    expect(error.position).toEqual({ line: 3, column: 1 });
  });
});
