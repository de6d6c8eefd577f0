/**
 * Where a plugin link may point: a site-relative path (put under the base path) or an absolute
 * http(s) URL. Anything else (javascript:, data:, protocol-relative) is not a link at all. Pure,
 * so pages at build time and islands in the browser apply the same rule.
 */
export function pluginLinkUrl(target: string | undefined, base: string): { url: string; external: boolean } | undefined {
  if (!target) return undefined;
  if (/^https?:\/\//i.test(target)) {
    try {
      return { url: new URL(target).href, external: true };
    } catch {
      return undefined;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//') || target.includes('\\')) return undefined;
  return { url: (base.endsWith('/') ? base : `${base}/`) + target.replace(/^\/+/, ''), external: false };
}
