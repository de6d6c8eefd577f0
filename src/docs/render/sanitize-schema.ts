/**
 * The sanitiser's allow-list: GitHub's (rehype-sanitize's default schema) with as few additions as docs need.
 * - elements that are not allowed are unwrapped: the tags go, their content stays and is sanitised like the rest
 *   (<object> fallback, <noscript>, <select>/<option>, <button>, <textarea>, forms, unknown elements, and <template>,
 *   whose content rehype-raw-html moves out first). Browsers show that content too, and an unclosed `<Object>` in
 *   prose (`Optional<Object>`) holds the rest of the page. Only elements whose content is code or never shown are
 *   dropped WITH their content (STRIP: <script>, <style>, <svg>, <math>, <iframe>, <title>, …). rehype-raw-html
 *   warns about an unclosed start tag of any refused element: its tag (and for STRIP its text) disappears;
 * - no `on*` handlers, no `style`, no `name`, no form attributes; `id` kept WITHOUT GitHub's `user-content-` prefix
 *   (mkdocs anchors such as `#installation` must keep working);
 * - href: http(s), mailto, tel, irc, xmpp and relative only; src: http(s) and data: (restricted to raster images on
 *   <img> by rehype-link-safety);
 * - `target` only as `_blank` (rehype-link-safety adds `rel="noopener noreferrer"`);
 * - the placeholder property (`data-pb`) is let through everywhere: rehype-decorate honours only values carrying
 *   the per-process NONCE and deletes all others.
 * With `allowIframes`, <iframe> is kept with src/width/height/title only (no srcdoc); https is enforced later.
 */
import { defaultSchema } from 'rehype-sanitize';
import { HREF_PROTOCOLS, SRC_PROTOCOLS } from './url-policy.ts';
import { PLACEHOLDER_PROPERTY } from './render-state.ts';

type Schema = typeof defaultSchema;
type AttributeList = NonNullable<Schema['attributes']>[string];

const REMOVED_GLOBAL = new Set(['name', 'action', 'method', 'encType', 'acceptCharset', 'accept', 'accessKey', 'prompt']);

/** Not allowed AND dropped with their content: code (script, style), or content a browser never shows as text. */
const STRIP = [
  'script',
  'style',
  'title',
  'iframe',
  'embed',
  'noembed',
  'noframes',
  'frame',
  'frameset',
  'svg',
  'math',
  'head',
  'meta',
  'link',
  'base',
];

function buildSchema(allowIframes: boolean): Schema {
  const attributes = defaultSchema.attributes ?? {};
  const global = (attributes['*'] ?? []).filter((entry) => typeof entry !== 'string' || !REMOVED_GLOBAL.has(entry));
  const headingAttributes: AttributeList = ['dataTocLabel'];
  const schema: Schema = {
    ...defaultSchema,
    clobber: [],
    clobberPrefix: '',
    strip: allowIframes ? STRIP.filter((tag) => tag !== 'iframe') : STRIP,
    tagNames: [
      ...(defaultSchema.tagNames ?? []),
      'mark',
      'abbr',
      'cite',
      'dfn',
      'small',
      'u',
      'figure',
      'figcaption',
      'caption',
      'colgroup',
      'col',
      'center',
      ...(allowIframes ? ['iframe'] : []),
    ],
    attributes: {
      ...attributes,
      '*': [...global, PLACEHOLDER_PROPERTY],
      // The first definition of a property wins, so GitHub's className rule for <a> is replaced, not extended.
      a: [
        ...(attributes['a'] ?? []).filter((entry) => !(Array.isArray(entry) && entry[0] === 'className')),
        ['className', 'data-footnote-backref', 'md-button', 'md-button--primary'],
        ['target', '_blank'],
      ],
      abbr: ['title'],
      kbd: [['className', 'keys']],
      h1: headingAttributes,
      h2: [...(attributes['h2'] ?? []), ...headingAttributes],
      h3: headingAttributes,
      h4: headingAttributes,
      h5: headingAttributes,
      h6: headingAttributes,
      ...(allowIframes ? { iframe: ['src', 'width', 'height', 'title', 'allowFullScreen'] } : {}),
    },
    protocols: {
      ...defaultSchema.protocols,
      href: HREF_PROTOCOLS,
      src: SRC_PROTOCOLS,
    },
  };
  return schema;
}

export const STRICT_SCHEMA = buildSchema(false);
export const IFRAME_SCHEMA = buildSchema(true);
