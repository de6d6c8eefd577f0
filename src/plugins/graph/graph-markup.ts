import { escapeHtml } from '../../vocabulary/escape-html.ts';
import { pluginLinkUrl } from '../link-policy.ts';
import type { GraphLayout } from './graph-file.ts';
import { edgePath, graphCategory, nodeName, relationSentences } from './graph-text.ts';
import { squeezedWidth } from './node-size.ts';

/**
 * A laid-out graph as SVG markup, and its text alternative: the one drawing of a diagram, used
 * by GraphDiagram.astro for the build-time diagram on every entity page and by the island's
 * GraphSvg.tsx after an expand or a filter. Written as a string because a diagram is a hundred
 * or more small elements on each of thousands of pages, which cost far more to build through
 * components. Every text and attribute value is escaped here (labels come from descriptors).
 */
export interface GraphMarkupOptions {
  /** Unique on the page: the arrowhead marker's id is made from it. */
  id: string;
  /** The diagram's accessible name: the id of the element that names it, or the name itself. */
  name: { labelledBy: string } | { label: string };
  /** The site's base path, for node links. */
  base: string;
  /** Attributes for the island to find this svg by, e.g. `data-graph-svg`. */
  marker?: string;
}

export function graphSvgMarkup(graph: GraphLayout, options: GraphMarkupOptions): string {
  const byId = new Set(graph.nodes.map((node) => node.id));
  const arrow = `${options.id}-arrow`;
  const name = 'labelledBy' in options.name ? `aria-labelledby="${escapeHtml(options.name.labelledBy)}"` : `aria-label="${escapeHtml(options.name.label)}"`;
  const parts: string[] = [
    `<svg viewBox="0 0 ${graph.width} ${graph.height}" width="${graph.width}" height="${graph.height}" role="group" ${name} class="graph-svg"${options.marker ? ` ${options.marker}` : ''}>`,
    `<defs><marker id="${escapeHtml(arrow)}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="graph-arrowhead"></path></marker></defs>`,
    '<g class="graph-edges" aria-hidden="true">',
  ];
  for (const edge of graph.edges) {
    if (!byId.has(edge.from) || !byId.has(edge.to)) continue;
    const middle = edge.points[Math.floor(edge.points.length / 2)]!;
    const at = edge.labelAt ?? { x: middle.x, y: middle.y - 4 };
    parts.push(`<g class="graph-edge"><path d="${edgePath(edge.points)}" marker-end="url(#${escapeHtml(arrow)})"></path>`);
    if (edge.label) parts.push(`<text x="${at.x}" y="${at.y}" text-anchor="middle">${escapeHtml(edge.label)}</text>`);
    parts.push('</g>');
  }
  parts.push('</g><g class="graph-nodes">');
  for (const node of graph.nodes) {
    const link = node.current ? undefined : pluginLinkUrl(node.href, options.base);
    const label = escapeHtml(nodeName(node));
    const labelWidth = squeezedWidth(node.label, node.width);
    const captionWidth = node.caption ? squeezedWidth(node.caption, node.width, 'caption') : undefined;
    const left = node.x - node.width / 2;
    const top = node.y - node.height / 2;
    const classes = ['graph-node', node.current && 'graph-node-current', node.tone && `tone-${node.tone}`].filter(Boolean).join(' ');
    const category = graphCategory(node.category);
    parts.push(`<g class="${escapeHtml(classes)}"${category ? ` data-category="${category}"` : ''} data-node="${escapeHtml(node.id)}">`);
    if (link) parts.push(`<a href="${escapeHtml(link.url)}" aria-label="${label}">`);
    parts.push(
      `<title>${label}</title>`,
      `<rect class="graph-box" x="${left}" y="${top}" width="${node.width}" height="${node.height}" rx="6"></rect>`,
      `<rect class="graph-kind" x="${left}" y="${top}" width="5" height="${node.height}" rx="2" aria-hidden="true"></rect>`,
      `<text x="${node.x + 2}" y="${node.caption ? node.y - 3 : node.y + 4}" text-anchor="middle" class="graph-label"${squeeze(labelWidth)}>${escapeHtml(node.label)}</text>`,
    );
    // The space keeps label and caption two words for anyone reading the text, not one.
    if (node.caption) parts.push(` <text x="${node.x + 2}" y="${node.y + 12}" text-anchor="middle" class="graph-caption"${squeeze(captionWidth)}>${escapeHtml(node.caption)}</text>`);
    if (link) parts.push('</a>');
    parts.push('</g>');
  }
  parts.push('</g></svg>');
  return parts.join('');
}

/** The diagram's text alternative, one sentence per relation, for a visually hidden element. */
export function graphSentencesMarkup(graph: GraphLayout, title: string): string {
  const items = relationSentences(graph).map((sentence) => `<li>${escapeHtml(sentence)}</li>`);
  return `<p>${escapeHtml(title)}, as a list of relations:</p><ul>${items.join('')}</ul>`;
}

function squeeze(width: number | undefined): string {
  return width ? ` textLength="${width}" lengthAdjust="spacingAndGlyphs"` : '';
}
