import type { GraphEdge, GraphNode } from '../panel-view.ts';
import type { GraphLayout, GraphModel, GraphModelNode } from './graph-file.ts';
import { nodeHeight, nodeWidth } from './node-size.ts';
import { compareStrings } from '../../vocabulary/compare-strings.ts';

/** Spacing of the star layout, in SVG units. */
const pad = 12;
const rowGap = 14;
/** Between a column and the next one inward: room for the riser and the edge labels. */
const gutter = 104;
const riserInset = 14;
/** Above the rows, where edges to outer columns run. */
const channel = 14;
/** A side wraps into another column beyond this many rows. */
const maxRows = 10;

interface Placed {
  node: GraphModelNode;
  column: number;
  row: number;
}

/**
 * Lays out a node and its direct neighbours (depth 1) without a general graph layout: what
 * points at the root on the left, what the root points at on the right, like a left-to-right
 * layered layout would, each side grouped by relation and wrapped into columns of at most ten so a
 * group owning thirty things stays wide rather than tall. Edges run orthogonally: out of the
 * root, along a shared riser, into each node's side, labelled on their last stretch. Linear in
 * the number of neighbours (dagre is far slower on the same graphs: BENCHMARKS.md), deterministic, and
 * edges between neighbours are left out (they are not part of a depth-1 view).
 */
export function layoutStar(model: GraphModel, rootId: string): GraphLayout {
  const root = model.nodes.find((node) => node.id === rootId);
  if (!root) throw new Error(`layoutStar: the root ${rootId} is not in the graph`);
  const byId = new Map(model.nodes.map((node) => [node.id, node]));
  const side = new Map<string, 'left' | 'right'>();
  const groupOf = new Map<string, string>();
  // Sorted first, so the drawing does not depend on the order the graph lists things in.
  const edges = model.edges
    .filter((edge) => edge.from !== edge.to && (edge.from === rootId || edge.to === rootId) && byId.has(edge.from) && byId.has(edge.to))
    .sort((a, b) => compareStrings(a.label ?? '', b.label ?? '') || compareStrings(a.from, b.from) || compareStrings(a.to, b.to));
  for (const edge of edges) {
    const other = edge.from === rootId ? edge.to : edge.from;
    if (side.has(other)) continue;
    side.set(other, edge.from === rootId ? 'right' : 'left');
    groupOf.set(other, edge.label ?? '');
  }

  const placeSide = (which: 'left' | 'right'): Placed[][] => {
    const members = [...side].filter(([, s]) => s === which).map(([id]) => byId.get(id)!);
    members.sort(
      (a, b) =>
        compareStrings(groupOf.get(a.id)!, groupOf.get(b.id)!) ||
        Number(a.category === 'more') - Number(b.category === 'more') ||
        compareStrings(a.category ?? '', b.category ?? '') ||
        compareStrings(a.label, b.label) ||
        compareStrings(a.id, b.id),
    );
    const columns = Math.max(1, Math.ceil(members.length / maxRows));
    const rows = Math.ceil(members.length / columns);
    const placed: Placed[][] = Array.from({ length: columns }, () => []);
    members.forEach((node, index) => {
      const column = Math.floor(index / rows);
      placed[column]!.push({ node, column, row: index % rows });
    });
    return members.length === 0 ? [] : placed;
  };
  const left = placeSide('left');
  const right = placeSide('right');

  const rowsOf = (columns: Placed[][]) => Math.max(0, ...columns.map((column) => column.length));
  const heightOf = (rows: number) => (rows === 0 ? 0 : rows * nodeHeight + (rows - 1) * rowGap);
  const needsChannel = left.length > 1 || right.length > 1;
  const top = pad + (needsChannel ? channel : 0);
  const content = Math.max(nodeHeight, heightOf(rowsOf(left)), heightOf(rowsOf(right)));
  const rootY = top + content / 2;
  const channelY = top - channel / 2;

  const widthOf = (node: GraphModelNode) => nodeWidth(node.label, node.caption);
  const columnWidth = (column: Placed[]) => Math.max(...column.map((placed) => widthOf(placed.node)));

  const nodes: GraphNode[] = [];
  const edgesOut: GraphEdge[] = [];
  const position = new Map<string, { x: number; y: number; width: number; height: number; column: number; edgeX: number; riserX: number }>();

  // Left columns, outermost first, then the root, then the right columns.
  let x = pad;
  for (let column = left.length - 1; column >= 0; column--) {
    const width = columnWidth(left[column]!);
    const sideTop = top + (content - heightOf(rowsOf(left))) / 2;
    const rightEdge = x + width;
    for (const placed of left[column]!) {
      const nodeW = widthOf(placed.node);
      position.set(placed.node.id, { x: rightEdge - nodeW / 2, y: sideTop + placed.row * (nodeHeight + rowGap) + nodeHeight / 2, width: nodeW, height: nodeHeight, column, edgeX: rightEdge, riserX: rightEdge + gutter - riserInset });
    }
    x = rightEdge + gutter;
  }
  const rootWidth = widthOf(root);
  const rootLeft = x;
  position.set(root.id, { x: rootLeft + rootWidth / 2, y: rootY, width: rootWidth, height: nodeHeight, column: -1, edgeX: 0, riserX: 0 });
  x = rootLeft + rootWidth;
  const rootRight = x;
  for (let column = 0; column < right.length; column++) {
    const leftEdge = x + gutter;
    const width = columnWidth(right[column]!);
    const sideTop = top + (content - heightOf(rowsOf(right))) / 2;
    for (const placed of right[column]!) {
      const nodeW = widthOf(placed.node);
      position.set(placed.node.id, { x: leftEdge + nodeW / 2, y: sideTop + placed.row * (nodeHeight + rowGap) + nodeHeight / 2, width: nodeW, height: nodeHeight, column, edgeX: leftEdge, riserX: leftEdge - gutter + riserInset });
    }
    x = leftEdge + width;
  }
  const width = x + pad;
  const height = top + content + pad;

  const placedOrder = [root, ...[...left, ...right].flat().map((placed) => placed.node)];
  const rank = new Map(placedOrder.map((node, index) => [node.id, index]));
  for (const node of placedOrder) {
    const at = position.get(node.id)!;
    nodes.push({ ...node, x: round(at.x), y: round(at.y), width: at.width, height: at.height });
  }

  const drawn = new Map<string, number>();
  const other = (edge: { from: string; to: string }) => (edge.from === rootId ? edge.to : edge.from);
  edges.sort((a, b) => rank.get(other(a))! - rank.get(other(b))!);
  for (const edge of edges) {
    const neighbour = other(edge);
    const at = position.get(neighbour)!;
    const onRight = side.get(neighbour) === 'right';
    const innerRiser = onRight ? rootRight + riserInset : rootLeft - riserInset;
    const rootEnd = { x: onRight ? rootRight : rootLeft, y: rootY };
    // From the root outwards; reversed below when the edge points at the root.
    const path =
      at.column === 0
        ? [rootEnd, { x: innerRiser, y: rootY }, { x: innerRiser, y: at.y }, { x: at.edgeX, y: at.y }]
        : [rootEnd, { x: innerRiser, y: rootY }, { x: innerRiser, y: channelY }, { x: at.riserX, y: channelY }, { x: at.riserX, y: at.y }, { x: at.edgeX, y: at.y }];
    const points = simplify(edge.from === rootId ? path : path.reverse());
    // A second relation to the same neighbour shares the line; its label goes under it.
    const nth = drawn.get(neighbour) ?? 0;
    drawn.set(neighbour, nth + 1);
    const labelAt = { x: round((at.riserX + at.edgeX) / 2), y: round(at.y - 5 + nth * 15) };
    edgesOut.push({ from: edge.from, to: edge.to, ...(edge.label ? { label: edge.label, labelAt } : {}), points });
  }
  return { width: round(width), height: round(height), nodes, edges: edgesOut };
}

/** Rounds, drops repeated points and points in the middle of a straight run. */
function simplify(points: { x: number; y: number }[]): { x: number; y: number }[] {
  const rounded = points.map((point) => ({ x: round(point.x), y: round(point.y) }));
  const kept: { x: number; y: number }[] = [];
  for (const point of rounded) {
    const last = kept[kept.length - 1];
    if (last && last.x === point.x && last.y === point.y) continue;
    const before = kept[kept.length - 2];
    if (before && last && ((before.x === last.x && last.x === point.x) || (before.y === last.y && last.y === point.y))) kept.pop();
    kept.push(point);
  }
  return kept.length >= 2 ? kept : [rounded[0]!, rounded[rounded.length - 1]!];
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
