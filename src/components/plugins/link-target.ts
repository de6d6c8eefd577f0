import { href } from '../../site/load-site.ts';

/**
 * Where a plugin link may point: a site-relative path (under the base path) or an absolute
 * http(s) URL. Anything else (javascript:, data:, protocol-relative) is not a link at all.
 */
export function pluginLinkTarget(target: string | undefined): { url: string; external: boolean } | undefined {
  if (!target) return undefined;
  if (/^https?:\/\//i.test(target)) {
    try {
      return { url: new URL(target).href, external: true };
    } catch {
      return undefined;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//') || target.includes('\\')) return undefined;
  return { url: href(target), external: false };
}
