import type { Redactor } from './secrets.ts';
import { ResponseCache, type CachedResponse } from './response-cache.ts';
import { recordedAtHeader } from './recorded-transport.ts';
import { fetchFollowingRedirects, isAllowed, RequestRefused } from './follow-redirects.ts';
import type { RequestState, RequestTrail } from './request-trail.ts';

/** How a build talks to external services. Declared in the options schema (`fetch`). */
export interface FetchPolicy {
  /** Requests in flight at once, across all plugins. */
  concurrency: number;
  /** Per attempt. */
  timeoutMs: number;
  /** Extra attempts after a network error, a timeout, a 5xx or a 429. */
  retries: number;
  /** First retry waits this long, then twice as long each time (plus jitter). */
  backoffMs: number;
  /** Longest wait for a rate limit to reset before giving up on the request. */
  maxRateLimitWaitMs: number;
  /** How long a cached response is reused without asking again. */
  cacheTtlMs: number;
  /** Use only the cache; a request it cannot answer fails. */
  offline: boolean;
}

/**
 * Limits concurrent requests, in all and per host, and pauses a host whose rate limit is spent.
 * Shared by a whole build. A slot is held only while a request is on the wire: a rate-limit pause
 * is waited out before taking one, and one host may hold at most `hostConcurrency` slots, so a
 * service that accepts connections and never answers cannot starve every other host.
 */
export class RequestScheduler {
  #active = 0;
  readonly #activeByHost = new Map<string, number>();
  readonly #waiting: { host: string; grant: () => void }[] = [];
  readonly #pausedUntil = new Map<string, number>();

  readonly concurrency: number;
  readonly hostConcurrency: number;

  constructor(concurrency: number, hostConcurrency = Math.ceil(concurrency / 2)) {
    this.concurrency = concurrency;
    this.hostConcurrency = Math.max(1, Math.min(hostConcurrency, concurrency));
  }

  /**
   * Runs `task` in a slot for `host`. `limit`: a pause longer than `maxPauseMs` fails `request` at
   * once instead of waiting. `signal` (the entity's deadline) gives up the wait for a slot or a pause.
   */
  async run<T>(
    host: string,
    task: () => Promise<T>,
    limit: { maxPauseMs: number; request: string } = { maxPauseMs: Infinity, request: host },
    signal?: AbortSignal,
    onWait?: (state: 'waiting out a rate limit' | 'waiting for a request slot') => void,
  ): Promise<T> {
    for (;;) {
      const until = this.#pausedUntil.get(host) ?? 0;
      const pause = until - Date.now();
      if (pause > limit.maxPauseMs) {
        throw Object.assign(new Error(`${limit.request} not sent: the rate limit of ${host} is spent until ${new Date(until).toISOString().slice(11, 16)} UTC, later than the build waits`), {
          retryable: false,
        });
      }
      if (pause > 0) {
        onWait?.('waiting out a rate limit');
        await sleep(pause, signal);
        continue;
      }
      onWait?.('waiting for a request slot');
      await this.#acquire(host, signal);
      // The host may have been paused while this request waited for its slot.
      if ((this.#pausedUntil.get(host) ?? 0) > Date.now()) {
        this.#release(host);
        continue;
      }
      break;
    }
    try {
      return await task();
    } finally {
      this.#release(host);
    }
  }

  #hasRoom(host: string): boolean {
    return this.#active < this.concurrency && (this.#activeByHost.get(host) ?? 0) < this.hostConcurrency;
  }

  #take(host: string): void {
    this.#active++;
    this.#activeByHost.set(host, (this.#activeByHost.get(host) ?? 0) + 1);
  }

  #acquire(host: string, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.#hasRoom(host)) {
      this.#take(host);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        host,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const index = this.#waiting.indexOf(waiter);
        if (index !== -1) this.#waiting.splice(index, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(waiter);
    });
  }

  /** Frees a slot and hands it to the longest-waiting request whose host is under its share. */
  #release(host: string): void {
    this.#active--;
    const left = (this.#activeByHost.get(host) ?? 1) - 1;
    if (left === 0) this.#activeByHost.delete(host);
    else this.#activeByHost.set(host, left);
    const next = this.#waiting.findIndex((waiter) => this.#hasRoom(waiter.host));
    if (next === -1) return;
    const [waiter] = this.#waiting.splice(next, 1);
    this.#take(waiter!.host);
    waiter!.grant();
  }

  pause(host: string, until: number): void {
    this.#pausedUntil.set(host, Math.max(until, this.#pausedUntil.get(host) ?? 0));
  }
}

/** Counts for the build log and the cache test. */
export interface FetchStats {
  requests: number;
  cached: number;
  retried: number;
}

export interface PluginFetchOptions {
  plugin: string;
  policy: FetchPolicy;
  scheduler: RequestScheduler;
  cache: ResponseCache;
  /** Where requests go: the global fetch, or a recorded-fetch transport. */
  transport: typeof fetch;
  redactor: Redactor;
  stats: FetchStats;
  /** Called with each response's fetch time, so a panel can say how fresh its data is. */
  onFetched: (fetchedAt: string) => void;
  /** The entity's deadline: it ends this request's waits and attempts. */
  signal?: AbortSignal;
  /** The entity's requests, for the problem when its deadline ends them. */
  trail?: RequestTrail;
}

/** Response headers worth keeping in the cache (pagination, rate limits, content type, validators). */
const keptHeaders = /^(content-type|link|etag|last-modified|x-total-count|x-ratelimit-[a-z-]+|retry-after)$/i;

/**
 * Failures that are answers, cached like successes (RFC 9111 lets caches keep 404 and 410): "this
 * repo has no release" is what a GitHub 404 often means, and asking again on every entity of the
 * repo and every rebuild would make the cache useless for it.
 */
const cacheableFailures = new Set([404, 410]);

/** An HTTP failure, for plugins that call `context.fetchJson`. The message names status and URL, never headers. */
export class PluginHttpError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
    this.name = 'PluginHttpError';
  }
}

/**
 * `fetch`'s init, plus Playbill's `allowedUrls`: when given, the request and every redirect it
 * follows must be under one of them (`urlIsUnder`: origin and whole path segments), or it fails
 * without being sent. For URLs that come from descriptors, which must not probe the build's network.
 */
export type PluginRequestInit = RequestInit & { allowedUrls?: readonly string[] };
export type PluginFetch = (input: RequestInfo | URL, init?: PluginRequestInit) => Promise<Response>;

/** One request as the policy handles it: its method and body, its cache key, and its URL as messages may show it. */
interface PlannedRequest {
  request: Request;
  method: string;
  body: string;
  cacheable: boolean;
  key: string;
  shownUrl: string;
  allowedUrls: readonly string[] | undefined;
  /** The caller's undici dispatcher (TLS settings), which a Request does not keep. */
  dispatcher: unknown;
  /** The caller's own signal, which ends the request as the entity's deadline does. */
  callerSignal: AbortSignal | undefined;
}

/** One attempt's answer, read whole while it held its slot. */
interface WireAnswer {
  response: Response;
  /** The URL that answered, after redirects. */
  answeredAt: string;
  text: string;
  rateLimitWait: number | undefined;
}

/**
 * A `fetch` for one plugin's build-time requests: GETs are answered from the disk cache while
 * fresh (always when offline); otherwise the request waits for a slot, runs with a timeout, is
 * retried with exponential backoff on network errors, timeouts, 5xx and 429, and waits out a
 * spent rate limit (`Retry-After`, `X-RateLimit-Reset`) when the wait is short. Client libraries
 * (Octokit, the Kubernetes client) take it as their fetch, so every request gets the same policy.
 */
export function createPluginFetch(options: PluginFetchOptions): PluginFetch {
  const { plugin, policy, cache, stats, onFetched } = options;
  return async (input, init) => {
    const planned = await planRequest(input, init, options.redactor);
    const { request, method, shownUrl, allowedUrls, cacheable, key } = planned;
    if (allowedUrls && !isAllowed(request.url, allowedUrls)) throw new RequestRefused(`${method} ${shownUrl} not sent: it is not under an allowed URL`);
    // Else the same request already on its way for another entity: share its answer. Looked up in the same turn
    // as `answered` below is registered, so two entities asking at once send it once.
    const known = cacheable ? ((await freshCachedAnswer(planned, options)) ?? cache.inFlight.get(`${plugin}/${key}`)) : undefined;
    if (known) {
      const answer = checkRedirect(planned, await known);
      stats.cached++;
      onFetched(answer.fetchedAt);
      return toResponse(answer, request.url);
    }
    if (policy.offline) throw new Error(`offline build: no cached response for ${method} ${shownUrl}`);
    const answered = sendWithRetries(planned, options);
    if (cacheable) {
      cache.inFlight.set(`${plugin}/${key}`, answered);
      answered.then(
        () => cache.inFlight.delete(`${plugin}/${key}`),
        () => cache.inFlight.delete(`${plugin}/${key}`),
      );
    }
    const stored = await answered;
    onFetched(stored.fetchedAt);
    return toResponse(stored, request.url);
  };
}

/** A request as the policy handles it: method, body read once, the cache key and the URL with its secrets redacted. */
async function planRequest(input: RequestInfo | URL, init: PluginRequestInit | undefined, redactor: Redactor): Promise<PlannedRequest> {
  const request = new Request(input, init);
  const method = request.method.toUpperCase();
  const cacheable = method === 'GET' || method === 'HEAD';
  const body = cacheable ? '' : await request.text();
  return {
    request,
    method,
    body,
    cacheable,
    // The credentials are part of the key (hashed, never stored): another token may see other answers.
    key: ResponseCache.key(method, request.url, body, request.headers.get('authorization') ?? ''),
    shownUrl: redactor.redact(request.url),
    allowedUrls: init?.allowedUrls,
    // Node's fetch takes TLS settings (a cluster's own CA, client certificates) only through an
    // undici `dispatcher`, which a Request does not keep; pass the caller's on to the transport.
    dispatcher: (init as { dispatcher?: unknown } | undefined)?.dispatcher,
    callerSignal: init?.signal ?? undefined,
  };
}

/** The cache's answer to a GET while it is fresh (any answer, offline). */
async function freshCachedAnswer(planned: PlannedRequest, { plugin, policy, cache }: PluginFetchOptions): Promise<CachedResponse | undefined> {
  const hit = await cache.get(plugin, planned.key);
  // Age counts from when the response was stored, so recorded responses (dated when recorded) are cached too.
  return hit && (policy.offline || Date.now() - Date.parse(hit.cachedAt ?? hit.fetchedAt) < policy.cacheTtlMs) ? hit : undefined;
}

/** A cached answer came through the redirects it came through: they must be allowed now too. */
function checkRedirect({ method, shownUrl, allowedUrls }: PlannedRequest, answer: CachedResponse): CachedResponse {
  if (allowedUrls && answer.redirectedTo !== undefined && !isAllowed(answer.redirectedTo, allowedUrls)) {
    throw new RequestRefused(`${method} ${shownUrl} was redirected to ${answer.redirectedTo}, which is not under an allowed URL; not followed`);
  }
  return answer;
}

/**
 * The request sent until it has an answer to keep: network errors, timeouts and 5xx retried with backoff, a short
 * rate-limit wait waited out, each wait and attempt on the entity's trail; a kept answer is written to the cache.
 */
async function sendWithRetries(planned: PlannedRequest, options: PluginFetchOptions): Promise<CachedResponse> {
  const { policy, redactor, stats, trail } = options;
  const { method, shownUrl } = planned;
  // The entity's deadline ends waits and attempts alike; the trail says what it ended.
  const trailId = trail?.open(`${method} ${shownUrl}`);
  const waiting = (state: RequestState) => trailId !== undefined && trail!.waiting(trailId, state);
  try {
    for (let tries = 0; ; tries++) {
      const last = tries >= policy.retries;
      let answer: WireAnswer;
      try {
        answer = await attemptOnce(planned, options, waiting);
      } catch (error) {
        if (options.signal?.aborted || (error as { retryable?: boolean }).retryable === false) throw error;
        const reason = (error as Error).name === 'TimeoutError' ? `timed out after ${policy.timeoutMs} ms` : redactor.redact((error as Error).message);
        if (last) throw new Error(`${method} ${shownUrl} failed: ${reason}${tries > 0 ? ` (after ${tries + 1} attempts)` : ''}`);
        if (trailId !== undefined) trail!.attempted(trailId, `failed: ${reason}`);
        stats.retried++;
        waiting('waiting to retry');
        await sleep(backoff(policy, tries), options.signal);
        continue;
      }
      const { response, rateLimitWait } = answer;
      const retried = (state: RequestState) => {
        if (trailId !== undefined) trail!.attempted(trailId, `answered ${response.status} ${response.statusText}`.trimEnd());
        stats.retried++;
        waiting(state);
      };
      if (rateLimitWait !== undefined && !last && rateLimitWait <= policy.maxRateLimitWaitMs && isRateLimited(response)) {
        retried('waiting out a rate limit');
        await sleep(rateLimitWait, options.signal);
        continue;
      }
      if (response.status >= 500 && !last) {
        retried('waiting to retry');
        await sleep(backoff(policy, tries), options.signal);
        continue;
      }
      const stored = storedAnswer(planned, answer, redactor);
      // Written behind: this build's later requests are answered from memory, and the stage flushes at its end.
      if (planned.cacheable && (response.ok || cacheableFailures.has(response.status))) void options.cache.set(options.plugin, planned.key, stored);
      return stored;
    }
  } finally {
    if (trailId !== undefined) trail!.close(trailId);
  }
}

/**
 * One attempt: it waits for a slot for its host and holds it only while on the wire (backoff and rate-limit waits
 * happen outside, so a failing service cannot starve every other request of slots); its timeout counts from then.
 */
function attemptOnce(planned: PlannedRequest, options: PluginFetchOptions, waiting: (state: RequestState) => void): Promise<WireAnswer> {
  const { policy, scheduler, transport, redactor, stats } = options;
  const { request, method, body, shownUrl, allowedUrls, dispatcher, callerSignal } = planned;
  const host = new URL(request.url).host;
  const ownSignals = [...(options.signal ? [options.signal] : []), ...(callerSignal ? [callerSignal] : [])];
  return scheduler.run(
    host,
    () => {
      stats.requests++;
      waiting('waiting for an answer');
      return onTheWire(policy.timeoutMs, ownSignals, async (signal) => {
        // Redirects are followed one hop at a time, each checked (follow-redirects.ts).
        const { response, url: answeredAt } = await fetchFollowingRedirects(
          transport,
          request.url,
          { method, headers: request.headers, body: body || undefined, signal, ...(dispatcher ? { dispatcher } : {}) } as RequestInit & { method: string },
          { request: `${method} ${shownUrl}`, allowedUrls, shown: (url) => redactor.redact(url) },
        );
        // Pause the host before giving the slot up, so a request queued for it is not sent into the spent limit.
        const rateLimitWait = rateLimitDelay(response);
        if (rateLimitWait !== undefined) scheduler.pause(host, Date.now() + rateLimitWait);
        return { response, answeredAt, text: await response.text(), rateLimitWait };
      });
    },
    { maxPauseMs: policy.maxRateLimitWaitMs, request: `${method} ${shownUrl}` },
    options.signal,
    waiting,
  );
}

/** An answer as the cache keeps it: the headers worth keeping, body and URLs with secrets redacted, when it was fetched. */
function storedAnswer({ method, shownUrl, request }: PlannedRequest, answer: WireAnswer, redactor: Redactor): CachedResponse {
  const { response } = answer;
  const recordedAt = response.headers.get(recordedAtHeader);
  return {
    method,
    url: shownUrl,
    status: response.status,
    statusText: response.statusText,
    headers: Object.fromEntries([...response.headers].filter(([name]) => keptHeaders.test(name)).map(([name, value]) => [name, redactor.redact(value)])),
    body: redactor.redact(answer.text),
    ...(answer.answeredAt !== request.url ? { redirectedTo: redactor.redact(answer.answeredAt) } : {}),
    fetchedAt: recordedAt ?? new Date().toISOString(),
    cachedAt: new Date().toISOString(),
  };
}

/**
 * Milliseconds until the service accepts requests again, when the response says so: 429 or a
 * 403 with no requests remaining (GitHub), from `Retry-After` or `X-RateLimit-Reset`; or a
 * successful response that spent the last request, so the next one waits.
 */
export function rateLimitDelay(response: Response, now = Date.now()): number | undefined {
  const remaining = response.headers.get('x-ratelimit-remaining');
  const retryAfter = response.headers.get('retry-after');
  const reset = response.headers.get('x-ratelimit-reset');
  if (!isRateLimited(response) && remaining !== '0') return undefined;
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  if (reset !== null && Number.isFinite(Number(reset))) return Math.max(0, Number(reset) * 1000 - now);
  return isRateLimited(response) ? 60_000 : undefined;
}

/** 429; or 403 with no requests left (GitHub's primary limit) or with `Retry-After` (its secondary limit). */
function isRateLimited(response: Response): boolean {
  return response.status === 429 || (response.status === 403 && (response.headers.get('x-ratelimit-remaining') === '0' || response.headers.has('retry-after')));
}

function backoff(policy: FetchPolicy, attempt: number): number {
  const base = policy.backoffMs * 2 ** attempt;
  return base + Math.random() * base * 0.25;
}

function toResponse(stored: CachedResponse, url: string): Response {
  const nullBody = stored.status === 204 || stored.status === 304 || stored.status < 200;
  const response = new Response(nullBody ? null : stored.body, { status: stored.status, statusText: stored.statusText, headers: stored.headers });
  // Clients (Octokit) read response.url, which a constructed Response leaves empty.
  Object.defineProperty(response, 'url', { value: url });
  return response;
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first (an entity out of time stops waiting). */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A request's time on the wire: its own referenced timer, raced, so a transport that ignores the abort still frees its slot. */
async function onTheWire<T>(ms: number, signals: AbortSignal[], send: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const wire = new AbortController();
  const timer = setTimeout(() => wire.abort(new DOMException(`timed out after ${ms} ms`, 'TimeoutError')), ms);
  const signal = AbortSignal.any([wire.signal, ...signals]);
  try {
    return await new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      send(signal).then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  } finally {
    clearTimeout(timer);
  }
}
