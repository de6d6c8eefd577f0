import { compareStrings } from '../vocabulary/compare-strings.ts';
import { defaultNamespace, formatEntityRef, parseEntityRef } from '../vocabulary/entity-ref.ts';
import type { Problem } from '../vocabulary/problems.ts';
import { inverseRelation, type RelationType } from '../vocabulary/relations.ts';
import type { LoadedEntity } from './loaded-entity.ts';
import { displayPath } from './validate-entity.ts';

export interface EntityRelation {
  type: string;
  targetRef: string;
}

/** A spec field that declares relations: Backstage's BuiltinKindsEntityProcessor, as a table. Each has its inverse on the target. */
interface RelationField {
  field: string;
  /** Kind assumed when the reference has none; without one, the kind must be written. */
  defaultKind?: string;
  relation: RelationType;
}

const owner: RelationField = { field: 'owner', defaultKind: 'Group', relation: 'ownedBy' };
const system: RelationField = { field: 'system', defaultKind: 'System', relation: 'partOf' };
const dependsOn: RelationField = { field: 'dependsOn', relation: 'dependsOn' };
const dependencyOf: RelationField = { field: 'dependencyOf', relation: 'dependencyOf' };

const relationFieldsByKind: Record<string, RelationField[]> = {
  component: [
    owner,
    { field: 'subcomponentOf', defaultKind: 'Component', relation: 'partOf' },
    { field: 'providesApis', defaultKind: 'API', relation: 'providesApi' },
    { field: 'consumesApis', defaultKind: 'API', relation: 'consumesApi' },
    dependsOn,
    dependencyOf,
    system,
  ],
  api: [owner, system],
  resource: [owner, dependsOn, dependencyOf, system],
  user: [{ field: 'memberOf', defaultKind: 'Group', relation: 'memberOf' }],
  group: [
    { field: 'parent', defaultKind: 'Group', relation: 'childOf' },
    { field: 'children', defaultKind: 'Group', relation: 'parentOf' },
    { field: 'members', defaultKind: 'User', relation: 'hasMember' },
  ],
  system: [owner, { field: 'domain', defaultKind: 'Domain', relation: 'partOf' }],
  domain: [owner, { field: 'subdomainOf', defaultKind: 'Domain', relation: 'partOf' }],
  // The scaffolder's own processor emits ownership for templates.
  template: [owner],
};

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
    const namespace = loaded.entity.metadata.namespace ?? defaultNamespace;
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
          targetRef = formatEntityRef(
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
        add(loaded.key, relationField.relation, targetRef);
        add(targetRef.toLowerCase(), inverseRelation[relationField.relation]!, loaded.ref);
        if (!known.has(targetRef.toLowerCase())) {
          report('warning', 'dangling-relation', `${displayPath(path)} refers to ${targetRef}, which is not in the catalog; the ${relationField.relation} relation is shown as plain text.`);
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
