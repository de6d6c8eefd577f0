import { z } from 'zod';

/** TechDocs: how docs from repos are built (`docs` in the options; src/config/options.ts composes it). */
export const docsOptionsSchema = z
  .object({
    /** Publish a repo's `docs/` folder even when no entity references it (under the repo's first entity). */
    unreferenced: z.boolean().default(false),
    /** Keep `<iframe>` elements (https only) from raw HTML in docs. */
    allowIframes: z.boolean().default(false),
    /** Repos whose `.mdx` pages may run expressions at build time. MDX is code: trust only your own repos. */
    trustedRepos: z.array(z.string()).default([]),
  })
  .strict()
  .default({ unreferenced: false, allowIframes: false, trustedRepos: [] });
