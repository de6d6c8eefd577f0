/**
 * Last checks on URLs and embeds after sanitising:
 * - `target="_blank"` links get `rel="noopener noreferrer"`;
 * - `<img src>` must be http(s), relative, or a base64 PNG/GIF/JPEG/WebP data URL (anything else loses its src);
 *   images get `loading="lazy"`, and lose any `id` (an `<img id>` is a `document.x` DOM-clobbering vector);
 * - empty class lists (all values filtered out by the sanitiser) are removed;
 * - `<iframe>` (only present with `allowIframes`) must have an `https:` src, or it is removed; it is sandboxed,
 *   lazy and sends no referrer.
 */
import type { Element, ElementContent, Root } from 'hast';
import { isSafeImageSrc } from './url-policy.ts';

const HTTPS = /^https:\/\//i;

export default function rehypeLinkSafety() {
  return (tree: Root): void => {
    walk(tree);
  };
}

function walk(parent: Root | Element): void {
  const children = parent.children as ElementContent[];
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    if (child.type !== 'element') continue;
    const properties = child.properties;
    // The sanitiser filters class lists value by value; an emptied list would print as `class=""`.
    if (Array.isArray(properties['className']) && properties['className'].length === 0) delete properties['className'];
    switch (child.tagName) {
      case 'a':
        if (properties['target'] !== undefined) {
          properties['target'] = '_blank';
          properties['rel'] = ['noopener', 'noreferrer'];
        }
        break;
      case 'img':
        if (typeof properties['src'] === 'string' && !isSafeImageSrc(properties['src'])) delete properties['src'];
        delete properties['id'];
        properties['loading'] = 'lazy';
        break;
      case 'iframe': {
        const src = properties['src'];
        if (typeof src !== 'string' || !HTTPS.test(src.trim())) {
          children.splice(index, 1);
          index--;
          continue;
        }
        properties['sandbox'] = ['allow-scripts', 'allow-same-origin', 'allow-popups', 'allow-presentation'];
        properties['loading'] = 'lazy';
        properties['referrerPolicy'] = 'no-referrer';
        break;
      }
      default:
    }
    if (child.children.length > 0) walk(child);
  }
}
