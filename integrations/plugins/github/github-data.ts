import { z } from '../../plugin-api.ts';

/**
 * What the GitHub plugin keeps for one entity: the repo's default branch, its latest workflow
 * runs on that branch, latest release, open pull request count and languages. Times are the
 * API's ISO 8601 strings, so rendering never depends on the build machine's clock or time zone.
 */
export const workflowRunSchema = z.object({
  id: z.number(),
  /** The workflow's name ("CI"); GitHub may leave it out, then the workflow file's path is used. */
  workflow: z.string(),
  /** The run's title: usually the head commit's first line. */
  title: z.string(),
  number: z.number().int(),
  /** What triggered it: push, pull_request, schedule, workflow_dispatch, … */
  event: z.string(),
  /** queued, in_progress, completed, waiting, requested, pending. */
  status: z.string(),
  /** Set once completed: success, failure, cancelled, timed_out, skipped, neutral, action_required, stale, startup_failure. */
  conclusion: z.string().nullable(),
  branch: z.string().nullable(),
  commit: z.string(),
  startedAt: z.string(),
  /** From start to the last update, for completed runs only. */
  durationSeconds: z.number().nonnegative().nullable(),
  url: z.string(),
});
export type WorkflowRun = z.infer<typeof workflowRunSchema>;

export const releaseSchema = z.object({
  tag: z.string(),
  name: z.string(),
  /** When it was published (or created, for the rare release without a publish date). */
  publishedAt: z.string(),
  prerelease: z.boolean(),
  url: z.string(),
});
export type Release = z.infer<typeof releaseSchema>;

export const languageShareSchema = z.object({
  name: z.string(),
  bytes: z.number().nonnegative(),
  /** Share of the repo's code, 0–100. */
  percent: z.number().min(0).max(100),
});
export type LanguageShare = z.infer<typeof languageShareSchema>;

export const githubDataSchema = z.object({
  /** `owner/repo`, as GitHub spells it. */
  slug: z.string(),
  repoUrl: z.string(),
  defaultBranch: z.string(),
  /** Newest first. */
  runs: z.array(workflowRunSchema),
  /** null: the repo has no (published, non-draft) release. */
  latestRelease: releaseSchema.nullable(),
  openPullRequests: z.number().int().nonnegative(),
  /** Largest first. */
  languages: z.array(languageShareSchema),
});
export type GithubData = z.infer<typeof githubDataSchema>;

/** The state of CI on the default branch, from its latest run. */
export type CiState = 'passing' | 'failing' | 'cancelled' | 'running' | 'neutral' | 'none';
