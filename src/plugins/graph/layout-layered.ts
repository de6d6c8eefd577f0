import type { GraphEdge, GraphNode } from '../panel-view.ts';
import type { GraphLayout, GraphModel } from './graph-file.ts';
import { edgeLabelWidth, nodeHeight, nodeWidth } from './node-size.ts';
import { compareStrings } from '../../vocabulary/compare-strings.ts';

export interface LayeredOptions {
  /** LR (default, as Backstage draws relations) or TB. */
  direction?: 'LR' | 'TB';
}

/**
 * Lays out any graph in layers with dagre (loaded on first use, so neither astro.config.mjs nor a
 * page that never expands pays for it). Used where a star does not fit: deeper neighbourhoods and
 * the whole-catalog views, at build time and in the diagram's island. Nodes and edges are added
 * in a sorted order, so the same graph always gets the same drawing.
 */
export async function layoutLayered(model: GraphModel, options: LayeredOptions = {}): Promise<GraphLayout> {
  const { default: dagre } = await import('@dagrejs/dagre');
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: options.direction ?? 'LR', nodesep: 14, ranksep: 64, edgesep: 10, marginx: 12, marginy: 12 });
  graph.setDefaultEdgeLabel(() => ({}));

  const nodes = [...model.nodes].sort((a, b) => compareStrings(a.id, b.id));
  const known = new Set(nodes.map((node) => node.id));
  for (const node of nodes) graph.setNode(node.id, { width: nodeWidth(node.label, node.caption), height: nodeHeight });
  const edges = model.edges
    .filter((edge) => known.has(edge.from) && known.has(edge.to) && edge.from !== edge.to)
    .sort((a, b) => compareStrings(a.from, b.from) || compareStrings(a.to, b.to) || compareStrings(a.label ?? '', b.label ?? ''));
  edges.forEach((edge, index) => {
    graph.setEdge(edge.from, edge.to, edge.label ? { width: edgeLabelWidth(edge.label), height: 12, labelpos: 'c' } : {}, `e${index}`);
  });
  dagre.layout(graph);

  const laidNodes: GraphNode[] = model.nodes.map((node) => {
    const at = graph.node(node.id);
    return { ...node, x: round(at.x ?? 0), y: round(at.y ?? 0), width: at.width, height: at.height };
  });
  const laidEdges: GraphEdge[] = edges.map((edge, index) => {
    const at = graph.edge(edge.from, edge.to, `e${index}`);
    const points = (at.points ?? []).map((point: { x: number; y: number }) => ({ x: round(point.x), y: round(point.y) }));
    const ends = points.length >= 2 ? points : [graph.node(edge.from), graph.node(edge.to)].map((n) => ({ x: round(n.x ?? 0), y: round(n.y ?? 0) }));
    return {
      from: edge.from,
      to: edge.to,
      points: ends,
      ...(edge.label ? { label: edge.label, ...(at.x !== undefined && at.y !== undefined ? { labelAt: { x: round(at.x), y: round(at.y + 4) } } : {}) } : {}),
    };
  });
  const size = graph.graph();
  return { width: Math.max(1, Math.ceil(size.width ?? 1)), height: Math.max(1, Math.ceil(size.height ?? 1)), nodes: laidNodes, edges: laidEdges };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
