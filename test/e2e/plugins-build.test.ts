import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, projectRoot } from '../support/build-site.ts';
import { sendJson, startMockServer, type MockServer } from '../../support/mock-services/http-server.ts';
import { makeRepos } from '../support/temp-repos.ts';

/**
 * Builds a small organisation through the real CLI with a plugin that meets every fault a
 * service can throw at it (test/fixtures/plugins-e2e), and checks the build survives each one.
 */
const token = 'probe_FAKE_token_5e1f0c2d9a8b';
const config = join(projectRoot, 'test/fixtures/plugins-e2e/astro.config.mjs');
const modes = ['ok', 'throw', 'slow', 'garbage', 'http500', 'echo-token'] as const;

let server: MockServer;
let reposRoot: string;
const cleanup: string[] = [];

function descriptor(mode: string) {
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: svc-${mode}
  annotations:
    probe/mode: ${mode}
spec:
  type: service
  lifecycle: production
  owner: team-a
`;
}

beforeAll(async () => {
  server = await startMockServer(async (request, response) => {
    expect(request.headers.authorization).toBe(`Bearer ${token}`);
    const mode = request.url!.split('/')[2];
    if (mode === 'slow') await new Promise((resolve) => setTimeout(resolve, 1500));
    if (mode === 'garbage') return sendJson(response, 200, { healthy: 'perhaps' });
    if (mode === 'http500') return sendJson(response, 500, { message: 'internal error' });
    if (mode === 'echo-token') return sendJson(response, 401, { message: `bad credentials: ${request.headers.authorization}` });
    sendJson(response, 200, { healthy: true, checks: 3 });
  });
  const repos: Record<string, Record<string, string>> = {
    team: { 'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n' },
  };
  for (const mode of modes) repos[`svc-${mode}`] = { 'catalog-info.yaml': descriptor(mode) };
  reposRoot = (await makeReposKept(repos)).root;
});

/** makeRepos removes its folders after each test; these repos serve several tests. */
async function makeReposKept(repos: Record<string, Record<string, string>>) {
  const root = await mkdtemp(join(tmpdir(), 'playbill-plugin-org-'));
  cleanup.push(root);
  const { writeTree } = await import('../support/temp-repos.ts');
  for (const [name, files] of Object.entries(repos)) await writeTree(join(root, name), files);
  return { root };
}

afterAll(async () => {
  await server?.close();
  await Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('a build with a failing plugin', () => {
  it('completes, reports each fault as a located problem, loses no other data, and never writes the token', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'playbill-cache-'));
    cleanup.push(cacheDir);
    const built = await buildSite(['--config', config, '--repos', reposRoot], { PROBE_URL: server.url, PROBE_TOKEN: token, PLAYBILL_CACHE_DIR: cacheDir });
    cleanup.push(built.outDir);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toMatch(/plugins +probe: 6 entities, 5 failed, \d+ requests, 0 from cache/);
    expect(built.stdout).not.toContain('running on the main thread');

    const { problems } = JSON.parse(await readFile(join(built.outDir, 'problems.json'), 'utf8'));
    const byEntity = Object.fromEntries(problems.map((p: { entityRef: string; message: string }) => [p.entityRef, p]));
    expect(Object.keys(byEntity).sort()).toEqual(['component:default/svc-echo-token', 'component:default/svc-garbage', 'component:default/svc-http500', 'component:default/svc-slow', 'component:default/svc-throw']);
    expect(byEntity['component:default/svc-throw']).toMatchObject({ severity: 'warning', repo: 'svc-throw', file: 'catalog-info.yaml', line: 1, plugin: 'probe', code: 'plugin-failed' });
    expect(byEntity['component:default/svc-throw'].message).toBe('Probe (probe plugin): the probe plugin crashed on purpose');
    expect(byEntity['component:default/svc-slow'].message).toMatch(/timed out after 500 ms/);
    expect(byEntity['component:default/svc-garbage'].message).toMatch(/did not match the plugin's schema \(healthy:/);
    expect(byEntity['component:default/svc-http500'].message).toMatch(/answered 500/);
    expect(byEntity['component:default/svc-echo-token'].message).toMatch(/answered 401: .*bad credentials: Bearer \[redacted\]/);

    const okPage = await readFile(join(built.outDir, 'catalog/default/component/svc-ok/index.html'), 'utf8');
    expect(okPage).toContain('Healthy');
    expect(okPage).toMatch(/as of <time datetime="[^"]+">\d\d:\d\d UTC, /);
    expect(okPage).toContain('Notes for svc-ok');
    const failedPage = await readFile(join(built.outDir, 'catalog/default/component/svc-http500/index.html'), 'utf8');
    expect(failedPage).toContain('Data unavailable.');
    expect(failedPage).toContain('Notes for svc-http500');
    expect(await readFile(join(built.outDir, 'catalog/default/component/svc-ok/probe/index.html'), 'utf8')).toContain('liveness');
    const probesPage = await readFile(join(built.outDir, 'plugins/probe/index.html'), 'utf8');
    expect(probesPage).toContain('<h1>Probes</h1>');
    expect(okPage).toContain('href="/plugins/probe/"');

    const catalog = JSON.parse(await readFile(join(built.outDir, 'catalog.json'), 'utf8'));
    const ok = catalog.entities.find((e: { metadata: { name: string } }) => e.metadata.name === 'svc-ok');
    expect(ok.plugins).toEqual({ probe: { healthy: true } });

    // The secret: nowhere in the site, the caches or the log.
    expect(built.stdout + built.stderr).not.toContain(token);
    for (const file of [...(await filesUnder(built.outDir)), ...(await filesUnder(cacheDir))]) {
      expect((await readFile(file)).includes(token), file).toBe(false);
    }

    // A rebuild within the cache TTL asks the service nothing that answered 200 before (ok, and garbage).
    // It runs the plugin stage on the main thread (a plugin without its module), with the same output.
    const requestsBefore = server.requests.filter((r) => r.url.includes('/ok/')).length;
    const again = await buildSite(['--config', config, '--repos', reposRoot], { PROBE_URL: server.url, PROBE_TOKEN: token, PLAYBILL_CACHE_DIR: cacheDir, PROBE_NOTES: 'main' });
    cleanup.push(again.outDir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('plugins  running on the main thread: the notes plugin does not name its module');
    expect(server.requests.filter((r) => r.url.includes('/ok/')).length).toBe(requestsBefore);
    expect(again.stdout).toMatch(/plugins +probe: 6 entities, 5 failed, \d+ requests, 2 from cache/);
    expect(await readFile(join(again.outDir, 'problems.json'), 'utf8')).toBe(await readFile(join(built.outDir, 'problems.json'), 'utf8'));
    expect(await readFile(join(again.outDir, 'catalog.json'), 'utf8')).toBe(await readFile(join(built.outDir, 'catalog.json'), 'utf8'));
    expect(await readFile(join(again.outDir, 'catalog/default/component/svc-ok/index.html'), 'utf8')).toBe(okPage);
  }, 300_000);

  it('fails in strict mode when plugin problems are configured as errors', async () => {
    // Also a plugin module the worker cannot import: the stage runs on the main thread, and the build says why.
    const built = await buildSite(['--config', config, '--repos', reposRoot, '--strict'], { PROBE_URL: server.url, PROBE_TOKEN: token, PROBE_PROBLEMS: 'error', PROBE_NOTES: 'unloadable' });
    cleanup.push(built.outDir);
    expect(built.code).not.toBe(0);
    expect(built.stdout).toMatch(/plugins  running on the main thread: the worker could not load them \(.*no-such-module\.ts/);
    expect(built.stdout + built.stderr).toMatch(/Strict mode: 5 problems at or above "error" severity/);
  }, 300_000);

  it('builds offline from an empty cache with every fetched panel unavailable and no requests', async () => {
    const before = server.requests.length;
    const built = await buildSite(['--config', config, '--repos', reposRoot, '--offline'], { PROBE_URL: server.url, PROBE_TOKEN: token });
    cleanup.push(built.outDir);
    expect(built.code, built.stderr).toBe(0);
    expect(server.requests.length).toBe(before);
    const page = await readFile(join(built.outDir, 'catalog/default/component/svc-ok/index.html'), 'utf8');
    expect(page).toContain('offline build: no cached response for GET');
  }, 300_000);
});
