import { definePlugin, type PluginFetchContext } from '../../plugin-api.ts';
import type { ClusterConnection } from './cluster-connection.ts';
import { workloadQueryFor, type WorkloadQuery } from './entity-query.ts';
import { failedCluster, kubernetesData, mapClusterWorkloads } from './map-workloads.ts';
import { kubernetesOptionsSchema, type ClusterOption } from './options.ts';
import { kubernetesBadge, kubernetesCatalogSummary, kubernetesSearch, renderKubernetesCard, renderKubernetesTab, tabSlug } from './render-kubernetes.ts';
import { kubernetesDataSchema, type ClusterWorkloads } from './workloads.ts';

/**
 * Kubernetes: for entities annotated `backstage.io/kubernetes-id` or
 * `backstage.io/kubernetes-label-selector` (and optionally `backstage.io/kubernetes-namespace`),
 * every configured cluster's deployments and pods, with replicas, phases, restarts, images and the
 * errors Backstage's Kubernetes plugin detects (CrashLoopBackOff, ImagePullBackOff, OOMKilled…).
 *
 *   kubernetes({ clusters: [{ name: 'production', url: 'https://k8s.example.com', tokenEnv: 'K8S_TOKEN' }] })
 */
export const kubernetes = definePlugin({
  name: 'kubernetes',
  title: 'Kubernetes',
  // Lets the pipeline worker import this plugin and run it off the main thread.
  module: import.meta.url,
  options: kubernetesOptionsSchema,
  create: (options) => {
    // Each cluster's settings (files, token) are read once per build, when the first entity needs them.
    const connections = new Map<ClusterOption, Promise<ClusterConnection>>();
    const connect = async (cluster: ClusterOption, context: PluginFetchContext) => {
      let connection = connections.get(cluster);
      if (!connection) {
        const { connectCluster } = await import('./cluster-connection.ts');
        connections.set(cluster, (connection = connectCluster(cluster, context.secret)));
      }
      return connection;
    };

    const fetchCluster = async (cluster: ClusterOption, query: WorkloadQuery, context: PluginFetchContext): Promise<ClusterWorkloads> => {
      let name = cluster.name ?? ('kubeconfig' in cluster ? `kubeconfig ${cluster.kubeconfig.path}` : '');
      try {
        const connection = await connect(cluster, context);
        name = connection.name;
        const { listClusterWorkloads } = await import('./kubernetes-api.ts');
        const lists = await listClusterWorkloads(connection, query, context.fetch, options.pageSize);
        return mapClusterWorkloads(connection.name, lists.deployments, lists.pods);
      } catch (error) {
        return failedCluster(name, (error as Error).message);
      }
    };

    return {
      appliesTo: (entity) => workloadQueryFor(entity) !== null,
      data: kubernetesDataSchema,
      fetch: async (entity, context) => {
        const query = workloadQueryFor(entity)!;
        const clusters = await Promise.all(options.clusters.map((cluster) => fetchCluster(cluster, query, context)));
        // With every cluster down there is nothing to show: that is the plugin's problem for this entity.
        // With some up, the panel shows the others and says which cluster is unavailable.
        if (clusters.every((cluster) => cluster.error !== undefined)) throw new Error(clusters.map((cluster) => cluster.error).join('; '));
        for (const cluster of clusters) if (cluster.error !== undefined) context.report(cluster.error);
        return kubernetesData(query, clusters);
      },
      card: (data, entity) => renderKubernetesCard(data, entity),
      tab: { title: 'Kubernetes', slug: tabSlug, render: (data) => renderKubernetesTab(data) },
      badges: (data) => [kubernetesBadge(data)],
      search: (data) => kubernetesSearch(data),
      catalog: (data) => kubernetesCatalogSummary(data),
    };
  },
});

export default kubernetes;
