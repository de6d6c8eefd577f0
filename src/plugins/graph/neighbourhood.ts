import { modelNode, type GraphIndex, type GraphModel, type GraphModelEdge, type GraphModelNode } from './graph-file.ts';
import { compareStrings } from '../../vocabulary/compare-strings.ts';

export interface NeighbourhoodOptions {
  /** Hops from the root (1: its direct relations). */
  depth: number;
  /** Neighbours shown around the root, "+N more" nodes included. Nodes further out get fewer each. */
  maxNodes: number;
  /** Nodes in the whole graph; expansion stops there. Default: maxNodes × depth. */
  maxTotal?: number;
}

export interface Neighbourhood extends GraphModel {
  /** Some node was not expanded, or not fully, because of the caps. */
  truncated: boolean;
}

/** Edges of one node to one kind of neighbour: same direction, same label. */
interface EdgeGroup {
  key: string;
  outgoing: boolean;
  label: number;
  /** Neighbour node indexes, most connected first. */
  neighbours: number[];
  /** The edge each neighbour is reached by. */
  via: Map<number, number>;
}

/**
 * The part of the graph around `rootId`: breadth first, `depth` hops, with caps so that a node
 * with 400 relations stays readable. Around the root, the budget is shared fairly between its
 * kinds of relation (small groups are shown whole, large ones get a "+N more" node labelled with
 * the relation); further out, each expanded node gets an even share and one "+N more" node that
 * links to it. Which neighbours are shown is deterministic: most connected first, then by label.
 * Edges: all of the root's, and beyond the first hop the one each node was reached by.
 * Returns undefined when the root is not in the graph.
 */
export function selectNeighbourhood(index: GraphIndex, rootId: string, options: NeighbourhoodOptions): Neighbourhood | undefined {
  const root = index.byId.get(rootId);
  if (root === undefined) return undefined;
  const { file } = index;
  const maxTotal = Math.max(options.maxTotal ?? options.maxNodes * options.depth, options.maxNodes) + 1;
  const included = new Set([root]);
  /** Edges by which nodes beyond the first hop were reached: the only edges drawn out there. */
  const treeEdges = new Set<number>();
  const moreNodes: GraphModelNode[] = [];
  const moreEdges: GraphModelEdge[] = [];
  let truncated = false;
  let level = [root];

  for (let hop = 1; hop <= options.depth && level.length > 0; hop++) {
    const next: number[] = [];
    const room = maxTotal - included.size;
    const share = hop === 1 ? options.maxNodes : Math.max(3, Math.min(options.maxNodes, Math.floor(room / level.length)));
    for (const node of level) {
      const groups = edgeGroups(index, node, included);
      if (groups.length === 0) continue;
      const left = maxTotal - included.size;
      if (left <= 0) {
        truncated = true;
        break;
      }
      const taken = allocate(
        groups.map((group) => group.neighbours.length),
        Math.min(share, left),
      );
      let hidden = 0;
      groups.forEach((group, g) => {
        const shown = group.neighbours.slice(0, taken[g]!);
        for (const neighbour of shown) {
          included.add(neighbour);
          next.push(neighbour);
          treeEdges.add(group.via.get(neighbour)!);
        }
        const rest = group.neighbours.slice(taken[g]!).filter((neighbour) => !included.has(neighbour)).length;
        if (rest === 0) return;
        truncated = true;
        if (hop === 1) {
          // Around the root, one "+N more" per relation, so the reader sees what was left out.
          const id = `more:${file.nodes[node]!.id}:${group.key}`;
          const label = file.labels[group.label];
          moreNodes.push({ id, label: `+${rest} more`, caption: label, category: 'more' });
          const ends = group.outgoing ? { from: file.nodes[node]!.id, to: id } : { from: id, to: file.nodes[node]!.id };
          moreEdges.push(label === undefined ? ends : { ...ends, label });
        } else hidden += rest;
      });
      if (hidden > 0) {
        // Further out, one "+N more" per node, linking to that node, whose own page shows them all.
        const owner = file.nodes[node]!;
        const id = `more:${owner.id}`;
        moreNodes.push({ id, label: `+${hidden} more`, category: 'more', ...(owner.href ? { href: owner.href } : {}) });
        moreEdges.push({ from: owner.id, to: id });
      }
    }
    level = next;
  }
  const nodes = [...included].map((index_) => modelNode(file.nodes[index_]!, index_ === root));
  const edges: GraphModelEdge[] = [];
  for (const from of included) {
    for (const edgeIndex of index.outgoing[from]!) {
      const [, to, label] = file.edges[edgeIndex]!;
      if (to === from || !included.has(to)) continue;
      // The root's own relations, and beyond them only the path each node was reached by: every
      // relation among a few dozen nodes two hops out is a hairball that says less, not more.
      if (from !== root && to !== root && !treeEdges.has(edgeIndex)) continue;
      const edge: GraphModelEdge = { from: file.nodes[from]!.id, to: file.nodes[to]!.id };
      const text = file.labels[label];
      edges.push(text === undefined ? edge : { ...edge, label: text });
    }
  }
  return { nodes: [...nodes, ...moreNodes], edges: [...edges, ...moreEdges], truncated };
}

/** The node's relations to nodes not yet shown, grouped by direction and label, in a stable order. */
function edgeGroups(index: GraphIndex, node: number, exclude: ReadonlySet<number>): EdgeGroup[] {
  const { file } = index;
  const groups = new Map<string, EdgeGroup>();
  const seen = new Set<number>();
  const add = (outgoing: boolean, edgeIndex: number) => {
    const [from, to, label] = file.edges[edgeIndex]!;
    const neighbour = outgoing ? to : from;
    if (neighbour === node || exclude.has(neighbour) || seen.has(neighbour)) return;
    seen.add(neighbour);
    const key = `${outgoing ? 'out' : 'in'}-${label}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, outgoing, label, neighbours: [], via: new Map() }));
    group.neighbours.push(neighbour);
    group.via.set(neighbour, edgeIndex);
  };
  for (const edgeIndex of index.outgoing[node]!) add(true, edgeIndex);
  for (const edgeIndex of index.incoming[node]!) add(false, edgeIndex);
  const degree = (n: number) => index.outgoing[n]!.length + index.incoming[n]!.length;
  for (const group of groups.values()) {
    group.neighbours.sort((a, b) => degree(b) - degree(a) || compareStrings(file.nodes[a]!.label, file.nodes[b]!.label) || compareStrings(file.nodes[a]!.id, file.nodes[b]!.id));
  }
  return [...groups.values()].sort((a, b) => compareStrings(a.key, b.key));
}

/**
 * Shares `budget` slots between groups of the given sizes: smallest groups first, each gets an
 * even share of what is left; a group that does not fit gets one slot fewer, kept for its
 * "+N more" node. Returns how many of each group's members are shown.
 */
export function allocate(sizes: readonly number[], budget: number): number[] {
  const taken = sizes.map(() => 0);
  const order = sizes.map((_, index) => index).sort((a, b) => sizes[a]! - sizes[b]! || a - b);
  let remaining = budget;
  order.forEach((group, position) => {
    const share = Math.floor(remaining / (order.length - position));
    const size = sizes[group]!;
    if (size <= share) {
      taken[group] = size;
      remaining -= size;
    } else {
      taken[group] = Math.max(0, share - 1);
      remaining -= taken[group]! + 1;
    }
  });
  return taken;
}
