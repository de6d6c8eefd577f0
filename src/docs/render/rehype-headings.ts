/**
 * Heading ids and anchors, as mkdocs' `toc` does it: ids already in the page (explicit `{ #id }`, raw HTML, footnotes)
 * are taken first; every heading without one gets the mkdocs slug, made unique. Each heading is then wrapped with a
 * sibling anchor link (a link inside the heading would be read as part of the heading's name by screen readers):
 * `<div class="heading-wrapper level-h2"><h2 id="x">…</h2><a class="heading-anchor" href="#x"
 * aria-label="Link to this section: …">#</a></div>`.
 * Also collects the outline (h1–h4, TOC label from `data-toc-label`) and every id of the finished page.
 */
import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { h, text } from './hast-builders.ts';
import type { RenderFile, RenderState } from './render-state.ts';
import { stateOf } from './render-state.ts';
import { slugify, uniqueId } from './slugify.ts';

const DEPTH: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
const SPACES = /\s+/g;

export default function rehypeHeadings() {
  return (tree: Root, file: RenderFile): void => {
    const state = stateOf(file);
    const used = new Set<string>();
    collectIds(tree, used);
    headings(tree, state, used);
    const ids = new Set<string>();
    collectIds(tree, ids);
    state.ids = [...ids];
  };
}

function collectIds(parent: Root | Element, into: Set<string>): void {
  for (const child of parent.children) {
    if (child.type !== 'element') continue;
    const id = child.properties['id'];
    if (typeof id === 'string' && id) into.add(id);
    if (child.children.length > 0) collectIds(child, into);
  }
}

function headings(parent: Root | Element, state: RenderState, used: Set<string>): void {
  const children = parent.children as ElementContent[];
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    if (child.type !== 'element') continue;
    // GFM's footnote section has a visually hidden "Footnotes" h2: not part of the outline.
    if (child.tagName === 'section' && child.properties['dataFootnotes'] !== undefined) continue;
    const depth = DEPTH[child.tagName];
    if (depth === undefined) {
      if (child.children.length > 0) headings(child, state, used);
      continue;
    }
    const label = toString(child).replace(SPACES, ' ').trim();
    let id = child.properties['id'];
    if (typeof id !== 'string' || id === '') {
      id = uniqueId(slugify(label), used);
      child.properties['id'] = id;
    }
    const tocLabel = child.properties['dataTocLabel'];
    delete child.properties['dataTocLabel'];
    if (depth === 1 && state.firstH1 === undefined && label) state.firstH1 = label;
    if (depth <= 4) state.headings.push({ depth, id, text: typeof tocLabel === 'string' && tocLabel.trim() ? tocLabel.trim() : label });
    const anchor = h('a', { className: ['heading-anchor'], href: `#${id}`, ariaLabel: `Link to this section: ${label || id}` }, [text('#')]);
    children[index] = h('div', { className: ['heading-wrapper', `level-${child.tagName}`] }, [child, anchor]);
  }
}
