import { z } from 'zod';
import { catalogEntitySchema, problemSchema } from '../catalog/index.ts';
import { docAssetSchema, docPageViewSchema, docSiteViewSchema } from '../docs/index.ts';
import { repoBudgetUsageSchema } from '../sources/index.ts';
import { entityViewSchema } from './entity-view.ts';
import { panelContentSchema } from '../plugins/panel-view.ts';

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

/** What the pipeline hands to the pages: made once per build on the pipeline worker, handed to the pages by the integration. */
export const siteDataSchema = z.object({
  title: z.string(),
  /** Whether the build writes a search index (the `search` option): pages show the search button only then. */
  search: z.boolean(),
  /** Entities in catalog.json form, sorted by ref. */
  entities: z.array(catalogEntitySchema),
  /** Page models, in the same order as `entities`. */
  views: z.array(entityViewSchema),
  problems: z.array(problemSchema),
  docSites: z.array(docSiteViewSchema),
  docPages: z.array(docPageViewSchema),
  /** Files of docs folders to copy into the output after the build. */
  docAssets: z.array(docAssetSchema),
  /** Repos with their checkout folder (build-side only: the folder is never rendered). */
  repos: z.array(
    z.object({
      name: z.string(),
      dir: z.string(),
      entities: z.number(),
      errors: z.number(),
      warnings: z.number(),
      /** What the repo has used of its budgets so far, for the plugin stage (which may run on another thread). */
      budgetUsed: repoBudgetUsageSchema.optional(),
    }),
  ),
  /** Whole pages contributed by plugins, at `plugins/<plugin>/<path>/`. */
  pluginPages: z.array(pluginPageSchema).default([]),
  /** JSON files contributed by plugins, at `plugins/<plugin>/<path>`, written at `from` (build-side only). */
  pluginFiles: z.array(z.object({ plugin: z.string(), path: z.string(), from: z.string() })).default([]),
});
export type SiteData = z.infer<typeof siteDataSchema>;
