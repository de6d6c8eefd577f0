/**
 * Turns the marker pairs written by `container-blocks.ts` back into tree structure: the sibling nodes between an
 * open and a close marker become the children of one container node, which remark-rehype renders as a placeholder
 * `<div data-pb="NONCE-index">`. `rehype-decorate` builds the real markup from it after sanitising.
 * Unpaired markers (malformed input) are dropped and their content stays where it was.
 */
import type { Nodes, Parent, Root, RootContent } from 'mdast';
import { MARKER } from './container-blocks.ts';
import { NONCE, PLACEHOLDER_PROPERTY, stateOf } from './render-state.ts';
import type { RenderFile } from './render-state.ts';

interface Frame {
  id: number;
  children: RootContent[];
  start?: RootContent['position'];
}

export default function remarkContainers() {
  return (tree: Root, file: RenderFile): void => {
    if (stateOf(file).blocks.length === 0) return;
    restructure(tree);
  };
}

function markerOf(node: Nodes): { open: boolean; id: number } | undefined {
  if (node.type !== 'html' && (node.type as string) !== 'mdxFlowExpression') return undefined;
  const match = MARKER.exec((node as { value: string }).value);
  if (!match) return undefined;
  return { open: match[1] === 'o', id: Number(match[2]) };
}

function restructure(parent: Parent): void {
  let hasMarker = false;
  for (const child of parent.children) {
    if ('children' in child) restructure(child);
    else if (!hasMarker && markerOf(child)) hasMarker = true;
  }
  if (!hasMarker) return;

  const root: Frame = { id: -1, children: [] };
  const stack: Frame[] = [root];
  for (const child of parent.children) {
    const marker = markerOf(child);
    if (!marker) {
      stack.at(-1)!.children.push(child);
      continue;
    }
    if (marker.open) {
      stack.push({ id: marker.id, children: [], start: child.position });
      continue;
    }
    const depth = stack.findLastIndex((frame) => frame.id === marker.id);
    if (depth <= 0) continue; // a close without its open: drop it
    while (stack.length > depth + 1) flatten(stack); // opens never closed inside: keep their content
    const frame = stack.pop()!;
    const container = {
      type: 'pbContainer',
      data: { hName: 'div', hProperties: { [PLACEHOLDER_PROPERTY]: `${NONCE}-${frame.id}` } },
      children: frame.children,
      position: frame.start && child.position ? { start: frame.start.start, end: child.position.end } : undefined,
    } as unknown as RootContent;
    stack.at(-1)!.children.push(container);
  }
  while (stack.length > 1) flatten(stack);
  parent.children = root.children as typeof parent.children;
}

function flatten(stack: Frame[]): void {
  const frame = stack.pop()!;
  stack.at(-1)!.children.push(...frame.children);
}
