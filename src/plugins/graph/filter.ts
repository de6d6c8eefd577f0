import { modelNode, type GraphIndex, type GraphModel, type GraphModelEdge } from './graph-file.ts';
import { compareStrings } from '../../vocabulary/compare-strings.ts';

export interface FilteredGraph extends GraphModel {
  /** Nodes matching the filter, before the cap. */
  matched: number;
}

/**
 * The nodes whose facets have the selected values (facet key → value id; a facet left out
 * matches anything) and the edges between them, at most `maxNodes` of them (by category, then
 * label), for the whole-graph view's filters.
 */
export function filterGraph(index: GraphIndex, selected: Readonly<Record<string, string>>, maxNodes: number): FilteredGraph {
  const { file } = index;
  const wanted = file.facets.map((facet) => {
    const value = selected[facet.key];
    return value === undefined || value === '' ? undefined : facet.values.findIndex((candidate) => candidate.id === value);
  });
  const matches: number[] = [];
  file.nodes.forEach((node, nodeIndex) => {
    if (wanted.every((value, facet) => value === undefined || node.facets?.[facet] === value)) matches.push(nodeIndex);
  });
  matches.sort((a, b) => compareStrings(file.nodes[a]!.category ?? '', file.nodes[b]!.category ?? '') || compareStrings(file.nodes[a]!.label, file.nodes[b]!.label) || a - b);
  const shown = new Set(matches.slice(0, maxNodes));
  const edges: GraphModelEdge[] = [];
  for (const from of shown) {
    for (const edgeIndex of index.outgoing[from]!) {
      const [, to, label] = file.edges[edgeIndex]!;
      if (!shown.has(to) || to === from) continue;
      const text = file.labels[label];
      edges.push({ from: file.nodes[from]!.id, to: file.nodes[to]!.id, ...(text === undefined ? {} : { label: text }) });
    }
  }
  return { nodes: [...shown].map((nodeIndex) => modelNode(file.nodes[nodeIndex]!)), edges, matched: matches.length };
}
