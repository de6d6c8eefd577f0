/**
 * Graphs for the panel `graph` block: selecting a neighbourhood, laying it out (a fast star for
 * one hop, dagre beyond), filtering a whole graph, and the compact file the diagram's island
 * reads. Pure and light, so the browser island uses the same code as the build.
 */
export * from './graph-file.ts';
export { selectNeighbourhood, allocate, type Neighbourhood, type NeighbourhoodOptions } from './neighbourhood.ts';
export { layoutStar } from './layout-star.ts';
export { layoutLayered, type LayeredOptions } from './layout-layered.ts';
export { filterGraph, type FilteredGraph } from './filter.ts';
export { nodeWidth, nodeHeight, squeezedWidth } from './node-size.ts';
export { relationSentences, edgePath, graphCategory, nodeName } from './graph-text.ts';
export { graphSvgMarkup, graphSentencesMarkup, type GraphMarkupOptions } from './graph-markup.ts';
