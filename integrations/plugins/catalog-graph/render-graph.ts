import type { Block, CatalogEntity, GraphLayout, PanelContent } from '../../plugin-api.ts';
import type { CatalogGraph } from './catalog-graph-file.ts';
import type { Overview } from './overview.ts';

/** Where the graph file is published (the plugin's `files`), site-relative. */
export const graphFilePath = 'plugins/catalog-graph/graph.json';

export interface EntityGraph {
  graph: GraphLayout;
  /** Distinct entities related to this one, shown or not. */
  related: number;
  /** Some were left out (the caps); "+N more" nodes say how many. */
  truncated: boolean;
}

/** The entity page's card: the diagram, and a word when not everything fits in it. */
export function renderEntityCard(data: EntityGraph, entity: CatalogEntity, depth: number): PanelContent {
  const name = entity.metadata.title ?? entity.metadata.name;
  const blocks: Block[] = [
    { type: 'graph', title: `Relations of ${name}`, ...data.graph, expandFrom: graphFilePath, depth },
  ];
  if (data.truncated) {
    blocks.push({ type: 'text', text: `The diagram shows part of the ${data.related} related entities; "more" nodes count the rest, and the Relations list below names them all.` });
  }
  return { title: 'Relations graph', blocks };
}

/** The whole-catalog page: the overview diagram (filterable in the browser) and every system and domain, linked. */
export function renderCatalogPage(graph: CatalogGraph, overview: Overview, layout: GraphLayout | undefined): PanelContent {
  const { file } = graph;
  const nodeById = new Map(file.nodes.map((node) => [node.id, node]));
  const link = (id: string | undefined) => {
    const node = id === undefined ? undefined : nodeById.get(id);
    return node ? (node.href ? { text: node.label, href: node.href } : node.label) : '';
  };
  const members = new Map<string, number>();
  for (const [ref, system] of graph.systemOf) if (ref !== system) members.set(system, (members.get(system) ?? 0) + 1);
  const systemsIn = new Map<string, number>();
  for (const [ref, domain] of graph.domainOf) if (ref.startsWith('system:')) systemsIn.set(domain, (systemsIn.get(domain) ?? 0) + 1);

  const systems = file.facets.find((facet) => facet.key === 'system')?.values ?? [];
  const domains = file.facets.find((facet) => facet.key === 'domain')?.values ?? [];
  const intro = overview.domainsOnly
    ? 'The catalog’s domains; an arrow from one to another means something in the first depends on something in the second. There are too many systems to draw at once: pick a domain, or filter below.'
    : 'The catalog’s domains and systems; an arrow labelled “depends on” from one system to another means some of its components depend on, or consume an API of, something in the other.';
  const drawn = overview.edges.filter((edge) => edge.label === 'dependsOn').length;
  const partial = drawn < overview.dependencies ? ` The ${drawn} strongest of ${overview.dependencies} dependencies are drawn.` : '';
  const blocks: Block[] = [{ type: 'text', text: `${intro}${partial} Select a node for its page, whose graph shows its own relations; the filters draw any kind, system or domain.` }];
  if (layout && layout.nodes.length > 0) {
    blocks.push({ type: 'graph', title: overview.domainsOnly ? 'Domains' : 'Domains and systems', ...layout, expandFrom: graphFilePath, filterable: true });
  } else {
    // Nothing to draw from above, but the filters still work on the whole graph.
    blocks.push({ type: 'graph', title: 'Catalog graph', width: 1, height: 1, nodes: [], edges: [], expandFrom: graphFilePath, filterable: true });
  }
  blocks.push({
    type: 'section',
    title: 'Systems',
    badge: { label: String(systems.length) },
    blocks: [
      {
        type: 'table',
        caption: 'Systems, their domain and how many entities are part of them',
        columns: [{ label: 'System' }, { label: 'Domain' }, { label: 'Entities', numeric: true }],
        rows: systems.map((system) => [link(system.id), link(graph.domainOf.get(system.id)), String(members.get(system.id) ?? 0)]),
        empty: 'No systems in the catalog.',
      },
    ],
  });
  blocks.push({
    type: 'section',
    title: 'Domains',
    badge: { label: String(domains.length) },
    blocks: [
      {
        type: 'table',
        caption: 'Domains and how many systems are part of them',
        columns: [{ label: 'Domain' }, { label: 'Systems', numeric: true }],
        rows: domains.map((domain) => [link(domain.id), String(systemsIn.get(domain.id) ?? 0)]),
        empty: 'No domains in the catalog.',
      },
    ],
  });
  return { blocks };
}
