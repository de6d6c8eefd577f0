import { z } from 'zod';
import { catalogOptionsSchema } from '../catalog/catalog-options.ts';
import { docsOptionsSchema } from '../docs/docs-options.ts';
import { pluginOptionsSchema } from '../plugins/plugin-options.ts';
import { budgetLimitsSchema, sourceSchema } from '../sources/index.ts';

/**
 * The configuration sits above the stages it configures: each stage declares its own options beside
 * its code, and this module composes them into `playbill()`'s options. No stage imports it.
 */
export { directorySourceSchema, gitSourceSchema, repoSourceSchema, sourceSchema, type SourceConfig } from '../sources/index.ts';

/** Options of the `playbill()` integration; this schema, with the stages' own that it names, is the configuration reference. */
export const playbillOptionsSchema = z
  .object({
    /** Site title, shown in the header and the browser tab. */
    title: z.string().min(1).default('Playbill'),
    /** Where repos come from. Default: the bundled example organisation. */
    sources: z
      .array(sourceSchema)
      .min(1, 'give at least one source')
      .default([{ type: 'directory', path: 'content/example-org' }]),
    /** `catalogFiles`, `customKinds`: which descriptors the catalog reads and which kinds it accepts. */
    ...catalogOptionsSchema.shape,
    /** Fail the build when any problem of this severity or worse is found (repo CI). */
    strict: z.union([z.boolean(), z.enum(['error', 'warning'])]).default(false),
    /** Descriptor and substitution files larger than this are refused with a problem. */
    maxFileBytes: z.number().int().positive().default(1024 * 1024),
    /** Site base path, e.g. `/portal/`; forwarded to Astro's `base`. */
    base: z.string().startsWith('/', 'a base path starts with "/"').optional(),
    /** TechDocs: how docs from repos are built. */
    docs: docsOptionsSchema,
    /**
     * Index entity and docs pages for search at the end of the build (pagefind). `false` builds
     * without the index and without the search button: quicker preview builds, or a portal searched
     * by something else (like Starlight's `pagefind: false`).
     */
    search: z.boolean().default(true),
    /** `plugins`, `fetch`, `pluginProblems`: the plugins, how they talk to external services, and their problems' severity. */
    ...pluginOptionsSchema.shape,
    /** What one repo may cost a build, so that one hostile or runaway repo cannot take the portal down. */
    budgets: budgetLimitsSchema,
    /** Folder for git clones and build caches, relative to the project root. */
    cacheDir: z.string().min(1).default('.playbill'),
  })
  .strict();

export type PlaybillUserOptions = z.input<typeof playbillOptionsSchema>;
export type PlaybillOptions = z.output<typeof playbillOptionsSchema>;

/** The severity at which strict mode fails the build, or null when it never does. */
export function strictThreshold(strict: PlaybillOptions['strict']): 'error' | 'warning' | null {
  if (strict === true) return 'error';
  if (strict === false) return null;
  return strict;
}

/** Validates integration options, throwing one readable message that lists every bad option. */
export function parsePlaybillOptions(input: unknown): PlaybillOptions {
  const result = playbillOptionsSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const path = issue.path.length ? issue.path.join('.') : '(options)';
    return `  - ${path}: ${issue.message}`;
  });
  throw new Error(`Invalid playbill() options in astro.config.mjs:\n${lines.join('\n')}`);
}
