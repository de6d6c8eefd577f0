import type { CatalogEntity } from '../../plugin-api.ts';

export const kubernetesIdAnnotation = 'backstage.io/kubernetes-id';
export const labelSelectorAnnotation = 'backstage.io/kubernetes-label-selector';
export const namespaceAnnotation = 'backstage.io/kubernetes-namespace';

/** What to ask every cluster for one entity. */
export interface WorkloadQuery {
  labelSelector: string;
  /** Restricts the lists to one namespace; absent means all namespaces. */
  namespace?: string;
}

/**
 * Backstage's rule: `backstage.io/kubernetes-label-selector` is used as given and wins over
 * `backstage.io/kubernetes-id`, which means the selector `backstage.io/kubernetes-id=<id>`;
 * `backstage.io/kubernetes-namespace` restricts the query to that namespace. Null when the
 * entity has neither selector annotation.
 */
export function workloadQueryFor(entity: Pick<CatalogEntity, 'metadata'>): WorkloadQuery | null {
  const annotations = entity.metadata.annotations ?? {};
  const selector = annotations[labelSelectorAnnotation]?.trim();
  const id = annotations[kubernetesIdAnnotation]?.trim();
  const namespace = annotations[namespaceAnnotation]?.trim();
  const labelSelector = selector || (id ? `${kubernetesIdAnnotation}=${id}` : '');
  if (!labelSelector) return null;
  return namespace ? { labelSelector, namespace } : { labelSelector };
}
