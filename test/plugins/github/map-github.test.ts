import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { githubDataSchema } from '../../../integrations/plugins/github/github-data.ts';
import { ciStateOf, countOpenPulls, mapLanguages, mapRelease, mapRepository, mapWorkflowRuns, pageOfRelation } from '../../../integrations/plugins/github/map-github.ts';
import { describeFailure, parseSlug, rateLimitResetOf } from '../../../integrations/plugins/github/fetch-github.ts';

/** Fixtures follow GitHub's documented REST responses (docs.github.com/rest examples). */
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`fixtures/${name}.json`, import.meta.url), 'utf8'));

describe('mapping GitHub responses', () => {
  it('takes the slug, web URL and default branch from a repository', () => {
    expect(mapRepository(fixture('repository'), 'GET /repos/octocat/Hello-World')).toEqual({
      slug: 'octocat/Hello-World',
      repoUrl: 'https://github.com/octocat/Hello-World',
      defaultBranch: 'master',
    });
  });

  it('maps workflow runs newest first with outcome, commit, start and duration', () => {
    const runs = mapWorkflowRuns(fixture('workflow-runs'), 'runs');
    expect(runs.map((run) => [run.number, run.status, run.conclusion])).toEqual([
      [564, 'in_progress', null],
      [563, 'completed', 'failure'],
      [88, 'completed', 'success'],
    ]);
    expect(runs[1]).toEqual({
      id: 30433643,
      workflow: 'Build',
      title: 'Create linter.yaml',
      number: 563,
      event: 'push',
      status: 'completed',
      conclusion: 'failure',
      branch: 'master',
      commit: 'acb5820ced9479c074f688cc328bf03f341a511d',
      startedAt: '2020-01-22T19:33:08Z',
      durationSeconds: 252,
      url: 'https://github.com/octocat/Hello-World/actions/runs/30433643',
    });
  });

  it('gives a run in progress no duration, and a nameless workflow its file path', () => {
    const [running, , nameless] = mapWorkflowRuns(fixture('workflow-runs'), 'runs');
    expect(running!.durationSeconds).toBeNull();
    expect(nameless!.workflow).toBe('.github/workflows/codeql.yml');
    expect(nameless!.durationSeconds).toBe(3742);
  });

  it('maps the latest release', () => {
    expect(mapRelease(fixture('release'), 'release')).toEqual({
      tag: 'v1.0.0',
      name: 'v1.0.0',
      publishedAt: '2013-02-27T19:35:32Z',
      prerelease: false,
      url: 'https://github.com/octocat/Hello-World/releases/v1.0.0',
    });
  });

  it('turns language bytes into shares, largest first', () => {
    expect(mapLanguages(fixture('languages'), 'languages')).toEqual([
      { name: 'C', bytes: 78769, percent: 91 },
      { name: 'Python', bytes: 7769, percent: 9 },
    ]);
    expect(mapLanguages({}, 'languages')).toEqual([]);
  });

  it('counts open pull requests from the Link header of a one-per-page list', () => {
    const link =
      '<https://api.github.com/repositories/1296269/pulls?state=open&per_page=1&page=2>; rel="next", <https://api.github.com/repositories/1296269/pulls?state=open&per_page=1&page=37>; rel="last"';
    expect(countOpenPulls(fixture('pulls-page'), link, 'pulls')).toBe(37);
    expect(countOpenPulls(fixture('pulls-page'), undefined, 'pulls')).toBe(1);
    expect(countOpenPulls([], undefined, 'pulls')).toBe(0);
    expect(pageOfRelation(link, 'next')).toBe(2);
    expect(pageOfRelation(link, 'prev')).toBeUndefined();
  });

  it('refuses a response that is not JSON or misses a field, naming the request', () => {
    expect(() => mapRepository('<html>Bad gateway</html>', 'GET /repos/a/b')).toThrow('GitHub answered GET /repos/a/b with something that is not JSON');
    expect(() => mapRepository({ full_name: 'a/b', html_url: 'https://github.com/a/b' }, 'GET /repos/a/b')).toThrow(
      "GitHub's answer to GET /repos/a/b is not in the expected shape (default_branch:",
    );
    expect(() => mapWorkflowRuns({ total_count: 1, workflow_runs: [{ id: 'x' }] }, 'runs')).toThrow(/workflow_runs\.0\.id/);
  });

  it('keeps data that its own schema accepts', () => {
    const data = {
      ...mapRepository(fixture('repository'), 'repo'),
      runs: mapWorkflowRuns(fixture('workflow-runs'), 'runs'),
      latestRelease: mapRelease(fixture('release'), 'release'),
      openPullRequests: 37,
      languages: mapLanguages(fixture('languages'), 'languages'),
    };
    expect(githubDataSchema.parse(data)).toEqual(data);
    expect(githubDataSchema.safeParse({ ...data, openPullRequests: -1 }).success).toBe(false);
  });
});

describe('CI state', () => {
  const run = (status: string, conclusion: string | null) => ({ ...mapWorkflowRuns(fixture('workflow-runs'), 'runs')[0]!, status, conclusion });

  it('reads success as passing, failure and time-outs as failing, cancelled, and unfinished as running', () => {
    expect(ciStateOf(run('completed', 'success'))).toBe('passing');
    for (const conclusion of ['failure', 'timed_out', 'startup_failure']) expect(ciStateOf(run('completed', conclusion))).toBe('failing');
    expect(ciStateOf(run('completed', 'cancelled'))).toBe('cancelled');
    for (const status of ['queued', 'in_progress', 'waiting', 'pending', 'requested']) expect(ciStateOf(run(status, null))).toBe('running');
    for (const conclusion of ['skipped', 'neutral', 'stale', 'action_required']) expect(ciStateOf(run('completed', conclusion))).toBe('neutral');
    expect(ciStateOf(undefined)).toBe('none');
  });
});

describe('slugs', () => {
  it('accepts owner/repo and refuses anything that could leave the repo path', () => {
    expect(parseSlug(' encore/payments-core ')).toEqual({ owner: 'encore', repo: 'payments-core' });
    expect(parseSlug('octo-org/.github')).toEqual({ owner: 'octo-org', repo: '.github' });
    for (const bad of ['encore', 'encore/a/b', '../x', 'encore/..', 'encore/a?b', 'https://github.com/encore/x']) {
      expect(() => parseSlug(bad)).toThrow(`the annotation github.com/project-slug is "${bad}", not "owner/repo"`);
    }
  });
});

describe('request failures in words', () => {
  /** The shape Octokit's RequestError has (name HttpError, status, response with headers and parsed body). */
  function requestError(status: number, headers: Record<string, string> = {}, data: unknown = {}) {
    return Object.assign(new Error('x'), { name: 'HttpError', status, response: { status, headers, data } });
  }
  const withToken = { tokenEnv: 'GITHUB_TOKEN', token: 'ghp_x' };
  const anonymous = { tokenEnv: 'GITHUB_TOKEN', token: undefined };

  it('names the request, the status and GitHub’s own message', () => {
    expect(describeFailure(requestError(404, {}, { message: 'Not Found' }), 'GET /repos/a/b', withToken).message).toBe(
      'GitHub answered 404 for GET /repos/a/b (Not Found): check the annotation github.com/project-slug, and that the token can read the repo',
    );
    expect(describeFailure(requestError(401, {}, { message: 'Bad credentials' }), 'GET /repos/a/b', withToken).message).toBe(
      'GitHub refused the token in GITHUB_TOKEN (401 Bad credentials) for GET /repos/a/b',
    );
    expect(describeFailure(requestError(401), 'GET /repos/a/b', anonymous).message).toBe('GitHub asked for authentication (401) for GET /repos/a/b: set GITHUB_TOKEN');
    expect(describeFailure(requestError(502, {}, '<html>'), 'GET /repos/a/b', withToken).message).toBe('GitHub answered 502 for GET /repos/a/b');
  });

  it('says when the rate limit is spent and when it resets, with a hint when there is no token', () => {
    const reset = Date.UTC(2026, 10, 27, 15, 4) / 1000;
    const spent = requestError(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }, { message: 'API rate limit exceeded for 192.0.2.1.' });
    expect(rateLimitResetOf(spent)).toBe(reset * 1000);
    expect(describeFailure(spent, 'GET /repos/a/b', anonymous).message).toBe(
      "GitHub's API rate limit is spent: GET /repos/a/b answered 403, and the limit resets at 15:04 UTC, later than the build waits. Without a token GitHub allows 60 requests an hour: set GITHUB_TOKEN for 5,000.",
    );
    expect(rateLimitResetOf(requestError(429, { 'retry-after': '30' }), 1_000)).toBe(31_000);
    expect(rateLimitResetOf(requestError(403, {}, { message: 'You have exceeded a secondary rate limit.' }), 0)).toBe(60_000);
    expect(rateLimitResetOf(requestError(403, { 'x-ratelimit-remaining': '12' }, { message: 'Resource not accessible by integration' }))).toBeUndefined();
  });

  it('passes on a request that got no answer with Playbill’s reason', () => {
    const noAnswer = Object.assign(new Error('GET https://api.github.com/repos/a/b failed: timed out after 10000 ms (after 3 attempts)'), { name: 'HttpError', status: 500 });
    expect(describeFailure(noAnswer, 'GET /repos/a/b', withToken).message).toBe(
      'GitHub did not answer GET /repos/a/b: GET https://api.github.com/repos/a/b failed: timed out after 10000 ms (after 3 attempts)',
    );
  });
});
