import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, projectRoot } from '../../support/build-site.ts';
import { startGithubMock, type GithubMock, type MockRepo } from '../../../support/mock-services/github.ts';
import { writeTree } from '../../support/temp-repos.ts';

/**
 * Issue 6 §4, for the GitHub plugin: a real build through the CLI with a known fake token in
 * GITHUB_TOKEN, against a local GitHub API that requires it (so it is really sent) and echoes
 * it back in one repo's error body. The token must appear nowhere: not in the site, not in the
 * caches (.playbill: site data, plugin responses, Astro's), not in the build's output.
 */
const token = 'ghp_playbillFakeToken1234567890';
const config = join(projectRoot, 'test/fixtures/github-build/astro.config.mjs');

const repo = (runs: MockRepo['runs'], extra: Partial<MockRepo> = {}): MockRepo => ({
  runs,
  release: { tag: 'v1.0.0', publishedAt: '2026-11-20T09:30:00Z' },
  openPulls: 3,
  languages: { TypeScript: 9000, CSS: 1000 },
  ...extra,
});

function component(name: string) {
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  annotations:
    github.com/project-slug: encore/${name}
spec:
  type: service
  lifecycle: production
  owner: team-a
`;
}

let mock: GithubMock;
let root: string;
let cacheDir: string;
let built: Awaited<ReturnType<typeof buildSite>>;

beforeAll(async () => {
  mock = await startGithubMock({
    token,
    repos: {
      'encore/ticketing': repo([{ workflow: 'CI', status: 'completed', conclusion: 'success', startedAt: '2026-11-27T13:58:00Z', updatedAt: '2026-11-27T14:02:12Z' }]),
      'encore/payments': repo([]),
      'encore/templates': repo([{ workflow: 'CI', status: 'completed', conclusion: 'failure', startedAt: '2026-11-27T12:00:00Z', updatedAt: '2026-11-27T12:03:00Z' }], { release: null }),
    },
  });
  mock.faults.set('/repos/encore/payments', { kind: 'echo-authorization' });
  root = await mkdtemp(join(tmpdir(), 'playbill-github-org-'));
  cacheDir = await mkdtemp(join(tmpdir(), 'playbill-github-build-cache-'));
  await writeTree(join(root, 'team'), { 'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n' });
  for (const name of ['ticketing', 'payments', 'templates']) await writeTree(join(root, name), { 'catalog-info.yaml': component(name) });
  built = await buildSite(['--config', config, '--repos', root], { GITHUB_TOKEN: token, GITHUB_API_URL: mock.baseUrl, PLAYBILL_CACHE_DIR: cacheDir });
}, 300_000);

afterAll(async () => {
  await mock?.close();
  await Promise.all([root, cacheDir, built?.outDir].filter(Boolean).map((dir) => rm(dir!, { recursive: true, force: true })));
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('building with a GitHub token', () => {
  it('sends the token and builds the panels', async () => {
    expect(built.code, built.stderr + built.stdout).toBe(0);
    expect(mock.requests.length).toBeGreaterThan(0);
    for (const request of mock.requests) expect(request.headers.authorization).toBe(`token ${token}`);
    const page = await readFile(join(built.outDir, 'catalog/default/component/ticketing/index.html'), 'utf8');
    expect(page).toContain('CI passing');
    expect(await readFile(join(built.outDir, 'catalog/default/component/ticketing/ci/index.html'), 'utf8')).toContain('Workflow runs on main');
    expect(await readFile(join(built.outDir, 'catalog/default/component/templates/index.html'), 'utf8')).toContain('No releases');
  });

  it('reports the repo whose error echoes the token, with the token scrubbed', async () => {
    const { problems } = JSON.parse(await readFile(join(built.outDir, 'problems.json'), 'utf8')) as { problems: { entityRef: string; message: string }[] };
    expect(problems.map((problem) => [problem.entityRef, problem.message])).toEqual([
      ['component:default/payments', 'GitHub (github plugin): GitHub refused GET /repos/encore/payments (403 Forbidden for token [redacted]): the token lacks access'],
    ]);
    expect(built.stdout + built.stderr).toContain('Forbidden for token [redacted]');
  });

  it('leaves the token nowhere: output dir, caches, stdout, stderr', async () => {
    expect(built.stdout).not.toContain(token);
    expect(built.stderr).not.toContain(token);
    const files = [...(await filesUnder(built.outDir)), ...(await filesUnder(cacheDir))];
    expect(files.some((file) => file.includes(join(cacheDir, 'plugins', 'github')))).toBe(true);
    const containing = [];
    for (const file of files) if ((await readFile(file)).includes(token)) containing.push(file);
    expect(containing).toEqual([]);
  });
});
