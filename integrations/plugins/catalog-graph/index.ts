import {
  definePlugin,
  entityRefOf,
  graphLayoutSchema,
  layoutLayered,
  layoutStar,
  selectNeighbourhood,
  z,
  type CatalogView,
} from '../../plugin-api.ts';
import { buildCatalogGraph, type CatalogGraph } from './catalog-graph-file.ts';
import { expandPairs } from './relation-pairs.ts';
import { overviewModel } from './overview.ts';
import { renderCatalogPage, renderEntityCard, type EntityGraph } from './render-graph.ts';

const optionsSchema = z
  .object({
    /** Hops drawn at build time around each entity. 1 uses a fast star layout; more uses dagre (far slower per entity: BENCHMARKS.md). */
    depth: z.number().int().min(1).max(3).default(1),
    /** Neighbours drawn around an entity, "+N more" nodes included. */
    maxNodes: z.number().int().min(4).max(200).default(30),
    /** Relation types to draw (naming either half of a pair draws the pair); default: all. */
    relations: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();

/** The overview draws domains and systems up to this many nodes, then domains only. */
const overviewMaxNodes = 150;

const entityGraphSchema = z.object({ graph: graphLayoutSchema, related: z.number().int().nonnegative(), truncated: z.boolean() });

/**
 * Catalog graph: every entity page shows its relations as a diagram (laid out at build time,
 * plain SVG with links; an island pans, zooms and expands it), and `plugins/catalog-graph/` draws
 * the catalog from above, filterable by kind, system and domain. Needs no annotation and no
 * network: everything comes from the catalog's relations.
 */
export const catalogGraph = definePlugin({
  name: 'catalog-graph',
  title: 'Catalog graph',
  // Lets the pipeline worker import this plugin and run it off the main thread.
  module: import.meta.url,
  // Draws from the catalog alone: `check` runs it as the build does.
  network: false,
  options: optionsSchema,
  create: (options) => {
    const wanted = options.relations ? expandPairs(options.relations) : undefined;
    // Built once per build (the plugin stage hands every call the same catalog view).
    const graphs = new WeakMap<CatalogView, CatalogGraph>();
    const graphOf = (catalog: CatalogView) => {
      let graph = graphs.get(catalog);
      if (!graph) graphs.set(catalog, (graph = buildCatalogGraph(catalog.entities, { relations: options.relations })));
      return graph;
    };

    return {
      appliesTo: (entity) => entity.relations.some((relation) => !wanted || wanted.has(relation.type)),
      data: entityGraphSchema,
      fetch: async (entity, context): Promise<EntityGraph> => {
        const { index } = graphOf(context.catalog);
        const ref = entityRefOf(entity);
        const neighbourhood = selectNeighbourhood(index, ref, { depth: options.depth, maxNodes: options.maxNodes });
        if (!neighbourhood) throw new Error(`${ref} is not in the catalog graph`);
        const node = index.byId.get(ref)!;
        const related = new Set([...index.outgoing[node]!.map((edge) => index.file.edges[edge]![1]), ...index.incoming[node]!.map((edge) => index.file.edges[edge]![0])]);
        related.delete(node);
        const graph = options.depth === 1 ? layoutStar(neighbourhood, ref) : await layoutLayered(neighbourhood);
        return { graph, related: related.size, truncated: neighbourhood.truncated };
      },
      card: (data, entity) => renderEntityCard(data, entity, options.depth),
      pages: async (_results, catalog) => {
        const graph = graphOf(catalog);
        const overview = overviewModel(graph, overviewMaxNodes);
        const layout = overview.nodes.length > 0 ? await layoutLayered(overview) : undefined;
        return [
          {
            path: '',
            title: 'Graph',
            description: 'How the catalog’s domains, systems and entities relate.',
            nav: true,
            content: renderCatalogPage(graph, overview, layout),
          },
        ];
      },
      files: (_results, catalog) => [{ path: 'graph.json', content: graphOf(catalog).file }],
    };
  },
});
