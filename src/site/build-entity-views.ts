import { displayTitle, entityLinker, type CatalogEntity, type EntityLink } from '../catalog/index.ts';
import { compareStrings } from '../vocabulary/compare-strings.ts';
import { entityRefOf, parseEntityRef } from '../vocabulary/entity-ref.ts';
import { entityPagePath } from '../vocabulary/portal-paths.ts';
import { highlightDefinition } from '../vocabulary/highlight.ts';
import { relationHeading, relationTypes } from '../vocabulary/relations.ts';
import type { Repo } from '../sources/index.ts';
import type { EntitySection, EntityView } from './entity-view.ts';
import { sourceFileUrl } from './source-links.ts';

/** Relation lists in the order a reader wants them; types outside Backstage's table follow. */
const relationOrder = new Map(relationTypes.map((type, index) => [type as string, index]));

/**
 * Resolves every entity's page model in one pass over the catalog: relation targets get
 * titles and links (or none, when dangling), and kind-specific cards are filled in.
 */
export function buildEntityViews(
  entities: readonly CatalogEntity[],
  repos: readonly Repo[],
  docsByEntity: ReadonlyMap<string, string> = new Map(),
  link: (ref: string) => EntityLink = entityLinker(entities),
): EntityView[] {
  const byKey = new Map(entities.map((entity) => [entityRefOf(entity), entity]));
  const reposByName = new Map(repos.map((repo) => [repo.name, repo]));
  return entities.map((entity) => {
    const view = toView(entity, link, byKey, reposByName);
    const docsPath = docsByEntity.get(view.ref);
    return docsPath ? { ...view, docsPath } : view;
  });
}

function toView(
  entity: CatalogEntity,
  link: (ref: string) => EntityLink,
  byKey: ReadonlyMap<string, CatalogEntity>,
  reposByName: ReadonlyMap<string, Repo>,
): EntityView {
  const spec = entity.spec ?? {};
  // Targets' kinds are lowercase in refs (`component:default/x`), so a prefix test finds them.
  const related = (type: string, kind?: string) =>
    entity.relations
      .filter((relation) => relation.type === type && (!kind || relation.targetRef.startsWith(`${kind}:`)))
      .map((relation) => link(relation.targetRef));
  const first = (type: string, kind?: string) => related(type, kind)[0];

  const owner = first('ownedBy');
  const system = first('partOf', 'system');
  // Components, APIs and resources belong to a domain through their system.
  const domain = first('partOf', 'domain') ?? domainOfSystem(system, byKey, link);

  const groups = new Map<string, EntityLink[]>();
  for (const relation of entity.relations) {
    const list = groups.get(relation.type) ?? [];
    list.push(link(relation.targetRef));
    groups.set(relation.type, list);
  }
  const relationGroups = [...groups]
    .sort(([a], [b]) => (relationOrder.get(a) ?? 99) - (relationOrder.get(b) ?? 99) || compareStrings(a, b))
    .map(([type, targets]) => ({ type, label: relationOrder.has(type) ? relationHeading(type) : type, targets }));

  const profile = spec.profile as { displayName?: unknown; email?: unknown; picture?: unknown } | undefined;
  const links = (entity.metadata.links ?? []).map((item) => ({
    url: item.url,
    title: item.title ?? item.url,
    safe: /^(https?:|mailto:)/i.test(item.url),
  }));
  const repo = reposByName.get(entity.source.repo);
  const url = repo ? sourceFileUrl(entity, repo) : undefined;
  return {
    ref: entityRefOf(entity),
    kind: entity.kind,
    namespace: entity.metadata.namespace,
    name: entity.metadata.name,
    title: displayTitle(entity),
    ...(entity.metadata.description ? { description: entity.metadata.description } : {}),
    path: entityPagePath(entity),
    ...(typeof spec.type === 'string' ? { type: spec.type } : {}),
    ...(typeof spec.lifecycle === 'string' ? { lifecycle: spec.lifecycle } : {}),
    ...(owner ? { owner } : {}),
    ...(system ? { system } : {}),
    ...(domain ? { domain } : {}),
    tags: entity.metadata.tags ?? [],
    labels: Object.entries(entity.metadata.labels ?? {}),
    annotations: Object.entries(entity.metadata.annotations ?? {}),
    links,
    ...(profile && typeof profile === 'object'
      ? {
          profile: {
            ...(typeof profile.displayName === 'string' ? { displayName: profile.displayName } : {}),
            ...(typeof profile.email === 'string' ? { email: profile.email } : {}),
            ...(typeof profile.picture === 'string' && /^https?:/i.test(profile.picture) ? { picture: profile.picture } : {}),
          },
        }
      : {}),
    source: { ...entity.source, ...(url ? { url } : {}) },
    sections: kindSections(entity.kind.toLowerCase(), related),
    relationGroups,
    ...(entity.kind.toLowerCase() === 'api' && typeof spec.definition === 'string' ? { definition: definitionView(String(spec.type ?? ''), spec.definition) } : {}),
  };
}

/** The cards each kind's page leads with, as Backstage's entity pages show them. */
function kindSections(kind: string, related: (type: string, kind?: string) => EntityLink[]): EntitySection[] {
  const section = (title: string, items: EntityLink[], empty: string): EntitySection => ({ title, items, empty });
  switch (kind) {
    case 'group':
      return [
        section('Parent group', related('childOf'), 'Top-level group.'),
        section('Child groups', related('parentOf'), 'No child groups.'),
        section('Members', related('hasMember'), 'No members.'),
        section('Owns', related('ownerOf'), 'Owns nothing in the catalog.'),
      ];
    case 'user':
      return [section('Member of', related('memberOf'), 'Not a member of any group.'), section('Owns', related('ownerOf'), 'Owns nothing in the catalog.')];
    case 'system':
      return [
        section('Components', related('hasPart', 'component'), 'No components.'),
        section('APIs', related('hasPart', 'api'), 'No APIs.'),
        section('Resources', related('hasPart', 'resource'), 'No resources.'),
      ];
    case 'domain':
      return [section('Systems', related('hasPart', 'system'), 'No systems.'), section('Subdomains', related('hasPart', 'domain'), 'No subdomains.')];
    case 'api':
      return [section('Provided by', related('apiProvidedBy'), 'No component provides this API.'), section('Consumed by', related('apiConsumedBy'), 'No component consumes this API.')];
    case 'component':
      return [
        section('Provided APIs', related('providesApi'), 'Provides no APIs.'),
        section('Consumed APIs', related('consumesApi'), 'Consumes no APIs.'),
        section('Depends on', related('dependsOn'), 'No dependencies.'),
        section('Subcomponents', related('hasPart', 'component'), 'No subcomponents.'),
      ];
    case 'resource':
      return [section('Dependency of', related('dependencyOf'), 'Nothing depends on this resource.'), section('Depends on', related('dependsOn'), 'No dependencies.')];
    default:
      return [];
  }
}

function domainOfSystem(system: EntityLink | undefined, byKey: ReadonlyMap<string, CatalogEntity>, link: (ref: string) => EntityLink) {
  if (!system?.path) return undefined;
  const target = byKey.get(system.ref.toLowerCase());
  const domainRef = target?.relations.find((relation) => relation.type === 'partOf' && relation.targetRef.startsWith('domain:'))?.targetRef;
  return domainRef ? link(domainRef) : undefined;
}

function definitionView(type: string, text: string): NonNullable<EntityView['definition']> {
  const language = definitionLanguage(type, text);
  return { language, text, html: highlightDefinition(text, language) };
}

/** Highlighting language for an API definition, by API type and content. */
export function definitionLanguage(type: string, definition: string): string {
  switch (type.toLowerCase()) {
    case 'graphql':
      return 'graphql';
    case 'grpc':
      return 'proto';
    default:
      return /^\s*[{[]/.test(definition) ? 'json' : 'yaml';
  }
}
