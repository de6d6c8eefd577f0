import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Block, CatalogEntity } from '../../../integrations/plugin-api.ts';
import { failedCluster, kubernetesData, mapClusterWorkloads } from '../../../integrations/plugins/kubernetes/map-workloads.ts';
import {
  headline,
  kubernetesBadge,
  kubernetesCatalogSummary,
  kubernetesSearch,
  renderKubernetesCard,
  renderKubernetesTab,
} from '../../../integrations/plugins/kubernetes/render-kubernetes.ts';
import { panelContentSchema } from '../../../src/plugins/panel-view.ts';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8'));
const deployments = fixture('deployment-list.json').items;
const pods = fixture('pod-list.json').items;
const query = { labelSelector: 'backstage.io/kubernetes-id=checkout', namespace: 'shop' };
const entity: CatalogEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  relations: [],
  source: { repo: 'shop', file: 'catalog-info.yaml', line: 1 },
};

const shop = () => kubernetesData(query, [mapClusterWorkloads('production', deployments, pods)]);
const healthyOnly = () => kubernetesData(query, [mapClusterWorkloads('production', [deployments[0]], [pods[0]])]);

function sections(blocks: Block[]): Extract<Block, { type: 'section' }>[] {
  return blocks.filter((block): block is Extract<Block, { type: 'section' }> => block.type === 'section');
}

describe('the Kubernetes card', () => {
  it('summarises each cluster: deployments without errors, pods ready, restarts and status', () => {
    const card = renderKubernetesCard(shop(), entity);
    expect(card.status).toEqual({ tone: 'error', label: '2 of 3 deployments unhealthy' });
    expect(card.blocks[0]).toMatchObject({
      type: 'table',
      rows: [['production', { text: '1 of 3', tone: 'error' }, { text: '4 of 6', tone: 'warning' }, { text: '15', tone: 'warning' }, { text: 'Unhealthy', tone: 'error' }]],
    });
    expect(panelContentSchema.parse(card)).toEqual(card);
  });

  it('lists the worst problems first with the pod and deployment they are in, and links to the tab', () => {
    const card = renderKubernetesCard(shop(), entity);
    const statuses = card.blocks.filter((block) => block.type === 'status');
    expect(statuses.map((block) => block.type === 'status' && [block.tone, block.label])).toEqual([
      ['error', 'ImagePullBackOff'],
      ['error', 'CrashLoopBackOff'],
      ['error', 'OOMKilled'],
    ]);
    expect(statuses[1]).toMatchObject({ detail: expect.stringMatching(/^pod checkout-worker-5f8d7b9c44-t4wzn of deployment checkout-worker: Container worker keeps crashing/) });
    expect(card.blocks.at(-1)).toEqual({
      type: 'text',
      text: ['3 more problems.', { text: 'Deployments and pods', href: 'catalog/default/component/checkout/kubernetes/' }],
    });
  });

  it('counts several pods with the same problem once, as "N pods of deployment"', () => {
    const crashing = pods[3];
    const twin = structuredClone(crashing);
    twin.metadata.name = 'checkout-worker-5f8d7b9c44-zz9zz';
    const data = kubernetesData(query, [mapClusterWorkloads('production', [deployments[1]], [crashing, twin])]);
    const first = renderKubernetesCard(data, entity).blocks.find((block) => block.type === 'status');
    expect(first).toMatchObject({ label: 'CrashLoopBackOff', detail: expect.stringMatching(/^2 pods of deployment checkout-worker: /) });
  });

  it('says which cluster is unavailable and keeps the others', () => {
    const data = kubernetesData(query, [mapClusterWorkloads('production', [deployments[0]], [pods[0]]), failedCluster('staging', 'cluster "staging": listing pods failed: the API answered 403 Forbidden')]);
    const card = renderKubernetesCard(data, entity);
    expect(card.status).toEqual({ tone: 'error', label: 'Deployment healthy, 1 cluster unavailable' });
    expect(card.blocks[0]).toMatchObject({ rows: [expect.anything(), ['staging', '–', '–', '–', { text: 'Unavailable', tone: 'error', title: expect.stringContaining('403 Forbidden') }]] });
  });

  it('reads healthy when every deployment is', () => {
    const card = renderKubernetesCard(healthyOnly(), entity);
    expect(card.status).toEqual({ tone: 'ok', label: 'Deployment healthy' });
    expect(card.blocks.some((block) => block.type === 'status')).toBe(false);
  });
});

describe('the Kubernetes tab', () => {
  it('shows the query, then per cluster each deployment with replicas, images, its problems and a pod table', () => {
    const tab = renderKubernetesTab(shop());
    expect(tab.blocks[0]).toEqual({
      type: 'facts',
      items: [
        { label: 'Label selector', value: { text: 'backstage.io/kubernetes-id=checkout', code: true } },
        { label: 'Namespace', value: { text: 'shop', code: true } },
      ],
    });
    const [cluster] = sections(tab.blocks);
    expect(cluster).toMatchObject({ title: 'Cluster production', badge: { label: 'Unhealthy', tone: 'error' } });
    const deploymentSections = sections(cluster!.blocks);
    expect(deploymentSections.map((section) => [section.title, section.badge])).toEqual([
      ['Deployment checkout-api', { label: '2/2 ready', tone: 'warning' }],
      ['Deployment checkout-web', { label: '1/1 ready', tone: 'error' }],
      ['Deployment checkout-worker', { label: '1/2 ready', tone: 'error' }],
      ['Pods outside these deployments', { label: '1 pod', tone: 'ok' }],
    ]);
    const web = deploymentSections[1]!.blocks;
    expect(web).toContainEqual({
      type: 'status',
      tone: 'error',
      label: 'ProgressDeadlineExceeded',
      detail: 'The rollout is not progressing: ReplicaSet "checkout-web-6b9f8d7c5" has timed out progressing.',
    });
    expect(panelContentSchema.parse(tab)).toEqual(tab);
  });

  it('lists each pod with phase, ready containers, restarts, images and errors, then each error in a sentence', () => {
    const worker = sections(sections(renderKubernetesTab(shop()).blocks)[0]!.blocks)[2]!;
    const table = worker.blocks.find((block) => block.type === 'table');
    expect(table).toMatchObject({ columns: [{ label: 'Pod' }, { label: 'Phase' }, { label: 'Ready' }, { label: 'Restarts' }, { label: 'Images' }, { label: 'Errors' }] });
    expect(table?.type === 'table' && table.rows[1]).toEqual([
      { text: 'checkout-worker-5f8d7b9c44-t4wzn', code: true },
      { text: 'Running', tone: 'error' },
      { text: '0/1', tone: 'warning' },
      { text: '14', tone: 'warning' },
      [{ text: 'registry.example.com/shop/checkout-worker:2.3.0', code: true }],
      [
        { text: 'CrashLoopBackOff', tone: 'error', title: expect.stringMatching(/^Container worker keeps crashing/) },
        { text: 'OOMKilled', tone: 'error', title: 'Container worker was killed for using more memory than its limit (OOMKilled, exit code 137)' },
      ],
    ]);
    expect(worker.blocks.slice(worker.blocks.indexOf(table!) + 1)).toEqual([
      {
        type: 'status',
        tone: 'error',
        label: 'CrashLoopBackOff',
        detail: 'pod checkout-worker-5f8d7b9c44-t4wzn: Container worker keeps crashing; Kubernetes restarts it with a growing back-off delay (last exit: OOMKilled, code 137).',
      },
      {
        type: 'status',
        tone: 'error',
        label: 'OOMKilled',
        detail: 'pod checkout-worker-5f8d7b9c44-t4wzn: Container worker was killed for using more memory than its limit (OOMKilled, exit code 137).',
      },
    ]);
  });

  it('gives every table its own caption, which names its region for screen readers', () => {
    const tab = renderKubernetesTab(kubernetesData(query, [mapClusterWorkloads('production', deployments, pods), mapClusterWorkloads('staging', deployments, pods)]));
    const captions: string[] = [];
    const collect = (blocks: Block[]) => blocks.forEach((block) => (block.type === 'table' ? captions.push(block.caption!) : block.type === 'section' && collect(block.blocks)));
    collect(tab.blocks);
    expect(captions).toHaveLength(8);
    expect(new Set(captions).size).toBe(8);
    expect(captions.slice(0, 4)).toEqual(['Pods of checkout-api on production', 'Pods of checkout-web on production', 'Pods of checkout-worker on production', 'Other pods on production']);
  });

  it('says so when a cluster has nothing for the selector', () => {
    const tab = renderKubernetesTab(kubernetesData({ labelSelector: 'app=checkout' }, [mapClusterWorkloads('production', [], [])]));
    expect(tab.status).toEqual({ tone: 'neutral', label: 'No deployments found' });
    expect(sections(tab.blocks)[0]!.blocks).toEqual([{ type: 'text', text: ['No deployments or pods match', { text: 'app=checkout', code: true }, 'in any namespace.'] }]);
  });
});

describe('badges, search and catalog.json', () => {
  it('gives the overall health as a badge and a k8s-status filter, and the error reasons as k8s-error', () => {
    expect(kubernetesBadge(shop())).toEqual({ label: 'k8s', value: 'unhealthy', tone: 'error' });
    expect(kubernetesSearch(shop())).toEqual({
      'k8s-status': ['unhealthy'],
      'k8s-error': ['CrashLoopBackOff', 'ImagePullBackOff', 'MinimumReplicasUnavailable', 'OOMKilled', 'ProgressDeadlineExceeded'],
    });
    expect(kubernetesSearch(healthyOnly())).toEqual({ 'k8s-status': ['healthy'] });
    expect(kubernetesBadge(healthyOnly())).toEqual({ label: 'k8s', value: 'healthy', tone: 'ok' });
  });

  it('adds a summary per deployment to catalog.json, not every pod', () => {
    expect(kubernetesCatalogSummary(shop())).toEqual({
      labelSelector: 'backstage.io/kubernetes-id=checkout',
      namespace: 'shop',
      health: 'error',
      clusters: [
        {
          name: 'production',
          health: 'error',
          deployments: [
            { name: 'checkout-api', namespace: 'shop', desired: 2, ready: 2, health: 'warning', problems: ['Restarted'] },
            { name: 'checkout-web', namespace: 'shop', desired: 1, ready: 1, health: 'error', problems: ['ProgressDeadlineExceeded', 'ImagePullBackOff'] },
            { name: 'checkout-worker', namespace: 'shop', desired: 2, ready: 1, health: 'error', problems: ['MinimumReplicasUnavailable', 'CrashLoopBackOff', 'OOMKilled'] },
          ],
        },
      ],
    });
  });

  it('words the headline for warnings only', () => {
    const data = kubernetesData(query, [mapClusterWorkloads('production', [deployments[0]], pods.slice(0, 2))]);
    expect(headline(data)).toBe('Deployment has warnings');
  });
});
