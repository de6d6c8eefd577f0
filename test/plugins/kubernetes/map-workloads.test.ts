import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { workloadQueryFor } from '../../../integrations/plugins/kubernetes/entity-query.ts';
import { kubernetesData, mapClusterWorkloads, selectorMatches, summarizePod, type PodResource } from '../../../integrations/plugins/kubernetes/map-workloads.ts';
import { kubernetesDataSchema } from '../../../integrations/plugins/kubernetes/workloads.ts';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8'));
const deploymentList = fixture('deployment-list.json');
const podList = fixture('pod-list.json');
const shop = () => mapClusterWorkloads('production', deploymentList.items, podList.items);

function pod(status: PodResource['status'], containers = [{ name: 'app', image: 'registry.example.com/app:1.0.0' }]): PodResource {
  return { metadata: { name: 'app-5d9c7b-x1', namespace: 'default', labels: { app: 'app' } }, spec: { containers }, status };
}

describe('which entities the Kubernetes plugin asks about', () => {
  it('turns backstage.io/kubernetes-id into the selector backstage.io/kubernetes-id=<id>', () => {
    expect(workloadQueryFor({ metadata: { name: 'x', namespace: 'default', annotations: { 'backstage.io/kubernetes-id': 'checkout' } } })).toEqual({
      labelSelector: 'backstage.io/kubernetes-id=checkout',
    });
  });

  it('uses backstage.io/kubernetes-label-selector as given, over the id, and restricts to the namespace annotation', () => {
    const annotations = {
      'backstage.io/kubernetes-id': 'checkout',
      'backstage.io/kubernetes-label-selector': 'app in (checkout,cart),tier!=batch',
      'backstage.io/kubernetes-namespace': 'shop',
    };
    expect(workloadQueryFor({ metadata: { name: 'x', namespace: 'default', annotations } })).toEqual({ labelSelector: 'app in (checkout,cart),tier!=batch', namespace: 'shop' });
  });

  it('skips an entity with only a namespace annotation', () => {
    expect(workloadQueryFor({ metadata: { name: 'x', namespace: 'default', annotations: { 'backstage.io/kubernetes-namespace': 'shop' } } })).toBeNull();
  });
});

describe('mapping deployments and pods', () => {
  it('groups pods under the deployment whose ReplicaSet owns them, sorted, and keeps other pods apart', () => {
    const cluster = shop();
    expect(cluster.deployments.map((d) => [d.name, d.pods.map((p) => p.name)])).toEqual([
      ['checkout-api', ['checkout-api-7d4b9c6f5d-q9kzt', 'checkout-api-7d4b9c6f5d-x2x8l']],
      ['checkout-web', ['checkout-web-58c7d9f6b4-k2j9d', 'checkout-web-6b9f8d7c5-w8x4r']],
      ['checkout-worker', ['checkout-worker-5f8d7b9c44-h7m2p', 'checkout-worker-5f8d7b9c44-t4wzn']],
    ]);
    expect(cluster.otherPods.map((p) => [p.name, p.phase, p.health])).toEqual([['checkout-migrate-29402460-8wq2c', 'Succeeded', 'ok']]);
  });

  it('reads replicas, images, phases, readiness and restarts', () => {
    const api = shop().deployments[0]!;
    expect(api).toMatchObject({
      namespace: 'shop',
      desired: 2,
      ready: 2,
      available: 2,
      updated: 2,
      images: ['registry.example.com/shop/checkout-api:1.14.2', 'envoyproxy/envoy:v1.31.2'],
    });
    expect(api.pods[1]).toMatchObject({ phase: 'Running', readyContainers: 2, containers: 2, restarts: 0, health: 'ok', issues: [] });
  });

  it('calls a deployment with one restarted container a warning, naming the last exit', () => {
    const api = shop().deployments[0]!;
    expect(api.health).toBe('warning');
    expect(api.pods[0]!.issues).toEqual([
      {
        severity: 'warning',
        reason: 'Restarted',
        message: 'Container api has restarted 1 time (last exit: Error, code 1)',
        subject: 'pod checkout-api-7d4b9c6f5d-q9kzt',
        container: 'api',
      },
    ]);
  });

  it('detects CrashLoopBackOff and an OOMKilled last termination, and the deployment missing minimum availability', () => {
    const worker = shop().deployments[2]!;
    expect(worker.health).toBe('error');
    expect(worker.issues).toEqual([
      {
        severity: 'error',
        reason: 'MinimumReplicasUnavailable',
        message: 'Fewer replicas are available than the deployment needs: Deployment does not have minimum availability.',
        subject: 'deployment checkout-worker',
      },
    ]);
    const crashing = worker.pods[1]!;
    expect(crashing).toMatchObject({ readyContainers: 0, containers: 1, restarts: 14, health: 'error' });
    expect(crashing.issues.map((issue) => [issue.severity, issue.reason, issue.container])).toEqual([
      ['error', 'CrashLoopBackOff', 'worker'],
      ['error', 'OOMKilled', 'worker'],
    ]);
    expect(crashing.issues[0]!.message).toBe(
      'Container worker keeps crashing; Kubernetes restarts it with a growing back-off delay (last exit: OOMKilled, code 137)',
    );
    expect(crashing.issues[1]!.message).toBe('Container worker was killed for using more memory than its limit (OOMKilled, exit code 137)');
  });

  it('detects ImagePullBackOff and a rollout past its progress deadline', () => {
    const web = shop().deployments[1]!;
    expect(web.health).toBe('error');
    expect(web.issues).toEqual([
      {
        severity: 'error',
        reason: 'ProgressDeadlineExceeded',
        message: 'The rollout is not progressing: ReplicaSet "checkout-web-6b9f8d7c5" has timed out progressing.',
        subject: 'deployment checkout-web',
      },
    ]);
    expect(web.pods[1]!.issues).toEqual([
      {
        severity: 'error',
        reason: 'ImagePullBackOff',
        message:
          'Container web cannot pull its image (a wrong name or tag, or no permission to pull it) (Back-off pulling image "registry.example.com/shop/checkout-web:4.0.0-rc.1")',
        subject: 'pod checkout-web-6b9f8d7c5-w8x4r',
        container: 'web',
      },
    ]);
    expect(web.pods[1]!.phase).toBe('Pending');
  });

  it('gives the cluster and the entity the worst health found', () => {
    const cluster = shop();
    expect(cluster.health).toBe('error');
    const data = kubernetesData({ labelSelector: 'backstage.io/kubernetes-id=checkout' }, [cluster, mapClusterWorkloads('staging', [], [])]);
    expect(data.health).toBe('error');
    expect(data.clusters[1]).toEqual({ name: 'staging', health: 'unknown', deployments: [], otherPods: [] });
    expect(kubernetesDataSchema.parse(data)).toEqual(data);
  });

  it('says nothing was found when no cluster has anything', () => {
    expect(kubernetesData({ labelSelector: 'app=x' }, [mapClusterWorkloads('production', [], [])]).health).toBe('unknown');
  });

  it('is healthy with every replica ready and no pod problem', () => {
    const [api] = deploymentList.items;
    const healthyPod = podList.items[0];
    expect(mapClusterWorkloads('production', [api], [healthyPod]).deployments[0]).toMatchObject({ health: 'ok', issues: [] });
  });

  it('flags a deployment with too few ready replicas, and one with none as an error', () => {
    const deployment = (ready: number) => ({ metadata: { name: 'app', namespace: 'default' }, spec: { replicas: 3, selector: { matchLabels: { app: 'app' } } }, status: { readyReplicas: ready } });
    expect(mapClusterWorkloads('c', [deployment(2)], []).deployments[0]!.issues).toEqual([
      { severity: 'warning', reason: 'ReplicasNotReady', message: '2 of 3 replicas are ready', subject: 'deployment app' },
    ]);
    expect(mapClusterWorkloads('c', [deployment(0)], []).deployments[0]!.issues[0]).toMatchObject({ severity: 'error', reason: 'NoReplicasReady' });
  });

  it('reports a ReplicaFailure condition (pods the API refused to create)', () => {
    const deployment = {
      metadata: { name: 'app', namespace: 'default' },
      spec: { replicas: 0 },
      status: { conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'pods "app-5d9c7b-" is forbidden: exceeded quota: compute' }] },
    };
    expect(mapClusterWorkloads('c', [deployment], []).deployments[0]!.issues).toEqual([
      { severity: 'error', reason: 'FailedCreate', message: 'Pods could not be created: pods "app-5d9c7b-" is forbidden: exceeded quota: compute', subject: 'deployment app' },
    ]);
  });
});

describe('pod errors', () => {
  it('warns about a running container that is not ready', () => {
    const summary = summarizePod(pod({ phase: 'Running', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { running: {} } }] }));
    expect(summary.issues).toEqual([
      { severity: 'warning', reason: 'NotReady', message: 'Container app is running but not ready: its readiness probe is failing', subject: 'pod app-5d9c7b-x1', container: 'app' },
    ]);
    expect(summary.health).toBe('warning');
  });

  it('explains a pod that cannot be scheduled', () => {
    const summary = summarizePod(
      pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient memory.' }] }),
    );
    expect(summary.issues).toEqual([
      { severity: 'warning', reason: 'Unschedulable', message: 'The pod cannot be scheduled: 0/3 nodes are available: 3 Insufficient memory.', subject: 'pod app-5d9c7b-x1' },
    ]);
  });

  it('reports an evicted pod as failed, with the kubelet message', () => {
    const summary = summarizePod(pod({ phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' }));
    expect(summary.issues).toEqual([{ severity: 'error', reason: 'Evicted', message: 'The pod has failed: The node was low on resource: memory.', subject: 'pod app-5d9c7b-x1' }]);
  });

  it('reports an init container stuck in CrashLoopBackOff and a missing ConfigMap', () => {
    const summary = summarizePod(
      pod({
        phase: 'Pending',
        initContainerStatuses: [{ name: 'migrate', ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } }],
        containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'CreateContainerConfigError', message: 'configmap "app-config" not found' } } }],
      }),
    );
    expect(summary.issues.map((issue) => issue.message)).toEqual([
      'Init container migrate keeps crashing; Kubernetes restarts it with a growing back-off delay',
      'Container app cannot start: a ConfigMap or Secret it needs is missing or lacks a key (configmap "app-config" not found)',
    ]);
    // Init container restarts are not the pod's restarts, as kubectl counts them.
    expect(summary.restarts).toBe(0);
  });

  it('does not flag a container that is still being created', () => {
    const summary = summarizePod(pod({ phase: 'Pending', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] }));
    expect(summary.issues).toEqual([{ severity: 'warning', reason: 'Pending', message: 'The pod is pending: its containers have not started yet', subject: 'pod app-5d9c7b-x1' }]);
  });
});

describe('label selectors', () => {
  const labels = { app: 'checkout', tier: 'frontend' };

  it('matches labels and every expression operator as Kubernetes does', () => {
    expect(selectorMatches({ matchLabels: { app: 'checkout' } }, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { app: 'cart' } }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend', 'edge'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'canary', operator: 'Exists' }] }, labels)).toBe(false);
  });

  it('matches everything with an empty selector and nothing without one', () => {
    expect(selectorMatches({}, labels)).toBe(true);
    expect(selectorMatches(undefined, labels)).toBe(false);
  });

  it('gives a pod without a ReplicaSet owner to the deployment whose selector matches it', () => {
    const deployment = { metadata: { name: 'app', namespace: 'default' }, spec: { replicas: 1, selector: { matchLabels: { app: 'app' } } }, status: { readyReplicas: 1 } };
    const elsewhere = { ...deployment, metadata: { name: 'app', namespace: 'other' } };
    const cluster = mapClusterWorkloads('c', [elsewhere, deployment], [pod({ phase: 'Running' })]);
    expect(cluster.deployments.map((d) => [d.namespace, d.pods.length])).toEqual([
      ['default', 1],
      ['other', 0],
    ]);
  });
});

describe('the data schema', () => {
  it('rejects malformed data', () => {
    const data = kubernetesData({ labelSelector: 'app=x' }, [shop()]);
    expect(kubernetesDataSchema.safeParse({ ...data, clusters: [] }).success).toBe(false);
    const broken = structuredClone(data);
    broken.clusters[0]!.deployments[0]!.ready = -1;
    expect(kubernetesDataSchema.safeParse(broken).success).toBe(false);
  });
});
