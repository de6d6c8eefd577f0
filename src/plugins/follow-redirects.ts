import { urlIsUnder } from './url-allow-list.ts';

/** Redirects followed for one request; fetch's own limit is 20, more than any service needs. */
export const maxRedirects = 10;

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
/** Dropped when a redirect leaves the origin, as fetch does: credentials are for the service that asked for them. */
const credentialHeaders = ['authorization', 'proxy-authorization', 'cookie'];

/** A request or redirect the plugin fetch refuses to send or follow; retrying would only be refused again. */
export class RequestRefused extends Error {
  readonly retryable = false;
}

/**
 * Sends a request and follows its redirects one hop at a time (`redirect: 'manual'`), so every
 * hop can be checked: at most `maxRedirects`, only to http(s), without the credentials once it
 * leaves the first URL's origin, and, when `allowedUrls` is given, only to URLs under one of them
 * (`urlIsUnder`). 303, and 301/302 after a POST, continue as GET without a body, as fetch does.
 * `request` names the original request in messages (method and redacted URL).
 */
export async function fetchFollowingRedirects(
  transport: typeof fetch,
  url: string,
  init: RequestInit & { method: string },
  options: { request: string; allowedUrls?: readonly string[]; shown: (url: string) => string },
): Promise<{ response: Response; url: string }> {
  let current = url;
  let { method, body } = init;
  const headers = new Headers(init.headers);
  const origin = new URL(url).origin;
  for (let hop = 0; ; hop++) {
    const response = await transport(current, { ...init, method, headers, body, redirect: 'manual' });
    const location = redirectStatuses.has(response.status) ? response.headers.get('location') : null;
    if (location === null) return { response, url: current };
    await response.body?.cancel();
    if (hop >= maxRedirects) throw new RequestRefused(`${options.request} was redirected more than ${maxRedirects} times; not followed`);
    const next = URL.parse(location, current);
    const refusal = !next
      ? 'which is not a URL'
      : next.protocol !== 'http:' && next.protocol !== 'https:'
        ? 'which is not an http(s) URL'
        : options.allowedUrls && !isAllowed(next.href, options.allowedUrls)
          ? 'which is not under an allowed URL'
          : undefined;
    if (refusal) throw new RequestRefused(`${options.request} was redirected to ${options.shown(next?.href ?? location)}, ${refusal}; not followed`);
    if (next!.origin !== origin) for (const name of credentialHeaders) headers.delete(name);
    if ((response.status === 303 && method !== 'HEAD') || ((response.status === 301 || response.status === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
      headers.delete('content-type');
      headers.delete('content-length');
    }
    current = next!.href;
  }
}

export function isAllowed(url: string, allowedUrls: readonly string[]): boolean {
  return allowedUrls.some((allowed) => urlIsUnder(url, allowed));
}
