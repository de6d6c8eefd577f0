import type { WorkloadQuery } from './entity-query.ts';
import { compareStrings } from '../../plugin-api.ts';
import {
  healthOfIssues,
  worstHealth,
  type ClusterWorkloads,
  type DeploymentSummary,
  type KubernetesData,
  type PodSummary,
  type WorkloadIssue,
} from './workloads.ts';

/**
 * From Kubernetes list responses (apps/v1 Deployment, v1 Pod, as the API documents them and as
 * @kubernetes/client-node returns them) to the plugin's data: pods grouped under the deployment
 * that owns them, and the problems Backstage's Kubernetes plugin detects, in sentences. Pure: the
 * same lists always give the same data, nothing depends on the clock.
 *
 * The input types name only the fields read, all optional, because the API omits empty ones.
 */

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  ownerReferences?: { kind?: string; name?: string }[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface ContainerSpec {
  name?: string;
  image?: string;
}

interface ContainerStateDetail {
  reason?: string;
  message?: string;
  exitCode?: number;
}

export interface ContainerStatus {
  name?: string;
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: ContainerStateDetail; running?: object; terminated?: ContainerStateDetail };
  lastState?: { waiting?: ContainerStateDetail; running?: object; terminated?: ContainerStateDetail };
}

export interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

export interface DeploymentResource {
  metadata?: ObjectMeta;
  spec?: {
    replicas?: number;
    selector?: LabelSelector;
    template?: { spec?: { containers?: ContainerSpec[] } };
  };
  status?: {
    readyReplicas?: number;
    availableReplicas?: number;
    updatedReplicas?: number;
    conditions?: Condition[];
  };
}

export interface PodResource {
  metadata?: ObjectMeta;
  spec?: { containers?: ContainerSpec[] };
  status?: {
    phase?: string;
    reason?: string;
    message?: string;
    conditions?: Condition[];
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
}

/** Waiting reasons that mean the container will not run until someone fixes something. */
const failingWaitReasons: Record<string, string> = {
  CrashLoopBackOff: 'keeps crashing; Kubernetes restarts it with a growing back-off delay',
  ImagePullBackOff: 'cannot pull its image (a wrong name or tag, or no permission to pull it)',
  ErrImagePull: 'cannot pull its image (a wrong name or tag, or no permission to pull it)',
  ErrImageNeverPull: 'needs an image the node does not have, and its pull policy is Never',
  InvalidImageName: 'has an image name that is not valid',
  CreateContainerConfigError: 'cannot start: a ConfigMap or Secret it needs is missing or lacks a key',
  CreateContainerError: 'could not be created',
  RunContainerError: 'could not be started',
};

/** Longest piece of a cluster's own message kept in a sentence. */
const maxDetail = 240;

export function mapClusterWorkloads(
  clusterName: string,
  deployments: readonly DeploymentResource[],
  pods: readonly PodResource[],
): ClusterWorkloads {
  const sortedDeployments = [...deployments].sort((a, b) => compareStrings(keyOf(a.metadata), keyOf(b.metadata)));
  const podsByDeployment = new Map<DeploymentResource, PodSummary[]>(sortedDeployments.map((deployment) => [deployment, []]));
  const otherPods: PodSummary[] = [];

  for (const pod of [...pods].sort((a, b) => compareStrings(keyOf(a.metadata), keyOf(b.metadata)))) {
    const owner = ownerOf(pod, sortedDeployments);
    (owner ? podsByDeployment.get(owner)! : otherPods).push(summarizePod(pod));
  }

  const summaries = sortedDeployments.map((deployment) => summarizeDeployment(deployment, podsByDeployment.get(deployment)!));
  const found = summaries.length > 0 || otherPods.length > 0;
  return {
    name: clusterName,
    health: found ? worstHealth(['ok', ...summaries.map((d) => d.health), ...otherPods.map((p) => p.health)]) : 'unknown',
    deployments: summaries,
    otherPods,
  };
}

/** The entity's data: every cluster's workloads, and the worst health among them. */
export function kubernetesData(query: WorkloadQuery, clusters: ClusterWorkloads[]): KubernetesData {
  return { ...query, health: worstHealth(clusters.map((cluster) => cluster.health)), clusters };
}

/** A cluster that could not be asked: its error is shown, the other clusters' data is kept. */
export function failedCluster(clusterName: string, error: string): ClusterWorkloads {
  return { name: clusterName, health: 'error', error, deployments: [], otherPods: [] };
}

export function summarizeDeployment(deployment: DeploymentResource, pods: PodSummary[]): DeploymentSummary {
  const name = deployment.metadata?.name ?? '(unnamed)';
  const subject = `deployment ${name}`;
  const desired = deployment.spec?.replicas ?? 1;
  const ready = deployment.status?.readyReplicas ?? 0;
  const issues: WorkloadIssue[] = [];

  for (const condition of deployment.status?.conditions ?? []) {
    const detail = condition.message ? `: ${clip(condition.message)}` : '';
    if (condition.type === 'Progressing' && condition.status === 'False') {
      issues.push({ severity: 'error', reason: condition.reason ?? 'ProgressDeadlineExceeded', message: `The rollout is not progressing${detail}`, subject });
    } else if (condition.type === 'Available' && condition.status === 'False') {
      issues.push({ severity: 'error', reason: condition.reason ?? 'MinimumReplicasUnavailable', message: `Fewer replicas are available than the deployment needs${detail}`, subject });
    } else if (condition.type === 'ReplicaFailure' && condition.status === 'True') {
      issues.push({ severity: 'error', reason: condition.reason ?? 'ReplicaFailure', message: `Pods could not be created${detail}`, subject });
    } else if (condition.status === 'False' && condition.message) {
      // Backstage's rule for any other condition: false, with a message, is an error.
      issues.push({ severity: 'error', reason: condition.reason ?? condition.type ?? 'Condition', message: `${condition.type ?? 'A condition'} is false${detail}`, subject });
    }
  }
  const unavailableReported = issues.some((issue) => issue.reason === 'MinimumReplicasUnavailable');
  if (desired > 0 && ready < desired && !unavailableReported) {
    issues.push({
      severity: ready === 0 ? 'error' : 'warning',
      reason: ready === 0 ? 'NoReplicasReady' : 'ReplicasNotReady',
      message: `${ready} of ${desired} replicas are ready`,
      subject,
    });
  }

  return {
    name,
    namespace: deployment.metadata?.namespace ?? '',
    desired,
    ready,
    available: deployment.status?.availableReplicas ?? 0,
    updated: deployment.status?.updatedReplicas ?? 0,
    images: unique((deployment.spec?.template?.spec?.containers ?? []).map((container) => container.image ?? '').filter(Boolean)),
    health: worstHealth([healthOfIssues(issues), ...pods.map((pod) => pod.health)]),
    issues,
    pods,
  };
}

export function summarizePod(pod: PodResource): PodSummary {
  const name = pod.metadata?.name ?? '(unnamed)';
  const subject = `pod ${name}`;
  const status = pod.status ?? {};
  const phase = status.phase ?? 'Unknown';
  const statuses = status.containerStatuses ?? [];
  const issues: WorkloadIssue[] = [
    ...(status.initContainerStatuses ?? []).flatMap((cs) => containerIssues(cs, subject, 'Init container', phase)),
    ...statuses.flatMap((cs) => containerIssues(cs, subject, 'Container', phase)),
  ];

  if (phase === 'Failed') {
    const detail = status.message ? `: ${clip(status.message)}` : '';
    issues.push({ severity: 'error', reason: status.reason ?? 'Failed', message: `The pod has failed${detail}`, subject });
  } else if (phase === 'Pending' && issues.length === 0) {
    const unscheduled = status.conditions?.find((condition) => condition.type === 'PodScheduled' && condition.status === 'False');
    issues.push(
      unscheduled
        ? { severity: 'warning', reason: unscheduled.reason ?? 'Unschedulable', message: `The pod cannot be scheduled${unscheduled.message ? `: ${clip(unscheduled.message)}` : ''}`, subject }
        : { severity: 'warning', reason: 'Pending', message: 'The pod is pending: its containers have not started yet', subject },
    );
  } else if (phase === 'Unknown') {
    issues.push({ severity: 'warning', reason: 'Unknown', message: "The pod's state is unknown: its node has stopped reporting", subject });
  }

  const specContainers = pod.spec?.containers ?? [];
  return {
    name,
    namespace: pod.metadata?.namespace ?? '',
    phase,
    readyContainers: statuses.filter((cs) => cs.ready === true).length,
    containers: Math.max(specContainers.length, statuses.length),
    restarts: statuses.reduce((sum, cs) => sum + (cs.restartCount ?? 0), 0),
    images: unique(specContainers.map((container) => container.image ?? '').filter(Boolean)),
    health: healthOfIssues(issues),
    issues,
  };
}

function containerIssues(cs: ContainerStatus, subject: string, label: string, phase: string): WorkloadIssue[] {
  const container = cs.name ?? '(unnamed)';
  const who = `${label} ${container}`;
  const issues: WorkloadIssue[] = [];
  const waiting = cs.state?.waiting;
  if (waiting?.reason && waiting.reason in failingWaitReasons) {
    // CrashLoopBackOff's own message only repeats the back-off; how the container last ended says more.
    const detail = waiting.reason === 'CrashLoopBackOff' ? lastExit(cs) : waiting.message ? ` (${clip(waiting.message)})` : '';
    issues.push({ severity: 'error', reason: waiting.reason, message: `${who} ${failingWaitReasons[waiting.reason]}${detail}`, subject, container });
  }
  const oom = [cs.state?.terminated, cs.lastState?.terminated].find((terminated) => terminated?.reason === 'OOMKilled');
  if (oom) {
    const code = oom.exitCode !== undefined ? `, exit code ${oom.exitCode}` : '';
    issues.push({ severity: 'error', reason: 'OOMKilled', message: `${who} was killed for using more memory than its limit (OOMKilled${code})`, subject, container });
  }
  const restarts = cs.restartCount ?? 0;
  if (issues.length === 0 && restarts > 0) {
    issues.push({ severity: 'warning', reason: 'Restarted', message: `${who} has restarted ${restarts} ${restarts === 1 ? 'time' : 'times'}${lastExit(cs)}`, subject, container });
  }
  if (issues.length === 0 && cs.state?.running && cs.ready === false && phase === 'Running') {
    issues.push({ severity: 'warning', reason: 'NotReady', message: `${who} is running but not ready: its readiness probe is failing`, subject, container });
  }
  return issues;
}

/** ` (last exit: Error, code 1)` from the container's last termination, or nothing. */
function lastExit(cs: ContainerStatus): string {
  const last = cs.lastState?.terminated;
  if (!last) return '';
  return ` (last exit: ${[last.reason, last.exitCode !== undefined ? `code ${last.exitCode}` : ''].filter(Boolean).join(', ')})`;
}

/**
 * The deployment a pod belongs to: the one whose ReplicaSet owns it (ReplicaSets are named
 * `<deployment>-<pod-template-hash>`), else the first whose selector matches its labels, in the
 * same namespace. Kubernetes itself goes through the ReplicaSet; this saves listing them.
 */
function ownerOf(pod: PodResource, deployments: readonly DeploymentResource[]): DeploymentResource | undefined {
  const namespace = pod.metadata?.namespace;
  const labels = pod.metadata?.labels ?? {};
  const candidates = deployments.filter((deployment) => deployment.metadata?.namespace === namespace);
  const replicaSet = pod.metadata?.ownerReferences?.find((owner) => owner.kind === 'ReplicaSet')?.name;
  const hash = labels['pod-template-hash'];
  if (replicaSet && hash) {
    const owner = candidates.find((deployment) => `${deployment.metadata?.name}-${hash}` === replicaSet);
    if (owner) return owner;
  }
  return candidates.find((deployment) => selectorMatches(deployment.spec?.selector, labels));
}

/** Kubernetes' label selector semantics: all terms must hold; an empty selector matches everything, a missing one nothing. */
export function selectorMatches(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const expression of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, expression.key);
    const values = expression.values ?? [];
    switch (expression.operator) {
      case 'In':
        if (!has || !values.includes(labels[expression.key]!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[expression.key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

function keyOf(metadata: ObjectMeta | undefined): string {
  return `${metadata?.namespace ?? ''}/${metadata?.name ?? ''}`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > maxDetail ? `${oneLine.slice(0, maxDetail - 1)}…` : oneLine;
}
