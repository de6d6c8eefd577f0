import { describe, expect, it } from 'vitest';
import { schemaView } from '../../../integrations/plugins/api-docs/schema-rows.ts';

const unnamed = () => undefined;
const limits = { maxDepth: 6, maxRows: 300 };

describe('flattening a schema into rows', () => {
  it('lists nested properties with their path, depth, requirement and constraints', () => {
    const view = schemaView(
      {
        type: 'object',
        required: ['id'],
        properties: {
          id: { type: 'string', format: 'uuid', readOnly: true },
          address: { type: 'object', properties: { city: { type: 'string', minLength: 1, maxLength: 80 } } },
          seats: { type: 'array', minItems: 1, items: { type: 'object', required: ['row'], properties: { row: { type: 'string', pattern: '^[A-Z]+$' } } } },
          note: { type: 'string', nullable: true, deprecated: true },
        },
      },
      unnamed,
      limits,
    );
    expect(view.type).toBe('object');
    expect(view.rows).toEqual([
      { path: 'id', depth: 0, type: 'string', required: true, values: 'format: uuid · read-only' },
      { path: 'address', depth: 0, type: 'object', required: false },
      { path: 'address.city', depth: 1, type: 'string', required: false, values: 'min length: 1 · max length: 80' },
      { path: 'seats', depth: 0, type: 'array of object', required: false, values: 'min items: 1' },
      { path: 'seats[].row', depth: 1, type: 'string', required: true, values: 'pattern: ^[A-Z]+$' },
      { path: 'note', depth: 0, type: 'string | null', required: false, deprecated: true },
    ]);
  });

  it('shows oneOf variants and map values, and 3.1 type lists', () => {
    const card = { type: 'object', properties: { last4: { type: 'string' } } };
    const names = new Map<object, string>([[card, 'Card']]);
    const view = schemaView(
      {
        type: 'object',
        properties: {
          payment: { oneOf: [card, { type: 'object', properties: { iban: { type: 'string' } } }] },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          score: { type: ['number', 'null'], exclusiveMinimum: 0 },
        },
      },
      (schema) => names.get(schema),
      limits,
    );
    expect(view.rows.map((row) => `${row.path}: ${row.type}${row.values ? ` (${row.values})` : ''}`)).toEqual([
      'payment: one of: Card, object',
      'payment.oneOf[0]: Card',
      'payment.oneOf[0].last4: string',
      'payment.oneOf[1]: object',
      'payment.oneOf[1].iban: string',
      'labels: object',
      'labels.{key}: string',
      'score: number | null (> 0)',
    ]);
  });

  it('cuts a cycle at the first repeat, through properties, arrays and allOf', () => {
    const node: Record<string, unknown> = { type: 'object', properties: { name: { type: 'string' } } };
    (node.properties as Record<string, unknown>).next = node;
    (node.properties as Record<string, unknown>).children = { type: 'array', items: node };
    const extended = { allOf: [node, { type: 'object', properties: { extra: { type: 'integer' } } }] };
    const view = schemaView(extended, (schema) => (schema === node ? 'Node' : undefined), limits);
    expect(view.rows.map((row) => `${row.path}: ${row.type}`)).toEqual(['name: string', 'next: Node', 'next.name: string', 'next.next: Node (circular)', 'next.children: array of Node (circular)', 'children: array of Node', 'children[].name: string', 'children[].next: Node (circular)', 'children[].children: array of Node (circular)', 'extra: integer']);
  });

  it('stops at the depth and row limits and counts what it left out', () => {
    const deep = { type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'object', properties: { c: { type: 'string' }, d: { type: 'string' } } } } } } };
    expect(schemaView(deep, unnamed, { maxDepth: 1, maxRows: 300 })).toMatchObject({ rows: [{ path: 'a' }, { path: 'a.b' }], omitted: 2 });
    const wide = { type: 'object', properties: Object.fromEntries(Array.from({ length: 10 }, (_, index) => [`p${index}`, { type: 'string' }])) };
    expect(schemaView(wide, unnamed, { maxDepth: 6, maxRows: 4 })).toMatchObject({ omitted: 6 });
  });

  it('describes a top-level array by its items', () => {
    const view = schemaView({ type: 'array', items: { type: 'object', properties: { id: { type: 'integer' } } } }, unnamed, limits);
    expect(view).toEqual({ type: 'array of object', rows: [{ path: '[].id', depth: 0, type: 'integer', required: false }] });
  });

  it('lists enum values and defaults, cutting very long lists', () => {
    const values = Array.from({ length: 25 }, (_, index) => `v${index}`);
    const view = schemaView({ type: 'string', enum: values, default: 'v0' }, unnamed, limits);
    expect(view.values).toBe(`one of: ${values.slice(0, 20).join(', ')}, … (25 values) · default: v0`);
  });
});
