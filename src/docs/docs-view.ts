import { z } from 'zod';
import { entityLinkSchema } from '../catalog/entity-link.ts';

/** A navigation entry as pages render it: pages carry their site-relative path. */
export type NavView =
  | { type: 'page'; title: string; path: string }
  | { type: 'link'; title: string; url: string }
  | { type: 'section'; title: string; children: NavView[] };

const navViewSchema: z.ZodType<NavView> = z.lazy(() =>
  z.union([
    z.object({ type: z.literal('page'), title: z.string(), path: z.string() }),
    z.object({ type: z.literal('link'), title: z.string(), url: z.string() }),
    z.object({ type: z.literal('section'), title: z.string(), children: z.array(navViewSchema) }),
  ]),
);

/** One entity's docs site. */
export const docSiteViewSchema = z.object({
  entityRef: z.string(),
  /** mkdocs `site_name`, else the entity's title. */
  title: z.string(),
  entity: entityLinkSchema,
  owner: entityLinkSchema.optional(),
  description: z.string().optional(),
  /** Site-relative path, `docs/<namespace>/<kind>/<name>/`. */
  path: z.string(),
  nav: z.array(navViewSchema),
  pageCount: z.number(),
});
export type DocSiteView = z.infer<typeof docSiteViewSchema>;

const pageLinkSchema = z.object({ title: z.string(), path: z.string() });

/** One docs page; its rendered HTML lives in `htmlFile` so site data stays small at 20,000 pages. */
export const docPageViewSchema = z.object({
  /** Index of the page's site in `docSites`. */
  site: z.number(),
  /** Page slug inside the site ('' for the site home). */
  slug: z.string(),
  path: z.string(),
  title: z.string(),
  description: z.string().optional(),
  toc: z.array(z.object({ depth: z.number(), id: z.string(), text: z.string() })),
  repo: z.string(),
  /** Repo-relative source file. */
  file: z.string(),
  /** Last commit time of the source file (seconds), when the repo is in git. */
  lastUpdated: z.number().optional(),
  editUrl: z.string().optional(),
  previous: pageLinkSchema.optional(),
  next: pageLinkSchema.optional(),
  hasMermaid: z.boolean(),
  /** Whether the page's own content has an h1 (else the layout provides one). */
  hasTitleHeading: z.boolean(),
  htmlFile: z.string(),
});
export type DocPageView = z.infer<typeof docPageViewSchema>;

/** A file of a docs folder to publish as is (images, downloads), copied after the build. */
export const docAssetSchema = z.object({ from: z.string(), to: z.string() });
export type DocAsset = z.infer<typeof docAssetSchema>;
