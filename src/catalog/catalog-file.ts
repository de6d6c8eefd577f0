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

/** A repo file as it was read: repo-relative POSIX path and the sha256 (hex) of its bytes. */
export const fileDigestSchema = z.object({
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type FileDigest = z.infer<typeof fileDigestSchema>;

/** A `$text`/`$json`/`$yaml` placeholder the catalog replaced with a file's content. */
export const substitutedFileSchema = fileDigestSchema.extend({
  /** The field it filled, e.g. `['spec', 'definition']`. */
  path: z.array(z.union([z.string(), z.number().int().min(0)])),
  placeholder: z.enum(['$text', '$json', '$yaml']),
});
export type SubstitutedFile = z.infer<typeof substitutedFileSchema>;

/**
 * Every file an entity was built from, each with the digest of the bytes the catalog read: what
 * an incremental build keys on, and where plugins learn which file a field's text came from
 * instead of parsing the descriptor again.
 */
export const entityProvenanceSchema = z.object({
  /** The descriptor holding the entity's document (`source.file`). */
  descriptor: fileDigestSchema,
  /** The files whose Location entities led to the descriptor, from the repo's root descriptor down; empty for a root descriptor. */
  locations: z.array(fileDigestSchema),
  /** Each substituted placeholder, in document order. */
  substitutions: z.array(substitutedFileSchema),
});
export type EntityProvenance = z.infer<typeof entityProvenanceSchema>;

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
  /** Every entity the catalog loads has one; an entity made by hand (a test, a plugin's fixture) may go without. */
  provenance: entityProvenanceSchema.optional(),
  /** What plugins add, by plugin name (e.g. `plugins.coverage.line`). */
  plugins: z.record(z.string(), z.unknown()).optional(),
});
export type CatalogEntity = z.infer<typeof catalogEntitySchema>;

/** catalog.json at the output root: every valid entity, sorted by entity ref. */
export const catalogFileSchema = z.object({ entities: z.array(catalogEntitySchema) });
export type CatalogFile = z.infer<typeof catalogFileSchema>;
