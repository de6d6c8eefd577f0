import { z } from '../../plugin-api.ts';

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the NAME of an environment variable (the token itself goes in that variable)');

/** A cluster given by its API server URL; the token comes from the environment variable `tokenEnv`. */
export const urlClusterSchema = z
  .object({
    /** Shown on the entity page and in problems. */
    name: z.string().min(1),
    /** The API server, e.g. `https://k8s.example.internal:6443`. */
    url: z.url({ protocol: /^https?$/, error: 'must be the http(s) URL of the API server' }),
    /** Environment variable holding a bearer token (a service account's). Unset or empty: no token is sent. */
    tokenEnv: envName.optional(),
    /** PEM file of the CA that signed the API server's certificate, when it is not a public one. */
    caFile: z.string().min(1).optional(),
    /** Accept any certificate. Only for test clusters: anyone in between can read the token. */
    skipTLSVerify: z.boolean().default(false),
  })
  .strict();

/**
 * A cluster from a kubeconfig file: its server, CA, TLS settings and client certificate. A token
 * in the kubeconfig (or an exec / auth-provider plugin) is not used, because Playbill could not
 * keep it out of the output: put the token in an environment variable and name it in `tokenEnv`.
 */
export const kubeconfigClusterSchema = z
  .object({
    /** Default: the context's name. */
    name: z.string().min(1).optional(),
    kubeconfig: z
      .object({
        /** Relative to the project root; `~/` is the home folder. */
        path: z.string().min(1),
        /** Default: the file's current-context. */
        context: z.string().min(1).optional(),
      })
      .strict(),
    tokenEnv: envName.optional(),
  })
  .strict();

export const kubernetesOptionsSchema = z
  .object({
    /** Every cluster is asked for every annotated entity, as Backstage does. */
    clusters: z.array(z.union([urlClusterSchema, kubeconfigClusterSchema])).min(1, 'name at least one cluster'),
    /** Items per list request (`limit`); longer lists are read page by page through `continue`. */
    pageSize: z.number().int().min(1).max(5000).default(500),
  })
  .strict()
  .superRefine((options, context) => {
    const seen = new Set<string>();
    options.clusters.forEach((cluster, index) => {
      if (cluster.name === undefined) return;
      if (seen.has(cluster.name)) context.addIssue({ code: 'custom', message: `two clusters are named "${cluster.name}"`, path: ['clusters', index, 'name'] });
      seen.add(cluster.name);
    });
  });

export type KubernetesOptions = z.output<typeof kubernetesOptionsSchema>;
export type ClusterOption = KubernetesOptions['clusters'][number];
