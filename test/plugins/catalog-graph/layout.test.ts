import { describe, expect, it } from 'vitest';
import { layoutLayered, layoutStar, selectNeighbourhood, type GraphLayout, type GraphModel } from '../../../integrations/plugin-api.ts';
import { buildCatalogGraph } from '../../../integrations/plugins/catalog-graph/catalog-graph-file.ts';
import { catalog, encore } from './fixtures/encore.ts';

const service = 'component:default/ticketing-service';
const neighbourhoodOf = (ref: string, entities = encore()) => selectNeighbourhood(buildCatalogGraph(entities).index, ref, { depth: 1, maxNodes: 30 })!;

/** The same graph with its nodes and edges listed in reverse. */
const reversed = (model: GraphModel): GraphModel => ({ nodes: [...model.nodes].reverse(), edges: [...model.edges].reverse() });

function overlaps(layout: GraphLayout): string[] {
  const found: string[] = [];
  layout.nodes.forEach((a, i) =>
    layout.nodes.slice(i + 1).forEach((b) => {
      if (Math.abs(a.x - b.x) < (a.width + b.width) / 2 && Math.abs(a.y - b.y) < (a.height + b.height) / 2) found.push(`${a.id} / ${b.id}`);
    }),
  );
  return found;
}

describe('the star layout (depth 1)', () => {
  it('puts what points at the entity on its left and what it points at on its right', () => {
    const layout = layoutStar(neighbourhoodOf(service), service);
    const x = (id: string) => layout.nodes.find((node) => node.id === id)!.x;
    for (const left of ['group:default/ticketing-team', 'system:default/ticket-sales', 'api:default/tickets-api']) expect(x(left)).toBeLessThan(x(service));
    for (const right of ['api:default/payments-api', 'resource:default/tickets-db', 'component:default/ledger']) expect(x(right)).toBeGreaterThan(x(service));
    expect(overlaps(layout)).toEqual([]);
    expect(layout.nodes.every((node) => node.x - node.width / 2 >= 0 && node.x + node.width / 2 <= layout.width && node.y + node.height / 2 <= layout.height)).toBe(true);
  });

  it('is the same drawing whatever order the graph lists its nodes and edges in', () => {
    const model = neighbourhoodOf(service);
    const layout = layoutStar(model, service);
    expect(layoutStar(reversed(model), service)).toEqual(layout);
    expect(layoutStar(model, service)).toEqual(layout);
  });

  it('runs each edge from the side of one box to the side of the other, labelled on its last stretch', () => {
    const layout = layoutStar(neighbourhoodOf(service), service);
    const byId = new Map(layout.nodes.map((node) => [node.id, node]));
    for (const edge of layout.edges) {
      const [from, to] = [byId.get(edge.from)!, byId.get(edge.to)!];
      const [start, end] = [edge.points[0]!, edge.points[edge.points.length - 1]!];
      expect(Math.abs(start.x - from.x)).toBeCloseTo(from.width / 2, 0);
      expect(start.y).toBeCloseTo(from.y, 0);
      expect(Math.abs(end.x - to.x)).toBeCloseTo(to.width / 2, 0);
      expect(end.y).toBeCloseTo(to.y, 0);
      // Orthogonal: every stretch is horizontal or vertical.
      edge.points.slice(1).forEach((point, i) => expect(point.x === edge.points[i]!.x || point.y === edge.points[i]!.y).toBe(true));
      expect(edge.labelAt).toBeDefined();
    }
  });

  it('wraps thirty neighbours into columns, so the diagram stays wider than tall', () => {
    const entities = catalog([
      { kind: 'Group', name: 'platform' },
      ...Array.from({ length: 40 }, (_, i) => ({ kind: 'Component', name: `service-${i}`, relations: [['ownedBy', 'group:default/platform']] as [string, string][] })),
    ]);
    const layout = layoutStar(neighbourhoodOf('group:default/platform', entities), 'group:default/platform');
    expect(layout.nodes).toHaveLength(31);
    expect(new Set(layout.nodes.filter((node) => !node.current).map((node) => node.x - node.width / 2)).size).toBe(3);
    expect(layout.height).toBeLessThan(600);
    expect(layout.width).toBeLessThan(1100);
    expect(overlaps(layout)).toEqual([]);
  });
});

describe('the layered layout (dagre, deeper graphs)', () => {
  it('places every node without overlaps, the same way for the same graph', async () => {
    const model = selectNeighbourhood(buildCatalogGraph(encore()).index, service, { depth: 2, maxNodes: 30 })!;
    const layout = await layoutLayered(model);
    expect(layout.nodes.map((node) => node.id).sort()).toEqual(model.nodes.map((node) => node.id).sort());
    expect(overlaps(layout)).toEqual([]);
    expect(layout.edges).toHaveLength(model.edges.length);
    expect(await layoutLayered(reversed(model))).toEqual({ ...layout, nodes: [...layout.nodes].reverse() });
  });
});
