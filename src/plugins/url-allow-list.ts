/**
 * Whether `url` is `allowed` or below it: the same origin (scheme, host, port, as the URL parser
 * normalises them: host case, default ports, numeric addresses) and the allowed path's whole
 * segments, never a string prefix (`http://127.0.0.1:1808` must not allow port 18082, nor
 * `/artifacts` allow `/artifacts-private`). Dot segments are resolved first (`..`, `%2e%2e`), as
 * the request would resolve them; URLs with credentials, and paths with an encoded slash or
 * backslash (which a server may decode into a separator), are refused. Query and fragment do not
 * matter.
 */
export function urlIsUnder(url: string, allowed: string): boolean {
  const target = URL.parse(url);
  const base = URL.parse(allowed);
  if (!target || !base || (target.protocol !== 'http:' && target.protocol !== 'https:')) return false;
  if (target.username || target.password || target.origin !== base.origin) return false;
  const targetSegments = pathSegments(target.pathname);
  const baseSegments = pathSegments(base.pathname);
  if (!targetSegments || !baseSegments || baseSegments.length > targetSegments.length) return false;
  return baseSegments.every((segment, index) => segment === targetSegments[index]);
}

/** `/a/b/` → `['a', 'b']`, each segment percent-decoded; null when one cannot be, or hides a separator or a dot segment. */
function pathSegments(pathname: string): string[] | null {
  const segments: string[] = [];
  for (const raw of pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (/[/\\]/.test(segment) || segment === '.' || segment === '..') return null;
    segments.push(segment);
  }
  return segments;
}
