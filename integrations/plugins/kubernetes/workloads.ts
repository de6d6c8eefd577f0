import { z } from '../../plugin-api.ts';

/**
 * What the Kubernetes plugin keeps for one entity: per configured cluster, the deployments its
 * label selector finds, their pods, and the problems detected in them, as Backstage's Kubernetes
 * plugin shows them. Health is derived once, when mapping, so the card, the tab, badges and
 * search agree.
 */

/** `unknown`: nothing matched the selector anywhere, so there is nothing to call healthy. */
export const healthSchema = z.enum(['ok', 'warning', 'error', 'unknown']);
export type Health = z.infer<typeof healthSchema>;

/** One thing wrong, e.g. a container in CrashLoopBackOff or a deployment past its progress deadline. */
export const workloadIssueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  /** Kubernetes' own word for it where there is one: CrashLoopBackOff, OOMKilled, ProgressDeadlineExceeded. */
  reason: z.string(),
  /** A sentence a person understands. */
  message: z.string(),
  /** What it is about: `pod api-7d4b9c-x2x8l` or `deployment api`. */
  subject: z.string(),
  container: z.string().optional(),
});
export type WorkloadIssue = z.infer<typeof workloadIssueSchema>;

export const podSummarySchema = z.object({
  name: z.string(),
  namespace: z.string(),
  /** Pending, Running, Succeeded, Failed or Unknown. */
  phase: z.string(),
  readyContainers: z.number().int().min(0),
  containers: z.number().int().min(0),
  restarts: z.number().int().min(0),
  images: z.array(z.string()),
  health: healthSchema,
  issues: z.array(workloadIssueSchema),
});
export type PodSummary = z.infer<typeof podSummarySchema>;

export const deploymentSummarySchema = z.object({
  name: z.string(),
  namespace: z.string(),
  /** spec.replicas (Kubernetes' default is 1). */
  desired: z.number().int().min(0),
  ready: z.number().int().min(0),
  available: z.number().int().min(0),
  updated: z.number().int().min(0),
  images: z.array(z.string()),
  /** Worst of its own issues and its pods'. */
  health: healthSchema,
  issues: z.array(workloadIssueSchema),
  pods: z.array(podSummarySchema),
});
export type DeploymentSummary = z.infer<typeof deploymentSummarySchema>;

export const clusterWorkloadsSchema = z.object({
  name: z.string(),
  health: healthSchema,
  /** Set when this cluster could not be asked; the other clusters' data is still shown. */
  error: z.string().optional(),
  deployments: z.array(deploymentSummarySchema),
  /** Pods the selector finds that no listed deployment owns (jobs, stateful sets, bare pods). */
  otherPods: z.array(podSummarySchema),
});
export type ClusterWorkloads = z.infer<typeof clusterWorkloadsSchema>;

export const kubernetesDataSchema = z.object({
  labelSelector: z.string(),
  /** From `backstage.io/kubernetes-namespace`; absent means all namespaces. */
  namespace: z.string().optional(),
  health: healthSchema,
  clusters: z.array(clusterWorkloadsSchema).min(1),
});
export type KubernetesData = z.infer<typeof kubernetesDataSchema>;

const order: Record<Health, number> = { unknown: 0, ok: 1, warning: 2, error: 3 };

/** The worse of the given healths; `unknown` only when there is nothing else. */
export function worstHealth(healths: Iterable<Health>): Health {
  let worst: Health = 'unknown';
  for (const health of healths) if (order[health] > order[worst]) worst = health;
  return worst;
}

/** Health of a thing from its issues alone: error beats warning beats ok. */
export function healthOfIssues(issues: readonly WorkloadIssue[]): Health {
  if (issues.some((issue) => issue.severity === 'error')) return 'error';
  if (issues.some((issue) => issue.severity === 'warning')) return 'warning';
  return 'ok';
}
