import { z } from 'zod';
import { entityLinkSchema } from '../catalog/entity-link.ts';
import { entityPluginBlocksSchema } from '../plugins/plugin-output.ts';

/** Page models show references to other entities as the catalog resolves them. */
export type { EntityLink } from '../catalog/entity-link.ts';

export const relationGroupSchema = z.object({
  type: z.string(),
  /** Heading for the group, e.g. "Owner of". */
  label: z.string(),
  targets: z.array(entityLinkSchema),
});

export const entitySectionSchema = z.object({
  /** Kind-specific card title, e.g. "Members" on a Group page. */
  title: z.string(),
  items: z.array(entityLinkSchema),
  /** Shown when the card has no items. */
  empty: z.string(),
});
export type EntitySection = z.infer<typeof entitySectionSchema>;

/** Everything one entity page needs, resolved once per build so pages never touch the whole catalog. */
export const entityViewSchema = z.object({
  ref: z.string(),
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  /** metadata.title, else profile.displayName, else the name. */
  title: z.string(),
  description: z.string().optional(),
  /** Site-relative page path, `catalog/<namespace>/<kind>/<name>/`. */
  path: z.string(),
  type: z.string().optional(),
  lifecycle: z.string().optional(),
  owner: entityLinkSchema.optional(),
  system: entityLinkSchema.optional(),
  domain: entityLinkSchema.optional(),
  tags: z.array(z.string()),
  labels: z.array(z.tuple([z.string(), z.string()])),
  annotations: z.array(z.tuple([z.string(), z.string()])),
  /** Links from metadata.links; `safe` is false for anything but http(s)/mailto, which pages render as text. */
  links: z.array(z.object({ url: z.string(), title: z.string(), safe: z.boolean() })),
  profile: z.object({ displayName: z.string().optional(), email: z.string().optional(), picture: z.string().optional() }).optional(),
  source: z.object({ repo: z.string(), file: z.string(), line: z.number(), url: z.string().optional() }),
  sections: z.array(entitySectionSchema),
  relationGroups: z.array(relationGroupSchema),
  /** Site-relative path of the entity's docs site, when it has one. */
  docsPath: z.string().optional(),
  /** API definition: its text, language, and highlighted HTML (every character of the text escaped). */
  definition: z.object({ language: z.string(), text: z.string(), html: z.string() }).optional(),
  /** Cards, tabs, badges and search filters, added by the plugin stage. */
  ...entityPluginBlocksSchema.shape,
});
export type EntityView = z.infer<typeof entityViewSchema>;
