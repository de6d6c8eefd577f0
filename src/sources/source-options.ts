import { z } from 'zod';
import { gitRefSchema, gitUrlSchema } from './git-url.ts';

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

/** Where repos come from: one item of the `sources` option. */
export const sourceSchema = z.discriminatedUnion('type', [directorySourceSchema, gitSourceSchema, repoSourceSchema]);
export type SourceConfig = z.infer<typeof sourceSchema>;
