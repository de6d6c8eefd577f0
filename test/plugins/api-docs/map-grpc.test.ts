import { describe, expect, it } from 'vitest';
import { DefinitionError } from '../../../integrations/plugins/api-docs/definition-error.ts';
import { mapGrpc } from '../../../integrations/plugins/api-docs/map-grpc.ts';
import { fixture, memoryRepo } from './fixtures.ts';

describe('mapping gRPC .proto', () => {
  it('lists services with unary and streaming methods and their comments', async () => {
    const input = memoryRepo('protos/route_guide.proto', { 'protos/common/geo.proto': await fixture('geo.proto') });
    const reference = await mapGrpc(await fixture('route_guide.proto'), input);
    expect(reference).toMatchObject({ format: 'grpc', specVersion: 'proto3', package: 'routeguide', imports: ['google/protobuf/timestamp.proto', 'common/geo.proto'] });
    expect(reference.services).toHaveLength(1);
    const service = reference.services[0]!;
    expect(service).toMatchObject({ name: 'RouteGuide', description: 'Interface exported by the server.', deprecated: false });
    expect(service.methods.map((method) => [method.name, method.request, method.requestStream, method.response, method.responseStream, method.deprecated])).toEqual([
      ['GetFeature', 'Point', false, 'Feature', false, false],
      ['ListFeatures', 'Rectangle', false, 'Feature', true, false],
      ['RecordRoute', 'Point', true, 'RouteSummary', false, false],
      ['RouteChat', 'RouteNote', true, 'RouteNote', true, true],
    ]);
    expect(service.methods[0]!.description).toBe('A simple RPC: the feature at a given position.');
  });

  it('lists messages with numbered fields, labels (repeated, map, oneof) and deprecations, imported messages included', async () => {
    const input = memoryRepo('protos/route_guide.proto', { 'protos/common/geo.proto': await fixture('geo.proto') });
    const reference = await mapGrpc(await fixture('route_guide.proto'), input);
    expect(reference.messages.map((message) => message.name).sort()).toEqual(['Feature', 'Point', 'Rectangle', 'RouteNote', 'RouteSummary']);
    const feature = reference.messages.find((message) => message.name === 'Feature')!;
    expect(feature.fields.map((field) => [field.number, field.name, field.type, field.label ?? ''])).toEqual([
      [1, 'name', 'string', ''],
      [2, 'location', 'Point', ''],
      [3, 'labels', 'map<string, string>', ''],
      [4, 'note', 'string', 'oneof detail'],
      [5, 'rating', 'int32', 'oneof detail'],
      [6, 'kind', 'Kind', ''],
      [7, 'seen_at', 'google.protobuf.Timestamp', ''],
    ]);
    expect(feature.fields[0]!.description).toBe('The name of the feature.');
    expect(reference.messages.find((message) => message.name === 'RouteSummary')!.fields[1]).toMatchObject({ label: 'repeated', deprecated: true });
    expect(reference.messages.find((message) => message.name === 'Point')!.description).toBe('Points are latitude-longitude pairs in E7 representation.');
    expect(reference.enums).toEqual([{ name: 'Kind', values: [{ name: 'KIND_UNSPECIFIED', number: 0 }, { name: 'LANDMARK', number: 1, description: 'A place with a name.' }] }]);
  });

  it('shows the types of an import that is not in the repo by name', async () => {
    const reference = await mapGrpc(await fixture('route_guide.proto'), memoryRepo('route_guide.proto'));
    expect(reference.services[0]!.methods[0]!.request).toBe('Point');
    expect(reference.messages.map((message) => message.name)).not.toContain('Point');
  });

  it('reports a syntax error at the line protobufjs gives', async () => {
    const error = (await mapGrpc('syntax = "proto3";\n\nmessage Point {\n  int32 latitude = 1\n  int32 longitude = 2;\n}\n', memoryRepo('a.proto')).catch((caught: unknown) => caught)) as DefinitionError;
    expect(error).toBeInstanceOf(DefinitionError);
    expect(error.message).toBe("The protobuf definition has a syntax error: illegal token 'int32', ';' expected");
    expect(error.position).toEqual({ line: 5 });
  });

  it('reports a syntax error in an imported file with that file', async () => {
    const input = memoryRepo('route_guide.proto', { 'common/geo.proto': 'syntax = "proto3";\nmessage Point {\n  int32 latitude = ;\n}\n' });
    const error = (await mapGrpc(await fixture('route_guide.proto'), input).catch((caught: unknown) => caught)) as DefinitionError;
    expect(error.message).toMatch(/^The protobuf file common\/geo.proto, imported by the definition, has a syntax error: /);
    expect(error.position).toEqual({ line: 3, file: 'common/geo.proto' });
  });
});
