/**
 * Mermaid fences → inline SVG at build time (beautiful-mermaid: no browser, no DOM). The SVG is untrusted output
 * (labels, `style`/`classDef` values and `click` targets come from the document), so it is parsed and rebuilt from an
 * allow-list: drawing elements only, presentation attributes with checked values, no <style>/<script>/<foreignObject>,
 * no event handlers, no `style` attribute, no href at all, `url(#…)` references only to ids inside the same diagram.
 * Ids are prefixed per diagram so two diagrams on a page never share a marker. The look comes from render.css.
 */
import type { Element, ElementContent, Root } from 'hast';
import rehypeRaw from 'rehype-raw';

const parseRaw = rehypeRaw() as unknown as (tree: Root, file: unknown) => Root;
const MAX_SOURCE = 20_000;
/** Layout is the costly part (ELK); the same diagram on several pages is laid out once per process. */
const CACHE_SIZE = 256;
const svgCache = new Map<string, string | { error: string }>();

type RenderSvg = (source: string, options: { transparent: boolean }) => string;
let renderMermaidSVG: RenderSvg | undefined;

/** beautiful-mermaid (with ELK) costs ~170 ms to import: loaded only by processes that meet a diagram. */
export async function loadMermaid(): Promise<void> {
  renderMermaidSVG ??= (await import('beautiful-mermaid')).renderMermaidSVG as RenderSvg;
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

/** Renders a diagram; `prefix` makes its ids unique on the page. */
export function renderDiagram(source: string, prefix: string): DiagramResult {
  if (source.length > MAX_SOURCE) return { error: `the diagram is longer than ${MAX_SOURCE} characters` };
  let svg = svgCache.get(source);
  if (svg === undefined) {
    if (!renderMermaidSVG) return { error: 'the diagram renderer was not loaded' };
    try {
      svg = renderMermaidSVG(source, { transparent: true });
    } catch (error) {
      svg = { error: firstLine(error instanceof Error ? error.message : String(error)) };
    }
    if (svgCache.size >= CACHE_SIZE) svgCache.delete(svgCache.keys().next().value!);
    svgCache.set(source, svg);
  }
  if (typeof svg !== 'string') return svg;
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
