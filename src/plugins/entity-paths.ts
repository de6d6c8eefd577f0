import type { CatalogEntity } from '../catalog/catalog-file.ts';

export { entityPagePath } from '../site/paths.ts';

/**
 * The entity's ref as Backstage stringifies it (`component:default/ticketing`: kind and namespace
 * lowercased). Written here rather than imported from @backstage/catalog-model so plugins and the
 * plugin stage stay light on the main thread.
 */
export function entityRefOf(entity: Pick<CatalogEntity, 'kind' | 'metadata'>): string {
  return `${entity.kind.toLocaleLowerCase('en-US')}:${entity.metadata.namespace.toLocaleLowerCase('en-US')}/${entity.metadata.name}`;
}
