import { z } from 'zod';
import { isPlaybillPlugin, type PlaybillPlugin } from '../plugins/plugin-contract.ts';
import { gitRefSchema, gitUrlSchema } from '../sources/index.ts';

/** A folder whose immediate subfolders are repos (a checkout of many repos, or the bundled example). */
export const directorySourceSchema = z.object({
  type: z.literal('directory'),
  /** Folder of repos, absolute or relative to the project root. */
  path: z.string().min(1),
});

/** One git repo, cloned shallowly with the system git into the cache folder. */
export const gitSourceSchema = z.object({
  type: z.literal('git'),
  /** An https, http, ssh, git or file URL, an ssh `host:path` address or a local path; never a transport helper (`ext::`). */
  url: gitUrlSchema,
  /** Branch, tag or commit to check out. Default: the remote's default branch. */
  ref: gitRefSchema.optional(),
  /** Repo name shown in the portal. Default: the last path segment of the URL without `.git`. */
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, ".", "_" and "-" only')
    .optional(),
});

/** One folder that is itself a repo, named after the folder: what `check` reads. */
export const repoSourceSchema = z.object({
  type: z.literal('repo'),
  /** The repo's folder, absolute or relative to the project root. */
  path: z.string().min(1),
});

export const sourceSchema = z.discriminatedUnion('type', [directorySourceSchema, gitSourceSchema, repoSourceSchema]);
export type SourceConfig = z.infer<typeof sourceSchema>;

/** Options of the `playbill()` integration; this schema is the configuration reference. */
export const playbillOptionsSchema = z
  .object({
    /** Site title, shown in the header and the browser tab. */
    title: z.string().min(1).default('Playbill'),
    /** Where repos come from. Default: the bundled example organisation. */
    sources: z
      .array(sourceSchema)
      .min(1, 'give at least one source')
      .default([{ type: 'directory', path: 'content/example-org' }]),
    /**
     * Extra descriptor globs, relative to each repo root, read besides the root
     * `catalog-info.yaml`/`.yml` (e.g. `services/*\/catalog-info.yaml`).
     */
    catalogFiles: z.array(z.string().min(1)).default([]),
    /** Kinds beyond Backstage's built-in ones to accept (envelope-validated only), e.g. `AiResource`. */
    customKinds: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'a kind is letters and digits')).default([]),
    /** Fail the build when any problem of this severity or worse is found (repo CI). */
    strict: z.union([z.boolean(), z.enum(['error', 'warning'])]).default(false),
    /** Descriptor and substitution files larger than this are refused with a problem. */
    maxFileBytes: z.number().int().positive().default(1024 * 1024),
    /** Site base path, e.g. `/portal/`; forwarded to Astro's `base`. */
    base: z.string().startsWith('/', 'a base path starts with "/"').optional(),
    /** TechDocs: how docs from repos are built. */
    docs: z
      .object({
        /** Publish a repo's `docs/` folder even when no entity references it (under the repo's first entity). */
        unreferenced: z.boolean().default(false),
        /** Keep `<iframe>` elements (https only) from raw HTML in docs. */
        allowIframes: z.boolean().default(false),
        /** Repos whose `.mdx` pages may run expressions at build time. MDX is code: trust only your own repos. */
        trustedRepos: z.array(z.string()).default([]),
      })
      .strict()
      .default({ unreferenced: false, allowIframes: false, trustedRepos: [] }),
    /**
     * Index entity and docs pages for search at the end of the build (pagefind). `false` builds
     * without the index and without the search button: quicker preview builds, or a portal searched
     * by something else (like Starlight's `pagefind: false`).
     */
    search: z.boolean().default(true),
    /** Build-time integrations, e.g. `[kubernetes({...}), github({...})]`. */
    plugins: z
      .array(z.custom<PlaybillPlugin>(isPlaybillPlugin, 'not a Playbill plugin: call the plugin factory, e.g. github({ ... })'))
      .default([]),
    /** How plugins talk to external services. */
    fetch: z
      .object({
        /** Requests in flight at once, across all plugins. */
        concurrency: z.number().int().min(1).max(64).default(6),
        /** Per request attempt. */
        timeoutMs: z.number().int().positive().default(10_000),
        /** Extra attempts after a network error, timeout, 5xx or 429, with exponential backoff. */
        retries: z.number().int().min(0).max(10).default(2),
        backoffMs: z.number().int().min(0).default(500),
        /** Longest wait for a spent rate limit to reset; longer waits fail the request. */
        maxRateLimitWaitMs: z.number().int().min(0).default(60_000),
        /** Responses younger than this are reused from the cache without asking again. */
        cacheTtlMinutes: z.number().min(0).default(60),
        /** Time limit for one plugin's work on one entity, all its requests included. */
        entityTimeoutMs: z.number().int().positive().default(60_000),
        /** Build from the cache only (`--offline`); a request it cannot answer is a plugin problem. */
        offline: z.boolean().default(false),
        /** Folder of recorded API responses to answer requests from instead of the network; panels say "sample data". */
        recordings: z.string().min(1).optional(),
      })
      .strict()
      .prefault({}),
    /** Severity of plugin problems. `warning` (default): an outage never fails a `--strict` build; `error`: it does. */
    pluginProblems: z.enum(['warning', 'error']).default('warning'),
    /**
     * What one repo may cost a build, so that one hostile or runaway repo cannot take the portal
     * down. When either is spent, the repo's remaining work (descriptors, docs pages, plugin calls
     * for its entities) is skipped, with one `budget-exceeded` problem for the repo.
     */
    budgets: z
      .object({
        /** Wall-clock time of the repo's own work across the catalog, docs and plugin stages. */
        repoMs: z.number().int().positive().default(10 * 60_000),
        /** Bytes read from the repo's files, plus what its docs pages expanded to when rendered. */
        repoBytes: z.number().int().positive().default(512 * 1024 * 1024),
      })
      .strict()
      .prefault({}),
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
