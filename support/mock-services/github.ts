import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, startMockServer, type MockServer } from './http-server.ts';

/**
 * A local GitHub REST API for plugin tests: the endpoints the GitHub plugin reads, answering in
 * GitHub's documented shapes with GitHub's headers (rate limit, request id, Link pagination).
 * Repos are described compactly; faults can be set per path to answer 401/404/500, slowly,
 * with garbage, with a spent rate limit, or by echoing the Authorization header back.
 */

export interface MockRun {
  workflow: string;
  status: 'completed' | 'in_progress' | 'queued' | 'waiting';
  conclusion?: 'success' | 'failure' | 'cancelled' | 'skipped' | 'timed_out' | null;
  event?: string;
  branch?: string;
  sha?: string;
  title?: string;
  startedAt: string;
  updatedAt?: string;
}

export interface MockRepo {
  defaultBranch?: string;
  /** Newest first. */
  runs?: MockRun[];
  /** null: the repo has no release (GET /releases/latest answers 404). */
  release?: { tag: string; name?: string; publishedAt: string; prerelease?: boolean } | null;
  openPulls?: number;
  languages?: Record<string, number>;
}

export type GithubFault =
  | { kind: 'status'; status: number; message?: string }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'garbage' }
  /** `x-ratelimit-remaining: 0` with a reset this many seconds away (403, like GitHub's primary limit), or 429 with Retry-After. */
  | { kind: 'rate-limited'; status: 403 | 429; resetInSeconds?: number; retryAfterSeconds?: number }
  /** A 403 whose body quotes the request's Authorization header, as a careless proxy might. */
  | { kind: 'echo-authorization' };

export interface GithubMock extends MockServer {
  /** Where Octokit's `baseUrl` points: the server's URL plus the path prefix (`/api/v3` for a GHE-style host). */
  baseUrl: string;
  repos: Map<string, MockRepo>;
  /** By path without the prefix and query (`/repos/o/r/releases/latest`); `times` limits it to the first N requests. */
  faults: Map<string, GithubFault & { times?: number }>;
  /** Requests to a path (without prefix and query). */
  count(path: string): number;
}

export interface GithubMockOptions {
  repos?: Record<string, MockRepo>;
  /** When set, every request must carry `authorization: token <token>` (Octokit's form) or gets 401. */
  token?: string;
  /** `/api/v3` to look like GitHub Enterprise Server. */
  prefix?: string;
  /** Added to every answer, like a network round trip (benchmarks). */
  latencyMs?: number;
}

const docs = 'https://docs.github.com/rest';

export async function startGithubMock(options: GithubMockOptions = {}): Promise<GithubMock> {
  const prefix = options.prefix ?? '';
  const repos = new Map(Object.entries(options.repos ?? {}));
  const faults: GithubMock['faults'] = new Map();
  const counts = new Map<string, number>();
  let remaining = 5000;
  let requestId = 0;
  let origin = '';

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', origin);
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    const reset = Math.floor(Date.now() / 1000) + 3600;
    const headers: Record<string, string> = {
      'x-github-request-id': `MOCK:${++requestId}`,
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(Math.max(1, --remaining)),
      'x-ratelimit-reset': String(reset),
      'x-ratelimit-resource': 'core',
      'x-github-api-version-selected': '2022-11-28',
    };
    const json = (status: number, body: unknown, extra: Record<string, string> = {}) => sendJson(response, status, body, { ...headers, ...extra });

    if (options.token !== undefined) {
      const authorization = request.headers.authorization;
      if (!authorization) return json(401, { message: 'Requires authentication', documentation_url: docs, status: '401' });
      if (authorization !== `token ${options.token}`) return json(401, { message: 'Bad credentials', documentation_url: docs, status: '401' });
    }

    const fault = faults.get(path);
    if (fault && (fault.times === undefined || fault.times > 0)) {
      if (fault.times !== undefined) fault.times--;
      switch (fault.kind) {
        case 'status':
          return json(fault.status, { message: fault.message ?? (fault.status === 404 ? 'Not Found' : 'Server Error'), documentation_url: docs, status: String(fault.status) });
        case 'slow':
          await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
          break;
        case 'garbage':
          response.writeHead(200, { ...headers, 'content-type': 'application/json; charset=utf-8' });
          response.end('<html><body>502 Bad Gateway</body></html>');
          return;
        case 'rate-limited': {
          const spent: Record<string, string> = { ...headers, 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '5000', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + (fault.resetInSeconds ?? 3600)) };
          if (fault.retryAfterSeconds !== undefined) spent['retry-after'] = String(fault.retryAfterSeconds);
          if (fault.status === 429) delete spent['x-ratelimit-remaining'];
          response.writeHead(fault.status, { ...spent, 'content-type': 'application/json; charset=utf-8' });
          response.end(JSON.stringify({ message: 'API rate limit exceeded for 192.0.2.1.', documentation_url: `${docs}/overview/rate-limits-for-the-rest-api` }));
          return;
        }
        case 'echo-authorization':
          return json(403, { message: `Forbidden for ${request.headers.authorization ?? 'nobody'}`, documentation_url: docs });
      }
    }

    const match = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path);
    const slug = match ? `${match[1]}/${match[2]}` : '';
    const repo = repos.get(slug);
    if (!match || !repo) return json(404, { message: 'Not Found', documentation_url: docs, status: '404' });
    const id = [...repos.keys()].indexOf(slug) + 1000;
    const view = viewOf(origin, prefix, slug, id, repo);

    switch (match[3] ?? '') {
      case '':
        return json(200, view.repository());
      case '/actions/runs': {
        const branch = url.searchParams.get('branch');
        const runs = view.runs().filter((run) => !branch || run.head_branch === branch);
        const page = paginate(runs, url, `${origin}${prefix}/repositories/${id}/actions/runs`);
        return json(200, { total_count: runs.length, workflow_runs: page.items }, page.headers);
      }
      case '/releases/latest': {
        const release = view.release();
        return release ? json(200, release) : json(404, { message: 'Not Found', documentation_url: `${docs}/releases/releases#get-the-latest-release`, status: '404' });
      }
      case '/pulls': {
        const page = paginate(view.pulls(url.searchParams.get('state') ?? 'open'), url, `${origin}${prefix}/repositories/${id}/pulls`);
        return json(200, page.items, page.headers);
      }
      case '/languages':
        return json(200, repo.languages ?? {});
      default:
        return json(404, { message: 'Not Found', documentation_url: docs, status: '404' });
    }
  };

  const server = await startMockServer(handle);
  origin = server.url;
  return { ...server, baseUrl: `${server.url}${prefix}`, repos, faults, count: (path) => counts.get(path) ?? 0 };
}

/**
 * One page of a list and GitHub's Link header: `rel="next"`/`"last"` while there are more pages,
 * `rel="prev"`/`"first"` after the first, with the request's other parameters kept.
 */
function paginate<T>(items: T[], url: URL, listUrl: string): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30)));
  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const link = (to: number, rel: string) => {
    const target = new URL(listUrl);
    for (const [name, value] of url.searchParams) if (name !== 'page') target.searchParams.set(name, value);
    target.searchParams.set('page', String(to));
    return `<${target.href}>; rel="${rel}"`;
  };
  const relations = [
    ...(page > 1 ? [link(page - 1, 'prev')] : []),
    ...(page < pages ? [link(page + 1, 'next'), link(pages, 'last')] : []),
    ...(page > 1 ? [link(1, 'first')] : []),
  ];
  return { items: items.slice((page - 1) * perPage, page * perPage), headers: relations.length ? { link: relations.join(', ') } : {} };
}

/** A mock repo as GitHub's REST API shows it (the fields of the documented examples that matter, plus a few others). */
function viewOf(origin: string, prefix: string, slug: string, id: number, repo: MockRepo) {
  const [owner, name] = slug.split('/') as [string, string];
  const api = `${origin}${prefix}/repos/${slug}`;
  const web = `${origin}/${slug}`;
  const defaultBranch = repo.defaultBranch ?? 'main';
  const user = { login: owner, id: 1, node_id: 'MDQ6VXNlcjE=', type: 'Organization', site_admin: false, url: `${origin}${prefix}/users/${owner}`, html_url: `${origin}/${owner}` };
  return {
    repository: () => ({
      id,
      node_id: Buffer.from(`010:Repository${id}`).toString('base64'),
      name,
      full_name: slug,
      owner: user,
      private: false,
      html_url: web,
      description: null,
      fork: false,
      url: api,
      default_branch: defaultBranch,
      open_issues_count: repo.openPulls ?? 0,
      visibility: 'public',
      archived: false,
      pushed_at: '2026-11-27T12:00:00Z',
      created_at: '2020-01-01T00:00:00Z',
      updated_at: '2026-11-27T12:00:00Z',
    }),
    runs: () =>
      (repo.runs ?? []).map((run, index, all) => {
        const runId = id * 1000 + all.length - index;
        const sha = run.sha ?? `${String(runId).padStart(8, '0')}${'a'.repeat(32)}`;
        return {
          id: runId,
          name: run.workflow,
          node_id: Buffer.from(`WorkflowRun${runId}`).toString('base64'),
          head_branch: run.branch ?? defaultBranch,
          head_sha: sha,
          path: `.github/workflows/${run.workflow.toLowerCase().replace(/\W+/g, '-')}.yml`,
          display_title: run.title ?? `Commit ${sha.slice(0, 7)}`,
          run_number: all.length - index + 100,
          event: run.event ?? 'push',
          status: run.status,
          conclusion: run.status === 'completed' ? (run.conclusion ?? 'success') : null,
          workflow_id: 100 + id,
          url: `${api}/actions/runs/${runId}`,
          html_url: `${web}/actions/runs/${runId}`,
          pull_requests: [],
          created_at: run.startedAt,
          updated_at: run.updatedAt ?? run.startedAt,
          run_attempt: 1,
          run_started_at: run.startedAt,
          actor: user,
          head_commit: { id: sha, tree_id: sha, message: run.title ?? `Commit ${sha.slice(0, 7)}`, timestamp: run.startedAt, author: { name: 'Dev', email: 'dev@encore.example' } },
        };
      }),
    release: () =>
      repo.release
        ? {
            url: `${api}/releases/1`,
            html_url: `${web}/releases/tag/${repo.release.tag}`,
            id: 1,
            node_id: 'MDc6UmVsZWFzZTE=',
            tag_name: repo.release.tag,
            target_commitish: defaultBranch,
            name: repo.release.name ?? repo.release.tag,
            draft: false,
            prerelease: repo.release.prerelease ?? false,
            created_at: repo.release.publishedAt,
            published_at: repo.release.publishedAt,
            author: user,
            assets: [],
          }
        : null,
    pulls: (state: string) =>
      state === 'open'
        ? Array.from({ length: repo.openPulls ?? 0 }, (_, index) => ({
            id: id * 10_000 + index,
            number: (repo.openPulls ?? 0) - index,
            state: 'open',
            title: `Pull request ${(repo.openPulls ?? 0) - index}`,
            html_url: `${web}/pull/${(repo.openPulls ?? 0) - index}`,
            user,
            draft: false,
          }))
        : [],
  };
}
