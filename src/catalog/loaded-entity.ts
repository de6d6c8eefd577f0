import type { Entity } from '@backstage/catalog-model';
import type { EntityProvenance } from './catalog-file.ts';

/** Where an entity was declared. */
export interface EntitySource {
  repo: string;
  /** Repo-relative POSIX path of the descriptor file. */
  file: string;
  /** 1-based line where the entity's YAML document starts. */
  line: number;
}

/** A valid entity as read from a descriptor, before relations are resolved. */
export interface LoadedEntity {
  entity: Entity;
  /** Backstage's canonical ref, `kind:namespace/name` with kind and namespace lowercased. */
  ref: string;
  /** `ref` lowercased: Backstage compares refs case-insensitively. */
  key: string;
  source: EntitySource;
  /** The files it was built from, with their digests. */
  provenance: EntityProvenance;
  /** 1-based position of a field of this entity's document, for located problems. */
  positionOf(path: readonly (string | number)[], at?: 'key' | 'value'): { line: number; column: number };
}
