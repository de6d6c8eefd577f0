import { entityPagePath, type Block, type CatalogEntity, type Cell, type PanelContent, type Tone } from '../../plugin-api.ts';
import type { ClusterWorkloads, DeploymentSummary, Health, KubernetesData, PodSummary, WorkloadIssue } from './workloads.ts';

/**
 * From the plugin's data to what the entity page shows, the way Backstage's Kubernetes plugin
 * lays it out: per cluster, per deployment, its pods and the errors found in them. Pure.
 */

export const tabSlug = 'kubernetes';

/** Problems listed on the card; the tab lists them all. */
const cardIssues = 3;

const healthTone: Record<Health, Tone> = { ok: 'ok', warning: 'warning', error: 'error', unknown: 'neutral' };
const healthWord: Record<Health, string> = { ok: 'Healthy', warning: 'Warning', error: 'Unhealthy', unknown: 'Nothing found' };

/** The overview card: one row per cluster, and the worst problems with where they are. */
export function renderKubernetesCard(data: KubernetesData, entity: CatalogEntity): PanelContent {
  const blocks: Block[] = [
    {
      type: 'table',
      caption: 'Clusters',
      columns: [
        { label: 'Cluster' },
        { label: 'Deployments healthy', numeric: true },
        { label: 'Pods ready', numeric: true },
        { label: 'Restarts', numeric: true },
        { label: 'Status' },
      ],
      rows: data.clusters.map(clusterRow),
    },
  ];
  const issues = groupedIssues(data);
  for (const issue of issues.slice(0, cardIssues)) {
    blocks.push({ type: 'status', tone: issue.severity, label: issue.reason, detail: issue.detail });
  }
  const more = issues.length - cardIssues;
  const link = { text: 'Deployments and pods', href: `${entityPagePath(entity)}${tabSlug}/` };
  blocks.push({ type: 'text', text: more > 0 ? [`${count(more, 'more problem')}.`, link] : link });
  return { status: { tone: healthTone[data.health], label: headline(data) }, blocks };
}

/** The Kubernetes tab: the query, then per cluster each deployment with its replicas and a table of its pods. */
export function renderKubernetesTab(data: KubernetesData): PanelContent {
  const blocks: Block[] = [
    {
      type: 'facts',
      items: [
        { label: 'Label selector', value: { text: data.labelSelector, code: true } },
        { label: 'Namespace', value: data.namespace ? { text: data.namespace, code: true } : 'all namespaces' },
      ],
    },
  ];
  data.clusters.forEach((cluster, index) => blocks.push(clusterSection(cluster, index, data)));
  return { status: { tone: healthTone[data.health], label: headline(data) }, blocks };
}

/** One short phrase for the panel heading: `2 of 3 deployments unhealthy`, `1 cluster unavailable`. */
export function headline(data: KubernetesData): string {
  const deployments = data.clusters.flatMap((cluster) => cluster.deployments);
  const unhealthy = deployments.filter((deployment) => deployment.health === 'error').length;
  const warned = deployments.filter((deployment) => deployment.health === 'warning').length;
  const failed = data.clusters.filter((cluster) => cluster.error !== undefined).length;
  const pods = data.clusters.reduce((sum, cluster) => sum + cluster.otherPods.length, 0);
  const parts: string[] = [];
  if (deployments.length === 0) parts.push(pods > 0 ? `${count(pods, 'pod')}, no deployments` : 'No deployments found');
  else if (deployments.length === 1 && unhealthy + warned > 0) parts.push(unhealthy > 0 ? 'Deployment unhealthy' : 'Deployment has warnings');
  else if (unhealthy > 0) parts.push(`${unhealthy} of ${deployments.length} deployments unhealthy`);
  else if (warned > 0) parts.push(`${warned} of ${deployments.length} deployments with warnings`);
  else parts.push(deployments.length === 1 ? 'Deployment healthy' : `All ${deployments.length} deployments healthy`);
  if (failed > 0) parts.push(`${count(failed, 'cluster')} unavailable`);
  return parts.join(', ');
}

/** Explorer badge: the entity's overall Kubernetes health. */
export function kubernetesBadge(data: KubernetesData): { label: string; value: string; tone: Tone } {
  return { label: 'k8s', value: healthWord[data.health].toLowerCase(), tone: healthTone[data.health] };
}

/** Search filters: `k8s-status` (healthy, warning, unhealthy, not found) and the error reasons found. */
export function kubernetesSearch(data: KubernetesData): Record<string, string[]> {
  const status = { ok: 'healthy', warning: 'warning', error: 'unhealthy', unknown: 'not found' }[data.health];
  const reasons = [...new Set(allIssues(data).filter((issue) => issue.severity === 'error').map((issue) => issue.reason))].sort();
  return reasons.length > 0 ? { 'k8s-status': [status], 'k8s-error': reasons } : { 'k8s-status': [status] };
}

/** catalog.json gets the summary: health, each deployment's replicas and problem reasons, not every pod. */
export function kubernetesCatalogSummary(data: KubernetesData): unknown {
  return {
    labelSelector: data.labelSelector,
    ...(data.namespace ? { namespace: data.namespace } : {}),
    health: data.health,
    clusters: data.clusters.map((cluster) => ({
      name: cluster.name,
      health: cluster.health,
      ...(cluster.error ? { error: cluster.error } : {}),
      deployments: cluster.deployments.map((deployment) => ({
        name: deployment.name,
        namespace: deployment.namespace,
        desired: deployment.desired,
        ready: deployment.ready,
        health: deployment.health,
        problems: [...new Set(deployment.issues.concat(deployment.pods.flatMap((pod) => pod.issues)).map((issue) => issue.reason))],
      })),
    })),
  };
}

function clusterRow(cluster: ClusterWorkloads): Cell[] {
  if (cluster.error !== undefined) return [cluster.name, '–', '–', '–', { text: 'Unavailable', tone: 'error', title: cluster.error }];
  // Completed pods (a job's) are neither ready nor a problem: they are not counted.
  const pods = podsOf(cluster).filter((pod) => pod.phase !== 'Succeeded');
  // Warnings (a restart, a replica not ready yet) do not make a deployment unhealthy; errors do.
  const healthy = cluster.deployments.filter((deployment) => deployment.health !== 'error').length;
  const ready = pods.filter(isReady).length;
  const restarts = pods.reduce((sum, pod) => sum + pod.restarts, 0);
  return [
    cluster.name,
    { text: `${healthy} of ${cluster.deployments.length}`, tone: healthy < cluster.deployments.length ? 'error' : undefined },
    { text: `${ready} of ${pods.length}`, tone: ready < pods.length ? 'warning' : undefined },
    restarts > 0 ? { text: String(restarts), tone: 'warning' } : '0',
    { text: healthWord[cluster.health], tone: healthTone[cluster.health] },
  ];
}

function clusterSection(cluster: ClusterWorkloads, index: number, data: KubernetesData): Block {
  const blocks: Block[] = [];
  if (cluster.error !== undefined) {
    blocks.push({ type: 'status', tone: 'error', label: 'Unavailable', detail: cluster.error });
  } else if (cluster.deployments.length === 0 && cluster.otherPods.length === 0) {
    blocks.push({ type: 'text', text: [`No deployments or pods match`, { text: data.labelSelector, code: true }, data.namespace ? `in namespace ${data.namespace}.` : 'in any namespace.'] });
  }
  // Table captions name their regions for screen readers, so they must differ across the whole tab.
  const on = data.clusters.length > 1 ? ` on ${cluster.name}` : '';
  cluster.deployments.forEach((deployment, position) => blocks.push(deploymentSection(deployment, `cluster-${index + 1}-deployment-${position + 1}`, on)));
  if (cluster.otherPods.length > 0) {
    blocks.push({
      type: 'section',
      id: `cluster-${index + 1}-other-pods`,
      title: 'Pods outside these deployments',
      badge: { label: count(cluster.otherPods.length, 'pod'), tone: healthTone[worstOf(cluster.otherPods)] },
      blocks: podBlocks(cluster.otherPods, `Other pods${on}`),
    });
  }
  return {
    type: 'section',
    id: `cluster-${index + 1}`,
    title: `Cluster ${cluster.name}`,
    badge: { label: cluster.error !== undefined ? 'Unavailable' : healthWord[cluster.health], tone: healthTone[cluster.health] },
    blocks,
  };
}

function deploymentSection(deployment: DeploymentSummary, id: string, on: string): Block {
  const blocks: Block[] = [
    {
      type: 'facts',
      items: [
        { label: 'Namespace', value: { text: deployment.namespace, code: true } },
        {
          label: 'Replicas',
          value: `${deployment.ready} of ${deployment.desired} ready, ${deployment.available} available, ${deployment.updated} up to date`,
        },
        { label: deployment.images.length === 1 ? 'Image' : 'Images', value: deployment.images.length > 0 ? deployment.images.map((image) => ({ text: image, code: true })) : '–' },
      ],
    },
  ];
  for (const issue of deployment.issues) blocks.push({ type: 'status', tone: issue.severity, label: issue.reason, detail: sentence(issue.message) });
  blocks.push(...podBlocks(deployment.pods, `Pods of ${deployment.name}${on}`));
  return {
    type: 'section',
    id,
    title: `Deployment ${deployment.name}`,
    badge: { label: `${deployment.ready}/${deployment.desired} ready`, tone: healthTone[deployment.health] },
    blocks,
  };
}

/** The pods' table (problems named by reason), then each problem in a sentence, worst first. */
function podBlocks(pods: PodSummary[], caption: string): Block[] {
  const problems = pods
    .flatMap((pod) => pod.issues.map((issue) => ({ pod, issue })))
    .sort((a, b) => severityRank(a.issue) - severityRank(b.issue));
  return [
    podTable(pods, caption),
    ...problems.map(({ pod, issue }): Block => ({ type: 'status', tone: issue.severity, label: issue.reason, detail: sentence(`pod ${pod.name}: ${issue.message}`) })),
  ];
}

function podTable(pods: PodSummary[], caption: string): Block {
  return {
    type: 'table',
    caption,
    columns: [{ label: 'Pod' }, { label: 'Phase' }, { label: 'Ready', numeric: true }, { label: 'Restarts', numeric: true }, { label: 'Images' }, { label: 'Errors' }],
    rows: pods.map((pod) => [
      { text: pod.name, code: true },
      { text: pod.phase, tone: phaseTone(pod) },
      { text: `${pod.readyContainers}/${pod.containers}`, tone: pod.readyContainers < pod.containers && pod.phase !== 'Succeeded' ? 'warning' : undefined },
      pod.restarts > 0 ? { text: String(pod.restarts), tone: 'warning' } : '0',
      pod.images.map((image) => ({ text: image, code: true })),
      pod.issues.length === 0 ? '–' : pod.issues.map((issue) => ({ text: issue.reason, tone: issue.severity, title: issue.message })),
    ]),
    empty: 'No pods.',
  };
}

interface GroupedIssue {
  severity: 'error' | 'warning';
  reason: string;
  detail: string;
}

/**
 * Every problem once per deployment and reason, worst first: five pods of one deployment in
 * CrashLoopBackOff are one line, "5 pods of deployment api", not five.
 */
function groupedIssues(data: KubernetesData): GroupedIssue[] {
  const groups = new Map<string, { first: WorkloadIssue; where: string; pods: number }>();
  const add = (issue: WorkloadIssue, where: string, pods: number) => {
    const key = `${where}\u0000${issue.severity}\u0000${issue.reason}`;
    const group = groups.get(key);
    if (group) group.pods += pods;
    else groups.set(key, { first: issue, where, pods });
  };
  for (const cluster of data.clusters) {
    const on = data.clusters.length > 1 ? ` on ${cluster.name}` : '';
    for (const deployment of cluster.deployments) {
      const where = `deployment ${deployment.name}${on}`;
      for (const issue of deployment.issues) add(issue, where, 0);
      for (const pod of deployment.pods) for (const issue of uniqueReasons(pod.issues)) add(issue, where, 1);
    }
    for (const pod of cluster.otherPods) for (const issue of uniqueReasons(pod.issues)) add(issue, `${issue.subject}${on}`, 0);
  }
  return [...groups.values()]
    .sort((a, b) => severityRank(a.first) - severityRank(b.first) || b.pods - a.pods)
    .map(({ first, where, pods }) => {
      const scope = pods > 1 ? `${pods} pods of ${where}` : pods === 1 ? `${first.subject} of ${where}` : where;
      return { severity: first.severity, reason: first.reason, detail: sentence(`${scope}: ${first.message}`) };
    });
}

function severityRank(issue: WorkloadIssue): number {
  return issue.severity === 'error' ? 0 : 1;
}

/** One issue per reason within a pod (two containers in CrashLoopBackOff count the pod once). */
function uniqueReasons(issues: WorkloadIssue[]): WorkloadIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => !seen.has(issue.reason) && seen.add(issue.reason));
}

function allIssues(data: KubernetesData): WorkloadIssue[] {
  return data.clusters.flatMap((cluster) => [
    ...cluster.deployments.flatMap((deployment) => [...deployment.issues, ...deployment.pods.flatMap((pod) => pod.issues)]),
    ...cluster.otherPods.flatMap((pod) => pod.issues),
  ]);
}

function podsOf(cluster: ClusterWorkloads): PodSummary[] {
  return [...cluster.deployments.flatMap((deployment) => deployment.pods), ...cluster.otherPods];
}

function isReady(pod: PodSummary): boolean {
  return pod.phase === 'Running' && pod.readyContainers === pod.containers;
}

function worstOf(pods: PodSummary[]): Health {
  return pods.some((pod) => pod.health === 'error') ? 'error' : pods.some((pod) => pod.health === 'warning') ? 'warning' : 'ok';
}

/** A phase coloured by the pod's health: "Running" is not green while a container crash-loops. */
function phaseTone(pod: PodSummary): Tone | undefined {
  if (pod.health === 'error' || pod.health === 'warning') return pod.health;
  return pod.phase === 'Running' ? 'ok' : pod.phase === 'Pending' || pod.phase === 'Unknown' ? 'warning' : undefined;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Ends a message with a full stop unless it already ends a sentence (cluster messages often do). */
function sentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}
