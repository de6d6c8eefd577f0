import { describe, expect, it } from 'vitest';
import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { LoadedEntity } from '../../src/catalog/loaded-entity.ts';
import { resolveRelations } from '../../src/catalog/relations.ts';
import { inverseRelation } from '../../src/vocabulary/relations.ts';

function loaded(kind: string, name: string, spec: Entity['spec'], namespace = 'default'): LoadedEntity {
  const entity: Entity = { apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name, namespace }, spec };
  const ref = stringifyEntityRef(entity);
  const provenance = { descriptor: { file: `${name}.yaml`, sha256: '0'.repeat(64) }, locations: [], substitutions: [] };
  return { entity, ref, key: ref.toLowerCase(), source: { repo: 'r', file: `${name}.yaml`, line: 1 }, provenance, positionOf: (path) => ({ line: path.length, column: 1 }) };
}

const relationsOf = (result: ReturnType<typeof resolveRelations>, ref: string) => result.relationsByRef.get(ref.toLowerCase()) ?? [];

describe('resolveRelations', () => {
  const catalog = [
    loaded('Group', 'platform', { type: 'team', children: ['payments'], members: ['ada'] }),
    loaded('Group', 'payments', { type: 'team', parent: 'platform', children: [] }),
    loaded('User', 'ada', { memberOf: ['payments'] }),
    loaded('Domain', 'commerce', { owner: 'platform' }),
    loaded('Domain', 'checkout', { owner: 'platform', subdomainOf: 'commerce' }),
    loaded('System', 'shop', { owner: 'payments', domain: 'commerce' }),
    loaded('API', 'orders-api', { type: 'openapi', lifecycle: 'production', owner: 'payments', system: 'shop', definition: '{}' }),
    loaded('Resource', 'orders-db', { type: 'database', owner: 'payments', system: 'shop', dependencyOf: ['component:orders'] }),
    loaded('Component', 'orders', {
      type: 'service', lifecycle: 'production', owner: 'user:ada', system: 'shop',
      providesApis: ['orders-api'], consumesApis: ['api:orders-api'], dependsOn: ['resource:orders-db'],
    }),
    loaded('Component', 'orders-worker', { type: 'service', lifecycle: 'production', owner: 'payments', subcomponentOf: 'orders' }),
  ];
  const result = resolveRelations(catalog);

  it('derives ownership with its inverse, defaulting the owner kind to Group', () => {
    expect(relationsOf(result, 'system:default/shop')).toContainEqual({ type: 'ownedBy', targetRef: 'group:default/payments' });
    expect(relationsOf(result, 'group:default/payments')).toContainEqual({ type: 'ownerOf', targetRef: 'system:default/shop' });
    expect(relationsOf(result, 'user:default/ada')).toContainEqual({ type: 'ownerOf', targetRef: 'component:default/orders' });
  });

  it('derives API provision and consumption both ways', () => {
    expect(relationsOf(result, 'component:default/orders')).toEqual(
      expect.arrayContaining([
        { type: 'providesApi', targetRef: 'api:default/orders-api' },
        { type: 'consumesApi', targetRef: 'api:default/orders-api' },
      ]),
    );
    expect(relationsOf(result, 'api:default/orders-api')).toEqual(
      expect.arrayContaining([
        { type: 'apiProvidedBy', targetRef: 'component:default/orders' },
        { type: 'apiConsumedBy', targetRef: 'component:default/orders' },
      ]),
    );
  });

  it('derives partOf/hasPart for systems, domains, subdomains and subcomponents', () => {
    expect(relationsOf(result, 'system:default/shop')).toContainEqual({ type: 'partOf', targetRef: 'domain:default/commerce' });
    expect(relationsOf(result, 'domain:default/commerce')).toEqual(
      expect.arrayContaining([
        { type: 'hasPart', targetRef: 'system:default/shop' },
        { type: 'hasPart', targetRef: 'domain:default/checkout' },
      ]),
    );
    expect(relationsOf(result, 'component:default/orders')).toContainEqual({ type: 'hasPart', targetRef: 'component:default/orders-worker' });
  });

  it('merges dependsOn and dependencyOf declared from either side without duplicates', () => {
    const orders = relationsOf(result, 'component:default/orders').filter((relation) => relation.type === 'dependsOn');
    expect(orders).toEqual([{ type: 'dependsOn', targetRef: 'resource:default/orders-db' }]);
    expect(relationsOf(result, 'resource:default/orders-db')).toContainEqual({ type: 'dependencyOf', targetRef: 'component:default/orders' });
  });

  it('derives group hierarchy and membership from both groups and users, once each', () => {
    expect(relationsOf(result, 'group:default/payments')).toEqual(
      expect.arrayContaining([{ type: 'childOf', targetRef: 'group:default/platform' }]),
    );
    expect(relationsOf(result, 'group:default/platform')).toContainEqual({ type: 'parentOf', targetRef: 'group:default/payments' });
    const adaMemberships = relationsOf(result, 'user:default/ada').filter((relation) => relation.type === 'memberOf');
    expect(adaMemberships).toEqual([
      { type: 'memberOf', targetRef: 'group:default/payments' },
      { type: 'memberOf', targetRef: 'group:default/platform' },
    ]);
  });

  it('pairs every relation type with its inverse', () => {
    for (const [type, inverse] of Object.entries(inverseRelation)) expect(inverseRelation[inverse]).toBe(type);
    for (const [key, relations] of result.relationsByRef) {
      for (const relation of relations) {
        const back = result.relationsByRef.get(relation.targetRef.toLowerCase()) ?? [];
        expect(back.some((other) => other.type === inverseRelation[relation.type] && other.targetRef.toLowerCase() === key)).toBe(true);
      }
    }
  });

  it('sorts relations by type, then target', () => {
    const relations = relationsOf(result, 'group:default/payments');
    expect(relations).toEqual([...relations].sort((a, b) => (a.type + a.targetRef < b.type + b.targetRef ? -1 : 1)));
  });

  it('uses the entity’s own namespace as the default for references', () => {
    const scoped = resolveRelations([loaded('Group', 'data', { type: 'team', children: [] }, 'analytics'), loaded('System', 'lake', { owner: 'data' }, 'analytics')]);
    expect(relationsOf(scoped, 'system:analytics/lake')).toEqual([{ type: 'ownedBy', targetRef: 'group:analytics/data' }]);
    expect(scoped.problems).toEqual([]);
  });

  it('keeps a relation to a missing entity and reports it as a warning at the field', () => {
    const dangling = resolveRelations([loaded('Component', 'lonely', { type: 'service', lifecycle: 'production', owner: 'ghosts' })]);
    expect(relationsOf(dangling, 'component:default/lonely')).toEqual([{ type: 'ownedBy', targetRef: 'group:default/ghosts' }]);
    expect(dangling.problems).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'dangling-relation', entityRef: 'component:default/lonely', message: expect.stringContaining('group:default/ghosts') }),
    ]);
  });

  it('reports a dependsOn without a kind as an invalid reference and drops it', () => {
    const invalid = resolveRelations([loaded('Component', 'c', { type: 'service', lifecycle: 'production', owner: 'user:x', dependsOn: ['orders-db'] }), loaded('User', 'x', { memberOf: [] })]);
    expect(invalid.problems).toEqual([
      expect.objectContaining({ severity: 'error', code: 'invalid-reference', message: expect.stringContaining('write it as kind:name') }),
    ]);
    expect(relationsOf(invalid, 'component:default/c').some((relation) => relation.type === 'dependsOn')).toBe(false);
  });

  it('reads an empty relation field as no relation, as Backstage does, rather than as an empty reference', () => {
    const empty = resolveRelations([loaded('Resource', 'db', { type: 'database', owner: 'user:x', dependencyOf: '' }), loaded('User', 'x', { memberOf: [] })]);
    expect(empty.problems).toEqual([]);
    expect(relationsOf(empty, 'resource:default/db')).toEqual([{ type: 'ownedBy', targetRef: 'user:default/x' }]);
  });

  it('matches references case-insensitively, as Backstage does', () => {
    const mixed = resolveRelations([loaded('Group', 'Platform', { type: 'team', children: [] }), loaded('System', 's', { owner: 'group:platform' })]);
    expect(mixed.problems).toEqual([]);
  });
});
