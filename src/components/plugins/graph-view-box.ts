/** Pan and zoom of a diagram as changes of its SVG viewBox: pure, so the island stays thin. */
export interface ViewBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Closest and farthest zoom, relative to the whole graph. */
const minShare = 1 / 8;
const maxShare = 3;

/**
 * Zooms by `factor` (> 1 in, < 1 out) keeping the point `at` (SVG units; default the centre)
 * where it is on screen, within 8× in and 3× out of the whole graph `full`.
 */
export function zoomViewBox(box: ViewBox, factor: number, full: ViewBox, at?: { x: number; y: number }): ViewBox {
  const width = clamp(box.width / factor, full.width * minShare, full.width * maxShare);
  const scale = width / box.width;
  const height = box.height * scale;
  const focus = at ?? { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  return { x: focus.x - (focus.x - box.x) * scale, y: focus.y - (focus.y - box.y) * scale, width, height };
}

/** Moves the view by (dx, dy) SVG units, never so far that the graph leaves it entirely. */
export function panViewBox(box: ViewBox, dx: number, dy: number, full: ViewBox): ViewBox {
  return {
    ...box,
    x: clamp(box.x + dx, full.x - box.width * 0.9, full.x + full.width - box.width * 0.1),
    y: clamp(box.y + dy, full.y - box.height * 0.9, full.y + full.height - box.height * 0.1),
  };
}

/** A view `factor` times closer than the whole graph, centred on `centre` but kept inside the graph. */
export function focusViewBox(full: ViewBox, factor: number, centre: { x: number; y: number }): ViewBox {
  const width = full.width / factor;
  const height = full.height / factor;
  return {
    x: clamp(centre.x - width / 2, full.x, full.x + full.width - width),
    y: clamp(centre.y - height / 2, full.y, full.y + full.height - height),
    width,
    height,
  };
}

export function parseViewBox(value: string | null): ViewBox | undefined {
  const parts = (value ?? '').trim().split(/[\s,]+/).map(Number);
  if (parts.length !== 4 || parts.some((part) => !Number.isFinite(part)) || parts[2]! <= 0 || parts[3]! <= 0) return undefined;
  return { x: parts[0]!, y: parts[1]!, width: parts[2]!, height: parts[3]! };
}

export function formatViewBox(box: ViewBox): string {
  return [box.x, box.y, box.width, box.height].map((value) => Math.round(value * 10) / 10).join(' ');
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}
