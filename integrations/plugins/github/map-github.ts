import { compareStrings, z } from '../../plugin-api.ts';
import type { CiState, LanguageShare, Release, WorkflowRun } from './github-data.ts';

/**
 * GitHub's REST responses → the plugin's data. Pure: the raw responses are checked against the
 * few fields Playbill reads (GitHub's documented shapes, everything else ignored), so a proxy's
 * HTML page or a truncated body is a readable error instead of `undefined` in a panel.
 */

const repositoryResponse = z.object({ full_name: z.string(), html_url: z.string(), default_branch: z.string() });

const workflowRunResponse = z.object({
  id: z.number(),
  name: z.string().nullish(),
  path: z.string().optional(),
  display_title: z.string().optional(),
  run_number: z.number(),
  event: z.string(),
  status: z.string().nullable(),
  conclusion: z.string().nullable(),
  head_branch: z.string().nullable(),
  head_sha: z.string(),
  html_url: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  run_started_at: z.string().optional(),
  head_commit: z.object({ message: z.string() }).nullish(),
});
const workflowRunsResponse = z.object({ total_count: z.number(), workflow_runs: z.array(workflowRunResponse) });

const releaseResponse = z.object({
  tag_name: z.string(),
  name: z.string().nullable(),
  html_url: z.string(),
  created_at: z.string(),
  published_at: z.string().nullable(),
  prerelease: z.boolean(),
});

const languagesResponse = z.record(z.string(), z.number().nonnegative());
const pullsPageResponse = z.array(z.object({ number: z.number() }));

/** Throws a sentence naming what was asked and which field was wrong. */
function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  if (typeof body !== 'object' || body === null) throw new Error(`GitHub answered ${what} with something that is not JSON`);
  const issue = parsed.error.issues[0]!;
  throw new Error(`GitHub's answer to ${what} is not in the expected shape (${issue.path.join('.') || 'body'}: ${issue.message})`);
}

export function mapRepository(body: unknown, what: string): { slug: string; repoUrl: string; defaultBranch: string } {
  const repo = parse(repositoryResponse, body, what);
  return { slug: repo.full_name, repoUrl: repo.html_url, defaultBranch: repo.default_branch };
}

export function mapWorkflowRuns(body: unknown, what: string): WorkflowRun[] {
  return parse(workflowRunsResponse, body, what).workflow_runs.map((run) => {
    const startedAt = run.run_started_at ?? run.created_at;
    const completed = run.status === 'completed';
    const seconds = (Date.parse(run.updated_at) - Date.parse(startedAt)) / 1000;
    return {
      id: run.id,
      workflow: run.name || run.path?.replace(/@.*$/, '') || `workflow run ${run.id}`,
      title: run.display_title ?? run.head_commit?.message.split('\n')[0] ?? '',
      number: run.run_number,
      event: run.event,
      status: run.status ?? 'unknown',
      conclusion: run.conclusion,
      branch: run.head_branch,
      commit: run.head_sha,
      startedAt,
      durationSeconds: completed && Number.isFinite(seconds) ? Math.max(0, Math.round(seconds)) : null,
      url: run.html_url,
    };
  });
}

export function mapRelease(body: unknown, what: string): Release {
  const release = parse(releaseResponse, body, what);
  return {
    tag: release.tag_name,
    name: release.name || release.tag_name,
    publishedAt: release.published_at ?? release.created_at,
    prerelease: release.prerelease,
    url: release.html_url,
  };
}

/** Shares of the repo's code by language, largest first, rounded to 0.1%. */
export function mapLanguages(body: unknown, what: string): LanguageShare[] {
  const bytes = Object.entries(parse(languagesResponse, body, what));
  const total = bytes.reduce((sum, [, count]) => sum + count, 0);
  return bytes
    .map(([name, count]) => ({ name, bytes: count, percent: total === 0 ? 0 : Math.round((count / total) * 1000) / 10 }))
    .sort((a, b) => b.bytes - a.bytes || compareStrings(a.name, b.name));
}

/**
 * Open pull requests from the first page of `GET /pulls?state=open&per_page=1`: with one pull
 * request per page, the page number of the Link header's `rel="last"` is the count; without a
 * Link header everything fitted on the page. One request whatever the count, on the core rate
 * limit (the search API's `total_count` would cost a search request: 30 a minute at most).
 */
export function countOpenPulls(body: unknown, link: string | undefined, what: string): number {
  const items = parse(pullsPageResponse, body, what);
  return (link ? pageOfRelation(link, 'last') : undefined) ?? items.length;
}

/** The `page` parameter of the URL a Link header gives for `rel` (RFC 8288, as GitHub writes it). */
export function pageOfRelation(link: string, rel: string): number | undefined {
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="([^"]+)"/.exec(part.trim());
    if (!match || !match[2]!.split(/\s+/).includes(rel)) continue;
    const page = Number(new URL(match[1]!, 'http://link.invalid').searchParams.get('page'));
    return Number.isInteger(page) && page > 0 ? page : undefined;
  }
  return undefined;
}

/**
 * CI state from a run, as the card's tone and the badge show it: success → passing; failure,
 * timed out or a workflow that could not start → failing; cancelled; anything not completed yet
 * → running; skipped, neutral, stale and action required → neutral.
 */
export function ciStateOf(run: WorkflowRun | undefined): CiState {
  if (!run) return 'none';
  if (run.status !== 'completed') return 'running';
  switch (run.conclusion) {
    case 'success':
      return 'passing';
    case 'failure':
    case 'timed_out':
    case 'startup_failure':
      return 'failing';
    case 'cancelled':
      return 'cancelled';
    default:
      return 'neutral';
  }
}
