/**
 * Raw HTML in the markdown is parsed into real elements (rehype-raw, i.e. parse5 as a browser would), but only when
 * the page has any: most pages do not, and the parser is the costliest step. Then the href/src of `<a>`/`<img>` that
 * came from raw HTML go through `rewriteUrl` at their original position. This runs BEFORE sanitising, so a rewritten
 * URL is checked like any other.
 *
 * The parser also decides how far an element reaches: an unclosed `<Object>` in `Optional<Object>` holds the rest of
 * the page. The sanitiser unwraps refused elements (their content stays) except those of its strip list; here
 * `<template>` is replaced by its content (the parser keeps that apart, where the sanitiser would never see it), and
 * an unclosed tag of a refused element is reported, since its tag (and, for a stripped one, the text it swallowed)
 * disappears from the page.
 */
import type { Element, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import rehypeRaw from 'rehype-raw';
import type { RenderState } from './render-state.ts';
import { NONCE, reportAt, stateOf } from './render-state.ts';
import type { RenderFile } from './render-state.ts';
import { IFRAME_SCHEMA, STRICT_SCHEMA } from './sanitize-schema.ts';
import { rewrite, REWRITTEN_PROPERTY } from './url-policy.ts';

const parseRaw = rehypeRaw() as unknown as (tree: Root, file: unknown) => Root;

interface Refusal {
  allowed: Set<string>;
  stripped: Set<string>;
}
const REFUSAL = {
  strict: { allowed: new Set(STRICT_SCHEMA.tagNames), stripped: new Set(STRICT_SCHEMA.strip) },
  iframes: { allowed: new Set(IFRAME_SCHEMA.tagNames), stripped: new Set(IFRAME_SCHEMA.strip) },
} satisfies Record<string, Refusal>;

/** Elements without content or end tag: never "unclosed". */
const VOID = new Set(['area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'image', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

interface Walk {
  state: RenderState;
  /** The text the positions point into (the preprocessed page), to tell a written start tag and its end tag. */
  source: string | undefined;
  refusal: Refusal;
  /** Tag names already reported on this page: one warning per name. */
  reported: Set<string>;
}

export default function rehypeRawHtml() {
  return (tree: Root, file: RenderFile): Root => {
    const state = stateOf(file);
    // No raw HTML: every URL came from markdown and was rewritten there (the sanitiser drops the markers).
    if (!state.hasRawHtml) return tree;
    // Everything in the tree now is markdown output (links, images, footnote links): mark it, so that after parsing
    // only elements that came from raw HTML are rewritten.
    markExisting(tree.children);
    const parsed = parseRaw(tree, file);
    const value = (file as RenderFile & { value?: unknown }).value;
    walk(
      parsed.children,
      {
        state,
        source: typeof value === 'string' ? value : undefined,
        refusal: state.context.allowIframes ? REFUSAL.iframes : REFUSAL.strict,
        reported: new Set(),
      },
      undefined,
      false,
    );
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

/** `insideStripped`: below an element the sanitiser drops with its content (reported as a whole, if at all). */
function walk(children: RootContent[], context: Walk, around: Element['position'], insideStripped: boolean): void {
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    if (child.type !== 'element') continue;
    if (!insideStripped && !context.refusal.allowed.has(child.tagName)) reportUnclosed(child, context);
    // <template> keeps its parsed content in `content`, not in `children`: put it in the template's place.
    if (child.tagName === 'template') {
      const content = (child as Element & { content?: Root }).content;
      children.splice(index, 1, ...(content?.children ?? []), ...child.children);
      index--;
      continue;
    }
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
        properties['href'] = rewrite(context.state, properties['href'], 'link', position?.start);
      } else if (child.tagName === 'img' && typeof properties['src'] === 'string') {
        properties['src'] = rewrite(context.state, properties['src'], 'image', position?.start);
      }
    }
    if (child.children.length > 0) walk(child.children, context, position, insideStripped || context.refusal.stripped.has(child.tagName));
  }
}

/**
 * Warns about a written start tag of a refused element whose end tag never comes (the parser closed it where its
 * parent ended, so it held everything up to there): the sanitiser removes the tag, and for a stripped element the
 * text it held as well. A refused element that is closed was meant as HTML and is removed silently, as documented.
 */
function reportUnclosed(element: Element, context: Walk): void {
  const { source } = context;
  const name = element.tagName;
  const start = element.position?.start;
  const end = element.position?.end;
  if (source === undefined || VOID.has(name) || context.reported.has(name) || start?.offset == null || end?.offset == null) return;
  // Elements the parser made up (an implied <tbody>) or markdown made are not written as a start tag here.
  const opening = /^<([a-zA-Z][^\s/>]*)[^>]{0,200}>?/.exec(source.slice(start.offset, start.offset + 240));
  if (!opening || opening[1]!.toLowerCase() !== name) return;
  const tail = source.slice(Math.max(start.offset, end.offset - name.length - 64), end.offset);
  if (new RegExp(`</${escapeRegExp(name)}\\s*>$`, 'i').test(tail)) return;
  if (tail.endsWith('/>') && element.children.length === 0) return; // a self-closed SVG/MathML element
  context.reported.add(name);
  const tag = JSON.stringify(shorten(opening[0], 60));
  const text = shorten(toString(element), 40);
  const fate = !context.refusal.stripped.has(name)
    ? 'it was removed and the text after it kept'
    : text
      ? `it was removed together with the text after it (${JSON.stringify(text)})`
      : 'it was removed';
  reportAt(
    context.state,
    'warning',
    start,
    `The HTML tag ${tag} is never closed and is not allowed in docs; ${fate}. If it is not meant as HTML, write it as code or write "<" as "&lt;".`,
  );
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
