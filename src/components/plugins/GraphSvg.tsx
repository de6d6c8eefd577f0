import { useId } from 'react';
import type { GraphLayout } from '../../plugins/graph/graph-file.ts';
import { edgePath, graphCategory, nodeName, relationSentences } from '../../plugins/graph/graph-text.ts';
import { squeezedWidth } from '../../plugins/graph/node-size.ts';
import { pluginLinkUrl } from '../../plugins/link-policy.ts';

interface Props {
  layout: GraphLayout;
  title: string;
  base: string;
}

/**
 * A graph the island laid out (expanded or filtered), drawn with the same markup and text
 * alternative as GraphDiagram.astro draws build-time graphs.
 */
export default function GraphSvg({ layout, title, base }: Props) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const byId = new Map(layout.nodes.map((node) => [node.id, node]));
  const edges = layout.edges.filter((edge) => byId.has(edge.from) && byId.has(edge.to));
  return (
    <div className="graph-expanded">
      <div className="graph-viewport">
        <svg viewBox={`0 0 ${layout.width} ${layout.height}`} width={layout.width} height={layout.height} role="group" aria-label={title} className="graph-svg" data-graph-svg>
          <defs>
            <marker id={`${id}-arrow`} viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" className="graph-arrowhead" />
            </marker>
          </defs>
          <g className="graph-edges" aria-hidden="true">
            {edges.map((edge, index) => {
              const middle = edge.points[Math.floor(edge.points.length / 2)]!;
              const at = edge.labelAt ?? { x: middle.x, y: middle.y - 4 };
              return (
                <g className="graph-edge" key={index}>
                  <path d={edgePath(edge.points)} markerEnd={`url(#${id}-arrow)`} />
                  {edge.label && (
                    <text x={at.x} y={at.y} textAnchor="middle">
                      {edge.label}
                    </text>
                  )}
                </g>
              );
            })}
          </g>
          <g className="graph-nodes">
            {layout.nodes.map((node) => {
              const link = node.current ? undefined : pluginLinkUrl(node.href, base);
              const name = nodeName(node);
              const labelWidth = squeezedWidth(node.label, node.width);
              const captionWidth = node.caption ? squeezedWidth(node.caption, node.width, 'caption') : undefined;
              const left = node.x - node.width / 2;
              const top = node.y - node.height / 2;
              const box = (
                <>
                  <title>{name}</title>
                  <rect className="graph-box" x={left} y={top} width={node.width} height={node.height} rx="6" />
                  <rect className="graph-kind" x={left} y={top} width="5" height={node.height} rx="2" aria-hidden="true" />
                  <text x={node.x + 2} y={node.caption ? node.y - 3 : node.y + 4} textAnchor="middle" className="graph-label" textLength={labelWidth} lengthAdjust={labelWidth ? 'spacingAndGlyphs' : undefined}>
                    {node.label}
                  </text>
                  {node.caption && ' '}
                  {node.caption && (
                    <text x={node.x + 2} y={node.y + 12} textAnchor="middle" className="graph-caption" textLength={captionWidth} lengthAdjust={captionWidth ? 'spacingAndGlyphs' : undefined}>
                      {node.caption}
                    </text>
                  )}
                </>
              );
              const classes = ['graph-node', node.current ? 'graph-node-current' : '', node.tone ? `tone-${node.tone}` : ''].filter(Boolean).join(' ');
              return (
                <g className={classes} data-category={graphCategory(node.category)} data-node={node.id} key={node.id}>
                  {link ? (
                    <a href={link.url} aria-label={name}>
                      {box}
                    </a>
                  ) : (
                    box
                  )}
                </g>
              );
            })}
          </g>
        </svg>
      </div>
      <div className="visually-hidden">
        <p>{title}, as a list of relations:</p>
        <ul>
          {relationSentences(layout).map((sentence, index) => (
            <li key={index}>{sentence}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
