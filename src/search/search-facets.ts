import type { DocPageView, DocSiteView } from '../docs/index.ts';
import type { EntityLink, EntityView } from '../site/entity-view.ts';
import { shortRef } from '../vocabulary/entity-ref.ts';

/**
 * The pagefind filters every indexed page can carry, in the order the search UI shows them.
 * `kind` is what a result *is*: an entity's kind, or `Docs` for a docs page. A docs page
 * carries the other filters of the entity it documents, so "owner: payments-team" finds the
 * team's entities and their docs together.
 */
export const searchFilterKeys = ['kind', 'owner', 'lifecycle', 'tag', 'type', 'system', 'namespace'] as const;
export type SearchFilterKey = (typeof searchFilterKeys)[number];

/** The `kind` of a docs page in the index. */
export const docsKind = 'Docs';

/** What the search UI shows for a result, stored by pagefind next to the page (`data-pagefind-meta`). */
export interface SearchMeta {
  title: string;
  kind: string;
  owner?: string;
  description?: string;
  /** Docs pages: the title of the entity the docs belong to. */
  entity?: string;
}

/** Everything an indexed page tells pagefind about itself, besides its text. */
export interface SearchFacets {
  /** One pair per value; a filter may repeat (tags). Playbill's filters, then the plugins' (`ci`, `coverage`…). */
  filters: [string, string][];
  meta: [keyof SearchMeta, string][];
}

/**
 * A plugin's filter name must be a plain word (pagefind reads `:`, `,` and `[` in it as syntax, and
 * reserves any/all/none/not) and must not take over one of Playbill's filters.
 */
export function isPluginFilterKey(key: string): boolean {
  return /^[a-z][a-z0-9_-]{0,39}$/i.test(key) && !['any', 'all', 'none', 'not'].includes(key) && !(searchFilterKeys as readonly string[]).includes(key);
}

const descriptionLimit = 240;

/** The filters and meta of an entity page: Playbill's, then those plugins computed for the entity. */
export function entitySearchFacets(entity: EntityView): SearchFacets {
  const fromPlugins = Object.entries(entity.searchFilters ?? {})
    .filter(([key]) => isPluginFilterKey(key))
    .flatMap(([key, values]) => values.map((value) => [key, value] as [string, string]));
  return {
    filters: [...entityFilters(entity.kind, entity), ...pairs(fromPlugins)],
    meta: metaPairs({ title: entity.title, kind: entity.kind, owner: entity.owner?.label, description: entity.description }),
  };
}

/**
 * The filters and meta of a docs page: kind `Docs`, and the filters of the entity it documents
 * (when that entity is in the catalog; else only its owner, from the docs site).
 */
export function docPageSearchFacets(page: Pick<DocPageView, 'title' | 'description'>, site: Pick<DocSiteView, 'owner' | 'entity'>, entity: EntityView | undefined): SearchFacets {
  const owner = entity?.owner ?? site.owner;
  return {
    filters: entity ? entityFilters(docsKind, entity) : pairs<SearchFilterKey>([['kind', docsKind], ['owner', owner && shortRef(owner.ref, 'group')]]),
    // Only the page's own description: the site's is the entity's, which says nothing about this page.
    meta: metaPairs({ title: page.title, kind: docsKind, owner: owner?.label, description: page.description, entity: site.entity.label }),
  };
}

function entityFilters(kind: string, entity: EntityView): [SearchFilterKey, string][] {
  return pairs<SearchFilterKey>([
    ['kind', kind],
    ['owner', link(entity.owner, 'group')],
    ['lifecycle', entity.lifecycle],
    ...entity.tags.map((tag) => ['tag', tag] as [SearchFilterKey, string]),
    ['type', entity.type],
    ['system', link(entity.system, 'system')],
    ['namespace', entity.namespace],
  ]);
}

const link = (target: EntityLink | undefined, impliedKind: string) => target && shortRef(target.ref, impliedKind);

function pairs<Key extends string>(list: [Key, string | undefined][]): [Key, string][] {
  const seen = new Set<string>();
  const out: [Key, string][] = [];
  for (const [key, raw] of list) {
    const value = raw === undefined ? '' : oneLine(raw);
    if (!value || seen.has(`${key}\0${value}`)) continue;
    seen.add(`${key}\0${value}`);
    out.push([key, value]);
  }
  return out;
}

function metaPairs(meta: SearchMeta): [keyof SearchMeta, string][] {
  const out: [keyof SearchMeta, string][] = [];
  for (const key of ['title', 'kind', 'owner', 'description', 'entity'] as const) {
    const value = meta[key] === undefined ? '' : oneLine(meta[key]);
    if (value) out.push([key, key === 'description' ? truncate(value, descriptionLimit) : value]);
  }
  return out;
}

/** Whitespace collapsed, so filter values compare as people read them (pagefind does the same to filters, not to meta). */
function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function truncate(value: string, limit: number): string {
  if (value.length <= limit) return value;
  const cut = value.slice(0, limit);
  const space = cut.lastIndexOf(' ');
  return `${(space > limit * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}
