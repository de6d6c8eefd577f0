import { describe, expect, it } from 'vitest';
import { DefinitionError } from '../../../integrations/plugins/api-docs/definition-error.ts';
import { mapGraphQl } from '../../../integrations/plugins/api-docs/map-graphql.ts';
import { fixture } from './fixtures.ts';

async function failure(sdl: string): Promise<DefinitionError> {
  const error = await mapGraphQl(sdl).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DefinitionError);
  return error as DefinitionError;
}

describe('mapping GraphQL SDL', () => {
  it('lists queries, mutations and subscriptions with arguments, defaults and descriptions', async () => {
    const reference = await mapGraphQl(await fixture('events.graphql'));
    expect(reference.operations.map((root) => [root.kind, root.typeName, root.fields.map((field) => field.name)])).toEqual([
      ['query', 'Query', ['event', 'events', 'search']],
      ['mutation', 'Mutation', ['holdSeats']],
      ['subscription', 'Subscription', ['eventChanged']],
    ]);
    const [event, events] = reference.operations[0]!.fields;
    expect(event).toEqual({ name: 'event', type: 'Event', description: 'One event by id.', args: [{ name: 'id', type: 'ID!' }] });
    expect(events!.args).toEqual([
      { name: 'filter', type: 'EventFilter' },
      { name: 'first', type: 'Int', defaultValue: '20' },
    ]);
    expect(events!.type).toBe('[Event!]!');
  });

  it('lists the types in declaration order, with fields, deprecations, enum values, union members and interfaces', async () => {
    const reference = await mapGraphQl(await fixture('events.graphql'));
    expect(reference.types.map((type) => `${type.kind} ${type.name}`)).toEqual(['object Event', 'interface Node', 'object Venue', 'object Performer', 'enum Genre', 'union SearchResult', 'input EventFilter']);
    const event = reference.types[0]!;
    expect(event.description).toBe('An event people can buy tickets for.');
    expect(event.related).toEqual(['Node']);
    expect(event.fields.find((field) => field.name === 'legacyCode')).toMatchObject({ deprecated: 'Use id.' });
    expect(event.fields.find((field) => field.name === 'performers')).toMatchObject({ type: '[Performer!]!', args: [{ name: 'first', type: 'Int', defaultValue: '10' }] });
    expect(reference.types[4]!.values).toEqual([{ name: 'MUSIC' }, { name: 'THEATRE' }, { name: 'COMEDY', deprecated: 'Merged into THEATRE.' }]);
    expect(reference.types[5]!.related).toEqual(['Event', 'Venue']);
    expect(reference.types[6]!.fields).toEqual([
      { name: 'genre', type: 'Genre', args: [] },
      { name: 'city', type: 'String', defaultValue: '"London"', args: [] },
    ]);
  });

  it('reads a schema without a Query type (a subgraph or a fragment)', async () => {
    const reference = await mapGraphQl('type Venue {\n  id: ID!\n}\n');
    expect(reference.operations).toEqual([]);
    expect(reference.types.map((type) => type.name)).toEqual(['Venue']);
  });

  it('reports a syntax error with line and column', async () => {
    const error = await failure('type Query {\n  events(first: Int = ): [String]\n}\n');
    expect(error.message).toBe('The GraphQL schema has a syntax error: Unexpected ")".');
    expect(error.position).toEqual({ line: 2, column: 23 });
  });

  it('reports an unknown type where it is used', async () => {
    const error = await failure('type Query {\n  event(id: ID!): Evnt\n}\n\ntype Event {\n  id: ID!\n}\n');
    expect(error.message).toBe('The GraphQL schema is invalid: Unknown type "Evnt". Did you mean "Event" or "Int"?');
    expect(error.position).toEqual({ line: 2, column: 19 });
  });

  it('reports a type defined twice at the second definition, and schema rules with their location', async () => {
    const duplicate = await failure('type Query {\n  a: Int\n}\n\ntype Query {\n  b: Int\n}\n');
    expect(duplicate.message).toBe('The GraphQL schema is invalid: There can be only one type named "Query".');
    expect(duplicate.position).toEqual({ line: 5, column: 6 });
    const unimplemented = await failure('interface Node {\n  id: ID!\n}\n\ntype Query implements Node {\n  a: Int\n}\n');
    expect(unimplemented.message).toBe('The GraphQL schema is invalid: Interface field Node.id expected but Query does not provide it.');
    expect(unimplemented.position?.line).toBe(2);
  });
});
