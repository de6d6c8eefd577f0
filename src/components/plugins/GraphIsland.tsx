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

/** What the island draws, and what it says about it. */
interface GraphViewState {
  view: View;
  status: string;
  busy: boolean;
  index: GraphIndex | undefined;
  showFilters: boolean;
  selected: Record<string, string>;
  setSelected: (selected: Record<string, string>) => void;
  showDepth: (next: number) => Promise<void>;
  openFilters: () => Promise<void>;
  draw: (event?: FormEvent) => Promise<void>;
  reset: () => void;
}

/** Pan and zoom on whichever diagram is shown, within the graph's own view box (what "Fit" returns to). */
interface ViewBoxControls {
  currentBox: () => ViewBox | undefined;
  setBox: (box: ViewBox) => void;
  zoom: (factor: number, at?: { x: number; y: number }) => void;
  pan: (dx: number, dy: number) => void;
  fit: () => void;
}

/**
 * The diagram's controls: zoom and pan (buttons; Ctrl/⌘ + wheel or pinch; drag; arrow keys and
 * +/−/0 on the focused diagram), and, with a graph file, "More relations" (one hop further,
 * laid out here with dagre, loaded then) and filters by the file's facets. Hydrated only when
 * the reader interacts with the figure (client:interaction), so a page ships no script for it
 * until then; everything it draws the static SVG already says as links and text.
 */
export default function GraphIsland({ title, base, src, root, depth, filterable, empty }: Props) {
  const rootRef = useRef<HTMLDivElement>(null);
  const graph = useGraphView(src, root, depth);
  const { view } = graph;
  const full = useRef<ViewBox | undefined>(undefined);
  const figure = () => rootRef.current?.closest<HTMLElement>('[data-graph]') ?? undefined;
  const activeSvg = useCallback((): SVGSVGElement | undefined => {
    const element = figure()?.querySelector<SVGSVGElement>(view.mode === 'static' ? '[data-graph-static] svg' : '[data-graph-svg]');
    return element ?? undefined;
  }, [view]);
  const controls = viewBoxControls(activeSvg, full);

  const perform = (action: string | null) => {
    if (action === 'zoom-in') controls.zoom(1.25);
    else if (action === 'zoom-out') controls.zoom(0.8);
    else if (action === 'fit') controls.fit();
    else if (action === 'expand') void graph.showDepth((view.mode === 'expanded' ? view.depth : depth) + 1);
    else if (action === 'collapse') void graph.showDepth((view.mode === 'expanded' ? view.depth : depth) - 1);
    else if (action === 'filter') void graph.openFilters();
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
    const staticPart = figure()?.querySelector<HTMLElement>('[data-graph-static]');
    if (staticPart) staticPart.hidden = view.mode !== 'static';
    const svg = activeSvg();
    const viewport = svg?.parentElement;
    if (!svg || !viewport) return;
    // The graph's own viewBox, remembered before any zoom, is what "Fit" returns to.
    svg.dataset.fullViewBox ??= svg.getAttribute('viewBox') ?? '';
    full.current = parseViewBox(svg.dataset.fullViewBox);
    if (view.mode !== 'static' && full.current && !svg.dataset.zoomed) startReadable(svg, view.layout, full.current, controls);
    return attachPanZoom(svg, viewport, title, controls);
  }, [view]);

  const shownDepth = view.mode === 'expanded' ? view.depth : depth;
  return (
    <div className="graph-controls" ref={rootRef} aria-busy={graph.busy || undefined}>
      <GraphToolbar
        title={title}
        perform={perform}
        panZoom={!(empty && view.mode === 'static')}
        expandable={Boolean(src && root)}
        filterable={Boolean(src && filterable)}
        canExpand={shownDepth < maxDepth}
        canCollapse={shownDepth > depth}
        showFilters={graph.showFilters}
      />
      {graph.showFilters && graph.index && <GraphFilters title={title} index={graph.index} graph={graph} />}
      <p className="graph-status" role="status">
        {graph.status}
      </p>
      {view.mode !== 'static' && <GraphSvg layout={view.layout} title={view.mode === 'expanded' ? `${title}, ${plural(view.depth, 'hop')}` : `${title}, filtered`} base={base} />}
    </div>
  );
}

/** The island's view (the static diagram, an expanded neighbourhood or a filtered graph), its status line and filters, and the actions that change them. */
function useGraphView(src: string | undefined, root: string | undefined, depth: number): GraphViewState {
  const [view, setView] = useState<View>({ mode: 'static' });
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const { index, withIndex } = useGraphIndex(src, setStatus);
  const [showFilters, setShowFilters] = useState(false);
  const [selected, setSelected] = useState<Record<string, string>>({});
  // Busy while `task` runs; an action started meanwhile is ignored.
  const whileBusy = async (task: () => Promise<void>) => {
    setBusy(true);
    try {
      await task();
    } finally {
      setBusy(false);
    }
  };

  const showDepth = async (next: number) => {
    if (!root || busy) return;
    if (next <= depth) {
      setView({ mode: 'static' });
      setStatus(`Showing the relations ${plural(depth, 'hop')} from it again.`);
      return;
    }
    await whileBusy(async () => {
      setStatus('Loading the graph…');
      const loaded = await withIndex();
      if (!loaded) return;
      const neighbourhood = selectNeighbourhood(loaded, root, { depth: next, maxNodes: expandMaxNodes, maxTotal: expandTotalPerHop * next });
      if (!neighbourhood) return setStatus('This entity is not in the graph file; it may be from an older build.');
      setView({ mode: 'expanded', depth: next, layout: await layoutLayered(neighbourhood) });
      const count = neighbourhood.nodes.filter((node) => node.category !== 'more').length;
      setStatus(`Showing relations up to ${plural(next, 'hop')} away: ${plural(count, 'entity', 'entities')}${neighbourhood.truncated ? ', with some left out (see the “more” nodes)' : ''}.`);
    });
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
    await whileBusy(async () => {
      const filtered = filterGraph(loaded, selected, filterMaxNodes);
      if (filtered.matched === 0) return setStatus('No entity matches these filters.');
      setStatus(`Laying out ${plural(filtered.nodes.length, 'entity', 'entities')}…`);
      setView({ mode: 'filtered', layout: await layoutLayered(filtered) });
      setStatus(
        filtered.matched > filtered.nodes.length
          ? `${filtered.matched} entities match; drawing the first ${filtered.nodes.length}. Narrow the filters to see the rest.`
          : `Drawing ${plural(filtered.matched, 'entity', 'entities')} and the relations between them.`,
      );
    });
  };

  const reset = () => {
    setView({ mode: 'static' });
    setSelected({});
    setStatus('Showing the overview again.');
  };

  return { view, status, busy, index, showFilters, selected, setSelected, showDepth, openFilters, draw, reset };
}

/** The graph file, loaded on first use; when it cannot be, the status line says so. */
function useGraphIndex(src: string | undefined, setStatus: (status: string) => void) {
  const [index, setIndex] = useState<GraphIndex>();
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
  return { index, withIndex };
}

/** Zoom, pan and fit on the shown diagram's `viewBox`, bounded by the graph's own. */
function viewBoxControls(activeSvg: () => SVGSVGElement | undefined, full: { current: ViewBox | undefined }): ViewBoxControls {
  const setBox = (box: ViewBox) => activeSvg()?.setAttribute('viewBox', formatViewBox(box));
  const currentBox = () => parseViewBox(activeSvg()?.getAttribute('viewBox') ?? null);
  return {
    currentBox,
    setBox,
    zoom: (factor, at) => {
      const box = currentBox();
      if (box && full.current) setBox(zoomViewBox(box, factor, full.current, at));
    },
    pan: (dx, dy) => {
      const box = currentBox();
      if (box && full.current) setBox(panViewBox(box, dx, dy, full.current));
    },
    fit: () => {
      if (full.current) setBox(full.current);
    },
  };
}

/**
 * A big drawn graph fits the width only at a scale where its text cannot be read: it starts closer, around the
 * current node (or the middle), and the reader zooms out. Once per diagram.
 */
function startReadable(svg: SVGSVGElement, layout: GraphLayout, full: ViewBox, controls: ViewBoxControls): void {
  svg.dataset.zoomed = 'true';
  const scale = svg.getBoundingClientRect().width / full.width;
  const focus = layout.nodes.find((node) => node.current);
  const centre = focus ? { x: focus.x, y: focus.y } : { x: full.width / 2, y: full.height / 2 };
  if (scale > 0 && scale < tooSmall) controls.setBox(focusViewBox(full, readableScale / scale, centre));
}

/** Wheel, drag and keyboard pan and zoom on a diagram; returns what removes them. */
function attachPanZoom(svg: SVGSVGElement, viewport: HTMLElement, title: string, controls: ViewBoxControls): () => void {
  viewport.tabIndex = 0;
  viewport.setAttribute('aria-label', `${title}: arrow keys pan, + and − zoom, 0 fits`);
  const onWheel = (event: WheelEvent) => {
    // Plain wheel scrolls the page; Ctrl/⌘ + wheel (and a touchpad pinch) zooms.
    if (!event.ctrlKey && !event.metaKey) return;
    event.preventDefault();
    const box = controls.currentBox()!;
    const rect = svg.getBoundingClientRect();
    controls.zoom(event.deltaY < 0 ? 1.15 : 1 / 1.15, { x: box.x + ((event.clientX - rect.left) / rect.width) * box.width, y: box.y + ((event.clientY - rect.top) / rect.height) * box.height });
  };
  const drag = dragHandlers(svg, controls);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target !== viewport) return;
    const box = controls.currentBox();
    if (!box) return;
    const step = box.width / 10;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const move = moves[event.key];
    if (move) controls.pan(...move);
    else if (event.key === '+' || event.key === '=') controls.zoom(1.25);
    else if (event.key === '-' || event.key === '_') controls.zoom(0.8);
    else if (event.key === '0') controls.fit();
    else return;
    event.preventDefault();
  };
  viewport.addEventListener('wheel', onWheel, { passive: false });
  svg.addEventListener('pointerdown', drag.onPointerDown);
  svg.addEventListener('pointermove', drag.onPointerMove);
  svg.addEventListener('pointerup', drag.onPointerUp);
  svg.addEventListener('click', drag.onClick, true);
  viewport.addEventListener('keydown', onKeyDown);
  return () => {
    viewport.removeEventListener('wheel', onWheel);
    svg.removeEventListener('pointerdown', drag.onPointerDown);
    svg.removeEventListener('pointermove', drag.onPointerMove);
    svg.removeEventListener('pointerup', drag.onPointerUp);
    svg.removeEventListener('click', drag.onClick, true);
    viewport.removeEventListener('keydown', onKeyDown);
  };
}

/** Dragging pans the diagram; a drag never follows the link it ends on. */
function dragHandlers(svg: SVGSVGElement, controls: ViewBoxControls) {
  let drag: { x: number; y: number; moved: boolean } | undefined;
  return {
    onPointerDown: (event: PointerEvent) => {
      if (event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY, moved: false };
    },
    onPointerMove: (event: PointerEvent) => {
      if (!drag) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      if (!drag.moved) svg.setPointerCapture(event.pointerId);
      drag.moved = true;
      const box = controls.currentBox()!;
      const rect = svg.getBoundingClientRect();
      controls.pan((-dx * box.width) / rect.width, (-dy * box.height) / rect.height);
      drag.x = event.clientX;
      drag.y = event.clientY;
    },
    onPointerUp: () => {
      // Keep `moved` until the click that follows, so a drag never follows a link.
      if (drag && !drag.moved) drag = undefined;
    },
    onClick: (event: MouseEvent) => {
      if (drag?.moved) {
        event.preventDefault();
        event.stopPropagation();
      }
      drag = undefined;
    },
  };
}

/** The diagram's buttons: zoom and fit, more and fewer relations, the filters. */
function GraphToolbar(props: {
  title: string;
  perform: (action: string) => void;
  panZoom: boolean;
  expandable: boolean;
  filterable: boolean;
  canExpand: boolean;
  canCollapse: boolean;
  showFilters: boolean;
}) {
  const { title, perform } = props;
  return (
    <div className="graph-toolbar" role="group" aria-label={`${title}: controls`}>
      {props.panZoom && (
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
      {props.expandable && (
        <>
          <button type="button" data-graph-action="expand" onClick={() => perform('expand')} disabled={!props.canExpand}>
            More relations
          </button>
          <button type="button" data-graph-action="collapse" onClick={() => perform('collapse')} disabled={!props.canCollapse}>
            Fewer relations
          </button>
        </>
      )}
      {props.filterable && (
        <button type="button" data-graph-action="filter" onClick={() => perform('filter')} aria-expanded={props.showFilters}>
          Filter
        </button>
      )}
    </div>
  );
}

/** The filters by the graph file's facets, and the way back to the overview. */
function GraphFilters({ title, index, graph }: { title: string; index: GraphIndex; graph: GraphViewState }) {
  const { selected, setSelected } = graph;
  return (
    <form className="graph-filters" onSubmit={graph.draw} aria-label={`Filter ${title}`}>
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
      {graph.view.mode === 'filtered' && (
        <button type="button" onClick={graph.reset}>
          Back to the overview
        </button>
      )}
    </form>
  );
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
