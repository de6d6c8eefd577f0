import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Block, CatalogEntity } from '../../../integrations/plugin-api.ts';
import { kubernetes } from '../../../integrations/plugins/kubernetes/index.ts';
import { loadCatalog } from '../../../src/catalog/index.ts';
import { createRecordedTransport } from '../../../src/plugins/recorded-transport.ts';
import { runPlugins, type PluginStageOptions } from '../../../src/plugins/run-plugins.ts';
import { resolveSources } from '../../../src/sources/index.ts';
import { projectRoot } from '../../support/build-site.ts';
import { startKubernetesApi, statusBody, type KubernetesApi, type KubernetesObject } from '../../../support/mock-services/kubernetes.ts';
import { makeRepo } from '../../support/temp-repos.ts';
import { testStageOptions } from '../../support/plugin-stage.ts';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8'));
const tlsKey = readFileSync(new URL('fixtures/tls/server-key.pem', import.meta.url));
const tlsCert = readFileSync(new URL('fixtures/tls/server-cert.pem', import.meta.url));
const caFile = new URL('fixtures/tls/server-cert.pem', import.meta.url).pathname;
const deployments: KubernetesObject[] = fixture('deployment-list.json').items;
const pods: KubernetesObject[] = fixture('pod-list.json').items;
const token = 'k8s-test-token-5f0c2a9e7b';

function entity(name: string, annotations: Record<string, string>): CatalogEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner: 'shop-team', lifecycle: 'production' },
    relations: [],
    source: { repo: 'shop', file: 'catalog-info.yaml', line: 4 },
  };
}

const checkout = entity('checkout', { 'backstage.io/kubernetes-id': 'checkout', 'backstage.io/kubernetes-namespace': 'shop' });

let api: KubernetesApi;
let cacheDir: string;

beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'playbill-k8s-'));
  api = await startKubernetesApi({ deployments, pods, token });
});
afterEach(async () => {
  await api.close();
  await rm(cacheDir, { recursive: true, force: true });
});

function stageOptions(policy: Partial<PluginStageOptions['policy']> = {}, env: NodeJS.ProcessEnv = { K8S_TOKEN: token }): PluginStageOptions {
  return testStageOptions(cacheDir, { env, policy });
}

async function run(entities: CatalogEntity[], plugin = kubernetes({ clusters: [{ name: 'production', url: api.url, tokenEnv: 'K8S_TOKEN' }] }), options = stageOptions()) {
  const repo = await makeRepo({ 'catalog-info.yaml': '' }, 'shop');
  return runPlugins([plugin], entities, [repo], options);
}

function sections(blocks: Block[] = []): Extract<Block, { type: 'section' }>[] {
  return blocks.filter((block): block is Extract<Block, { type: 'section' }> => block.type === 'section');
}

describe('the Kubernetes plugin against a Kubernetes API', () => {
  it('lists the namespace\'s deployments and pods by label selector, with the bearer token, and renders card and tab', async () => {
    const result = await run([checkout]);
    expect(result.problems).toEqual([]);
    expect(api.requests.map((request) => request.url).sort()).toEqual([
      '/api/v1/namespaces/shop/pods?labelSelector=backstage.io%2Fkubernetes-id%3Dcheckout&limit=500',
      '/apis/apps/v1/namespaces/shop/deployments?labelSelector=backstage.io%2Fkubernetes-id%3Dcheckout&limit=500',
    ]);
    expect(api.requests.every((request) => request.headers.authorization === `Bearer ${token}`)).toBe(true);

    const output = result.byEntity.get('component:default/checkout')!;
    expect(output.cards[0]).toMatchObject({ plugin: 'kubernetes', title: 'Kubernetes', content: { status: { tone: 'error', label: '2 of 3 deployments unhealthy' } } });
    expect(output.tabs[0]).toMatchObject({ slug: 'kubernetes', title: 'Kubernetes' });
    const cluster = sections(output.tabs[0]!.content!.blocks)[0]!;
    expect(sections(cluster.blocks).map((section) => section.title)).toEqual([
      'Deployment checkout-api',
      'Deployment checkout-web',
      'Deployment checkout-worker',
      'Pods outside these deployments',
    ]);
    expect(output.badges).toEqual([{ plugin: 'kubernetes', label: 'k8s', value: 'unhealthy', tone: 'error' }]);
    expect(output.searchFilters['k8s-status']).toEqual(['unhealthy']);
    expect(output.searchFilters['k8s-error']).toContain('CrashLoopBackOff');
    expect(output.catalog.kubernetes).toMatchObject({ health: 'error', clusters: [{ name: 'production' }] });
  });

  it('keeps the token out of the results and the cache, and answers a second build from the cache', async () => {
    const first = await run([checkout]);
    const requests = api.requests.length;
    const second = await run([checkout]);
    expect(api.requests.length).toBe(requests);
    expect(second.stats[0]!.fetch).toMatchObject({ requests: 0, cached: 2 });
    const cached = await Promise.all((await readdir(cacheDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => readFile(join(e.parentPath, e.name), 'utf8')));
    expect(cached.length).toBeGreaterThan(0);
    for (const text of [...cached, JSON.stringify(first), JSON.stringify(second)]) expect(text).not.toContain(token);
  });

  it('asks every namespace when the entity names none, with its label selector as given', async () => {
    const cart = entity('cart', { 'backstage.io/kubernetes-label-selector': 'app.kubernetes.io/name in (checkout-api,checkout-web)' });
    const result = await run([cart]);
    expect(result.problems).toEqual([]);
    expect(api.requests.map((request) => decodeURIComponent(request.url.replace(/\+/g, ' '))).sort()).toEqual([
      '/api/v1/pods?labelSelector=app.kubernetes.io/name in (checkout-api,checkout-web)&limit=500',
      '/apis/apps/v1/deployments?labelSelector=app.kubernetes.io/name in (checkout-api,checkout-web)&limit=500',
    ]);
    const data = result.byEntity.get('component:default/cart')!.catalog.kubernetes as { clusters: { deployments: { name: string }[] }[] };
    expect(data.clusters[0]!.deployments.map((deployment) => deployment.name)).toEqual(['checkout-api', 'checkout-web']);
  });

  it('follows metadata.continue page by page until the list ends', async () => {
    const result = await run([checkout], kubernetes({ clusters: [{ name: 'production', url: api.url, tokenEnv: 'K8S_TOKEN' }], pageSize: 2 }));
    expect(result.problems).toEqual([]);
    const podRequests = api.requests.filter((request) => request.url.startsWith('/api/v1/'));
    expect(podRequests).toHaveLength(4);
    expect(podRequests.slice(1).every((request) => /[?&]continue=/.test(request.url))).toBe(true);
    const summary = result.byEntity.get('component:default/checkout')!.catalog.kubernetes as { clusters: { deployments: unknown[] }[] };
    expect(summary.clusters[0]!.deployments).toHaveLength(3);
    const tab = result.byEntity.get('component:default/checkout')!.tabs[0]!.content!;
    const tables = sections(sections(tab.blocks)[0]!.blocks).flatMap((section) => section.blocks.filter((block) => block.type === 'table'));
    expect(tables.reduce((sum, table) => sum + (table.type === 'table' ? table.rows.length : 0), 0)).toBe(7);
  });

  it('reports a refused token without showing it, and the panel says the data is unavailable', async () => {
    const result = await run([checkout], undefined, stageOptions({}, { K8S_TOKEN: 'not-the-right-token' }));
    expect(result.problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'plugin-failed',
        plugin: 'kubernetes',
        entityRef: 'component:default/checkout',
        file: 'catalog-info.yaml',
        line: 4,
        message: expect.stringContaining('cluster "production": listing deployments labelled backstage.io/kubernetes-id=checkout in namespace shop failed: the API answered 401 Unauthorized: the token in K8S_TOKEN was refused'),
      }),
    ]);
    expect(result.problems[0]!.message).not.toContain('not-the-right-token');
    const output = result.byEntity.get('component:default/checkout')!;
    expect(output.cards[0]).toMatchObject({ unavailable: expect.stringContaining('401 Unauthorized') });
    expect(output.tabs[0]).toMatchObject({ slug: 'kubernetes', unavailable: expect.stringContaining('401') });
  });

  it('says when the token variable is not set', async () => {
    const result = await run([checkout], undefined, stageOptions({}, {}));
    expect(result.problems[0]!.message).toContain('401 Unauthorized: no token, K8S_TOKEN is not set');
  });

  it('reports a 404 with the API server\'s own Status message', async () => {
    api.answer = (path) => (path.endsWith('/deployments') ? { status: 404, body: statusBody(404, 'NotFound', 'namespaces "shop" not found') } : undefined);
    const result = await run([checkout]);
    expect(result.problems[0]!.message).toContain('the API answered 404 Not Found: namespaces "shop" not found');
  });

  it('retries a 500 and then reports it', async () => {
    api.answer = (path) => (path.endsWith('/pods') ? { status: 500, body: statusBody(500, 'InternalError', 'etcdserver: request timed out') } : undefined);
    const result = await run([checkout], undefined, stageOptions({ retries: 1 }));
    expect(api.requests.filter((request) => request.url.startsWith('/api/v1/'))).toHaveLength(2);
    expect(result.problems[0]!.message).toContain('listing pods labelled backstage.io/kubernetes-id=checkout in namespace shop failed: the API answered 500 Internal Server Error: etcdserver: request timed out');
  });

  it('times out a slow API server', async () => {
    api.answer = (path) => (path.endsWith('/pods') ? { status: 200, body: { kind: 'PodList', items: [] }, delayMs: 1000 } : undefined);
    const result = await run([checkout], undefined, stageOptions({ timeoutMs: 150 }));
    expect(result.problems[0]!.message).toMatch(/cluster "production": listing pods .* failed: GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/namespaces\/shop\/pods\?.* failed: timed out after 150 ms/);
  });

  it('reports an answer that is not JSON, or not a list', async () => {
    api.answer = (path) => (path.endsWith('/pods') ? { status: 200, body: '{"kind":"PodList","items":[{"metadata":' } : undefined);
    let result = await run([checkout]);
    expect(result.problems[0]!.message).toContain('listing pods labelled backstage.io/kubernetes-id=checkout in namespace shop failed: the answer is not valid JSON');

    await rm(cacheDir, { recursive: true, force: true });
    api.answer = (path) => (path.endsWith('/deployments') ? { status: 200, body: { kind: 'Status', status: 'Success' } } : undefined);
    result = await run([checkout]);
    expect(result.problems[0]!.message).toContain('listing deployments labelled backstage.io/kubernetes-id=checkout in namespace shop failed: the answer is not a Kubernetes list (no items)');
  });

  it('keeps one cluster\'s data when another cluster fails, says which one failed, and reports it', async () => {
    const other = await startKubernetesApi({ deployments: [], pods: [], token: 'other' });
    try {
      other.answer = () => ({ status: 403, body: statusBody(403, 'Forbidden', 'deployments.apps is forbidden: User "system:serviceaccount:portal:reader" cannot list resource "deployments"') });
      const plugin = kubernetes({
        clusters: [
          { name: 'production', url: api.url, tokenEnv: 'K8S_TOKEN' },
          { name: 'staging', url: other.url, tokenEnv: 'K8S_TOKEN' },
        ],
      });
      const result = await run([checkout], plugin);
      expect(result.problems).toEqual([
        expect.objectContaining({ entityRef: 'component:default/checkout', plugin: 'kubernetes', message: expect.stringMatching(/^Kubernetes \(kubernetes plugin\): cluster "staging".*403 Forbidden/) }),
      ]);
      const card = result.byEntity.get('component:default/checkout')!.cards[0]!.content!;
      expect(card.status).toEqual({ tone: 'error', label: '2 of 3 deployments unhealthy, 1 cluster unavailable' });
      expect(card.blocks[0]).toMatchObject({
        rows: [
          ['production', { text: '1 of 3' }, { text: '4 of 6' }, { text: '15' }, { text: 'Unhealthy' }],
          ['staging', '–', '–', '–', { text: 'Unavailable', title: expect.stringContaining('403 Forbidden: deployments.apps is forbidden') }],
        ],
      });
    } finally {
      await other.close();
    }
  });
});

describe('TLS and kubeconfig clusters', () => {
  let secure: KubernetesApi;
  let dir: string;
  beforeEach(async () => {
    secure = await startKubernetesApi({ deployments, pods, token, tls: { key: tlsKey, cert: tlsCert } });
    dir = await mkdtemp(join(tmpdir(), 'playbill-kubeconfig-'));
  });
  afterEach(async () => {
    await secure.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('trusts the cluster CA named in caFile, and refuses an unknown certificate without it', async () => {
    const trusted = await run([checkout], kubernetes({ clusters: [{ name: 'production', url: secure.url, tokenEnv: 'K8S_TOKEN', caFile }] }));
    expect(trusted.problems).toEqual([]);
    await rm(cacheDir, { recursive: true, force: true });
    const untrusted = await run([checkout], kubernetes({ clusters: [{ name: 'production', url: secure.url, tokenEnv: 'K8S_TOKEN' }] }));
    expect(untrusted.problems[0]!.message).toMatch(/cluster "production": listing .* failed: GET https:\/\/127\.0\.0\.1:\d+\/.* failed: fetch failed/);
  });

  it('accepts any certificate with skipTLSVerify', async () => {
    const result = await run([checkout], kubernetes({ clusters: [{ name: 'production', url: secure.url, tokenEnv: 'K8S_TOKEN', skipTLSVerify: true }] }));
    expect(result.problems).toEqual([]);
  });

  it('reads the server and CA from a kubeconfig context, and the token from tokenEnv', async () => {
    const path = join(dir, 'config');
    await writeFile(
      path,
      [
        'apiVersion: v1',
        'kind: Config',
        'current-context: dev',
        'clusters:',
        `- name: prod-cluster`,
        `  cluster: { server: "${secure.url}", certificate-authority-data: "${tlsCert.toString('base64')}" }`,
        '- name: dev-cluster',
        '  cluster: { server: "https://127.0.0.1:1" }',
        'users:',
        '- name: reader',
        '  user: {}',
        'contexts:',
        '- name: prod',
        '  context: { cluster: prod-cluster, user: reader }',
        '- name: dev',
        '  context: { cluster: dev-cluster, user: reader }',
      ].join('\n'),
    );
    const result = await run([checkout], kubernetes({ clusters: [{ kubeconfig: { path, context: 'prod' }, tokenEnv: 'K8S_TOKEN' }] }));
    expect(result.problems).toEqual([]);
    expect(result.byEntity.get('component:default/checkout')!.catalog.kubernetes).toMatchObject({ clusters: [{ name: 'prod' }] });
  });

  it('refuses a token stored in the kubeconfig, without repeating it, and names tokenEnv as the way', async () => {
    const path = join(dir, 'config');
    await writeFile(
      path,
      [
        'apiVersion: v1',
        'kind: Config',
        'current-context: prod',
        'clusters: [{ name: prod-cluster, cluster: { server: "https://127.0.0.1:1" } }]',
        `users: [{ name: admin, user: { token: "${token}" } }]`,
        'contexts: [{ name: prod, context: { cluster: prod-cluster, user: admin } }]',
      ].join('\n'),
    );
    const result = await run([checkout], kubernetes({ clusters: [{ kubeconfig: { path } }] }));
    expect(result.problems[0]!.message).toContain('cluster "prod": the kubeconfig\'s user "admin" signs in with a token');
    expect(result.problems[0]!.message).toContain('name it in tokenEnv');
    expect(JSON.stringify(result)).not.toContain(token);
  });

  it('says which kubeconfig cannot be read', async () => {
    const result = await run([checkout], kubernetes({ clusters: [{ kubeconfig: { path: join(dir, 'missing') } }] }));
    expect(result.problems[0]!.message).toContain(`kubeconfig ${join(dir, 'missing')} cannot be read: ENOENT`);
  });
});

describe('the example organisation', () => {
  it('answers every request for its annotated entities from the recordings: one healthy service, one in CrashLoopBackOff, one OOMKilled with a rollout stuck on ImagePullBackOff', async () => {
    const { repos } = await resolveSources([{ type: 'directory', path: 'content/example-org' }], { root: projectRoot, cacheDir: cacheDir });
    const catalog = await loadCatalog(repos, { catalogFiles: [], customKinds: [], maxFileBytes: 1024 * 1024 });
    const options = { ...stageOptions({}, {}), transport: await createRecordedTransport(join(projectRoot, 'content/recordings')), sample: true };
    const plugin = kubernetes({ clusters: [{ name: 'production', url: 'https://k8s.example.internal', tokenEnv: 'KUBERNETES_TOKEN' }] });
    const result = await runPlugins([plugin], catalog.entities, repos, options);
    expect(result.problems).toEqual([]);
    const status = (ref: string) => result.byEntity.get(ref)?.cards[0]?.content?.status;
    expect(status('component:default/ticketing-service')).toEqual({ tone: 'ok', label: 'Deployment healthy' });
    expect(status('component:default/payments-webhooks')).toEqual({ tone: 'error', label: 'Deployment unhealthy' });
    expect(status('component:default/search-indexer')).toEqual({ tone: 'error', label: 'Deployment unhealthy' });
    expect(result.byEntity.get('component:default/payments-webhooks')!.searchFilters['k8s-error']).toEqual(['CrashLoopBackOff', 'MinimumReplicasUnavailable']);
    expect(result.byEntity.get('component:default/search-indexer')!.searchFilters['k8s-error']).toEqual(['ImagePullBackOff', 'OOMKilled']);
    expect(result.byEntity.get('component:default/search-indexer')!.cards[0]).toMatchObject({ sample: true, fetchedAt: '2026-11-27T14:02:00Z' });
  });
});

describe('options', () => {
  it('refuses a token given where the name of its environment variable belongs, and duplicate cluster names', () => {
    expect(() => kubernetes({ clusters: [{ name: 'a', url: 'https://k8s.example.com', tokenEnv: 'eyJhbGciOi.JSUzI1' }] })).toThrow(/clusters\.0\.tokenEnv: must be the NAME of an environment variable/);
    expect(() =>
      kubernetes({
        clusters: [
          { name: 'a', url: 'https://k8s.example.com' },
          { name: 'a', url: 'https://k8s2.example.com' },
        ],
      }),
    ).toThrow(/two clusters are named "a"/);
    expect(() => kubernetes({ clusters: [] })).toThrow(/name at least one cluster/);
  });
});
