/**
 * What the plugin stage adds to the site data, as it carries it to the pages: each entity's panels, badges and
 * search filters, whole pages, and JSON files. Declared here, below the page models and the site data that are
 * built of them (src/site), so that the stage can extend the site data without importing it.
 */
import { z } from 'zod';
import { entityBadgeSchema, panelContentSchema, panelSchema } from './panel-view.ts';

/** What the plugin stage adds to an entity's page model. */
export const entityPluginBlocksSchema = z.object({
  /** Plugin cards on the overview, in configured plugin order (added by the plugin stage). */
  cards: z.array(panelSchema).optional(),
  /** Plugin tabs, each its own page at `<path><slug>/`. */
  tabs: z.array(panelSchema).optional(),
  /** Plugin badges for the catalog explorer. */
  badges: z.array(entityBadgeSchema).optional(),
  /** Plugin search filters for the entity page's index entry. */
  searchFilters: z.record(z.string(), z.array(z.string())).optional(),
});
export type EntityPluginBlocks = z.infer<typeof entityPluginBlocksSchema>;

/** A whole page contributed by a plugin, at `plugins/<plugin>/<path>/`. */
export const pluginPageSchema = z.object({
  plugin: z.string(),
  path: z.string(),
  title: z.string(),
  description: z.string().optional(),
  nav: z.boolean().optional(),
  sample: z.boolean(),
  content: panelContentSchema,
});
export type PluginPageView = z.infer<typeof pluginPageSchema>;

/** A JSON file contributed by a plugin, at `plugins/<plugin>/<path>`, written at `from` (build-side only). */
export const pluginFileSchema = z.object({ plugin: z.string(), path: z.string(), from: z.string() });
export type PluginFile = z.infer<typeof pluginFileSchema>;
