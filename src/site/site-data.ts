import { z } from 'zod';
import { catalogEntitySchema, problemSchema } from '../catalog/index.ts';
import { docAssetSchema, docPageViewSchema, docSiteViewSchema } from '../docs/index.ts';
import { pluginFileSchema, pluginPageSchema } from '../plugins/plugin-output.ts';
import { repoSummarySchema } from '../sources/index.ts';
import { entityViewSchema } from './entity-view.ts';

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
  repos: z.array(repoSummarySchema),
  /** Whole pages contributed by plugins, at `plugins/<plugin>/<path>/`. */
  pluginPages: z.array(pluginPageSchema).default([]),
  /** JSON files contributed by plugins, at `plugins/<plugin>/<path>`, written at `from` (build-side only). */
  pluginFiles: z.array(pluginFileSchema).default([]),
});
export type SiteData = z.infer<typeof siteDataSchema>;
