/**
 * Which URLs may reach the page, and the one place that calls `context.rewriteUrl`.
 * Allowed: relative URLs, `#anchors`, http(s), mailto, tel (and irc/xmpp, as GitHub). Everything else
 * (`javascript:`, `vbscript:`, `data:` in links, `file:` …) is never handed to the caller and is dropped by the
 * sanitiser. Data URLs are allowed only as `<img src>` and only for base64 PNG/GIF/JPEG/WebP (see README.md).
 */
import type { DocPosition } from './render-context.ts';
import type { RenderState } from './render-state.ts';
import { report } from './render-state.ts';
import { mapUrlPosition } from './source-lines.ts';

export const HREF_PROTOCOLS = ['http', 'https', 'mailto', 'tel', 'irc', 'ircs', 'xmpp'];
export const SRC_PROTOCOLS = ['http', 'https', 'data'];

/** Marks an element whose URL was already rewritten in the markdown tree (value: the NONCE). */
export const REWRITTEN_PROPERTY = 'dataPbUrl';

// Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:"), so do we.
const IGNORED = /[\u0000-\u0020\u007f]+/g;
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const RASTER_DATA = /^data:image\/(?:png|gif|jpeg|webp);base64,[a-z0-9+/=\s]*$/i;

/** The scheme of a URL as a browser would read it, lowercased; '' when relative. */
export function schemeOf(url: string): string {
  const compact = url.replace(IGNORED, '');
  const match = SCHEME.exec(compact);
  if (!match) return '';
  // `a/b:c` or `?x:y` or `#x:y` are relative: the colon comes after a path, query or fragment character.
  const colon = compact.indexOf(':');
  const slash = compact.search(/[/?#]/);
  return slash >= 0 && slash < colon ? '' : match[1]!.toLowerCase();
}

export function isSafeHref(url: string): boolean {
  const scheme = schemeOf(url);
  return scheme === '' || HREF_PROTOCOLS.includes(scheme);
}

export function isSafeImageSrc(url: string): boolean {
  const scheme = schemeOf(url);
  if (scheme === 'data') return RASTER_DATA.test(url.trim());
  return scheme === '' || scheme === 'http' || scheme === 'https';
}

/**
 * Asks the caller for the URL to publish. `line`/`column` are positions of the preprocessed text; they are mapped
 * to the original file (for text pasted by `--8<--`, to the directive in the page that pasted it).
 */
export function rewrite(
  state: RenderState,
  url: string,
  kind: 'link' | 'image',
  point: { line: number; column: number } | undefined,
): string {
  if (kind === 'image' ? !isSafeImageSrc(url) : !isSafeHref(url)) return url;
  if (kind === 'image' && schemeOf(url) === 'data') return url;
  const mapped =
    point && state.origins.length > 0
      ? mapUrlPosition(state.origins, point.line, point.column)
      : { file: state.context.file, line: 1, column: 1 };
  const at: DocPosition = { line: mapped.line, column: mapped.column };
  try {
    const result = state.context.rewriteUrl(url, { kind, at, file: mapped.file || state.context.file });
    return typeof result === 'string' ? result : url;
  } catch (error) {
    report(state, 'warning', { ...mapped }, `The URL ${JSON.stringify(url)} could not be rewritten: ${String(error instanceof Error ? error.message : error)}`);
    return url;
  }
}
