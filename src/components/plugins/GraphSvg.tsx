import { useId, useMemo } from 'react';
import { type GraphLayout, graphSentencesMarkup, graphSvgMarkup } from '../../plugins/graph/index.ts';

interface Props {
  layout: GraphLayout;
  title: string;
  base: string;
}

/**
 * A graph the island laid out (expanded or filtered), drawn with the same markup and text
 * alternative as GraphDiagram.astro draws build-time graphs (graph-markup.ts, which escapes every
 * label: the markup is safe to set as HTML).
 */
export default function GraphSvg({ layout, title, base }: Props) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const svg = useMemo(() => ({ __html: graphSvgMarkup(layout, { id, name: { label: title }, base, marker: 'data-graph-svg' }) }), [layout, id, title, base]);
  const sentences = useMemo(() => ({ __html: graphSentencesMarkup(layout, title) }), [layout, title]);
  return (
    <div className="graph-expanded">
      <div className="graph-viewport" dangerouslySetInnerHTML={svg} />
      <div className="visually-hidden" dangerouslySetInnerHTML={sentences} />
    </div>
  );
}
