import type { RequestContext, ResponseContext, V1Deployment, V1Pod } from '@kubernetes/client-node';
import type { ClusterConnection } from './cluster-connection.ts';
import type { WorkloadQuery } from './entity-query.ts';

/**
 * Lists an entity's deployments and pods on one cluster with @kubernetes/client-node, every
 * request sent through `context.fetch` (Playbill's cache, timeouts, retries and recorded
 * responses): the client's generated APIs take an HTTP library in `createConfiguration({ httpApi })`,
 * and a small adapter turns its RequestContext into a fetch call and the Response back.
 */

/** Stops a server whose `continue` tokens never end. */
const maxPages = 50;

export interface ClusterWorkloadLists {
  deployments: V1Deployment[];
  pods: V1Pod[];
}

export async function listClusterWorkloads(
  connection: ClusterConnection,
  query: WorkloadQuery,
  fetch: typeof globalThis.fetch,
  pageSize: number,
): Promise<ClusterWorkloadLists> {
  const k8s = await import('@kubernetes/client-node');
  const configuration = k8s.createConfiguration({
    baseServer: new k8s.ServerConfiguration(connection.server, {}),
    httpApi: k8s.wrapHttpLibrary({ send: (request) => sendThroughFetch(request, fetch, connection.dispatcher, k8s.ResponseContext) }),
    authMethods: connection.token ? { BearerToken: `Bearer ${connection.token}` } : {},
  });
  const apps = new k8s.AppsV1Api(configuration);
  const core = new k8s.CoreV1Api(configuration);
  const { labelSelector, namespace } = query;
  const where = namespace ? `in namespace ${namespace}` : 'in all namespaces';

  const [deployments, pods] = await Promise.all([
    listAll(connection, `deployments labelled ${labelSelector} ${where}`, (page) =>
      namespace
        ? apps.listNamespacedDeployment({ namespace, labelSelector, limit: pageSize, _continue: page })
        : apps.listDeploymentForAllNamespaces({ labelSelector, limit: pageSize, _continue: page }),
    ),
    listAll(connection, `pods labelled ${labelSelector} ${where}`, (page) =>
      namespace
        ? core.listNamespacedPod({ namespace, labelSelector, limit: pageSize, _continue: page })
        : core.listPodForAllNamespaces({ labelSelector, limit: pageSize, _continue: page }),
    ),
  ]);
  return { deployments, pods };
}

/** The adapter: the client's request as a fetch call, the Response as the client's ResponseContext. */
async function sendThroughFetch(
  request: RequestContext,
  fetch: typeof globalThis.fetch,
  dispatcher: unknown,
  Context: typeof ResponseContext,
): Promise<ResponseContext> {
  const body = request.getBody();
  const response = await fetch(request.getUrl(), {
    method: request.getHttpMethod(),
    headers: request.getHeaders(),
    body: typeof body === 'string' ? body : undefined,
    signal: request.getSignal(),
    ...(dispatcher ? { dispatcher } : {}),
  } as RequestInit);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return new Context(response.status, headers, {
    text: () => response.text(),
    binary: async () => Buffer.from(await response.arrayBuffer()),
  });
}

/** Reads a list page by page (`limit`, then `continue` from metadata.continue) and names what failed. */
async function listAll<T>(
  connection: ClusterConnection,
  what: string,
  listPage: (continueToken: string | undefined) => Promise<{ items?: T[]; metadata?: { _continue?: string } }>,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let continueToken: string | undefined;
  for (let page = 1; ; page++) {
    let list: { items?: T[]; metadata?: { _continue?: string } };
    try {
      list = await listPage(continueToken);
    } catch (error) {
      throw new Error(`cluster "${connection.name}": listing ${what} failed: ${describeFailure(error, connection)}`);
    }
    if (!Array.isArray(list?.items)) throw new Error(`cluster "${connection.name}": listing ${what} failed: the answer is not a Kubernetes list (no items)`);
    // The client deserialises whatever it gets (a string of items becomes one object per character):
    // every item of a real list has a name.
    if (!list.items.every((item) => typeof (item as { metadata?: { name?: unknown } })?.metadata?.name === 'string')) {
      throw new Error(`cluster "${connection.name}": listing ${what} failed: the answer is not a Kubernetes list (items without metadata.name)`);
    }
    items.push(...list.items);
    continueToken = list.metadata?._continue || undefined;
    if (!continueToken) return items;
    if (seen.has(continueToken) || page >= maxPages) {
      throw new Error(`cluster "${connection.name}": listing ${what} failed: the API kept answering with more pages (${page} read)`);
    }
    seen.add(continueToken);
  }
}

const statusTexts: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  410: 'Gone',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** A sentence for an ApiException (status plus the API's own Status message), a bad body, or a fetch failure. */
function describeFailure(error: unknown, connection: ClusterConnection): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'number') {
    const status = `the API answered ${code}${statusTexts[code] ? ` ${statusTexts[code]}` : ''}`;
    if (code === 401) {
      if (!connection.tokenEnv) return `${status}: the cluster needs a token; set tokenEnv`;
      return connection.token ? `${status}: the token in ${connection.tokenEnv} was refused` : `${status}: no token, ${connection.tokenEnv} is not set`;
    }
    const message = statusMessage((error as { body?: unknown }).body);
    if (code === 404 && !message) return `${status} (is ${connection.server} the API server?)`;
    return message ? `${status}: ${message}` : status;
  }
  if (error instanceof SyntaxError) return 'the answer is not valid JSON';
  return (error as Error)?.message ?? String(error);
}

/** Kubernetes explains failures in a Status object: `{"kind":"Status","message":"…"}`. */
function statusMessage(body: unknown): string {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return '';
    }
  }
  const message = (value as { message?: unknown } | null)?.message;
  if (typeof message !== 'string' || !message.trim()) return '';
  const oneLine = message.replace(/\s+/g, ' ').trim();
  return oneLine.length > 240 ? `${oneLine.slice(0, 239)}…` : oneLine;
}
