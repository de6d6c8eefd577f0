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

type Side = 'left' | 'right';

/** Where a node is drawn; for a neighbour, also its column, the x its edge ends at and the x of its column's riser. */
interface Position {
  x: number;
  y: number;
  width: number;
  height: number;
  column: number;
  edgeX: number;
  riserX: number;
}

/** The vertical frame both sides share: where the rows start, how tall they are, the root's and the channel's y. */
interface Frame {
  top: number;
  content: number;
  rootY: number;
  channelY: number;
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
  const { edges, side, groupOf } = rootNeighbours(model, rootId, byId);
  const left = placeSide(sideMembers(side, 'left', byId), groupOf);
  const right = placeSide(sideMembers(side, 'right', byId), groupOf);
  const frame = frameOf(left, right);
  const { position, rootLeft, rootRight, extent } = positionNodes(root, left, right, frame);
  const placedOrder = [root, ...[...left, ...right].flat().map((placed) => placed.node)];
  const nodes: GraphNode[] = placedOrder.map((node) => {
    const at = position.get(node.id)!;
    return { ...node, x: round(at.x), y: round(at.y), width: at.width, height: at.height };
  });
  const drawn = drawEdges(edges, rootId, placedOrder, position, side, { rootLeft, rootRight, rootY: frame.rootY, channelY: frame.channelY });
  return { width: round(extent + pad), height: round(frame.top + frame.content + pad), nodes, edges: drawn };
}

/** The root's edges to other nodes in a fixed order, and for each neighbour its side (first edge wins) and group (that edge's label). */
function rootNeighbours(model: GraphModel, rootId: string, byId: ReadonlyMap<string, GraphModelNode>) {
  const side = new Map<string, Side>();
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
  return { edges, side, groupOf };
}

/** The neighbours on one side, in the order the root's edges met them. */
function sideMembers(side: ReadonlyMap<string, Side>, which: Side, byId: ReadonlyMap<string, GraphModelNode>): GraphModelNode[] {
  return [...side].filter(([, s]) => s === which).map(([id]) => byId.get(id)!);
}

/** One side's neighbours sorted by group, category and label, and wrapped into columns of at most `maxRows`. */
function placeSide(members: GraphModelNode[], groupOf: ReadonlyMap<string, string>): Placed[][] {
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
}

function rowsOf(columns: readonly Placed[][]): number {
  return Math.max(0, ...columns.map((column) => column.length));
}

function heightOf(rows: number): number {
  return rows === 0 ? 0 : rows * nodeHeight + (rows - 1) * rowGap;
}

function widthOf(node: GraphModelNode): number {
  return nodeWidth(node.label, node.caption);
}

/** The frame of both sides: a channel above the rows when a side has more than one column, the root centred on the taller side. */
function frameOf(left: readonly Placed[][], right: readonly Placed[][]): Frame {
  const needsChannel = left.length > 1 || right.length > 1;
  const top = pad + (needsChannel ? channel : 0);
  const content = Math.max(nodeHeight, heightOf(rowsOf(left)), heightOf(rowsOf(right)));
  return { top, content, rootY: top + content / 2, channelY: top - channel / 2 };
}

/** Every node's position: left columns, outermost first, then the root, then the right columns; and how far right they reach. */
function positionNodes(root: GraphModelNode, left: readonly Placed[][], right: readonly Placed[][], { top, content, rootY }: Frame) {
  const columnWidth = (column: Placed[]) => Math.max(...column.map((placed) => widthOf(placed.node)));
  const position = new Map<string, Position>();
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
  return { position, rootLeft, rootRight, extent: x };
}

/**
 * The root's edges drawn in the order their neighbours are placed: out of the root, along its riser, through the
 * channel to an outer column's riser, into the neighbour's side; a second relation to a neighbour shares its line.
 */
function drawEdges(
  edges: GraphModel['edges'],
  rootId: string,
  placedOrder: readonly GraphModelNode[],
  position: ReadonlyMap<string, Position>,
  side: ReadonlyMap<string, Side>,
  { rootLeft, rootRight, rootY, channelY }: { rootLeft: number; rootRight: number; rootY: number; channelY: number },
): GraphEdge[] {
  const rank = new Map(placedOrder.map((node, index) => [node.id, index]));
  const drawn = new Map<string, number>();
  const other = (edge: { from: string; to: string }) => (edge.from === rootId ? edge.to : edge.from);
  const edgesOut: GraphEdge[] = [];
  for (const edge of [...edges].sort((a, b) => rank.get(other(a))! - rank.get(other(b))!)) {
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
  return edgesOut;
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
