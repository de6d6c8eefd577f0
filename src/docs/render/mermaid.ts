/**
 * Mermaid fences → inline SVG at build time (beautiful-mermaid: no browser, no DOM). The SVG is untrusted output
 * (labels, `style`/`classDef` values and `click` targets come from the document), so it is parsed and rebuilt from an
 * allow-list: drawing elements only, presentation attributes with checked values, no <style>/<script>/<foreignObject>,
 * no event handlers, no `style` attribute, no href at all, `url(#…)` references only to ids inside the same diagram.
 * Ids are prefixed per diagram so two diagrams on a page never share a marker. The look comes from render.css.
 */
import { decodeXML } from 'entities';
import type { Element, ElementContent, Root } from 'hast';
import rehypeRaw from 'rehype-raw';

const parseRaw = rehypeRaw() as unknown as (tree: Root, file: unknown) => Root;
const MAX_SOURCE = 20_000;
/**
 * ELK's layered layout (flowchart, state, class and ER diagrams) grows much faster than linearly with the number of
 * edges, and it is synchronous, so it cannot be interrupted: a diagram of a few hundred random nodes and edges took
 * minutes. The graph is therefore counted from the source before layout and refused above these limits, at which the
 * layout still takes about a second, a few in the densest case (BENCHMARKS.md). A time budget would make the output
 * depend on machine load (the renderer promises byte-identical output for the same input), so the limit is a count.
 * Sequence diagrams and xycharts are laid out without ELK, stay cheap, and are not counted.
 */
export const MAX_NODES = 200;
export const MAX_EDGES = 200;
/**
 * Nodes and edges laid out per page, over all its diagrams in page order: one diagram's limit bounds one layout, not
 * a page of forty. A diagram that would pass what is left is shown as its source; later, smaller ones may still fit.
 * Counted whether or not a diagram is in the cache below, so a page renders the same whatever was rendered before it.
 * Real pages lay out a few dozen; measured costs at the budget are in BENCHMARKS.md.
 */
export const MAX_PAGE_LAYOUT = 500;
/** What one page may still lay out (nodes + edges). */
export interface LayoutBudget {
  remaining: number;
}
/** Layout is the costly part (ELK); the same diagram on several pages is laid out once per process. */
const CACHE_SIZE = 256;
interface CachedDiagram {
  /** Nodes and edges ELK lays out; undefined for diagrams laid out without ELK, which cost no budget. */
  size: { nodes: number; edges: number } | undefined;
  /** Why it is never laid out (over MAX_NODES / MAX_EDGES): known from the source alone. */
  tooLarge?: { error: string };
  /** The SVG once laid out, or the renderer's error. */
  svg?: string | { error: string };
}
const svgCache = new Map<string, CachedDiagram>();

type RenderSvg = (source: string, options: { transparent: boolean }) => string;
interface ParsedGraph {
  nodes: Map<string, unknown>;
  edges: unknown[];
  subgraphs: Array<{ children: ParsedGraph['subgraphs'] }>;
}
type ParseGraph = (source: string) => ParsedGraph;
let renderMermaidSVG: RenderSvg | undefined;
let parseMermaid: ParseGraph | undefined;

/** beautiful-mermaid (with ELK) is slow to import (BENCHMARKS.md): loaded only by processes that meet a diagram. */
export async function loadMermaid(): Promise<void> {
  if (renderMermaidSVG && parseMermaid) return;
  const library = await import('beautiful-mermaid');
  renderMermaidSVG = library.renderMermaidSVG as RenderSvg;
  parseMermaid = library.parseMermaid as unknown as ParseGraph;
}

const TAGS = new Set(['svg', 'g', 'defs', 'marker', 'polygon', 'polyline', 'line', 'path', 'rect', 'circle', 'ellipse', 'text', 'tspan', 'title', 'desc']);

const PAINT = /^(?:none|transparent|currentcolor|#[0-9a-f]{3,8}|[a-z]{3,20}|var\(--[\w-]+\)|rgba?\([\d\s.,%]+\)|hsla?\([\d\s.,%deg]+\))$/i;
const REFERENCE = /^url\(#([\w-]+)\)$/;
const GEOMETRY = /^[\w\s.,%()+-]{0,20000}$/;
const NAME = /^[\w-]+$/;

type Check = 'paint' | 'reference' | 'geometry' | 'name';

const ATTRIBUTES: Record<string, Check> = {
  viewBox: 'geometry',
  width: 'geometry',
  height: 'geometry',
  x: 'geometry',
  y: 'geometry',
  x1: 'geometry',
  y1: 'geometry',
  x2: 'geometry',
  y2: 'geometry',
  cx: 'geometry',
  cy: 'geometry',
  r: 'geometry',
  rx: 'geometry',
  ry: 'geometry',
  dx: 'geometry',
  dy: 'geometry',
  d: 'geometry',
  points: 'geometry',
  transform: 'geometry',
  markerWidth: 'geometry',
  markerHeight: 'geometry',
  refX: 'geometry',
  refY: 'geometry',
  orient: 'geometry',
  strokeWidth: 'geometry',
  strokeDashArray: 'geometry',
  strokeLineJoin: 'name',
  strokeLineCap: 'name',
  opacity: 'geometry',
  fillOpacity: 'geometry',
  strokeOpacity: 'geometry',
  fontSize: 'geometry',
  fontWeight: 'name',
  fontStyle: 'name',
  textAnchor: 'name',
  dominantBaseline: 'name',
  fill: 'paint',
  stroke: 'paint',
  markerEnd: 'reference',
  markerStart: 'reference',
  markerMid: 'reference',
  id: 'name',
  className: 'name',
};

export type DiagramResult = { svg: Element } | { error: string };

/** Renders a diagram out of the page's layout budget; `prefix` makes its ids unique on the page. */
export function renderDiagram(source: string, prefix: string, budget: LayoutBudget): DiagramResult {
  if (source.length > MAX_SOURCE) return { error: `the diagram is longer than ${MAX_SOURCE} characters` };
  let cached = svgCache.get(source);
  if (cached === undefined) {
    if (!renderMermaidSVG) return { error: 'the diagram renderer was not loaded' };
    const size = graphSize(source);
    cached = { size };
    if (size && (size.nodes > MAX_NODES || size.edges > MAX_EDGES)) {
      cached.tooLarge = { error: `it has ${size.nodes} nodes and ${size.edges} edges; at most ${MAX_NODES} nodes and ${MAX_EDGES} edges are laid out` };
    }
    if (svgCache.size >= CACHE_SIZE) svgCache.delete(svgCache.keys().next().value!);
    svgCache.set(source, cached);
  }
  if (cached.tooLarge) return cached.tooLarge;
  // The same steps whether or not the layout is cached, so the budget (and the page) never depends on earlier pages.
  const cost = cached.size ? cached.size.nodes + cached.size.edges : 0;
  if (cost > budget.remaining) {
    return {
      error: `with its ${cached.size!.nodes} nodes and ${cached.size!.edges} edges the page's diagrams would have more than ${MAX_PAGE_LAYOUT} nodes and edges together, the most one page lays out`,
    };
  }
  if (cached.svg === undefined) {
    try {
      cached.svg = renderMermaidSVG!(source, { transparent: true });
    } catch (error) {
      cached.svg = { error: firstLine(error instanceof Error ? error.message : String(error)) };
    }
  }
  const svg = cached.svg;
  // A diagram the renderer refuses is shown as its source and costs the page nothing.
  if (typeof svg !== 'string') return svg;
  budget.remaining -= cost;
  const tree = parseRaw({ type: 'root', children: [{ type: 'raw', value: svg } as unknown as ElementContent] }, {});
  const root = tree.children.find((node): node is Element => node.type === 'element' && node.tagName === 'svg');
  if (!root) return { error: 'the renderer produced no SVG' };
  const clean = cleanElement(root, prefix);
  if (!clean) return { error: 'the renderer produced no SVG' };
  clean.properties['role'] = 'img';
  clean.properties['ariaLabel'] = 'Diagram (its source follows)';
  clean.properties['xmlns'] = 'http://www.w3.org/2000/svg';
  return { svg: clean };
}

/**
 * Nodes and edges of a diagram that is laid out with ELK, counted as beautiful-mermaid will see them (it decodes XML
 * character references first, so `&#45;&#45;>` is an edge); undefined for diagrams laid out without ELK or that do
 * not parse (the renderer then reports the parse error itself). Flowcharts and state diagrams use the library's own
 * parser; class and ER diagrams are counted with the library's relationship patterns (a few extra lines may count,
 * none are missed).
 */
export function graphSize(source: string): { nodes: number; edges: number } | undefined {
  const text = decodeXML(source);
  // The library's detectDiagramType: the first line (or `;`-separated statement) of the trimmed text.
  const header = (text.trim().split(/[\n;]/)[0] ?? '').trim().toLowerCase();
  if (/^(?:xychart(?:-beta)?\b|sequencediagram\s*$)/.test(header)) return undefined;
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('%%'));
  if (/^(?:classdiagram|erdiagram)\s*$/.test(header)) {
    const er = header.startsWith('er');
    const names = new Set<string>();
    let edges = 0;
    let inBody = false;
    for (const line of lines.slice(1)) {
      // Members of a class / attributes of an entity: not nodes, not edges.
      if (inBody) {
        if (line === '}') inBody = false;
        continue;
      }
      const relation = (er ? ER_RELATION : CLASS_RELATION).exec(line);
      if (relation) {
        edges++;
        names.add(relation[1]!).add(relation[2]!);
        continue;
      }
      const declared = (er ? ER_ENTITY : CLASS_DECLARATION).exec(line);
      if (declared) names.add(declared[1] ?? declared[2] ?? `namespace ${declared[3]}`);
      // Exactly the library's body openers: a looser test could skip lines that it reads as relationships.
      if (er ? declared : CLASS_BODY.test(line)) inBody = true;
    }
    return { nodes: names.size, edges };
  }
  if (!parseMermaid) return undefined;
  let graph: ParsedGraph;
  try {
    graph = parseMermaid(text);
  } catch {
    return undefined;
  }
  const countSubgraphs = (list: ParsedGraph['subgraphs']): number => list.reduce((sum, sub) => sum + 1 + countSubgraphs(sub.children ?? []), 0);
  return { nodes: graph.nodes.size + countSubgraphs(graph.subgraphs ?? []), edges: graph.edges.length };
}

/** beautiful-mermaid's class relationship and ER relationship patterns (class/parser.ts, er/parser.ts), endpoints only. */
const CLASS_RELATION = /^(\S+?)\s+(?:"[^"]*?"\s+)?(?:<\|--|<\|\.\.|\*--|o--|-->|--\*|--o|--\|>|\.\.>|\.\.\|>|<--|<\.\.?|--)\s+(?:"[^"]*?"\s+)?(\S+?)(?:\s*:\s*.+)?$/;
/** `class X`, `X : member` (declares X too), `namespace N {` (a compound node). */
const CLASS_DECLARATION = /^(?:class\s+([^\s{~]+)|([^\s:]+?)\s*:\s*\S|namespace\s+(\S+))/;
const CLASS_BODY = /^class\s+(\S+?)(?:\s*~(\w+)~)?\s*\{$/;
const ER_RELATION = /^(\S+)\s+[|o}{]+(?:--|\.\.)[|o}{]+\s+(\S+)\s*:/;
const ER_ENTITY = /^(\S+)\s*\{$/;

function cleanElement(element: Element, prefix: string): Element | undefined {
  if (!TAGS.has(element.tagName)) return undefined;
  const properties: Element['properties'] = {};
  for (const [key, raw] of Object.entries(element.properties)) {
    const check = ATTRIBUTES[key];
    if (!check || raw === null || raw === undefined || raw === false) continue;
    const value = Array.isArray(raw) ? raw.join(' ') : String(raw);
    switch (check) {
      case 'geometry':
        if (GEOMETRY.test(value) && !/url|expression|script/i.test(value)) properties[key] = value;
        break;
      case 'paint':
        if (PAINT.test(value.trim())) properties[key] = value.trim();
        else if (REFERENCE.test(value.trim())) properties[key] = `url(#${prefix}${REFERENCE.exec(value.trim())![1]})`;
        break;
      case 'reference': {
        const target = REFERENCE.exec(value.trim());
        if (target) properties[key] = `url(#${prefix}${target[1]})`;
        break;
      }
      case 'name':
        if (key === 'className') {
          const names = (Array.isArray(raw) ? raw.map(String) : value.split(/\s+/)).filter((name) => NAME.test(name));
          if (names.length > 0) properties[key] = names;
        } else if (NAME.test(value)) {
          properties[key] = key === 'id' ? prefix + value : value;
        }
        break;
    }
  }
  const children: ElementContent[] = [];
  for (const child of element.children) {
    if (child.type === 'text') children.push({ type: 'text', value: child.value });
    else if (child.type === 'element') {
      const clean = cleanElement(child, prefix);
      if (clean) children.push(clean);
    }
  }
  return { type: 'element', tagName: element.tagName, properties, children };
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).trim();
}
