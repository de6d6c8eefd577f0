import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { filterGraph, type GraphIndex, type GraphLayout, layoutLayered, selectNeighbourhood } from '../../plugins/graph/index.ts';
import { loadGraphIndex } from './graph-file-loader.ts';
import { focusViewBox, formatViewBox, panViewBox, parseViewBox, zoomViewBox, type ViewBox } from './graph-view-box.ts';
import { graphRequestAttribute } from './interaction-directive.ts';
import GraphSvg from './GraphSvg.tsx';

interface Props {
  /** Accessible name of the diagram. */
  title: string;
  base: string;
  /** URL of the graph file, when the diagram can be expanded or filtered. */
  src?: string;
  /** The current node's id: expand grows the graph around it. */
  root?: string;
  /** Hops the build-time diagram shows. */
  depth: number;
  filterable: boolean;
  /** The build-time diagram has no nodes (only the filters are of use). */
  empty: boolean;
}

type View =
  | { mode: 'static' }
  | { mode: 'expanded'; depth: number; layout: GraphLayout }
  | { mode: 'filtered'; layout: GraphLayout };

/** Deeper than this, a neighbourhood is most of a catalog. */
const maxDepth = 4;
/** Neighbours around the root when expanding; nodes further out share what is left of the total. */
const expandMaxNodes = 30;
const expandTotalPerHop = 40;
/** Below `tooSmall` a drawn graph's text cannot be read: it starts at `readableScale` instead. */
const tooSmall = 0.5;
const readableScale = 0.65;
/** Nodes drawn for a filter; more would take seconds to lay out and be unreadable. */
const filterMaxNodes = 150;

/**
 * The diagram's controls: zoom and pan (buttons; Ctrl/⌘ + wheel or pinch; drag; arrow keys and
 * +/−/0 on the focused diagram), and, with a graph file, "More relations" (one hop further,
 * laid out here with dagre, loaded then) and filters by the file's facets. Hydrated only when
 * the reader interacts with the figure (client:interaction), so a page ships no script for it
 * until then; everything it draws the static SVG already says as links and text.
 */
export default function GraphIsland({ title, base, src, root, depth, filterable, empty }: Props) {
  const rootRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<View>({ mode: 'static' });
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [index, setIndex] = useState<GraphIndex>();
  const [showFilters, setShowFilters] = useState(false);
  const [selected, setSelected] = useState<Record<string, string>>({});
  const full = useRef<ViewBox | undefined>(undefined);

  const figure = () => rootRef.current?.closest<HTMLElement>('[data-graph]') ?? undefined;
  const activeSvg = useCallback((): SVGSVGElement | undefined => {
    const element = figure()?.querySelector<SVGSVGElement>(view.mode === 'static' ? '[data-graph-static] svg' : '[data-graph-svg]');
    return element ?? undefined;
  }, [view]);

  const setBox = (box: ViewBox) => activeSvg()?.setAttribute('viewBox', formatViewBox(box));
  const currentBox = () => parseViewBox(activeSvg()?.getAttribute('viewBox') ?? null);
  const zoom = (factor: number, at?: { x: number; y: number }) => {
    const box = currentBox();
    if (box && full.current) setBox(zoomViewBox(box, factor, full.current, at));
  };
  const pan = (dx: number, dy: number) => {
    const box = currentBox();
    if (box && full.current) setBox(panViewBox(box, dx, dy, full.current));
  };
  const fit = () => full.current && setBox(full.current);

  const withIndex = async (): Promise<GraphIndex | undefined> => {
    if (index) return index;
    if (!src) return undefined;
    try {
      const loaded = await loadGraphIndex(src);
      setIndex(loaded);
      return loaded;
    } catch (error) {
      setStatus(`The graph could not be loaded (${(error as Error).message}); the diagram above still works.`);
      return undefined;
    }
  };

  const showDepth = async (next: number) => {
    if (!root || busy) return;
    if (next <= depth) {
      setView({ mode: 'static' });
      setStatus(`Showing the relations ${plural(depth, 'hop')} from it again.`);
      return;
    }
    setBusy(true);
    setStatus('Loading the graph…');
    try {
      const loaded = await withIndex();
      if (!loaded) return;
      const neighbourhood = selectNeighbourhood(loaded, root, { depth: next, maxNodes: expandMaxNodes, maxTotal: expandTotalPerHop * next });
      if (!neighbourhood) {
        setStatus('This entity is not in the graph file; it may be from an older build.');
        return;
      }
      const layout = await layoutLayered(neighbourhood);
      setView({ mode: 'expanded', depth: next, layout });
      const count = neighbourhood.nodes.filter((node) => node.category !== 'more').length;
      setStatus(`Showing relations up to ${plural(next, 'hop')} away: ${plural(count, 'entity', 'entities')}${neighbourhood.truncated ? ', with some left out (see the “more” nodes)' : ''}.`);
    } finally {
      setBusy(false);
    }
  };

  const openFilters = async () => {
    const opening = !showFilters;
    setShowFilters(opening);
    if (opening && !index) {
      setStatus('Loading the filters…');
      if (await withIndex()) setStatus('');
    }
  };

  const draw = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    const loaded = await withIndex();
    if (!loaded) return;
    setBusy(true);
    try {
      const filtered = filterGraph(loaded, selected, filterMaxNodes);
      if (filtered.matched === 0) {
        setStatus('No entity matches these filters.');
        return;
      }
      setStatus(`Laying out ${plural(filtered.nodes.length, 'entity', 'entities')}…`);
      const layout = await layoutLayered(filtered);
      setView({ mode: 'filtered', layout });
      setStatus(
        filtered.matched > filtered.nodes.length
          ? `${filtered.matched} entities match; drawing the first ${filtered.nodes.length}. Narrow the filters to see the rest.`
          : `Drawing ${plural(filtered.matched, 'entity', 'entities')} and the relations between them.`,
      );
    } finally {
      setBusy(false);
    }
  };

  const reset = () => {
    setView({ mode: 'static' });
    setSelected({});
    setStatus('Showing the overview again.');
  };

  const perform = (action: string | null) => {
    if (action === 'zoom-in') zoom(1.25);
    else if (action === 'zoom-out') zoom(0.8);
    else if (action === 'fit') fit();
    else if (action === 'expand') void showDepth((view.mode === 'expanded' ? view.depth : depth) + 1);
    else if (action === 'collapse') void showDepth((view.mode === 'expanded' ? view.depth : depth) - 1);
    else if (action === 'filter') void openFilters();
  };

  // A click that woke the island up (see interaction-directive.ts) is carried out now.
  useEffect(() => {
    const island = rootRef.current?.closest('astro-island');
    const request = island?.getAttribute(graphRequestAttribute);
    if (request) {
      island!.removeAttribute(graphRequestAttribute);
      perform(request);
    }
  }, []);

  // The static diagram is hidden while the island shows its own; pan and zoom follow whichever is shown.
  useEffect(() => {
    const host = figure();
    const staticPart = host?.querySelector<HTMLElement>('[data-graph-static]');
    if (staticPart) staticPart.hidden = view.mode !== 'static';
    const svg = activeSvg();
    const viewport = svg?.parentElement;
    if (!svg || !viewport) return;
    // The graph's own viewBox, remembered before any zoom, is what "Fit" returns to.
    svg.dataset.fullViewBox ??= svg.getAttribute('viewBox') ?? '';
    full.current = parseViewBox(svg.dataset.fullViewBox);
    if (view.mode !== 'static' && full.current && !svg.dataset.zoomed) {
      // A big expanded graph fits the width only at a scale where its text cannot be read: start
      // closer, around the current node (or the middle), and let the reader zoom out.
      svg.dataset.zoomed = 'true';
      const scale = svg.getBoundingClientRect().width / full.current.width;
      const focus = view.layout.nodes.find((node) => node.current);
      const centre = focus ? { x: focus.x, y: focus.y } : { x: full.current.width / 2, y: full.current.height / 2 };
      if (scale > 0 && scale < tooSmall) setBox(focusViewBox(full.current, readableScale / scale, centre));
    }
    viewport.tabIndex = 0;
    viewport.setAttribute('aria-label', `${title}: arrow keys pan, + and − zoom, 0 fits`);
    const toSvg = (clientX: number, clientY: number) => {
      const box = currentBox()!;
      const rect = svg.getBoundingClientRect();
      return { x: box.x + ((clientX - rect.left) / rect.width) * box.width, y: box.y + ((clientY - rect.top) / rect.height) * box.height };
    };
    const onWheel = (event: WheelEvent) => {
      // Plain wheel scrolls the page; Ctrl/⌘ + wheel (and a touchpad pinch) zooms.
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      zoom(event.deltaY < 0 ? 1.15 : 1 / 1.15, toSvg(event.clientX, event.clientY));
    };
    let drag: { x: number; y: number; moved: boolean } | undefined;
    const onPointerDown = (event: PointerEvent) => {
      if (event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY, moved: false };
    };
    const onPointerMove = (event: PointerEvent) => {
      if (!drag) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      if (!drag.moved) svg.setPointerCapture(event.pointerId);
      drag.moved = true;
      const box = currentBox()!;
      const rect = svg.getBoundingClientRect();
      pan((-dx * box.width) / rect.width, (-dy * box.height) / rect.height);
      drag.x = event.clientX;
      drag.y = event.clientY;
    };
    const onPointerUp = () => {
      // Keep `moved` until the click that follows, so a drag never follows a link.
      if (drag && !drag.moved) drag = undefined;
    };
    const onClick = (event: MouseEvent) => {
      if (drag?.moved) {
        event.preventDefault();
        event.stopPropagation();
      }
      drag = undefined;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.target !== viewport) return;
      const box = currentBox();
      if (!box) return;
      const step = box.width / 10;
      const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      const move = moves[event.key];
      if (move) pan(...move);
      else if (event.key === '+' || event.key === '=') zoom(1.25);
      else if (event.key === '-' || event.key === '_') zoom(0.8);
      else if (event.key === '0') fit();
      else return;
      event.preventDefault();
    };
    viewport.addEventListener('wheel', onWheel, { passive: false });
    svg.addEventListener('pointerdown', onPointerDown);
    svg.addEventListener('pointermove', onPointerMove);
    svg.addEventListener('pointerup', onPointerUp);
    svg.addEventListener('click', onClick, true);
    viewport.addEventListener('keydown', onKeyDown);
    return () => {
      viewport.removeEventListener('wheel', onWheel);
      svg.removeEventListener('pointerdown', onPointerDown);
      svg.removeEventListener('pointermove', onPointerMove);
      svg.removeEventListener('pointerup', onPointerUp);
      svg.removeEventListener('click', onClick, true);
      viewport.removeEventListener('keydown', onKeyDown);
    };
  }, [view]);

  const shownDepth = view.mode === 'expanded' ? view.depth : depth;
  const canPanZoom = !(empty && view.mode === 'static');
  return (
    <div className="graph-controls" ref={rootRef} aria-busy={busy || undefined}>
      <div className="graph-toolbar" role="group" aria-label={`${title}: controls`}>
        {canPanZoom && (
          <>
            <button type="button" data-graph-action="zoom-in" onClick={() => perform('zoom-in')} aria-label="Zoom in" title="Zoom in">
              +
            </button>
            <button type="button" data-graph-action="zoom-out" onClick={() => perform('zoom-out')} aria-label="Zoom out" title="Zoom out">
              −
            </button>
            <button type="button" data-graph-action="fit" onClick={() => perform('fit')}>
              Fit
            </button>
          </>
        )}
        {src && root && (
          <>
            <button type="button" data-graph-action="expand" onClick={() => perform('expand')} disabled={shownDepth >= maxDepth}>
              More relations
            </button>
            <button type="button" data-graph-action="collapse" onClick={() => perform('collapse')} disabled={shownDepth <= depth}>
              Fewer relations
            </button>
          </>
        )}
        {src && filterable && (
          <button type="button" data-graph-action="filter" onClick={() => perform('filter')} aria-expanded={showFilters}>
            Filter
          </button>
        )}
      </div>
      {showFilters && index && (
        <form className="graph-filters" onSubmit={draw} aria-label={`Filter ${title}`}>
          {index.file.facets.map((facet) => (
            <label key={facet.key}>
              {facet.label}{' '}
              <select value={selected[facet.key] ?? ''} onChange={(event) => setSelected({ ...selected, [facet.key]: event.target.value })}>
                <option value="">Any</option>
                {facet.values.map((value) => (
                  <option key={value.id} value={value.id}>
                    {value.label}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <button type="submit">Draw</button>
          {view.mode === 'filtered' && (
            <button type="button" onClick={reset}>
              Back to the overview
            </button>
          )}
        </form>
      )}
      <p className="graph-status" role="status">
        {status}
      </p>
      {view.mode !== 'static' && <GraphSvg layout={view.layout} title={view.mode === 'expanded' ? `${title}, ${plural(view.depth, 'hop')}` : `${title}, filtered`} base={base} />}
    </div>
  );
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
