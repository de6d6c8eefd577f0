import {
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  type Entity,
} from '@backstage/catalog-model';
import { describe, expect, it } from 'vitest';
import { validateEntity } from '../../src/catalog/validate-entity.ts';

const component = (overrides: Record<string, unknown> = {}, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'svc', ...overrides },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a', ...spec },
});
const options = { customKinds: [] as string[] };

describe('validateEntity', () => {
  it('accepts a valid component and fills in the default namespace', async () => {
    const result = await validateEntity(component(), options);
    expect(result).toEqual({ entity: expect.objectContaining({ metadata: { name: 'svc', namespace: 'default' } }) });
  });

  it('rejects an invalid name with the naming rule in plain words', async () => {
    const result = await validateEntity(component({ name: 'Bad Name!' }), options);
    expect(result).toEqual({
      error: {
        code: 'invalid-entity',
        path: ['metadata', 'name'],
        at: 'value',
        message: 'Invalid metadata.name "Bad Name!": expected letters and digits, optionally separated by single "-", "_" or ".", at most 63 characters.',
      },
    });
  });

  it("defaults the namespace exactly where Backstage's own policies do: absent, not empty or null", async () => {
    const backstage = EntityPolicies.allOf([
      new DefaultNamespaceEntityPolicy(),
      new NoForeignRootFieldsEntityPolicy(),
      new FieldFormatEntityPolicy(),
      new SchemaValidEntityPolicy(),
    ]);
    for (const namespace of [undefined, '', null, 'team-a']) {
      const input = component(namespace === undefined ? {} : { namespace });
      const theirs = await backstage.enforce(structuredClone(input) as unknown as Entity).catch(() => 'rejected');
      const ours = await validateEntity(input, options);
      if (theirs === 'rejected') expect(ours, `namespace ${String(namespace)}`).toHaveProperty('error');
      else expect(ours, `namespace ${String(namespace)}`).toEqual({ entity: theirs });
    }
  });

  it('rejects an uppercase namespace', async () => {
    const result = await validateEntity(component({ namespace: 'Team_A' }), options);
    expect(result).toMatchObject({ error: { path: ['metadata', 'namespace'], message: expect.stringContaining('lowercase letters and digits') } });
  });

  it('points at the key of an invalid label, whose key contains dots', async () => {
    const result = await validateEntity(component({ labels: { 'bad.key!': 'x' } }), options);
    expect(result).toMatchObject({
      error: { path: ['metadata', 'labels', 'bad.key!'], at: 'key', message: expect.stringMatching(/^Invalid key "bad\.key!" in metadata\.labels: expected /) },
    });
  });

  it('rejects an invalid tag at its index', async () => {
    const result = await validateEntity(component({ tags: ['ok', 'Not_OK'] }), options);
    expect(result).toMatchObject({ error: { path: ['metadata', 'tags', 1], message: expect.stringContaining('"Not_OK"') } });
  });

  it('reports a missing required spec field at its parent', async () => {
    const entity = component();
    delete (entity.spec as Record<string, unknown>).owner;
    const result = await validateEntity(entity, options);
    expect(result).toEqual({
      error: { code: 'invalid-entity', path: ['spec'], at: 'key', message: 'Component is missing required field spec.owner.' },
    });
  });

  it('reports a field of the wrong type', async () => {
    const result = await validateEntity(component({}, { system: 42 }), options);
    expect(result).toMatchObject({ error: { path: ['spec', 'system'], message: 'spec.system must be string.' } });
  });

  it('rejects an API without a definition, as Backstage does', async () => {
    const api = { apiVersion: 'backstage.io/v1alpha1', kind: 'API', metadata: { name: 'mcp' }, spec: { type: 'mcp-server', lifecycle: 'experimental', owner: 'team-a' } };
    expect(await validateEntity(api, options)).toMatchObject({ error: { message: 'API is missing required field spec.definition.' } });
  });

  it('rejects an unknown kind unless it is declared as a custom kind', async () => {
    const entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'AiResource', metadata: { name: 'skill' }, spec: {} };
    expect(await validateEntity(entity, options)).toMatchObject({ error: { code: 'unknown-kind', path: ['kind'] } });
    expect(await validateEntity(entity, { customKinds: ['AiResource'] })).toMatchObject({ entity: { kind: 'AiResource' } });
  });

  it('names the right spelling of a built-in kind written in another case', async () => {
    const result = await validateEntity({ ...component(), kind: 'component' }, options);
    expect(result).toEqual({
      error: { code: 'invalid-entity', path: ['kind'], at: 'value', message: 'Kind "component" must be written "Component": Backstage\'s kinds are case-sensitive.' },
    });
  });

  it('rejects a Template with the outdated apiVersion and names the right one', async () => {
    const template = { apiVersion: 'backstage.io/v1alpha1', kind: 'Template', metadata: { name: 't' }, spec: { type: 'service', steps: [] } };
    expect(await validateEntity(template, options)).toMatchObject({
      error: { code: 'unsupported-api-version', path: ['apiVersion'], message: expect.stringContaining('scaffolder.backstage.io/v1beta3') },
    });
  });

  it("validates a Template with the scaffolder's own validator, loaded on the first Template", async () => {
    const template = (spec: Record<string, unknown>) => ({ apiVersion: 'scaffolder.backstage.io/v1beta3', kind: 'Template', metadata: { name: 't' }, spec });
    expect(await validateEntity(template({ type: 'service', steps: [] }), options)).toMatchObject({ entity: { kind: 'Template' } });
    expect(await validateEntity(template({ steps: [] }), options)).toMatchObject({ error: { code: 'invalid-entity', path: ['spec'] } });
  });

  it('rejects a document that is not an entity', async () => {
    expect(await validateEntity({ openapi: '3.0.0', info: {} }, options)).toMatchObject({ error: { code: 'not-an-entity' } });
    expect(await validateEntity(['a', 'b'], options)).toMatchObject({ error: { code: 'not-an-entity' } });
  });

  it('rejects an unknown top-level field', async () => {
    expect(await validateEntity({ ...component(), extra: true }, options)).toMatchObject({ error: { path: ['extra'], at: 'key' } });
  });
});
