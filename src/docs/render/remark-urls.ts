/**
 * Hands every markdown URL to `context.rewriteUrl` with its original position: inline links and images, autolinks
 * (`<https://…>` and GFM `www.…`), and link reference definitions (once, at the definition; the references that use
 * a definition get its rewritten URL). Rewritten elements are marked so the raw-HTML pass does not rewrite them twice.
 */
import type { Definition, Image, Link, LinkReference, Parent, Root, RootContent } from 'mdast';
import type { RenderState } from './render-state.ts';
import { NONCE, stateOf } from './render-state.ts';
import type { RenderFile } from './render-state.ts';
import { rewrite, REWRITTEN_PROPERTY } from './url-policy.ts';

export default function remarkUrls() {
  return (tree: Root, file: RenderFile): void => {
    const state = stateOf(file);
    const images = new Set<string>();
    collectImageReferences(tree, images);
    walk(tree, state, images);
  };
}

function collectImageReferences(parent: Parent, into: Set<string>): void {
  for (const child of parent.children) {
    if (child.type === 'imageReference') into.add(child.identifier);
    else if ('children' in child) collectImageReferences(child, into);
  }
}

function walk(parent: Parent, state: RenderState, images: Set<string>): void {
  for (const child of parent.children as RootContent[]) {
    switch (child.type) {
      case 'link':
      case 'image': {
        const node = child as Link | Image;
        node.url = rewrite(state, node.url, child.type === 'image' ? 'image' : 'link', node.position?.start);
        mark(node);
        break;
      }
      case 'definition': {
        const node = child as Definition;
        node.url = rewrite(state, node.url, images.has(node.identifier) ? 'image' : 'link', node.position?.start);
        break;
      }
      case 'linkReference':
      case 'imageReference':
        mark(child as LinkReference);
        break;
      default:
    }
    if ('children' in child) walk(child, state, images);
  }
}

function mark(node: { data?: unknown }): void {
  const data = (node.data ??= {}) as { hProperties?: Record<string, unknown> };
  data.hProperties = { ...data.hProperties, [REWRITTEN_PROPERTY]: NONCE };
}
