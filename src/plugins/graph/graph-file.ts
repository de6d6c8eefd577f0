import type { GraphBlock, Tone } from '../panel-view.ts';

/**
 * Graphs before and after layout, and the compact file a diagram's island reads to expand or
 * filter it. Build-time code (plugins) and the browser island share these, so nothing here
 * imports zod or anything else heavy.
 */

/** A node before layout. */
export interface GraphModelNode {
  id: string;
  label: string;
  caption?: string;
  href?: string;
  /** Colour class, e.g. the entity kind (`component`). */
  category?: string;
  tone?: Tone;
  current?: boolean;
}

export interface GraphModelEdge {
  from: string;
  to: string;
  label?: string;
}

/** What to draw, not yet where. */
export interface GraphModel {
  nodes: GraphModelNode[];
  edges: GraphModelEdge[];
}

/** A laid-out graph: the geometry of a panel `graph` block. */
export type GraphLayout = Pick<GraphBlock, 'width' | 'height' | 'nodes' | 'edges'>;

/** A dimension nodes can be filtered by (kind, system, domain), with every value it takes. */
export interface GraphFacet {
  key: string;
  label: string;
  values: { id: string; label: string }[];
}

/** A node of the file: a model node without `current`, plus its facet values. */
export interface GraphFileNode extends Omit<GraphModelNode, 'current'> {
  /** Index into each facet's `values`, in facet order; -1 where the node has none. */
  facets?: number[];
}

/**
 * The whole graph in one file (e.g. `plugins/catalog-graph/graph.json`), compact enough for
 * 10,000 nodes: edges are `[from, to, label]` indexes into `nodes` and `labels` (-1: no label).
 */
export interface GraphFile {
  version: 1;
  labels: string[];
  facets: GraphFacet[];
  nodes: GraphFileNode[];
  edges: [number, number, number][];
}

/** A graph file with its adjacency, for neighbourhood and filter queries. */
export interface GraphIndex {
  file: GraphFile;
  byId: Map<string, number>;
  /** Edge indexes leaving / entering each node. */
  outgoing: number[][];
  incoming: number[][];
}

export function indexGraph(file: GraphFile): GraphIndex {
  const byId = new Map(file.nodes.map((node, index) => [node.id, index]));
  const outgoing = file.nodes.map((): number[] => []);
  const incoming = file.nodes.map((): number[] => []);
  file.edges.forEach(([from, to], index) => {
    outgoing[from]?.push(index);
    incoming[to]?.push(index);
  });
  return { file, byId, outgoing, incoming };
}

/** A file node as a model node (drops the facets). */
export function modelNode(node: GraphFileNode, current = false): GraphModelNode {
  const { facets: _facets, ...rest } = node;
  return current ? { ...rest, current: true } : rest;
}

/** Whether `value` looks like a graph file, checked before the island trusts a fetched one. */
export function isGraphFile(value: unknown): value is GraphFile {
  const file = value as GraphFile;
  return (
    typeof file === 'object' &&
    file !== null &&
    file.version === 1 &&
    Array.isArray(file.nodes) &&
    Array.isArray(file.edges) &&
    Array.isArray(file.labels) &&
    Array.isArray(file.facets)
  );
}
