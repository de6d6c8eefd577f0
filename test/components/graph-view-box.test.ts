import { describe, expect, it } from 'vitest';
import { focusViewBox, formatViewBox, panViewBox, parseViewBox, zoomViewBox } from '../../src/components/plugins/graph-view-box.ts';

const full = { x: 0, y: 0, width: 1000, height: 500 };

describe('diagram pan and zoom', () => {
  it('zooms in around a point that stays where it is on screen', () => {
    const zoomed = zoomViewBox(full, 2, full, { x: 250, y: 100 });
    expect(zoomed).toEqual({ x: 125, y: 50, width: 500, height: 250 });
  });

  it('stops at 8× in and 3× out', () => {
    expect(zoomViewBox(full, 100, full).width).toBe(125);
    expect(zoomViewBox(full, 0.01, full).width).toBe(3000);
  });

  it('pans, but never loses the graph entirely', () => {
    const view = { x: 0, y: 0, width: 500, height: 250 };
    expect(panViewBox(view, 100, 50, full)).toEqual({ x: 100, y: 50, width: 500, height: 250 });
    expect(panViewBox(view, 5000, 0, full).x).toBe(950);
  });

  it('starts close to a node, inside the graph', () => {
    expect(focusViewBox(full, 2, { x: 950, y: 250 })).toEqual({ x: 500, y: 125, width: 500, height: 250 });
  });

  it('reads and writes the viewBox attribute, refusing nonsense', () => {
    expect(parseViewBox('0 0 671 388')).toEqual({ x: 0, y: 0, width: 671, height: 388 });
    expect(parseViewBox('0 0 -1 2')).toBeUndefined();
    expect(parseViewBox(null)).toBeUndefined();
    expect(formatViewBox({ x: 1.234, y: 0, width: 10, height: 5 })).toBe('1.2 0 10 5');
  });
});
