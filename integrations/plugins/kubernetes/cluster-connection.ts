import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { ClusterOption } from './options.ts';
import { tlsDispatcher, type TlsSettings } from './tls-dispatcher.ts';

/** How to reach one cluster: everything the API client needs, read once per build. */
export interface ClusterConnection {
  name: string;
  /** API server URL without a trailing slash. */
  server: string;
  token?: string;
  /** Where the token came from, for error messages (never the token). */
  tokenEnv?: string;
  /** An undici dispatcher carrying the cluster's TLS settings, for `context.fetch`; absent for the defaults. */
  dispatcher?: unknown;
}

export type SecretReader = (name: string) => string | undefined;

/**
 * Reads a cluster's settings: its URL, CA and TLS options from the options or from a kubeconfig
 * (through @kubernetes/client-node's own KubeConfig, so files are read the way kubectl reads
 * them), and its token from the environment only. Throws a sentence naming the cluster.
 */
export async function connectCluster(option: ClusterOption, secret: SecretReader): Promise<ClusterConnection> {
  if ('url' in option) {
    const tls: TlsSettings = {};
    if (option.caFile) tls.ca = await readSetting(option.caFile, `cluster "${option.name}": caFile`);
    if (option.skipTLSVerify) tls.rejectUnauthorized = false;
    return withToken({ name: option.name, server: trimSlash(option.url), ...dispatcherFor(option.url, tls) }, option.tokenEnv, secret);
  }
  return connectFromKubeconfig(option, secret);
}

async function connectFromKubeconfig(option: Extract<ClusterOption, { kubeconfig: unknown }>, secret: SecretReader): Promise<ClusterConnection> {
  const path = expandHome(option.kubeconfig.path);
  const label = `kubeconfig ${option.kubeconfig.path}`;
  const { KubeConfig, bufferFromFileOrString } = await import('@kubernetes/client-node');
  const config = new KubeConfig();
  try {
    config.loadFromFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`${label} cannot be read: ${code ?? (error as Error).message}`);
  }
  if (option.kubeconfig.context) config.setCurrentContext(option.kubeconfig.context);
  const contextName = config.getCurrentContext();
  const context = contextName ? config.getContextObject(contextName) : null;
  if (!context) {
    throw new Error(option.kubeconfig.context ? `${label} has no context "${option.kubeconfig.context}"` : `${label} has no current-context; name one in kubeconfig.context`);
  }
  const name = option.name ?? context.name;
  const cluster = config.getCluster(context.cluster);
  if (!cluster?.server) throw new Error(`${label}: context "${context.name}" names cluster "${context.cluster}", which the file does not define`);
  const user = context.user ? config.getUser(context.user) : null;
  if (user && !option.tokenEnv && (user.token || user.exec || user.authProvider || user.username)) {
    throw new Error(
      `cluster "${name}": the kubeconfig's user "${user.name}" signs in with a token, password or credential plugin, which Playbill does not read from the kubeconfig (it could not keep it out of the output); put the token in an environment variable and name it in tokenEnv`,
    );
  }

  const tls: TlsSettings = {};
  try {
    const ca = bufferFromFileOrString(cluster.caFile, cluster.caData);
    const cert = user ? bufferFromFileOrString(user.certFile, user.certData) : null;
    const key = user ? bufferFromFileOrString(user.keyFile, user.keyData) : null;
    if (ca) tls.ca = ca;
    if (cert && key) Object.assign(tls, { cert, key });
  } catch (error) {
    throw new Error(`cluster "${name}": a certificate file named in ${label} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (cluster.skipTLSVerify) tls.rejectUnauthorized = false;
  if (cluster.tlsServerName) tls.servername = cluster.tlsServerName;
  return withToken({ name, server: trimSlash(cluster.server), ...dispatcherFor(cluster.server, tls) }, option.tokenEnv, secret);
}

function withToken(connection: ClusterConnection, tokenEnv: string | undefined, secret: SecretReader): ClusterConnection {
  if (!tokenEnv) return connection;
  const token = secret(tokenEnv);
  return token ? { ...connection, tokenEnv, token } : { ...connection, tokenEnv };
}

function dispatcherFor(server: string, tls: TlsSettings): { dispatcher?: unknown } {
  if (!server.startsWith('https:') || Object.keys(tls).length === 0) return {};
  return { dispatcher: tlsDispatcher(tls) };
}

async function readSetting(path: string, label: string): Promise<Buffer> {
  try {
    return await readFile(expandHome(path));
  } catch (error) {
    throw new Error(`${label} ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function expandHome(path: string): string {
  return resolve(path.startsWith('~/') ? `${homedir()}${path.slice(1)}` : path);
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
