import { relationWords } from '../../vocabulary/relations.ts';
import type { GraphLayout } from './graph-file.ts';

/**
 * What both diagram renderers (GraphDiagram.astro at build time, the island's after an expand)
 * derive from a laid-out graph, so the two draw and describe a graph the same way.
 */

/** SVG path data of an edge's polyline. */
export function edgePath(points: readonly { x: number; y: number }[]): string {
  return points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x},${point.y}`).join(' ');
}

/**
 * A node link's accessible name: its label and caption as they read on screen ("Ticket Sales,
 * System"), so speech input and the visible text agree.
 */
export function nodeName(node: { label: string; caption?: string }): string {
  return node.caption ? `${node.label}, ${node.caption}` : node.label;
}

/** The node's category as a safe class/attribute value, or undefined. */
export function graphCategory(category: string | undefined): string | undefined {
  return category && /^[a-z0-9][a-z0-9-]*$/.test(category) ? category : undefined;
}

/**
 * The graph as sentences, one per edge ("Ticketing Team (Group) owner of Ticketing Service
 * (Component)"): the text alternative of the diagram, listed for screen readers.
 */
export function relationSentences(graph: Pick<GraphLayout, 'nodes' | 'edges'>): string[] {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const name = (id: string) => {
    const node = byId.get(id);
    if (!node) return undefined;
    return node.caption && node.category !== 'more' ? `${node.label} (${node.caption})` : node.label;
  };
  const sentences: string[] = [];
  for (const edge of graph.edges) {
    const from = name(edge.from);
    const to = name(edge.to);
    if (from === undefined || to === undefined) continue;
    sentences.push(`${from} ${edge.label ? relationWords(edge.label) : '→'} ${to}`);
  }
  return sentences;
}
