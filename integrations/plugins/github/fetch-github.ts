import type { PluginFetchContext } from '../../plugin-api.ts';
import type { GithubData, Release } from './github-data.ts';
import { countOpenPulls, mapLanguages, mapRelease, mapRepository, mapWorkflowRuns } from './map-github.ts';

export interface GithubRequestOptions {
  /** REST API root: https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server. */
  baseUrl: string;
  /** Name of the environment variable the token came from, for messages. */
  tokenEnv: string;
  token: string | undefined;
  /** Workflow runs to list. */
  runs: number;
}

/** `owner/repo`: GitHub's rules for owner and repo names, so an annotation can never steer a request elsewhere. */
const slugPattern = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;

export function parseSlug(annotation: string): { owner: string; repo: string } {
  const match = slugPattern.exec(annotation.trim());
  if (!match || match[2] === '.' || match[2] === '..') throw new Error(`the annotation github.com/project-slug is "${annotation}", not "owner/repo"`);
  return { owner: match[1]!, repo: match[2]! };
}

/** What Octokit throws for an HTTP status (its RequestError) or a request that never got an answer (status 500, no response). */
interface OctokitRequestError extends Error {
  status: number;
  response?: { status: number; headers: Record<string, string | number | undefined>; data: unknown };
}

function isRequestError(error: unknown): error is OctokitRequestError {
  return error instanceof Error && error.name === 'HttpError' && typeof (error as OctokitRequestError).status === 'number';
}

/** The reset time of a spent rate limit (epoch ms) when `error` says the limit is spent, else undefined. */
export function rateLimitResetOf(error: unknown, now = Date.now()): number | undefined {
  if (!isRequestError(error) || !error.response || (error.status !== 403 && error.status !== 429)) return undefined;
  const headers = error.response.headers;
  const retryAfter = Number(headers['retry-after']);
  if (headers['retry-after'] !== undefined && Number.isFinite(retryAfter)) return now + retryAfter * 1000;
  const reset = Number(headers['x-ratelimit-reset']);
  if (String(headers['x-ratelimit-remaining']) === '0') return Number.isFinite(reset) ? reset * 1000 : now + 60_000;
  // A 429 without headers, or GitHub's secondary limit (a 403 whose message says so).
  if (error.status === 429 || /rate limit/i.test(messageOf(error.response.data) ?? '')) return now + 60_000;
  return undefined;
}

/** GitHub's own explanation from an error body (`{"message": "Bad credentials"}`), short, when there is one. */
function messageOf(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || typeof (data as { message?: unknown }).message !== 'string') return undefined;
  const message = (data as { message: string }).message.replace(/\s+/g, ' ').trim();
  return message.length > 160 ? `${message.slice(0, 157)}…` : message;
}

/** A failed GitHub request, in words; `rateLimitResetAt` is set when the rate limit was spent. */
export class GithubRequestFailure extends Error {
  readonly rateLimitResetAt: number | undefined;

  constructor(message: string, rateLimitResetAt?: number) {
    super(message);
    this.name = 'GithubRequestFailure';
    this.rateLimitResetAt = rateLimitResetAt;
  }
}

function utcTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(11, 16)} UTC`;
}

/**
 * A sentence for a failed request: what was asked, GitHub's status and what to do about it.
 * Never headers (the token is in them); GitHub's short `message` is included, and the plugin
 * stage scrubs known secrets from every message anyway.
 */
export function describeFailure(error: unknown, what: string, options: Pick<GithubRequestOptions, 'tokenEnv' | 'token'>): Error {
  if (!isRequestError(error)) return error instanceof Error ? error : new Error(String(error));
  if (!error.response) return new GithubRequestFailure(`GitHub did not answer ${what}: ${error.message}`);
  const status = error.status;
  const said = messageOf(error.response.data);
  const because = said ? ` (${said})` : '';
  const statusAndWhy = `${status}${said ? ` ${said}` : ''}`;
  const reset = rateLimitResetOf(error);
  if (reset !== undefined) {
    const hint = options.token ? '' : ` Without a token GitHub allows 60 requests an hour: set ${options.tokenEnv} for 5,000.`;
    return new GithubRequestFailure(`GitHub's API rate limit is spent: ${what} answered ${status}, and the limit resets at ${utcTime(reset)}, later than the build waits.${hint}`, reset);
  }
  if (status === 401) {
    return new GithubRequestFailure(options.token ? `GitHub refused the token in ${options.tokenEnv} (${statusAndWhy}) for ${what}` : `GitHub asked for authentication (${statusAndWhy}) for ${what}: set ${options.tokenEnv}`);
  }
  if (status === 404) return new GithubRequestFailure(`GitHub answered 404 for ${what}${because}: check the annotation github.com/project-slug, and that the token can read the repo`);
  if (status === 403) return new GithubRequestFailure(`GitHub refused ${what} (${statusAndWhy}): the token lacks access`);
  return new GithubRequestFailure(`GitHub answered ${status} for ${what}${because}`);
}

/** Octokit's request log would print every expected 404 (a repo without releases) to the build's stderr. */
const quietLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

let octokitModule: Promise<typeof import('@octokit/rest')> | undefined;

/**
 * Fetches one repo's data with Octokit, every request through Playbill's fetch (cache, retries,
 * timeouts, rate limits, recordings). The repo comes first (its default branch names the
 * branch whose runs are listed, and a missing repo should cost one request); then runs, latest
 * release, open pull requests and languages in parallel.
 */
export async function fetchGithubData(slug: string, context: Pick<PluginFetchContext, 'fetch' | 'signal'>, options: GithubRequestOptions): Promise<GithubData> {
  const { owner, repo } = parseSlug(slug);
  // Plain @octokit/rest has no retry or throttling plugin: Playbill's fetch is the only one retrying.
  const { Octokit } = await (octokitModule ??= import('@octokit/rest'));
  const octokit = new Octokit({
    baseUrl: options.baseUrl,
    auth: options.token,
    userAgent: 'playbill-github-plugin',
    log: quietLog,
    request: { fetch: context.fetch, signal: context.signal },
  });
  const path = `/repos/${owner}/${repo}`;
  const ask = async <T>(what: string, request: () => Promise<T>): Promise<T> => {
    try {
      return await request();
    } catch (error) {
      throw describeFailure(error, what, options);
    }
  };

  const repository = await ask(`GET ${path}`, async () => mapRepository((await octokit.rest.repos.get({ owner, repo })).data, `GET ${path}`));
  const runsWhat = `GET ${path}/actions/runs?branch=${repository.defaultBranch}`;
  const releaseWhat = `GET ${path}/releases/latest`;
  const pullsWhat = `GET ${path}/pulls?state=open`;
  const languagesWhat = `GET ${path}/languages`;
  const [runs, latestRelease, openPullRequests, languages] = await Promise.all([
    ask(runsWhat, async () =>
      mapWorkflowRuns((await octokit.rest.actions.listWorkflowRunsForRepo({ owner, repo, branch: repository.defaultBranch, per_page: options.runs })).data, runsWhat),
    ),
    ask(releaseWhat, async (): Promise<Release | null> => {
      try {
        return mapRelease((await octokit.rest.repos.getLatestRelease({ owner, repo })).data, releaseWhat);
      } catch (error) {
        // GitHub's documented answer for a repo without a published release.
        if (isRequestError(error) && error.status === 404 && error.response) return null;
        throw error;
      }
    }),
    ask(pullsWhat, async () => {
      const response = await octokit.rest.pulls.list({ owner, repo, state: 'open', per_page: 1 });
      return countOpenPulls(response.data, response.headers.link, pullsWhat);
    }),
    ask(languagesWhat, async () => mapLanguages((await octokit.rest.repos.listLanguages({ owner, repo })).data, languagesWhat)),
  ]);
  return { ...repository, runs, latestRelease, openPullRequests, languages };
}
