/**
 * The plugin bench's services: the local GitHub and Kubernetes API servers from
 * support/mock-services, with a fixed latency on every answer, run in a worker thread so
 * that their CPU time does not land on the event loop being measured (real services are on
 * other machines). `startPluginServices` starts the worker; the same file is the worker's entry.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { MockRepo } from '../support/mock-services/github.ts';
import type { KubernetesObject } from '../support/mock-services/kubernetes.ts';

export interface PluginServicesSpec {
  latencyMs: number;
  /** `owner/repo` slugs the GitHub server knows. */
  githubSlugs: string[];
  /** One deployment (two pods) per workload, labelled `backstage.io/kubernetes-id=<id>`. */
  workloads: { id: string; namespace: string }[];
}

export interface PluginServices {
  githubUrl: string;
  kubernetesUrl: string;
  /** Requests each server has received so far (a cross-check of the stage's own count). */
  received(): Promise<{ github: number; kubernetes: number }>;
  close(): Promise<void>;
}

type Message = { type: 'ready'; githubUrl: string; kubernetesUrl: string } | { type: 'received'; github: number; kubernetes: number } | { type: 'error'; message: string };

export async function startPluginServices(spec: PluginServicesSpec): Promise<PluginServices> {
  const worker = new Worker(new URL(import.meta.url), { workerData: spec });
  const next = () =>
    new Promise<Message>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  const ready = await next();
  if (ready.type === 'error') throw new Error(`the bench's mock services did not start: ${ready.message}`);
  if (ready.type !== 'ready') throw new Error(`unexpected message from the mock services: ${ready.type}`);
  return {
    githubUrl: ready.githubUrl,
    kubernetesUrl: ready.kubernetesUrl,
    received: async () => {
      const answer = next();
      worker.postMessage('count');
      const message = await answer;
      if (message.type !== 'received') throw new Error('the mock services did not report their request counts');
      return { github: message.github, kubernetes: message.kubernetes };
    },
    close: async () => {
      await worker.terminate();
    },
  };
}

function githubRepo(index: number): MockRepo {
  const day = (n: number) => `2026-11-${String(27 - (n % 20)).padStart(2, '0')}T${String(8 + (n % 10)).padStart(2, '0')}:00:00Z`;
  return {
    defaultBranch: 'main',
    runs: Array.from({ length: 12 }, (_, run) => ({
      workflow: run % 3 === 0 ? 'Release' : 'CI',
      status: 'completed' as const,
      conclusion: (index + run) % 7 === 0 ? ('failure' as const) : ('success' as const),
      startedAt: day(index + run),
    })),
    release: index % 5 === 4 ? null : { tag: `v1.${index % 13}.${index % 4}`, publishedAt: day(index) },
    openPulls: index % 9,
    languages: { TypeScript: 120_000 + index, Shell: 3_000 + index, Dockerfile: 400 },
  };
}

function workload(id: string, namespace: string, index: number): { deployment: KubernetesObject; pods: KubernetesObject[] } {
  const hash = `${(index * 2654435761 % 2 ** 32).toString(16).padStart(8, '0')}5d`.slice(0, 10);
  const labels = { 'app.kubernetes.io/name': id, 'backstage.io/kubernetes-id': id };
  const image = `registry.example.com/${namespace}/${id}:1.${index % 20}.0`;
  const deployment: KubernetesObject = {
    metadata: { name: id, namespace, uid: `d-${index}`, generation: 3, creationTimestamp: '2026-09-02T08:14:31Z', labels },
    spec: { replicas: 2, selector: { matchLabels: { 'app.kubernetes.io/name': id } }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image }] } } },
    status: {
      observedGeneration: 3,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }],
    },
  };
  const pods = [0, 1].map((n): KubernetesObject => {
    const crashing = n === 1 && index % 11 === 0;
    return {
      metadata: {
        name: `${id}-${hash}-p${n}`,
        namespace,
        uid: `p-${index}-${n}`,
        labels: { ...labels, 'pod-template-hash': hash },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${id}-${hash}`, uid: `rs-${index}`, controller: true }],
      },
      spec: { containers: [{ name: 'app', image }] },
      status: {
        phase: 'Running',
        startTime: '2026-11-26T16:38:12Z',
        containerStatuses: [
          crashing
            ? { name: 'app', ready: false, restartCount: 14, image, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container' } }, lastState: { terminated: { reason: 'Error', exitCode: 1 } } }
            : { name: 'app', ready: true, restartCount: index % 3, image, state: { running: { startedAt: '2026-11-26T16:38:15Z' } }, lastState: {} },
        ],
      },
    };
  });
  return { deployment, pods };
}

async function serve(spec: PluginServicesSpec): Promise<void> {
  const { startGithubMock } = await import('../support/mock-services/github.ts');
  const { startKubernetesApi } = await import('../support/mock-services/kubernetes.ts');
  const github = await startGithubMock({ latencyMs: spec.latencyMs, repos: Object.fromEntries(spec.githubSlugs.map((slug, index) => [slug, githubRepo(index)])) });
  const built = spec.workloads.map(({ id, namespace }, index) => workload(id, namespace, index));
  const kubernetes = await startKubernetesApi({ latencyMs: spec.latencyMs, deployments: built.map((w) => w.deployment), pods: built.flatMap((w) => w.pods) });
  parentPort!.on('message', (message) => {
    if (message === 'count') parentPort!.postMessage({ type: 'received', github: github.requests.length, kubernetes: kubernetes.requests.length } satisfies Message);
  });
  parentPort!.postMessage({ type: 'ready', githubUrl: github.baseUrl, kubernetesUrl: kubernetes.url } satisfies Message);
}

if (!isMainThread && (workerData as PluginServicesSpec | undefined)?.githubSlugs) {
  serve(workerData as PluginServicesSpec).catch((error: unknown) => parentPort!.postMessage({ type: 'error', message: String(error) } satisfies Message));
}
