import type { CatalogEntity } from '../../src/catalog/index.ts';

/** A catalog entity as the pipeline hands it over, in the default namespace of repo `repo`, for page-model tests. */
export function catalogEntity(
  kind: string,
  name: string,
  spec: Record<string, unknown>,
  relations: CatalogEntity['relations'],
  metadata: Partial<CatalogEntity['metadata']> = {},
): CatalogEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', ...metadata },
    spec,
    relations,
    source: { repo: 'repo', file: 'catalog-info.yaml', line: 1 },
  };
}
