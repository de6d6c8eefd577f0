/**
 * TLS settings for one cluster's requests. `context.fetch` is Node's fetch (undici), which takes
 * a CA, a client certificate or `rejectUnauthorized` only through a `dispatcher`; the plugin fetch
 * passes one on. The dispatcher must come from the undici inside Node: one from the `undici`
 * package of another major version fails every request ("invalid onRequestStart method", seen
 * with undici 8 on Node 24), so the Agent class is taken from Node's own global dispatcher.
 */
export interface TlsSettings {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  rejectUnauthorized?: boolean;
  servername?: string;
}

type AgentClass = new (options: { connect: TlsSettings }) => object;

const globalDispatcher = Symbol.for('undici.globalDispatcher.1');
let agentClass: AgentClass | undefined;

export function tlsDispatcher(tls: TlsSettings): unknown {
  const Agent = (agentClass ??= nodeAgentClass());
  return new Agent({ connect: tls });
}

function nodeAgentClass(): AgentClass {
  // Node sets its global dispatcher when fetch is first called; a data: URL never leaves the process.
  void fetch('data:,').catch(() => undefined);
  const dispatcher = (globalThis as Record<symbol, unknown>)[globalDispatcher] as { constructor?: unknown } | undefined;
  const candidate = dispatcher?.constructor;
  if (typeof candidate !== 'function' || candidate.name !== 'Agent') {
    throw new Error(
      'a custom CA, client certificate or skipTLSVerify needs the default dispatcher of Node\'s fetch, but another one (a proxy?) is installed; use NODE_EXTRA_CA_CERTS for the CA instead',
    );
  }
  return candidate as AgentClass;
}
