import {
  compareKinds,
  compareStrings,
  displayName,
  entityPagePath,
  entityRefOf,
  indexGraph,
  kindOfRef,
  type CatalogEntity,
  type GraphFile,
  type GraphFileNode,
  type GraphIndex,
} from '../../plugin-api.ts';
import { expandPairs, mergedEdge } from './relation-pairs.ts';

export interface CatalogGraph {
  file: GraphFile;
  index: GraphIndex;
  /** Entity ref → the ref of its system / domain (a system or domain is its own). */
  systemOf: Map<string, string>;
  domainOf: Map<string, string>;
}

/**
 * The whole catalog as one graph: a node per entity (and per relation target that is not in the
 * catalog, drawn without a link), an edge per relation pair, merged as Backstage's graph merges
 * them, and each node's kind, system and domain as facets for filtering. Built once per build;
 * every entity's neighbourhood is read from it, and it is published for the diagrams' islands.
 */
export function buildCatalogGraph(entities: readonly CatalogEntity[], options: { relations?: readonly string[] } = {}): CatalogGraph {
  const wanted = options.relations ? expandPairs(options.relations) : undefined;
  const byRef = new Map(entities.map((entity) => [entityRefOf(entity), entity]));

  const systemOf = new Map<string, string>();
  const domainOf = new Map<string, string>();
  const partOf = (entity: CatalogEntity, kind: string) =>
    entity.relations.find((relation) => relation.type === 'partOf' && relation.targetRef.startsWith(`${kind}:`) && byRef.has(relation.targetRef))?.targetRef;
  for (const [ref, entity] of byRef) {
    if (entity.kind === 'System') systemOf.set(ref, ref);
    else {
      const system = partOf(entity, 'system');
      if (system) systemOf.set(ref, system);
    }
  }
  for (const [ref, entity] of byRef) {
    if (entity.kind === 'Domain') domainOf.set(ref, ref);
    else if (entity.kind === 'System') {
      const domain = partOf(entity, 'domain');
      if (domain) domainOf.set(ref, domain);
    }
  }
  for (const [ref, system] of systemOf) {
    const domain = domainOf.get(system);
    if (domain && !domainOf.has(ref)) domainOf.set(ref, domain);
  }

  // Nodes: entities, then relation targets that are not in the catalog.
  const nodes = new Map<string, GraphFileNode>();
  for (const [ref, entity] of byRef) nodes.set(ref, entityNode(entity));
  const edgeKeys = new Set<string>();
  const merged: { from: string; to: string; label: string }[] = [];
  for (const [ref, entity] of byRef) {
    for (const relation of entity.relations) {
      if (wanted && !wanted.has(relation.type)) continue;
      const target = relation.targetRef.toLowerCase();
      if (target === ref) continue;
      if (!nodes.has(target)) nodes.set(target, missingNode(target));
      const edge = mergedEdge(ref, relation.type, target);
      const key = `${edge.from}\n${edge.to}\n${edge.label}`;
      if (edgeKeys.has(key)) continue;
      edgeKeys.add(key);
      merged.push(edge);
    }
  }

  const ordered = [...nodes.values()].sort((a, b) => compareStrings(a.id, b.id));
  const position = new Map(ordered.map((node, index) => [node.id, index]));
  const labels = [...new Set(merged.map((edge) => edge.label))].sort(compareStrings);
  const labelIndex = new Map(labels.map((label, index) => [label, index]));
  const edges = merged
    .map((edge): [number, number, number] => [position.get(edge.from)!, position.get(edge.to)!, labelIndex.get(edge.label)!])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);

  // Facets: kind, system, domain; values in display order, nodes point at them by index.
  const kinds = [...new Set(ordered.map((node) => kindOfRef(node.id)))].sort(compareKinds);
  const systems = [...byRef.values()].filter((entity) => entity.kind === 'System').map(facetValue).sort(compareValues);
  const domains = [...byRef.values()].filter((entity) => entity.kind === 'Domain').map(facetValue).sort(compareValues);
  const kindIndex = new Map(kinds.map((kind, index) => [kind, index]));
  const systemIndex = new Map(systems.map((value, index) => [value.id, index]));
  const domainIndex = new Map(domains.map((value, index) => [value.id, index]));
  for (const node of ordered) {
    const system = systemOf.get(node.id);
    const domain = domainOf.get(node.id);
    node.facets = [kindIndex.get(kindOfRef(node.id))!, system === undefined ? -1 : systemIndex.get(system)!, domain === undefined ? -1 : domainIndex.get(domain)!];
  }

  const file: GraphFile = {
    version: 1,
    labels,
    facets: [
      { key: 'kind', label: 'Kind', values: kinds.map((kind) => ({ id: kind, label: kind })) },
      { key: 'system', label: 'System', values: systems },
      { key: 'domain', label: 'Domain', values: domains },
    ],
    nodes: ordered,
    edges,
  };
  return { file, index: indexGraph(file), systemOf, domainOf };
}

/** How an entity is shown in the graph: its title, its kind and type, a link to its page. */
function entityNode(entity: CatalogEntity): GraphFileNode {
  const type = typeof entity.spec?.type === 'string' ? entity.spec.type : undefined;
  return {
    id: entityRefOf(entity),
    label: entity.metadata.title ?? displayName(entity.metadata.namespace, entity.metadata.name),
    caption: type ? `${entity.kind} · ${type}` : entity.kind,
    href: entityPagePath(entity),
    category: entity.kind.toLowerCase(),
  };
}

/** A relation target that is not in the catalog: shown, as Backstage shows it, but not linked. */
function missingNode(ref: string): GraphFileNode {
  const match = /^([^:]+):([^/]+)\/(.+)$/.exec(ref);
  const kind = kindOfRef(ref);
  return {
    id: ref,
    label: match ? displayName(match[2]!, match[3]!) : ref,
    caption: `${kind} · not in the catalog`,
    category: kind.toLowerCase(),
    tone: 'warning',
  };
}

function facetValue(entity: CatalogEntity): { id: string; label: string } {
  return { id: entityRefOf(entity), label: entity.metadata.title ?? displayName(entity.metadata.namespace, entity.metadata.name) };
}

function compareValues(a: { id: string; label: string }, b: { id: string; label: string }): number {
  return compareStrings(a.label.toLowerCase(), b.label.toLowerCase()) || compareStrings(a.id, b.id);
}
