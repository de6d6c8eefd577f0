import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogEntity } from '../../../integrations/plugin-api.ts';
import { github } from '../../../integrations/plugins/github/index.ts';
import { runPlugins, type PluginStageOptions } from '../../../src/plugins/run-plugins.ts';
import { startGithubMock, type GithubMock, type MockRepo } from '../../../support/mock-services/github.ts';
import { testStageOptions } from '../../support/plugin-stage.ts';

/**
 * The GitHub plugin against a local GitHub REST API (test/support/mock-services/github.ts),
 * through the real plugin stage: Octokit → Playbill's fetch (retries, timeouts, rate limits,
 * cache) → the mock on 127.0.0.1.
 */
const token = 'ghp_integrationFakeToken000111222333';

const passing: MockRepo = {
  runs: [
    { workflow: 'CI', status: 'completed', conclusion: 'success', title: 'Hold seats for 10 minutes', sha: '4f2d9c1e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e', startedAt: '2026-11-27T13:58:00Z', updatedAt: '2026-11-27T14:02:12Z' },
    { workflow: 'CI', status: 'completed', conclusion: 'failure', startedAt: '2026-11-27T10:00:00Z', updatedAt: '2026-11-27T10:03:00Z' },
  ],
  release: { tag: 'v3.14.0', publishedAt: '2026-11-20T09:30:00Z' },
  openPulls: 37,
  languages: { Kotlin: 812_000, TypeScript: 120_000, Shell: 8_000 },
};

function entity(name: string, slug: string | undefined, kind = 'Component'): CatalogEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations: slug ? { 'github.com/project-slug': slug } : {} },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
    relations: [],
    source: { repo: name, file: 'catalog-info.yaml', line: 4 },
  };
}

let mock: GithubMock;
let cacheDir: string;

beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'playbill-github-cache-'));
});
afterEach(async () => {
  await mock?.close();
  await rm(cacheDir, { recursive: true, force: true });
});

function stageOptions(policy: Partial<PluginStageOptions['policy']> = {}, env: NodeJS.ProcessEnv = { GITHUB_TOKEN: token }): PluginStageOptions {
  return testStageOptions(cacheDir, { env, policy: { retries: 2, maxRateLimitWaitMs: 2000, ...policy } });
}

async function run(entities: CatalogEntity[], options = stageOptions(), plugin = github({ baseUrl: mock.baseUrl })) {
  return runPlugins([plugin], entities, [], options);
}

describe('the GitHub plugin against a GitHub API', () => {
  it('shows CI status, latest release, open pull requests and languages, sending the token', async () => {
    mock = await startGithubMock({ token, repos: { 'encore/ticketing': passing } });
    const result = await run([entity('ticketing', 'encore/ticketing')]);
    expect(result.problems).toEqual([]);
    const output = result.byEntity.get('component:default/ticketing')!;
    const card = output.cards[0]!;
    expect(card).toMatchObject({ plugin: 'github', title: 'GitHub', sample: false });
    expect(card.content!.status).toEqual({ tone: 'ok', label: 'CI passing' });
    expect(card.content!.blocks[0]).toEqual({
      type: 'status',
      tone: 'ok',
      label: 'CI #102: success',
      detail: 'on main, push at 4f2d9c1, started 2026-11-27 13:58 UTC, took 4m 12s',
    });
    const facts = card.content!.blocks[1]!;
    expect(facts.type === 'facts' && Object.fromEntries(facts.items.map((item) => [item.label, item.value]))).toEqual({
      Repository: { text: 'encore/ticketing', href: `${mock.url}/encore/ticketing` },
      'Default branch': { text: 'main', code: true },
      'Latest run': { text: 'CI #102', href: `${mock.url}/encore/ticketing/actions/runs/1000002` },
      'Latest release': [{ text: 'v3.14.0', href: `${mock.url}/encore/ticketing/releases/tag/v3.14.0`, code: true }, '2026-11-20'],
      'Open pull requests': { text: '37', href: `${mock.url}/encore/ticketing/pulls` },
    });
    expect(card.content!.blocks[2]).toMatchObject({ rows: [['Kotlin', '86.4%'], ['TypeScript', '12.8%'], ['Shell', '0.9%']] });
    expect(output.tabs[0]).toMatchObject({ slug: 'ci', title: 'CI/CD' });
    expect(output.badges).toEqual([{ plugin: 'github', label: 'CI', value: 'passing', tone: 'ok' }]);
    expect(output.searchFilters).toEqual({ ci: ['passing'] });
    expect(output.catalog.github).toMatchObject({ slug: 'encore/ticketing', ci: 'passing', openPullRequests: 37, latestRelease: { tag: 'v3.14.0' } });

    expect(mock.requests.map((request) => request.url).sort()).toEqual([
      '/repos/encore/ticketing',
      '/repos/encore/ticketing/actions/runs?branch=main&per_page=10',
      '/repos/encore/ticketing/languages',
      '/repos/encore/ticketing/pulls?state=open&per_page=1',
      '/repos/encore/ticketing/releases/latest',
    ]);
    for (const request of mock.requests) expect(request.headers.authorization).toBe(`token ${token}`);
  });

  it('counts 37 open pull requests from the Link header of one page, and lists only the latest runs', async () => {
    const manyRuns = Array.from({ length: 14 }, (_, index) => ({ workflow: 'CI', status: 'completed' as const, startedAt: `2026-11-${String(27 - index).padStart(2, '0')}T10:00:00Z` }));
    mock = await startGithubMock({ token, repos: { 'encore/ticketing': { ...passing, runs: manyRuns } } });
    const result = await run([entity('ticketing', 'encore/ticketing')], stageOptions(), github({ baseUrl: mock.baseUrl, runs: 5 }));
    const tab = result.byEntity.get('component:default/ticketing')!.tabs[0]!.content!;
    expect(tab.blocks[1]!.type === 'table' && tab.blocks[1]!.rows).toHaveLength(5);
    expect(mock.count('/repos/encore/ticketing/pulls')).toBe(1);
    expect(mock.count('/repos/encore/ticketing/actions/runs')).toBe(1);
    expect(result.byEntity.get('component:default/ticketing')!.catalog.github).toMatchObject({ openPullRequests: 37 });
  });

  it('talks to a GitHub Enterprise Server base URL, and works without a token', async () => {
    mock = await startGithubMock({ prefix: '/api/v3', repos: { 'encore/ticketing': passing } });
    const result = await run([entity('ticketing', 'encore/ticketing')], stageOptions({}, {}), github({ baseUrl: `${'http://127.0.0.1'}:${new URL(mock.url).port}/api/v3/` }));
    expect(result.problems).toEqual([]);
    expect(mock.requests.every((request) => request.url.startsWith('/api/v3/repos/encore/ticketing'))).toBe(true);
    expect(mock.requests.every((request) => request.headers.authorization === undefined)).toBe(true);
  });

  it('shows "No releases" for a repo without one, which is not a problem', async () => {
    mock = await startGithubMock({ token, repos: { 'encore/templates': { ...passing, release: null } } });
    const result = await run([entity('templates', 'encore/templates')]);
    expect(result.problems).toEqual([]);
    const facts = result.byEntity.get('component:default/templates')!.cards[0]!.content!.blocks[1]!;
    expect(facts.type === 'facts' && facts.items.find((item) => item.label === 'Latest release')!.value).toBe('No releases');
  });

  it('asks once for a repo that several entities share; the others share its data and fetch time', async () => {
    mock = await startGithubMock({ token, repos: { 'encore/web': passing } });
    const result = await run([entity('site', 'encore/web'), entity('bff', 'encore/web'), entity('ui', ' encore/web')]);
    expect(result.problems).toEqual([]);
    expect(mock.requests).toHaveLength(5);
    expect(result.stats[0]!.fetch).toMatchObject({ requests: 5 });
    const fetchedAt = result.byEntity.get('component:default/site')!.cards[0]!.fetchedAt;
    expect(fetchedAt).toBeDefined();
    for (const name of ['bff', 'ui']) expect(result.byEntity.get(`component:default/${name}`)!.cards[0]!.fetchedAt).toBe(fetchedAt);
  });

  it('asks once whether a repo several entities share has a release, and a rebuild asks nothing at all', async () => {
    mock = await startGithubMock({ token, repos: { 'encore/templates': { ...passing, release: null } } });
    const entities = ['site', 'bff', 'ui', 'docs'].map((name) => entity(name, 'encore/templates'));
    const first = await run(entities, stageOptions({ concurrency: 2 }));
    expect(first.problems).toEqual([]);
    expect(mock.count('/repos/encore/templates/releases/latest')).toBe(1);
    const rebuild = await run(entities, stageOptions({ concurrency: 2 }));
    expect(rebuild.stats[0]!.fetch.requests).toBe(0);
    expect(mock.requests).toHaveLength(5);
    const facts = rebuild.byEntity.get('component:default/ui')!.cards[0]!.content!.blocks[1]!;
    expect(facts.type === 'facts' && facts.items.find((item) => item.label === 'Latest release')!.value).toBe('No releases');
  });

  it('runs only for entities with the annotation, and not for Locations', async () => {
    mock = await startGithubMock({ token, repos: { 'encore/ticketing': passing } });
    const result = await run([entity('ticketing', 'encore/ticketing'), entity('plain', undefined), entity('pointer', 'encore/ticketing', 'Location')]);
    expect([...result.byEntity.keys()]).toEqual(['component:default/ticketing']);
  });
});

describe('GitHub faults', () => {
  it('reports a missing repo at the entity, after one request', async () => {
    mock = await startGithubMock({ token, repos: { 'encore/ticketing': passing } });
    const result = await run([entity('gone', 'encore/gone'), entity('ticketing', 'encore/ticketing')]);
    expect(result.problems).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/gone',
        repo: 'gone',
        line: 4,
        code: 'plugin-failed',
        message: 'GitHub (github plugin): GitHub answered 404 for GET /repos/encore/gone (Not Found): check the annotation github.com/project-slug, and that the token can read the repo',
      }),
    ]);
    expect(result.byEntity.get('component:default/gone')!.cards[0]!.unavailable).toMatch(/404/);
    expect(result.byEntity.get('component:default/gone')!.tabs[0]!.unavailable).toMatch(/404/);
    expect(mock.count('/repos/encore/gone')).toBe(1);
    expect(result.byEntity.get('component:default/ticketing')!.cards[0]!.content).toBeDefined();
  });

  it('says the token was refused (401), or that one is needed', async () => {
    mock = await startGithubMock({ token, repos: { 'encore/ticketing': passing } });
    const wrong = await run([entity('ticketing', 'encore/ticketing')], stageOptions({}, { GITHUB_TOKEN: 'ghp_wrong_token_0000' }));
    expect(wrong.problems[0]!.message).toBe('GitHub (github plugin): GitHub refused the token in GITHUB_TOKEN (401 Bad credentials) for GET /repos/encore/ticketing');
    const none = await run([entity('ticketing', 'encore/ticketing')], stageOptions({}, {}));
    expect(none.problems[0]!.message).toBe('GitHub (github plugin): GitHub asked for authentication (401 Requires authentication) for GET /repos/encore/ticketing: set GITHUB_TOKEN');
  });

  it('retries a 500 through Playbill’s fetch only (Octokit adds no retries of its own)', async () => {
    mock = await startGithubMock({ token, repos: { 'encore/ticketing': passing, 'encore/payments': passing } });
    mock.faults.set('/repos/encore/ticketing', { kind: 'status', status: 500, times: 2 });
    mock.faults.set('/repos/encore/payments/languages', { kind: 'status', status: 502 });
    const result = await run([entity('ticketing', 'encore/ticketing'), entity('payments', 'encore/payments')]);
    expect(mock.count('/repos/encore/ticketing')).toBe(3);
    expect(result.byEntity.get('component:default/ticketing')!.cards[0]!.content!.status).toEqual({ tone: 'ok', label: 'CI passing' });
    expect(mock.count('/repos/encore/payments/languages')).toBe(3);
    expect(result.problems.map((problem) => problem.message)).toEqual(['GitHub (github plugin): GitHub answered 502 for GET /repos/encore/payments/languages (Server Error)']);
  });

  it('times out a slow answer and says what was asked', async () => {
    mock = await startGithubMock({ token, repos: { 'encore/ticketing': passing } });
    mock.faults.set('/repos/encore/ticketing/languages', { kind: 'slow', delayMs: 800 });
    const result = await run([entity('ticketing', 'encore/ticketing')], stageOptions({ timeoutMs: 200, retries: 1 }));
    expect(result.problems[0]!.message).toBe(
      `GitHub (github plugin): GitHub did not answer GET /repos/encore/ticketing/languages: GET ${mock.baseUrl}/repos/encore/ticketing/languages failed: timed out after 200 ms (after 2 attempts)`,
    );
    expect(mock.count('/repos/encore/ticketing/languages')).toBe(2);
  });

  it('reports garbage instead of a repository', async () => {
    mock = await startGithubMock({ token, repos: { 'encore/ticketing': passing } });
    mock.faults.set('/repos/encore/ticketing', { kind: 'garbage' });
    const result = await run([entity('ticketing', 'encore/ticketing')]);
    expect(result.problems[0]!.message).toBe('GitHub (github plugin): GitHub answered GET /repos/encore/ticketing with something that is not JSON');
  });

  it('reports an annotation that is not owner/repo without asking GitHub', async () => {
    mock = await startGithubMock({ token });
    const result = await run([entity('odd', 'encore/../../admin')]);
    expect(result.problems[0]!.message).toBe('GitHub (github plugin): the annotation github.com/project-slug is "encore/../../admin", not "owner/repo"');
    expect(mock.requests).toHaveLength(0);
  });
});

describe('GitHub rate limits', () => {
  it('waits out a 429 with Retry-After, then succeeds', async () => {
    mock = await startGithubMock({ token, repos: { 'encore/ticketing': passing } });
    mock.faults.set('/repos/encore/ticketing', { kind: 'rate-limited', status: 429, retryAfterSeconds: 1, times: 1 });
    const started = Date.now();
    const result = await run([entity('ticketing', 'encore/ticketing')]);
    expect(result.problems).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(mock.count('/repos/encore/ticketing')).toBe(2);
  });

  it('waits out a spent limit (403, x-ratelimit-remaining 0) that resets within the budget', async () => {
    mock = await startGithubMock({ token, repos: { 'encore/ticketing': passing } });
    mock.faults.set('/repos/encore/ticketing', { kind: 'rate-limited', status: 403, resetInSeconds: 1, times: 1 });
    const result = await run([entity('ticketing', 'encore/ticketing')]);
    expect(result.problems).toEqual([]);
    expect(mock.count('/repos/encore/ticketing')).toBe(2);
  });

  it('gives up on a limit that resets later than the build waits, says when, and does not ask again for other repos', async () => {
    mock = await startGithubMock({ repos: { 'encore/a': passing, 'encore/b': passing, 'encore/c': passing } });
    for (const name of ['a', 'b', 'c']) mock.faults.set(`/repos/encore/${name}`, { kind: 'rate-limited', status: 403, resetInSeconds: 3600 });
    const started = Date.now();
    const plugin = github({ baseUrl: mock.baseUrl });
    const result = await run([entity('a', 'encore/a'), entity('b', 'encore/b'), entity('c', 'encore/c')], stageOptions({ concurrency: 1 }, {}), plugin);
    expect(Date.now() - started).toBeLessThan(5000);
    const spent = /GitHub's API rate limit is spent: GET \/repos\/encore\/a answered 403, and the limit resets at (\d\d:\d\d) UTC, later than the build waits\. Without a token GitHub allows 60 requests an hour: set GITHUB_TOKEN for 5,000\.$/;
    const [a, ...others] = [...result.problems].sort((x, y) => (x.entityRef! < y.entityRef! ? -1 : 1)).map((problem) => problem.message);
    expect(a).toMatch(spent);
    // The others are never sent: queued behind a, Playbill's fetch finds the host paused; started after a failed, the plugin does not try.
    for (const message of others) {
      expect(message === a || /GitHub did not answer GET \/repos\/encore\/[bc]: GET http:\/\/127\.0\.0\.1:\d+\/repos\/encore\/[bc] not sent: the rate limit of 127\.0\.0\.1:\d+ is spent until \d\d:\d\d UTC, later than the build waits$/.test(message!), message).toBe(true);
    }
    expect(mock.requests).toHaveLength(1);

    // The plugin remembers the reset time: a later run (e.g. astro dev rebuilding) does not ask before it.
    const later = await run([entity('b', 'encore/b')], stageOptions({}, {}), plugin);
    expect(later.problems[0]!.message).toBe(a);
    expect(mock.requests).toHaveLength(1);
  });
});

describe('GitHub secrets', () => {
  it('scrubs a token that GitHub echoes back from problems, panels and the cache', async () => {
    mock = await startGithubMock({ token, repos: { 'encore/ticketing': passing, 'encore/payments': passing } });
    mock.faults.set('/repos/encore/payments', { kind: 'echo-authorization' });
    const result = await run([entity('ticketing', 'encore/ticketing'), entity('payments', 'encore/payments')]);
    expect(result.problems[0]!.message).toBe('GitHub (github plugin): GitHub refused GET /repos/encore/payments (403 Forbidden for token [redacted]): the token lacks access');
    expect(JSON.stringify(result)).not.toContain(token);
    const files = await readdir(join(cacheDir, 'github'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(await readFile(join(cacheDir, 'github', file), 'utf8')).not.toContain(token);
  });
});
