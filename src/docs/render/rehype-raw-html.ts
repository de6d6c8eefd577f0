/**
 * Raw HTML in the markdown is parsed into real elements (rehype-raw, i.e. parse5 as a browser would), but only when
 * the page has any: most pages do not, and the parser is the costliest step. Then the href/src of `<a>`/`<img>` that
 * came from raw HTML go through `rewriteUrl` at their original position. This runs BEFORE sanitising, so a rewritten
 * URL is checked like any other.
 */
import type { Element, Root, RootContent } from 'hast';
import rehypeRaw from 'rehype-raw';
import type { RenderState } from './render-state.ts';
import { NONCE, stateOf } from './render-state.ts';
import type { RenderFile } from './render-state.ts';
import { rewrite, REWRITTEN_PROPERTY } from './url-policy.ts';

const parseRaw = rehypeRaw() as unknown as (tree: Root, file: unknown) => Root;

export default function rehypeRawHtml() {
  return (tree: Root, file: RenderFile): Root => {
    const state = stateOf(file);
    // No raw HTML: every URL came from markdown and was rewritten there (the sanitiser drops the markers).
    if (!state.hasRawHtml) return tree;
    // Everything in the tree now is markdown output (links, images, footnote links): mark it, so that after parsing
    // only elements that came from raw HTML are rewritten.
    markExisting(tree.children);
    const parsed = parseRaw(tree, file);
    walk(parsed.children, state, undefined);
    return parsed;
  };
}

function markExisting(children: RootContent[]): void {
  for (const child of children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'a' || child.tagName === 'img') child.properties[REWRITTEN_PROPERTY] = NONCE;
    if (child.children.length > 0) markExisting(child.children);
  }
}

function walk(children: RootContent[], state: RenderState, around: Element['position']): void {
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    if (child.type !== 'element') continue;
    // Only checkboxes (GFM task lists) may stay: the sanitiser would turn any other input into one.
    if (child.tagName === 'input' && child.properties['type'] !== 'checkbox') {
      children.splice(index--, 1);
      continue;
    }
    const position = child.position ?? around;
    const properties = child.properties;
    if (properties[REWRITTEN_PROPERTY] === NONCE) {
      delete properties[REWRITTEN_PROPERTY];
    } else {
      delete properties[REWRITTEN_PROPERTY];
      // `<a name="x">` is the old way to make an anchor; `name` is dropped (DOM clobbering), so keep it as the id.
      if (child.tagName === 'a' && typeof properties['name'] === 'string' && properties['id'] === undefined) {
        properties['id'] = properties['name'];
      }
      if (child.tagName === 'a' && typeof properties['href'] === 'string') {
        properties['href'] = rewrite(state, properties['href'], 'link', position?.start);
      } else if (child.tagName === 'img' && typeof properties['src'] === 'string') {
        properties['src'] = rewrite(state, properties['src'], 'image', position?.start);
      }
    }
    if (child.children.length > 0) walk(child.children, state, position);
  }
}
