/**
 * A reference to another entity as a page shows it, resolved against the catalog: its title, kind and page path,
 * or its ref as written when it dangles. Docs views (a site's entity and owner) and entity page models both
 * carry these, so they are declared here, below both.
 */
import { z } from 'zod';
import { entityRefOf, parseEntityRef } from '../vocabulary/entity-ref.ts';
import { entityPagePath } from '../vocabulary/portal-paths.ts';
import type { CatalogEntity } from './catalog-file.ts';

/** A reference to another entity as a page shows it: a link when it exists, plain text when it dangles. */
export const entityLinkSchema = z.object({
  ref: z.string(),
  label: z.string(),
  kind: z.string(),
  /** Site-relative page path (`catalog/default/group/team-a/`), null when the target is not in the catalog. */
  path: z.string().nullable(),
  description: z.string().optional(),
});
export type EntityLink = z.infer<typeof entityLinkSchema>;

/** Resolves entity refs to page links (title, path; no path when dangling), each ref once. */
export function entityLinker(entities: readonly CatalogEntity[]): (ref: string) => EntityLink {
  const byKey = new Map(entities.map((entity) => [entityRefOf(entity), entity]));
  // Each entity is the target of many relations: resolve each ref's link once.
  const links = new Map<string, EntityLink>();
  const link = (ref: string): EntityLink => {
    const key = ref.toLowerCase();
    let resolved = links.get(key);
    if (resolved) return resolved;
    const target = byKey.get(key);
    resolved = target
      ? {
          ref: entityRefOf(target),
          label: displayTitle(target),
          kind: target.kind,
          path: entityPagePath(target),
          ...(target.metadata.description ? { description: target.metadata.description } : {}),
        }
      : { ref, label: ref, kind: parseEntityRef(ref).kind, path: null };
    links.set(key, resolved);
    return resolved;
  };
  return link;
}

/** What to call an entity: its title, a person's display name, or its name. */
export function displayTitle(entity: Pick<CatalogEntity, 'metadata' | 'spec'>): string {
  const displayName = (entity.spec?.profile as { displayName?: unknown } | undefined)?.displayName;
  return entity.metadata.title ?? (typeof displayName === 'string' && displayName ? displayName : entity.metadata.name);
}
