/**
 * Drops `<!-- comments -->` (mkdocs macros such as `<!-- md:version -->`, `<!-- prettier-ignore -->`) from the tree
 * and records whether any other raw HTML is left: only then does the (comparatively slow) HTML parser have to run.
 */
import type { Parent, Root } from 'mdast';
import { stateOf } from './render-state.ts';
import type { RenderFile } from './render-state.ts';

const ONLY_COMMENTS = /^\s*(?:<!--[\s\S]*?-->\s*)+$/;

export default function remarkComments() {
  return (tree: Root, file: RenderFile): void => {
    const state = stateOf(file);
    if (walk(tree)) state.hasRawHtml = true;
  };
}

/** Removes comment-only html nodes below `parent`; true when other html remains. */
function walk(parent: Parent): boolean {
  let rawHtml = false;
  let write = 0;
  const children = parent.children;
  for (let read = 0; read < children.length; read++) {
    const child = children[read]!;
    if (child.type === 'html') {
      if (ONLY_COMMENTS.test(child.value)) continue;
      rawHtml = true;
    } else if ('children' in child && walk(child)) {
      rawHtml = true;
    }
    children[write++] = child;
  }
  children.length = write;
  return rawHtml;
}
