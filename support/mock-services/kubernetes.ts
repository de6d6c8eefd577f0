import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { RecordedRequest } from './http-server.ts';

/**
 * A local Kubernetes API server for plugin tests, on 127.0.0.1: the list endpoints a dashboard
 * reads (apps/v1 deployments and v1 pods, namespaced and across all namespaces), label selectors,
 * `limit` / `continue` pagination, bearer-token authentication and Kubernetes' Status errors,
 * over HTTP or HTTPS. `answer` injects faults (status, garbage, delay) per request.
 */

export interface KubernetesObject {
  metadata: { name: string; namespace: string; labels?: Record<string, string>; [field: string]: unknown };
  [field: string]: unknown;
}

export interface FaultAnswer {
  status: number;
  /** A string is sent as it is (garbage); anything else as JSON. */
  body: unknown;
  contentType?: string;
  delayMs?: number;
}

export interface KubernetesApiOptions {
  deployments: KubernetesObject[];
  pods: KubernetesObject[];
  /** Requests must carry `Authorization: Bearer <token>`; undefined accepts anonymous requests. */
  token?: string;
  /** Serve HTTPS with this key and certificate. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** Every answer waits this long (benchmarks). */
  latencyMs?: number;
}

export interface KubernetesApi {
  url: string;
  requests: RecordedRequest[];
  /** Overrides the answer to a request; return undefined for the normal one. */
  answer?: (path: string, query: URLSearchParams) => FaultAnswer | undefined;
  close(): Promise<void>;
}

const routes: { pattern: RegExp; kind: 'DeploymentList' | 'PodList'; apiVersion: string }[] = [
  { pattern: /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments$/, kind: 'DeploymentList', apiVersion: 'apps/v1' },
  { pattern: /^\/apis\/apps\/v1\/deployments$/, kind: 'DeploymentList', apiVersion: 'apps/v1' },
  { pattern: /^\/api\/v1\/namespaces\/([^/]+)\/pods$/, kind: 'PodList', apiVersion: 'v1' },
  { pattern: /^\/api\/v1\/pods$/, kind: 'PodList', apiVersion: 'v1' },
];

export async function startKubernetesApi(options: KubernetesApiOptions): Promise<KubernetesApi> {
  const requests: RecordedRequest[] = [];
  const api: KubernetesApi = { url: '', requests, close: async () => undefined };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    requests.push({ method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers });
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    const fault = api.answer?.(url.pathname, url.searchParams);
    if (fault) {
      if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      response.writeHead(fault.status, { 'content-type': fault.contentType ?? 'application/json' });
      response.end(typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body));
      return;
    }
    if (options.token !== undefined && request.headers.authorization !== `Bearer ${options.token}`) {
      return sendStatus(response, 401, 'Unauthorized', 'Unauthorized');
    }
    if (request.method !== 'GET') return sendStatus(response, 405, 'MethodNotAllowed', `the server does not allow method ${request.method}`);
    const route = routes.find((candidate) => candidate.pattern.test(url.pathname));
    if (!route) return sendStatus(response, 404, 'NotFound', 'the server could not find the requested resource');

    const namespace = route.pattern.exec(url.pathname)![1];
    const selector = parseSelector(url.searchParams.get('labelSelector') ?? '');
    if (!selector) return sendStatus(response, 400, 'BadRequest', `unable to parse requirement: ${url.searchParams.get('labelSelector')}`);
    const all = (route.kind === 'DeploymentList' ? options.deployments : options.pods)
      .filter((item) => namespace === undefined || item.metadata.namespace === namespace)
      .filter((item) => selector(item.metadata.labels ?? {}))
      .sort((a, b) => (`${a.metadata.namespace}/${a.metadata.name}` < `${b.metadata.namespace}/${b.metadata.name}` ? -1 : 1));

    // `continue` is opaque to clients; here it is the offset, as the API server's is a key to resume from.
    const offset = url.searchParams.has('continue') ? Number(Buffer.from(url.searchParams.get('continue')!, 'base64url').toString()) : 0;
    if (!Number.isInteger(offset) || offset < 0) return sendStatus(response, 400, 'BadRequest', 'continue key is not valid');
    const limit = Number(url.searchParams.get('limit') ?? '0');
    const end = limit > 0 ? offset + limit : all.length;
    const items = all.slice(offset, end);
    const metadata: Record<string, unknown> = { resourceVersion: '48213907' };
    if (end < all.length) {
      metadata.continue = Buffer.from(String(end)).toString('base64url');
      metadata.remainingItemCount = all.length - end;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ kind: route.kind, apiVersion: route.apiVersion, metadata, items }));
  };

  const listener = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => sendStatus(response, 500, 'InternalError', String(error)));
  };
  const server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, listener) : createHttpServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  api.url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  api.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return api;
}

/** Kubernetes' error body: a Status object. */
export function statusBody(code: number, reason: string, message: string) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

function sendStatus(response: ServerResponse, code: number, reason: string, message: string): void {
  response.writeHead(code, { 'content-type': 'application/json' });
  response.end(JSON.stringify(statusBody(code, reason, message)));
}

/**
 * Label selector syntax as the API server parses it: `k=v`, `k==v`, `k!=v`, `k in (a,b)`,
 * `k notin (a,b)`, `k` and `!k`, joined by commas. Null when it does not parse.
 */
export function parseSelector(text: string): ((labels: Record<string, string>) => boolean) | null {
  const terms = text.trim() === '' ? [] : (text.match(/[^,(]+(\([^)]*\))?/g) ?? []).map((term) => term.trim()).filter(Boolean);
  const tests: ((labels: Record<string, string>) => boolean)[] = [];
  for (const term of terms) {
    let match: RegExpExecArray | null;
    if ((match = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(term))) {
      const [, key, operator, value] = match as unknown as [string, string, string, string];
      tests.push(operator === '!=' ? (labels) => labels[key] !== value : (labels) => labels[key] === value);
    } else if ((match = /^([\w./-]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term))) {
      const [, key, operator, list] = match as unknown as [string, string, string, string];
      const values = list.split(',').map((value) => value.trim());
      tests.push(operator === 'in' ? (labels) => key in labels && values.includes(labels[key]!) : (labels) => !(key in labels) || !values.includes(labels[key]!));
    } else if ((match = /^(!?)([\w./-]+)$/.exec(term))) {
      const [, not, key] = match as unknown as [string, string, string];
      tests.push(not ? (labels) => !(key in labels) : (labels) => key in labels);
    } else {
      return null;
    }
  }
  return (labels) => tests.every((test) => test(labels));
}
