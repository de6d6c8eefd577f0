import { fieldPosition, type CatalogEntity, type FieldPosition } from '../catalog/index.ts';
import { readRepoFile, type Repo } from '../sources/index.ts';
import type { RepoPosition } from './located-failure.ts';

/** A field's place in the entity's descriptor: its key, and where its text starts when it is a literal block (`key: |`). */
export type DescriptorPosition = RepoPosition & Pick<FieldPosition, 'block'>;

/**
 * `context.locate`: where a field of the entity is written in its descriptor, by the catalog's
 * own position lookup. Positions are wanted only to place a problem, so the descriptor is read
 * for it then rather than kept for every entity; and only bytes the catalog built the entity
 * from are used (its provenance's digest), since a position in others would point at the wrong line.
 */
export async function locateField(repo: Repo, entity: CatalogEntity, path: readonly (string | number)[], maxBytes: number): Promise<DescriptorPosition | undefined> {
  const read = await readRepoFile(repo, entity.source.file, maxBytes);
  if ('error' in read) return undefined;
  if (entity.provenance && read.sha256 !== entity.provenance.descriptor.sha256) return undefined;
  const position = fieldPosition(read.text, entity.source.line, path);
  return position && { file: entity.source.file, ...position };
}
