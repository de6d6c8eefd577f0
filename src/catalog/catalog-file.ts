import { z } from 'zod';

/** A relation as Backstage's catalog API returns it. */
export const entityRelationSchema = z.object({
  type: z.string(),
  targetRef: z.string(),
});

/** Where an entity was declared. */
export const entitySourceSchema = z.object({
  repo: z.string(),
  file: z.string(),
  line: z.number().int().positive(),
});

/** One entity in catalog.json: Backstage's shape plus relations and its source location. */
export const catalogEntitySchema = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z
    .object({
      name: z.string(),
      namespace: z.string(),
      title: z.string().optional(),
      description: z.string().optional(),
      labels: z.record(z.string(), z.string()).optional(),
      annotations: z.record(z.string(), z.string()).optional(),
      tags: z.array(z.string()).optional(),
      links: z
        .array(z.object({ url: z.string(), title: z.string().optional(), icon: z.string().optional(), type: z.string().optional() }).loose())
        .optional(),
    })
    .loose(),
  spec: z.record(z.string(), z.unknown()).optional(),
  relations: z.array(entityRelationSchema),
  source: entitySourceSchema,
  /** What plugins add, by plugin name (e.g. `plugins.coverage.line`). */
  plugins: z.record(z.string(), z.unknown()).optional(),
});
export type CatalogEntity = z.infer<typeof catalogEntitySchema>;

/** catalog.json at the output root: every valid entity, sorted by entity ref. */
export const catalogFileSchema = z.object({ entities: z.array(catalogEntitySchema) });
export type CatalogFile = z.infer<typeof catalogFileSchema>;
