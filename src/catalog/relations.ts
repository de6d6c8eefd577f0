import {
  parseEntityRef,
  RELATION_API_CONSUMED_BY,
  RELATION_API_PROVIDED_BY,
  RELATION_CHILD_OF,
  RELATION_CONSUMES_API,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_MEMBER,
  RELATION_HAS_PART,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PARENT_OF,
  RELATION_PART_OF,
  RELATION_PROVIDES_API,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { compareStrings } from '../vocabulary/compare-strings.ts';
import type { Problem } from '../vocabulary/problems.ts';
import type { LoadedEntity } from './loaded-entity.ts';
import { displayPath } from './validate-entity.ts';

export interface EntityRelation {
  type: string;
  targetRef: string;
}

/** A spec field that declares relations: Backstage's BuiltinKindsEntityProcessor, as a table. */
interface RelationField {
  field: string;
  /** Kind assumed when the reference has none; without one, the kind must be written. */
  defaultKind?: string;
  outgoing: string;
  incoming: string;
}

const owner: RelationField = { field: 'owner', defaultKind: 'Group', outgoing: RELATION_OWNED_BY, incoming: RELATION_OWNER_OF };
const system: RelationField = { field: 'system', defaultKind: 'System', outgoing: RELATION_PART_OF, incoming: RELATION_HAS_PART };
const dependsOn: RelationField = { field: 'dependsOn', outgoing: RELATION_DEPENDS_ON, incoming: RELATION_DEPENDENCY_OF };
const dependencyOf: RelationField = { field: 'dependencyOf', outgoing: RELATION_DEPENDENCY_OF, incoming: RELATION_DEPENDS_ON };

const relationFieldsByKind: Record<string, RelationField[]> = {
  component: [
    owner,
    { field: 'subcomponentOf', defaultKind: 'Component', outgoing: RELATION_PART_OF, incoming: RELATION_HAS_PART },
    { field: 'providesApis', defaultKind: 'API', outgoing: RELATION_PROVIDES_API, incoming: RELATION_API_PROVIDED_BY },
    { field: 'consumesApis', defaultKind: 'API', outgoing: RELATION_CONSUMES_API, incoming: RELATION_API_CONSUMED_BY },
    dependsOn,
    dependencyOf,
    system,
  ],
  api: [owner, system],
  resource: [owner, dependsOn, dependencyOf, system],
  user: [{ field: 'memberOf', defaultKind: 'Group', outgoing: RELATION_MEMBER_OF, incoming: RELATION_HAS_MEMBER }],
  group: [
    { field: 'parent', defaultKind: 'Group', outgoing: RELATION_CHILD_OF, incoming: RELATION_PARENT_OF },
    { field: 'children', defaultKind: 'Group', outgoing: RELATION_PARENT_OF, incoming: RELATION_CHILD_OF },
    { field: 'members', defaultKind: 'User', outgoing: RELATION_HAS_MEMBER, incoming: RELATION_MEMBER_OF },
  ],
  system: [owner, { field: 'domain', defaultKind: 'Domain', outgoing: RELATION_PART_OF, incoming: RELATION_HAS_PART }],
  domain: [owner, { field: 'subdomainOf', defaultKind: 'Domain', outgoing: RELATION_PART_OF, incoming: RELATION_HAS_PART }],
  // The scaffolder's own processor emits ownership for templates.
  template: [owner],
};

/** Every relation type Playbill derives, paired with its inverse. */
export const inverseRelation: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(relationFieldsByKind)
    .flat()
    .flatMap((field) => [
      [field.outgoing, field.incoming],
      [field.incoming, field.outgoing],
    ]),
);

export interface ResolvedRelations {
  /** Relations per entity ref (lowercase key), sorted by type then target, as Backstage returns them. */
  relationsByRef: Map<string, EntityRelation[]>;
  problems: Problem[];
}

/**
 * Derives every relation the entities declare, with its inverse on the other entity, the way
 * Backstage's catalog does. A malformed reference is an error (that relation is dropped); a
 * reference to an entity that is not in the catalog is a warning (the relation is kept, as
 * Backstage keeps it, and pages render it as plain text).
 */
export function resolveRelations(entities: readonly LoadedEntity[]): ResolvedRelations {
  const known = new Set(entities.map((loaded) => loaded.key));
  const relations = new Map<string, Map<string, EntityRelation>>();
  const problems: Problem[] = [];
  const add = (sourceKey: string, type: string, targetRef: string) => {
    let forSource = relations.get(sourceKey);
    if (!forSource) relations.set(sourceKey, (forSource = new Map()));
    forSource.set(`${type} ${targetRef.toLowerCase()}`, { type, targetRef });
  };

  for (const loaded of entities) {
    const fields = relationFieldsByKind[loaded.entity.kind.toLowerCase()] ?? [];
    const spec = (loaded.entity.spec ?? {}) as Record<string, unknown>;
    const namespace = loaded.entity.metadata.namespace ?? 'default';
    for (const relationField of fields) {
      const declared = spec[relationField.field];
      if (!declared) continue; // as Backstage's processor: an empty string is no relation, not an empty reference
      const targets = Array.isArray(declared) ? declared : [declared];
      targets.forEach((target, index) => {
        const path = Array.isArray(declared) ? ['spec', relationField.field, index] : ['spec', relationField.field];
        // Positions cost a re-parse of the file: look them up only for a problem.
        const report = (severity: Problem['severity'], code: Problem['code'], message: string) =>
          problems.push({ severity, ...loaded.source, ...loaded.positionOf(path), entityRef: loaded.ref, code, message });
        let targetRef: string;
        try {
          if (typeof target !== 'string') throw new Error('it is not a string');
          targetRef = stringifyEntityRef(
            parseEntityRef(target, {
              defaultNamespace: namespace,
              ...(relationField.defaultKind ? { defaultKind: relationField.defaultKind } : {}),
            }),
          );
        } catch (error) {
          const hint = relationField.defaultKind ? '' : ` ${displayPath(path)} has no default kind, so write it as kind:name (e.g. component:my-service).`;
          report('error', 'invalid-reference', `Invalid entity reference ${JSON.stringify(target)} in ${displayPath(path)}: ${(error as Error).message}.${hint}`);
          return;
        }
        add(loaded.key, relationField.outgoing, targetRef);
        add(targetRef.toLowerCase(), relationField.incoming, loaded.ref);
        if (!known.has(targetRef.toLowerCase())) {
          report('warning', 'dangling-relation', `${displayPath(path)} refers to ${targetRef}, which is not in the catalog; the ${relationField.outgoing} relation is shown as plain text.`);
        }
      });
    }
  }

  const relationsByRef = new Map<string, EntityRelation[]>();
  for (const [key, byId] of relations) {
    // Relations whose source is not in the catalog have nowhere to live.
    if (!known.has(key)) continue;
    relationsByRef.set(
      key,
      [...byId.values()].sort((a, b) => compareStrings(a.type, b.type) || compareStrings(a.targetRef, b.targetRef)),
    );
  }
  return { relationsByRef, problems };
}
