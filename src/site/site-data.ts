import { z } from 'zod';
import { catalogEntitySchema } from '../catalog/catalog-file.ts';
import { problemSchema } from '../catalog/problems.ts';
import { docAssetSchema, docPageViewSchema, docSiteViewSchema } from '../docs/docs-view.ts';
import { entityViewSchema } from './entity-view.ts';

/** What the pipeline hands to the pages: written once per build, read once per render process. */
export const siteDataSchema = z.object({
  title: z.string(),
  /** Entities in catalog.json form, sorted by ref. */
  entities: z.array(catalogEntitySchema),
  /** Page models, in the same order as `entities`. */
  views: z.array(entityViewSchema),
  problems: z.array(problemSchema),
  docSites: z.array(docSiteViewSchema),
  docPages: z.array(docPageViewSchema),
  /** Files of docs folders to copy into the output after the build. */
  docAssets: z.array(docAssetSchema),
  repos: z.array(z.object({ name: z.string(), entities: z.number(), errors: z.number(), warnings: z.number() })),
});
export type SiteData = z.infer<typeof siteDataSchema>;
